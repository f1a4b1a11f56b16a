/** Pulumi components. Importing this loads @pulumi/pulumi and @pulumi/aws (the planner alone: `vpce-plan/plan`). */
export * from "./args";
export { EndpointPlan, ENDPOINT_PLAN_TYPE } from "./endpointPlan";
export { EndpointPlanError } from "./errors";
export { fromAwsxVpc, type FromAwsxVpcOptions } from "./awsx";
export { argsFromRequest } from "./fromRequest";
export { prepareRequest } from "./request";
export * from "./names";
export { EndpointHub, ENDPOINT_HUB_TYPE } from "./endpointHub";
export { EndpointSpoke, ENDPOINT_SPOKE_TYPE, type EndpointSpokeArgs, type ServiceResolution } from "./endpointSpoke";
export { NetworkTransit, CentralizeOption, DnsSharingOption, type EndpointHubArgs, type HubSpokeArgs } from "./hubRequest";
export {
  CONTRACT_VERSION,
  checkContract,
  type HubContract,
  type HubProfileContract,
  type HubServiceContract,
  type HubZoneContract,
  type SpokeContract,
} from "./contract";
export { endpointHubArgsShape, endpointPlanArgsShape, endpointSpokeArgsShape } from "./argsShape";
