/**
 * What the EC2 API says about a VPC, reduced to the fields vpce-plan reasons about. Plain data
 * (no SDK types), so the planner bridge, the reconciler and the audit engine stay pure and can be
 * tested with hand-written snapshots.
 */

export interface VpcFacts {
  id: string;
  /** IPv4 CIDR blocks in the state `associated`. */
  cidrs: string[];
  ipv6Cidrs: string[];
  dnsSupport: boolean;
  dnsHostnames: boolean;
  isDefault: boolean;
  /** AWS account that owns the VPC. */
  ownerId?: string;
  name?: string;
}

export interface SubnetFacts {
  id: string;
  az: string;
  /** The AZ ID (`use1-az1`), the same physical AZ in every account. */
  azId?: string;
  cidr?: string;
  ipv6: boolean;
  /** Explicitly associated route table, or the VPC's main route table. */
  routeTableId?: string;
  name?: string;
  /** Every tag but `Name` (that one is `name`); absent when there are none. */
  tags?: Record<string, string>;
}

export interface RouteFacts {
  /** IPv4 or IPv6 CIDR, or the prefix list id. */
  destination: string;
  prefixListId?: string;
  natGatewayId?: string;
  /** `igw-...`, `local`, or `vpce-...` for a gateway endpoint's route. */
  gatewayId?: string;
  state?: string;
}

export interface RouteTableFacts {
  id: string;
  main: boolean;
  /** Subnets explicitly associated with this table. */
  subnetIds: string[];
  routes: RouteFacts[];
}

export interface NatGatewayFacts {
  id: string;
  subnetId?: string;
  state?: string;
}

export interface EndpointFacts {
  id: string;
  /** `Gateway`, `Interface`, or another type vpce-plan does not manage (`GatewayLoadBalancer`, ...). */
  type: string;
  serviceName: string;
  state: string;
  subnetIds: string[];
  routeTableIds: string[];
  securityGroupIds: string[];
  privateDns: boolean;
  /** The policy document as AWS returns it (JSON text); absent for types without policies. */
  policy?: string;
  ipAddressType?: string;
  name?: string;
}

export interface IngressFacts {
  /** `tcp`, `udp`, `icmp`, or `-1` for all traffic. */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  cidrs: string[];
  ipv6Cidrs: string[];
  /** Source security groups and prefix lists: scoped by construction, never flagged as broad. */
  groupIds: string[];
  prefixListIds: string[];
}

export interface SecurityGroupFacts {
  id: string;
  name: string;
  ingress: IngressFacts[];
}

/** One VPC and everything in it that endpoints depend on. */
export interface VpcSnapshot {
  region: string;
  vpc: VpcFacts;
  subnets: SubnetFacts[];
  routeTables: RouteTableFacts[];
  natGateways: NatGatewayFacts[];
  endpoints: EndpointFacts[];
  securityGroups: SecurityGroupFacts[];
}

export type { ServiceFacts, ServiceLookup } from "../services";

/** Endpoint states that still cost money and still count as "existing". */
export const LIVE_ENDPOINT_STATES = new Set(["available", "pending", "pendingacceptance", "modifying"]);

export const isLiveEndpoint = (e: EndpointFacts): boolean => LIVE_ENDPOINT_STATES.has(e.state.toLowerCase());
