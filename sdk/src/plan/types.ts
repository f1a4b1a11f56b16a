/**
 * The planner's public contract: the request it reads and the plan it returns.
 * The CLI request file and `--format json` output are these shapes serialised, so every change
 * here is a versioned change (`version: 1`).
 */
import type { EndpointType, PriceTable } from "../catalog/types";

// The catalog describes services and regions with them too, and reads nothing of the planner.
export type { EndpointType, PriceTable };

/** The VPC endpoint types beyond gateway and interface, planned by plan/rules/endpointTypes.ts. */
export type LinkEndpointType = "GatewayLoadBalancer";
/** What the caller asks for; `Auto` lets the planner choose the cheapest correct type(s). */
export type RequestedType = "Auto" | "Gateway" | "Interface" | LinkEndpointType;
export type IpAddressType = "ipv4" | "dualstack" | "ipv6";
export type SecurityGroupMode = "perEndpoint" | "shared" | "existing";
export type PolicyTemplate = "full-access" | "organization-only" | "account-only" | "s3-buckets";
/** On-premises DNS: `create` a Route 53 Resolver inbound endpoint, use an `existing` one, or `none`. */
export type ResolverMode = "create" | "existing" | "none";
/** Every `DnsRecordIpType` the EC2 API accepts (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html). */
export type DnsRecordIpType = "ipv4" | "dualstack" | "ipv6" | "service-defined";

export interface VpcSpec {
  id: string;
  /** IPv4 CIDRs of the VPC: ingress sources for interface endpoints. */
  cidrs?: string[];
  /** IPv6 CIDRs of the VPC: ingress sources when an endpoint is dualstack or ipv6. */
  ipv6Cidrs?: string[];
  /** VPC attribute `enableDnsSupport`; undefined means unknown. */
  dnsSupport?: boolean;
  /** VPC attribute `enableDnsHostnames`; undefined means unknown. */
  dnsHostnames?: boolean;
}

export interface SubnetSpec {
  id: string;
  /** Availability Zone name (e.g. `us-east-1a`). Required by the planner. */
  az?: string;
  /**
   * Availability Zone ID (e.g. `use1-az1`): the same physical AZ in every account, where AZ names
   * differ. Without `az`, placement uses it as the subnet's AZ.
   */
  azId?: string;
  /** Route table the subnet uses; gateway endpoints add their route there. */
  routeTableId?: string;
  /** True when the subnet has an IPv6 CIDR (needed for dualstack / ipv6 endpoints). */
  ipv6?: boolean;
  /** True when the subnet has an IPv6 CIDR and no IPv4 CIDR: the only subnets an `ipv6` endpoint may use. */
  ipv6Only?: boolean;
  /** True when the subnet's route table sends traffic to an internet gateway; interface ENIs avoid it. @default false */
  public?: boolean;
  /** The subnet's tags, matched against `subnetTags` (`--from-aws` and the components fill them in). */
  tags?: Record<string, string>;
}

export interface PolicySpec {
  /** A template; ignored when `document` is given. */
  template?: PolicyTemplate;
  /** `organization-only`: the AWS Organization id (`o-...`). */
  organizationId?: string;
  /** `account-only`: the AWS account ids (12 digits). */
  accountIds?: string[];
  /** `s3-buckets`: bucket names the endpoint may reach. */
  buckets?: string[];
  /** A full IAM policy document, used as is. */
  document?: Record<string, unknown>;
}

