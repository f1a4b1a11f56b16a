/** The pure planner: no Pulumi, no I/O. Safe to import from the CLI and from browsers. */
export * from "./types";
export { planEndpoints, endpointName, DEFAULT_MIN_AZS, SHARED_SECURITY_GROUP } from "./planner";
export { FACT_KEYS } from "./validate";
export { PlanRequestError, isPlanRequestError, formatProblems } from "./problems";
export { placeInterface, type Placement, type PlacementSubnet } from "./placement";
export { parseCidr } from "./cidr";
export { HOURS_PER_MONTH } from "./cost";
export { reconcile, compareWithExisting } from "./reconcile";
export * from "./multi";
export { shapeToJsonSchema, requestJsonSchema, networkRequestJsonSchema, SCHEMA_FILES, type JsonSchema } from "./jsonSchema";
// Each rule family's codes, for tools and the docs/codes.md tables that list them.
export { CODES as ACCESS_CODES } from "./rules/access";
export { CODES as SUBNET_CODES } from "./rules/subnets";
export { CODES as TRAFFIC_CODES } from "./rules/traffic";
export { CODES as ENDPOINT_OPTION_CODES, DNS_RECORD_IP_TYPES } from "./rules/endpointOptions";
export { CODES as QUOTA_CODES } from "./rules/quotas";
export { CODES as SECURITY_GROUP_CODES } from "./rules/securityGroups";
export { CODES as IP_TYPE_CODES } from "./rules/ipv6";
export { CODES as OVERLAP_CODES } from "./rules/cidrOverlap";
export { CODES as POLICY_DOCUMENT_CODES } from "./rules/policyDocument";
export { CODES as RESOLVER_CODES } from "./rules/resolver";
export { CODES as DNS_SHARING_CODES } from "./rules/dnsSharing";
export { CODES as ZONE_CODES } from "./rules/zones";
export { CODES as PRICE_CODES } from "./rules/prices";
export { CODES as ECR_LAYER_CODES } from "./rules/ecrLayers";
export { CODES as ENDPOINT_TYPE_CODES } from "./rules/endpointTypes";
