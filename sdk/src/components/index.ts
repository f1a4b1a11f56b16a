/** Pulumi components. Importing this loads @pulumi/pulumi and @pulumi/aws (the planner alone: `vpce-plan/plan`). */
export * from "./args";
export { EndpointPlan, ENDPOINT_PLAN_TYPE } from "./endpointPlan";
export { EndpointPlanError } from "./errors";
export { fromAwsxVpc, type FromAwsxVpcOptions } from "./awsx";
export { argsFromRequest } from "./fromRequest";
export * from "./names";