export interface ServiceRequest {
  /** Catalog key (`secretsmanager`), full service name (`com.amazonaws.us-east-1.sts`). */
  name: string;
  type?: RequestedType;
  /** Private DNS for the interface endpoint; default true where the service has private DNS. */
  privateDns?: boolean;
  policy?: PolicySpec;
  /** Restrict the interface endpoint to these subnets (default: all request subnets). */
  subnetIds?: string[];
  /** Restrict the gateway endpoint to these route tables (default: all request route tables). */
  routeTableIds?: string[];
  ipAddressType?: IpAddressType;
  /** Use the service's FIPS endpoint service (e.g. `kms-fips`); an error where it has none in the region. Default `defaults.fips`. */
  fips?: boolean;
  /**
   * Region of the service when it is not the VPC's: a cross-region interface endpoint
   * (`serviceRegion`), for the services AWS lists as cross-region enabled. Default: the VPC's region.
   */
  region?: string;
  /** TCP port of an endpoint service outside the catalog (partner, SaaS, your own); default 443. */
  port?: number;
  /** Narrows the top-level `access` for this service's endpoints. @default the top-level access */
  access?: ServiceAccess;
  /** Tags of this service's endpoint, merged over the top-level `tags`. */
  tags?: Record<string, string>;
  /** Existing security groups attached to the interface endpoint beside the planned one. */
  securityGroupIds?: string[];
  /** DNS records AWS creates for the interface endpoint. @default the ipAddressType */
  dnsRecordIpType?: DnsRecordIpType;
  /**
   * `type: GatewayLoadBalancer`: the destination of the routes that send each `routeTableIds` table's
   * traffic to the Gateway Load Balancer endpoint in its AZ. @default "0.0.0.0/0"
   */
  destinationCidr?: string;
}

/** Per-service consumers: a subset of the top-level `access`, never a consumer it does not declare. */
export interface ServiceAccess {
  /** Workloads in this VPC use the service. @default the top-level fromVpc */
  fromVpc?: boolean;
  /** On-premises networks use the service. @default true when the top level declares them */
  onPremises?: boolean;
  /** Names of the top-level peer VPCs that use the service. @default every declared peer */
  peerVpcs?: string[];
  /** The top-level security groups whose members use the service. @default every declared group */
  securityGroups?: string[];
}

/** Expected GB a month of one service, by who sends it. */
export interface TrafficSpec {
  /** The VPC's own workloads (the only part NAT could carry). @default 0 */
  vpc?: number;
  /** On-premises networks, through the interface endpoint. @default 0 */
  onPremises?: number;
  /** Peer VPCs, through the interface endpoint. @default 0 */
  peers?: number;
}

export interface PeerVpcAccess {
  name: string;
  cidrs: string[];
  /** Region of the peer VPC; defaults to the request region. */
  region?: string;
}

export interface AccessSpec {
  /** Workloads in this VPC use the services (default true). */
  fromVpc?: boolean;
  /** Networks reaching the endpoints over Site-to-Site VPN or Direct Connect. */
  onPremises?: { cidrs: string[]; resolver?: ResolverMode };
  /** VPCs reaching the endpoints over peering or Transit Gateway. */
  peerVpcs?: PeerVpcAccess[];
  /** Other CIDRs to admit; `0.0.0.0/0` is only ever admitted when listed here. */
  extraCidrs?: string[];
  /** The VPC's consumers by security group: when given, ingress references them instead of the VPC CIDRs. */
  securityGroups?: string[];
}

export interface HaSpec {
  /** Fewer AZs than this is a warning (default 2). */
  minAzs?: number;
  /** Make the HA warning an error. */
  strict?: boolean;
}

export interface SecurityGroupSpec {
  mode?: SecurityGroupMode;
  /** `existing`: security group ids attached to every interface endpoint. */
  ids?: string[];
}

/**
 * Raised AWS quotas of the account (Service Quotas), one key per adjustable quota; the defaults are
 * AWS's (plan/rules/quotas.ts). Fixed limits (tag and policy sizes) have no key.
 */
export interface QuotaSpec {
  /** Interface (and Gateway Load Balancer) endpoints per VPC. @default 50 */
  interfaceEndpointsPerVpc?: number;
  /** Gateway endpoints per Region (per account). @default 20 */
  gatewayEndpointsPerRegion?: number;
  /** Inbound rules per security group, IPv4 and IPv6 counted apart. @default 60 */
  rulesPerSecurityGroup?: number;
  /** Security groups per network interface (an endpoint's ENIs). @default 5 */
  securityGroupsPerInterface?: number;
  /** VPCs associated with one private hosted zone. @default 300 */
  vpcsPerHostedZone?: number;
}

