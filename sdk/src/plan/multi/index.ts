/** The hub-and-spoke planner: pure like the single-VPC planner, and built on it. */
export * from "./types";
export { planNetwork } from "./planner";
export { isNetworkRequest } from "./schema";
export { optimalAssignment, exhaustiveAssignment, assignmentCost, type Assignment, type ServiceChoice, type SpokeOption } from "./optimize";
export { zonesFor, type ZoneShape } from "./zones";
