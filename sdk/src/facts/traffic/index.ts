/** Measured traffic (DESIGN rules 17 and 20): log readers, the one query, the attribution, the report. Pure: no I/O. */
export * from "./flowLog";
export * from "./dnsLog";
export * from "./ipRanges";
export * from "./query";
export * from "./attribute";
export * from "./names";
export * from "./report";
export * from "./topology";
export * from "./sql";
export { duckdb, duckdbTextSource } from "./dialects/duckdb";
export { athena, athenaAnswersSource } from "./dialects/athena";
export * from "./merge";