export interface DefaultsSpec {
  privateDns?: boolean;
  ipAddressType?: IpAddressType;
  policy?: PolicySpec;
  /** Every interface endpoint uses its service's FIPS endpoint service; an error for a service without one. Default false. */
  fips?: boolean;
}

/** Facts the planner needs from AWS; a request may give them, lookups may add them. */
export interface PlanFacts {
  /** Per catalog key: AZ names where the service offers endpoints. */
  serviceAzs?: Record<string, string[]>;
  /** Per catalog key: private DNS names reported by AWS (override the catalog). */
  servicePrivateDns?: Record<string, string[]>;
  /** Per catalog key: `ipv4` / `ipv6` support reported by AWS. */
  serviceIpTypes?: Record<string, string[]>;
  /** Per catalog key: whether the service accepts endpoint policies. */
  servicePolicy?: Record<string, boolean>;
  /** Per endpoint service (full name): whether its provider verified its private DNS name. */
  servicePrivateDnsVerified?: Record<string, boolean>;
  /** Per endpoint service (full name): whether the provider accepts connections by hand. */
  serviceAcceptanceRequired?: Record<string, boolean>;
  /**
   * Every endpoint service name the request's region lists (`DescribeVpcEndpointServices` unfiltered,
   * as a catalog overlay holds it): the region's whole list, so a catalog service it leaves out is
   * not offered there.
   */
  regionServiceNames?: string[];
  /** AWS account id of the caller, for the `account-only` template default. */
  accountId?: string;
  /** Per security group id: the VPC it belongs to (consumer groups must be in this VPC). */
  securityGroupVpcs?: Record<string, string>;
}

export interface PlanRequest {
  version?: number;
  region: string;
  vpc: VpcSpec;
  subnets?: SubnetSpec[];
  services?: Array<string | ServiceRequest>;
  bundles?: string[];
  access?: AccessSpec;
  ha?: HaSpec;
  /** Expected GB per month per service key: the VPC's own, or split by who sends it. */
  traffic?: Record<string, number | TrafficSpec>;
  /** Use only the subnets carrying all these tags (`subnets[].tags`). */
  subnetTags?: Record<string, string>;
  prices?: Partial<PriceTable>;
  securityGroup?: SecurityGroupSpec;
  defaults?: DefaultsSpec;
  facts?: PlanFacts;
  tags?: Record<string, string>;
  /** Raised quotas of the account; AWS's defaults otherwise. */
  quotas?: QuotaSpec;
}

export interface Reason {
  code: string;
  message: string;
}

export interface Diagnostic {
  code: string;
  message: string;
  /** Field path in the request (`services[2].name`), when one field is at fault. */
  path?: string;
  service?: string;
}

export interface Problem {
  code: string;
  path: string;
  message: string;
  hint: string;
}

export interface IngressRule {
  protocol: "tcp" | "udp";
  fromPort: number;
  toPort: number;
  /** The admitted block; absent when the rule admits a security group. */
  cidr?: string;
  /** The admitted security group (`source: "securityGroup"`), instead of a CIDR. */
  securityGroupId?: string;
  /** Who this rule admits: `vpc`, `securityGroup`, `onPremises`, `peer:<name>`, `extra`. */
  source: string;
  description: string;
  /** Present when declared blocks were merged into this one: exactly the blocks it stands for. */
  covers?: string[];
}

export interface PlannedSecurityGroup {
  /** Resource-name stem: the endpoint name, `endpoints` when shared, absent for existing ids. */
  name?: string;
  mode: SecurityGroupMode;
  ids?: string[];
  ingress: IngressRule[];
}

