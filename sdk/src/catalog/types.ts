/** Types the catalog data is written in, which the planner's request and plan use too. */

export type EndpointType = "Gateway" | "Interface";

export interface PriceTable {
  interfaceHourUsd: number;
  /** Interface data processing per GB for the first PB a month in the region. */
  interfacePerGbUsd: number;
  /** Per GB for the next 4 PB a month. */
  interfacePerGbTier2Usd: number;
  /** Per GB above 5 PB a month. */
  interfacePerGbTier3Usd: number;
  /** Data transfer to another region per GB (cross-region interface endpoints). */
  interRegionPerGbUsd: number;
  natHourUsd: number;
  natPerGbUsd: number;
  transitGatewayPerGbUsd: number;
  crossAzPerGbUsd: number;
  /** Route 53 private hosted zone per month: the first 25 zones of an account, then `hostedZoneExtraMonthlyUsd`. */
  hostedZoneMonthlyUsd: number;
  hostedZoneExtraMonthlyUsd: number;
  /** Route 53 Profile, per hour per AWS account with Profile-VPC associations (covers its first 100). */
  profileAccountHourUsd: number;
  /** Route 53 Profile, per Profile-VPC association-hour beyond an account's first 100. */
  profileAssociationHourUsd: number;
  /** Route 53 Resolver endpoint, per ENI (IP address) per hour. */
  resolverEniHourUsd: number;
  /** Gateway Load Balancer endpoint per endpoint-hour; no catalog price (the request gives it). */
  gatewayLoadBalancerEndpointHourUsd?: number;
  /** Gateway Load Balancer endpoint data processing per GB; no catalog price (the request gives it). */
  gatewayLoadBalancerEndpointPerGbUsd?: number;
}
