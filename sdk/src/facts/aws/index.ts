/**
 * Facts from the EC2 API (AWS SDK v3). Importing this module loads the SDK; the CLI requires it
 * lazily, only on the paths that talk to AWS.
 */
export { openEc2, type AwsOptions, type Ec2Session } from "./client";
export { AwsFactsError, explainAwsError } from "./errors";
export { paginate, type Page } from "./paginate";
export { readVpcSnapshots, readServices, readServiceGroups, readAllServices, readSecurityGroupVpcs, mergeServiceDetails } from "./reader";
export { completeRequest, existingEndpoints, factsFromServices, type Completion } from "./request";
export { factsNeeded, serviceNamesByRegion, type FactsNeeded, type ServiceNeed } from "../needs";
export * from "./snapshot";
export { compareWithCatalog, overlayFacts, overlayOf, readOverlay, type CatalogOverlay, type CatalogDiffRow } from "../overlay";