export interface DnsOptions {
  dnsRecordIpType: DnsRecordIpType;
  privateDnsOnlyForInboundResolverEndpoint?: boolean;
}

export interface NatComparison {
  /** What the same traffic costs through a NAT gateway (data processing only). */
  natMonthlyUsd: number;
  /** NAT cost minus endpoint cost; negative when the endpoint costs more. */
  savingsUsd: number;
  /** GB a month above which the endpoint is cheaper than NAT; null when it never is. */
  breakEvenGb: number | null;
}

/** The plan against NAT, for exactly the endpoints that carry the VPC's own traffic with a `traffic` entry. */
export interface PlanNatComparison {
  /** NAT data processing for the compared endpoints' traffic. */
  monthlyUsd: number;
  /** NAT cost minus the compared endpoints' cost. */
  savingsUsd: number;
  /** Names of the endpoints compared. */
  endpoints: string[];
  /** What the compared endpoints cost a month for the VPC's own traffic (what NAT is weighed against). */
  endpointsMonthlyUsd: number;
  /** Names of the other endpoints (no traffic given, or serving only consumers outside the VPC). */
  notCompared: string[];
  /** The rest of the plan, on top: the other endpoints and the compared ones' traffic from outside the VPC. */
  notComparedMonthlyUsd: number;
}

export interface EndpointCost {
  fixedMonthlyUsd: number;
  perGbUsd: number;
  expectedGb?: number;
  /** Processing plus, for a cross-region endpoint, inter-region transfer. */
  /** The parts of expectedGb, by who sends them (present when traffic was given). */
  trafficGb?: Required<TrafficSpec>;
  dataMonthlyUsd: number;
  /** Inter-region transfer per GB, for a cross-region endpoint (included in perGbUsd's total, not in perGbUsd). */
  transferPerGbUsd?: number;
  monthlyUsd: number;
  nat?: NatComparison;
}

export interface PlannedEndpoint {
  /** Stable resource-name stem: the service key, `-gateway` suffix for gateway endpoints. */
  name: string;
  service: string;
  serviceName: string;
  /** The service's region when it is not the plan's: the endpoint's `serviceRegion` (cross-region interface endpoint). */
  serviceRegion?: string;
  type: EndpointType;
  routeTableIds?: string[];
  subnetIds?: string[];
  azs?: string[];
  /** The AZ IDs of `azs` (same order), when every chosen subnet has one. */
  azIds?: string[];
  privateDns?: boolean;
  privateDnsNames?: string[];
  ipAddressType?: IpAddressType;
  dnsOptions?: DnsOptions;
  port?: number;
  /** The endpoint's first (or only) security group. */
  securityGroup?: PlannedSecurityGroup;
  /** Present when the rules are spread over several groups: all of them, `securityGroup` first. */
  securityGroups?: PlannedSecurityGroup[];
  /** Existing security groups attached beside `securityGroup` (`services[].securityGroupIds`). */
  extraSecurityGroupIds?: string[];
  /** Tags of the endpoint: the top-level tags with the service's own over them. */
  tags?: Record<string, string>;
  policy: Record<string, unknown> | null;
  /** Names of endpoints that must exist first. */
  dependsOn?: string[];
  reasons: Reason[];
  cost: EndpointCost;
  monthlyCostUsd: number;
}

export interface PlanCost {
  currency: "USD";
  /** The region whose list prices were used: the VPC's, or us-east-1 under PRICES_ASSUMED. */
  priceRegion: string;
  /** Under PRICES_ASSUMED: the fields whose us-east-1 figures stand in for the VPC region's. */
  pricesAssumed?: string[];
  prices: PriceTable;
  monthlyFixedUsd: number;
  monthlyDataUsd: number;
  monthlyTotalUsd: number;
  /** The Resolver inbound endpoint's ENI-hours, included in the fixed and total figures. */
  resolverMonthlyUsd?: number;
  /** Present when traffic was given: the same traffic through NAT, and the difference. */
  nat?: PlanNatComparison;
}

