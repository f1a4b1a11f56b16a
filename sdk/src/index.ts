export * from "./plan";
export * from "./components";
