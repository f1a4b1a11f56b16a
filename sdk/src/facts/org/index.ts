/**
 * Reading a whole organization: the fan-out scheduler, the account and region lister, and the
 * per-account sessions. Readers for one account (`vpce-plan/aws`) stay as they are.
 */
export * from "./scheduler";
export * from "./accounts";
export * from "./read";
export * from "./network";
export * from "./config";