/** A Route 53 Resolver inbound endpoint: what on-premises DNS servers forward the services' names to. */
export interface PlannedResolver {
  /** Resource-name stem. */
  name: "resolver";
  direction: "INBOUND";
  /** One subnet per AZ, in AZ order; AWS requires two or more (one IP address each). */
  subnetIds: string[];
  azs: string[];
  /** TCP and UDP 53 from the on-premises CIDRs only. */
  securityGroup: PlannedSecurityGroup;
  reasons: Reason[];
  /** ENIs x resolverEniHourUsd x 730 h (queries are billed on top, per million). */
  monthlyCostUsd: number;
}

/** A route the plan creates: the route table's traffic to `destinationCidrBlock` goes to the endpoint. */
export interface PlannedRoute {
  routeTableId: string;
  destinationCidrBlock: string;
}

/**
 * A VPC endpoint of a type beyond gateway and interface (plan/rules/endpointTypes.ts). A Gateway Load
 * Balancer endpoint lives in one subnet, so the plan has one per AZ, each with the routes of that AZ.
 */
export interface PlannedLinkEndpoint {
  /** Resource-name stem: `<service key>-<az>` for a Gateway Load Balancer endpoint. */
  name: string;
  service: string;
  serviceName: string;
  type: LinkEndpointType;
  subnetIds: string[];
  azs: string[];
  /** The routes that send traffic to this endpoint. */
  routes: PlannedRoute[];
  tags?: Record<string, string>;
  reasons: Reason[];
  cost: EndpointCost;
  monthlyCostUsd: number;
}

export interface Plan {
  version: 1;
  region: string;
  vpcId: string;
  endpoints: PlannedEndpoint[];
  /** Endpoints of the types beyond gateway and interface (Gateway Load Balancer); absent when none. */
  linkEndpoints?: PlannedLinkEndpoint[];
  /** Present with `access.onPremises.resolver: create`. */
  resolver?: PlannedResolver;
  warnings: Diagnostic[];
  errors: Problem[];
  cost: PlanCost;
  /** Present when the plan was compared with the VPC's existing endpoints (`--from-aws`). */
  existing?: ExistingComparison;
}

/** An endpoint that already exists in the VPC, as read from the EC2 API. */
export interface ExistingEndpoint {
  id: string;
  serviceName: string;
  type: EndpointType;
  subnetIds?: string[];
  routeTableIds?: string[];
  privateDns?: boolean;
}

/** A planned endpoint that an existing one already provides. */
export interface KeptEndpoint {
  /** The planned endpoint's `name`. */
  name: string;
  id: string;
  service: string;
  type: EndpointType;
  /** Where the existing endpoint differs from the plan (what adopting it would change). */
  changes: EndpointChange[];
}

export interface EndpointChange {
  field: "subnetIds" | "routeTableIds" | "privateDns";
  existing: string[] | boolean;
  planned: string[] | boolean;
}

/** An existing endpoint the plan does not need. */
export interface RemovableEndpoint {
  id: string;
  serviceName: string;
  /** Catalog key, when the service is in the catalog. */
  service?: string;
  type: EndpointType;
  /** `NOT_REQUESTED`: the request does not need it; `DUPLICATE`: another endpoint is kept for the same service. */
  reason: "NOT_REQUESTED" | "DUPLICATE";
  message: string;
  /** The fixed monthly charge deleting it saves (interface: AZ-hours; gateway: 0). */
  monthlySavingUsd: number;
}

export interface ExistingComparison {
  kept: KeptEndpoint[];
  /** Names of planned endpoints that do not exist yet. */
  create: string[];
  removable: RemovableEndpoint[];
  /** Monthly cost of the endpoints to create (their `monthlyCostUsd`). */
  createMonthlyUsd: number;
  /** Monthly saving of deleting every removable endpoint. */
  removableMonthlySavingUsd: number;
}
