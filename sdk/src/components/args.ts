/**
 * Arguments and outputs of `EndpointPlan`. They mirror the CLI request (docs/request.md) so
 * there is one mental model, with two differences: ids are `pulumi.Input<string>` (they may come
 * from resources created in the same program), and per-service options live in `serviceOptions`.
 *
 * Everything a decision depends on (service names, AZ names, access declarations) is plain, so the
 * plan is known at preview time. No union types (string enums only): the schema analyzer of
 * `@pulumi/pulumi/provider/experimental` must accept these interfaces to publish the component to
 * other languages. Type-only Pulumi import: the CLI loads this module without loading Pulumi.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ServiceFacts } from "../facts/services";

/** Which endpoint type(s) to create for a service. */
export const RequestedEndpointType = {
  /** Let the planner choose the cheapest correct type(s) (default). */
  Auto: "Auto",
  /** Force a gateway endpoint (S3, DynamoDB and S3 Express only). */
  Gateway: "Gateway",
  /** Force an interface endpoint, even where a free gateway exists. */
  Interface: "Interface",
  /** A Gateway Load Balancer endpoint per AZ to an appliance's endpoint service, with routes to it (`routeTableIds`). */
  GatewayLoadBalancer: "GatewayLoadBalancer",
} as const;
export type RequestedEndpointType = (typeof RequestedEndpointType)[keyof typeof RequestedEndpointType];

/** IP address type of an interface endpoint. */
export const EndpointIpAddressType = {
  /** IPv4 only (default). */
  Ipv4: "ipv4",
  /** IPv4 and IPv6: every chosen subnet needs an IPv6 CIDR. */
  Dualstack: "dualstack",
  /** IPv6 only: every chosen subnet needs an IPv6 CIDR. */
  Ipv6: "ipv6",
} as const;
export type EndpointIpAddressType = (typeof EndpointIpAddressType)[keyof typeof EndpointIpAddressType];

/** DNS records AWS creates for an interface endpoint (every value `DnsRecordIpType` accepts). */
export const EndpointDnsRecordIpType = {
  /** A records; the endpoint must be ipv4 or dualstack. */
  Ipv4: "ipv4",
  /** A and AAAA records; the endpoint must be dualstack. */
  Dualstack: "dualstack",
  /** AAAA records; the endpoint must be ipv6 or dualstack. */
  Ipv6: "ipv6",
  /** A records for all names, AAAA for the regional and zonal names; the endpoint must be dualstack. */
  ServiceDefined: "service-defined",
} as const;
export type EndpointDnsRecordIpType = (typeof EndpointDnsRecordIpType)[keyof typeof EndpointDnsRecordIpType];

/** How interface endpoints get security groups. */
export const EndpointSecurityGroupMode = {
  /** One security group per interface endpoint, admitting only that endpoint's consumers (default). */
  PerEndpoint: "perEndpoint",
  /** One security group shared by every interface endpoint, with the union of the rules. */
  Shared: "shared",
  /** Attach existing security groups (`securityGroup.ids`); the component creates none. */
  Existing: "existing",
} as const;
export type EndpointSecurityGroupMode = (typeof EndpointSecurityGroupMode)[keyof typeof EndpointSecurityGroupMode];

/** Endpoint policy templates. */
export const EndpointPolicyTemplate = {
  /** AWS default policy: full access for any principal (no document). */
  FullAccess: "full-access",
  /** Only principals of one AWS Organization (`aws:PrincipalOrgID`). */
  OrganizationOnly: "organization-only",
  /** Only principals of the given accounts (`aws:PrincipalAccount`). */
  AccountOnly: "account-only",
  /** S3 only: just these buckets and their objects. */
  S3Buckets: "s3-buckets",
} as const;
export type EndpointPolicyTemplate = (typeof EndpointPolicyTemplate)[keyof typeof EndpointPolicyTemplate];

/** The VPC the endpoints go into. */
export interface VpcArgs {
  /** VPC id. */
  id: pulumi.Input<string>;
  /** IPv4 CIDRs of the VPC (ingress sources). Looked up with `aws.ec2.getVpc` when omitted and `id` is a plain string. */
  cidrs?: string[];
  /** IPv6 CIDRs of the VPC (ingress sources for dualstack/ipv6 endpoints). */
  ipv6Cidrs?: string[];
  /** VPC attribute `enableDnsSupport` (needed for private DNS). Looked up when omitted and `id` is a plain string. */
  dnsSupport?: boolean;
  /** VPC attribute `enableDnsHostnames` (needed for private DNS). Looked up when omitted and `id` is a plain string. */
  dnsHostnames?: boolean;
}

/** A candidate subnet for interface endpoint ENIs (one per AZ is used). */
export interface SubnetArgs {
  /** Subnet id. */
  id: pulumi.Input<string>;
  /** Availability Zone name. Looked up with `aws.ec2.getSubnet` when omitted and `id` is a plain string; required when `id` is an Output. */
  az?: string;
  /**
   * Availability Zone ID (`use1-az1`): the same physical AZ in every account. Looked up beside `az`;
   * without `az` it places the subnet.
   * @default looked up with `aws.ec2.getSubnet` when `id` is a plain string
   */
  azId?: string;
  /** Route table of the subnet: gateway endpoints add their route there. */
  routeTableId?: pulumi.Input<string>;
  /** True when the subnet has an IPv6 CIDR (needed for dualstack/ipv6 endpoints). Looked up with `aws.ec2.getSubnet` when `az` is too. @default false */
  ipv6?: boolean;
  /**
   * True when the subnet's route table sends traffic to an internet gateway: interface ENIs go
   * there only when its AZ has no other subnet.
   * @default looked up from the route table when `id` is a plain string, else false
   */
  public?: boolean;
  /**
   * The subnet's tags, matched against `subnetTags`.
   * @default looked up with `aws.ec2.getSubnet` when `subnetTags` is given and `id` is a plain string
   */
  tags?: { [key: string]: string };
  /** True when the subnet has an IPv6 CIDR and no IPv4 CIDR (the only subnets `ipv6` endpoints take). Looked up like `ipv6`. @default false */
  ipv6Only?: boolean;
}

/** Raised AWS quotas of the account (Service Quotas); AWS's defaults otherwise. Fixed limits have no field. */
export interface QuotaArgs {
  /** Interface (and Gateway Load Balancer) endpoints per VPC. @default 50 */
  interfaceEndpointsPerVpc?: number;
  /** Gateway endpoints per Region. @default 20 */
  gatewayEndpointsPerRegion?: number;
  /** Inbound rules per security group (IPv4 and IPv6 counted apart). @default 60 */
  rulesPerSecurityGroup?: number;
  /** Security groups per network interface. @default 5 */
  securityGroupsPerInterface?: number;
  /** VPCs associated with one private hosted zone. @default 300 */
  vpcsPerHostedZone?: number;
}

/** An endpoint policy: a template, or a full document. */
export interface PolicyArgs {
  /** A policy template; ignored when `document` is given. */
  template?: EndpointPolicyTemplate;
  /** `organization-only`: the AWS Organization id (`o-...`). */
  organizationId?: string;
  /** `account-only`: the AWS account ids (12 digits). */
  accountIds?: string[];
  /** `s3-buckets`: the bucket names the endpoint may reach. */
  buckets?: string[];
  /** A full IAM policy document as JSON text, used as is. */
  document?: string;
}

/** Options for one service (key: a name listed in `services`, or a service of a bundle). */
export interface ServiceOptionsArgs {
  /** Endpoint type: Auto (default), Gateway or Interface. */
  type?: RequestedEndpointType;
  /** Private DNS for the interface endpoint; default true where the service has private DNS. */
  privateDns?: boolean;
  /** Endpoint policy for this service (overrides `defaults.policy`). */
  policy?: PolicyArgs;
  /** Restrict the interface endpoint to these subnets (plain ids listed under `subnets`). */
  subnetIds?: string[];
  /** Restrict the gateway endpoint to these route tables (plain ids). */
  routeTableIds?: string[];
  /** IP address type of the interface endpoint. */
  ipAddressType?: EndpointIpAddressType;
  /**
   * Use the service's FIPS endpoint service (e.g. `kms-fips`); an error where the region has none.
   * @default `defaults.fips`
   */
  fips?: boolean;
  /**
   * Narrows `access` for this service: only consumers the top level declares.
   * @default the top-level access
   */
  access?: ServiceAccessArgs;
  /**
   * Tags of this service's endpoint (and its own security group), merged over `tags`.
   * @default the top-level tags
   */
  tags?: { [key: string]: string };
  /**
   * Existing security groups attached to the interface endpoint beside the planned one (they count
   * towards AWS's 5 groups per network interface).
   * @default none
   */
  securityGroupIds?: pulumi.Input<string>[];
  /**
   * DNS records AWS creates for the interface endpoint.
   * @default the endpoint's ipAddressType
   */
  dnsRecordIpType?: EndpointDnsRecordIpType;
  /**
   * Region of the service when it is not the VPC's: a cross-region interface endpoint (the endpoint's
   * `serviceRegion`), for the services AWS lists as cross-region enabled.
   * @default the VPC's region
   */
  region?: string;
  /**
   * TCP port of an endpoint service outside the catalog (partner, SaaS, your own), asked for by its
   * full name `com.amazonaws.vpce.<region>.vpce-svc-...` in `services`.
   * @default 443
   */
  port?: number;
  /**
   * `type: GatewayLoadBalancer`: destination of the routes from `routeTableIds` to the endpoint in their AZ.
   * @default "0.0.0.0/0"
   */
  destinationCidr?: string;
}

/** Who uses one service: a subset of the top-level `access`. */
export interface ServiceAccessArgs {
  /**
   * Workloads in this VPC use the service.
   * @default the top-level fromVpc
   */
  fromVpc?: boolean;
  /**
   * The declared on-premises networks use the service.
   * @default true when `access.onPremises` is given
   */
  onPremises?: boolean;
  /**
   * Names of declared peer VPCs that use the service.
   * @default every peer in `access.peerVpcs`
   */
  peerVpcs?: string[];
  /**
   * Groups of `access.securityGroups` whose members use the service.
   * @default every group in `access.securityGroups`
   */
  securityGroups?: string[];
}

/** Expected GB a month of one service, by who sends it. */
export interface TrafficArgs {
  /**
   * The VPC's own workloads (the only part a NAT gateway could carry).
   * @default 0
   */
  vpc?: number;
  /**
   * On-premises networks, through the interface endpoint.
   * @default 0
   */
  onPremises?: number;
  /**
   * Peer VPCs, through the interface endpoint.
   * @default 0
   */
  peers?: number;
}

/** How on-premises clients resolve the endpoints' private DNS names. */
export const OnPremisesResolver = {
  /** Create a Route 53 Resolver inbound endpoint (2+ AZs, TCP/UDP 53 from the on-premises CIDRs); its IP addresses are exported. */
  Create: "create",
  /** The team runs an inbound endpoint already: no warning, nothing created. */
  Existing: "existing",
  /** No inbound endpoint: the plan warns what one costs a month. */
  None: "none",
} as const;
export type OnPremisesResolver = (typeof OnPremisesResolver)[keyof typeof OnPremisesResolver];

/** Networks reaching the endpoints over Site-to-Site VPN or Direct Connect. */
export interface OnPremisesArgs {
  /** On-premises CIDRs admitted by the interface endpoints' security groups. */
  cidrs: string[];
  /**
   * A Route 53 Resolver inbound endpoint for on-premises DNS: create, existing or none.
   * @default "none"
   */
  resolver?: OnPremisesResolver;
}

/** A VPC reaching the endpoints over peering or Transit Gateway. */
export interface PeerVpcArgs {
  /** A unique label (used in reasons and rule descriptions). */
  name: string;
  /** CIDRs of the peer VPC. */
  cidrs: string[];
  /** Region of the peer VPC; defaults to this VPC's region. Another region needs an interface endpoint. */
  region?: string;
}

/** Who must reach the endpoints. */
export interface AccessArgs {
  /** Workloads in this VPC use the services (default true). */
  fromVpc?: boolean;
  /** On-premises networks. */
  onPremises?: OnPremisesArgs;
  /** Peer VPCs. */
  peerVpcs?: PeerVpcArgs[];
  /** Any other CIDRs to admit; `0.0.0.0/0` is only ever admitted when listed here. */
  extraCidrs?: string[];
  /**
   * The VPC's consumers by security group (plain ids of this VPC's groups; rule names derive from
   * them): interface endpoints admit these groups instead of the VPC's CIDRs.
   * @default none: the VPC's CIDRs are admitted
   */
  securityGroups?: string[];
}

/** Availability requirements for interface endpoints. */
export interface HaArgs {
  /** Fewer AZs than this is a warning (default 2). */
  minAzs?: number;
  /** Make too few AZs an error instead of a warning. */
  strict?: boolean;
}

/** Price overrides (USD); unset fields use the region's list prices. */
export interface PricesArgs {
  /** Interface endpoint, per endpoint per AZ-hour. */
  interfaceHourUsd?: number;
  /** Interface endpoint, per GB processed. */
  interfacePerGbUsd?: number;
  /**
   * Interface endpoint, per GB for the next 4 PB a month.
   * @default the region's list price
   */
  interfacePerGbTier2Usd?: number;
  /**
   * Interface endpoint, per GB above 5 PB a month.
   * @default the region's list price
   */
  interfacePerGbTier3Usd?: number;
  /**
   * Data transfer to another region, per GB (cross-region interface endpoints).
   * @default the region's list price
   */
  interRegionPerGbUsd?: number;
  /** NAT gateway, per hour. */
  natHourUsd?: number;
  /** NAT gateway, per GB processed. */
  natPerGbUsd?: number;
  /** Transit Gateway, per GB. */
  transitGatewayPerGbUsd?: number;
  /** Cross-AZ data transfer, per GB. */
  crossAzPerGbUsd?: number;
  /** Route 53 private hosted zone per month, the first 25 of an account. */
  hostedZoneMonthlyUsd?: number;
  /** Route 53 private hosted zone per month beyond the first 25. */
  hostedZoneExtraMonthlyUsd?: number;
  /** Route 53 Profile per hour per account with Profile-VPC associations (its first 100). */
  profileAccountHourUsd?: number;
  /** Route 53 Profile per association-hour beyond an account's first 100. */
  profileAssociationHourUsd?: number;
  /** Route 53 Resolver endpoint per ENI-hour. */
  resolverEniHourUsd?: number;
  /** Gateway Load Balancer endpoint per endpoint-hour (the catalog has no price for it). */
  gatewayLoadBalancerEndpointHourUsd?: number;
  /** Gateway Load Balancer endpoint data processing per GB (the catalog has no price for it). */
  gatewayLoadBalancerEndpointPerGbUsd?: number;
}

/** Security groups of the interface endpoints. */
export interface SecurityGroupArgs {
  /** perEndpoint (default), shared or existing. */
  mode?: EndpointSecurityGroupMode;
  /** `existing`: the security group ids to attach to every interface endpoint. */
  ids?: pulumi.Input<string>[];
}

/** Defaults for every service without its own option. */
export interface DefaultsArgs {
  /** Private DNS default. */
  privateDns?: boolean;
  /** IP address type default. */
  ipAddressType?: EndpointIpAddressType;
  /** Policy applied to every endpoint whose service accepts policies. */
  policy?: PolicyArgs;
  /**
   * Every interface endpoint uses its service's FIPS endpoint service; an error for a service
   * without one in the region (opt out per service with `serviceOptions.<key>.fips: false`).
   * @default false
   */
  fips?: boolean;
}

/** Facts normally looked up from AWS; given here they win over lookups. */
export interface FactsArgs {
  /** Per service key: AZ names where the service offers endpoints. */
  serviceAzs?: { [service: string]: string[] };
  /** Per service key: the service's private DNS names. */
  servicePrivateDns?: { [service: string]: string[] };
  /** Per service key: supported IP types (`ipv4`, `ipv6`). */
  serviceIpTypes?: { [service: string]: string[] };
  /** Per service key: whether the service accepts endpoint policies. */
  servicePolicy?: { [service: string]: boolean };
  /** Per endpoint service (full name): whether its provider verified its private DNS name. */
  servicePrivateDnsVerified?: { [service: string]: boolean };
  /** Per endpoint service (full name): whether its provider accepts connections by hand. */
  serviceAcceptanceRequired?: { [service: string]: boolean };
  /**
   * Every endpoint service name the VPC's region lists (the region's whole list): a catalog
   * service it leaves out is `SERVICE_UNAVAILABLE`. The `catalogOverlay` arg gives it.
   */
  regionServiceNames?: string[];
  /** AWS account id, for the `account-only` policy template default. */
  accountId?: string;
  /**
   * Per security group id: its VPC (consumer groups must be in this VPC).
   * @default looked up with `aws.ec2.getSecurityGroup` for plain ids
   */
  securityGroupVpcs?: { [securityGroupId: string]: string };
}

/** One service of a catalog overlay, as DescribeVpcEndpointServices reported it: the facts shape every source yields. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a named args type for the schema, one home for its fields
export interface OverlayServiceArgs extends ServiceFacts {}

/**
 * A catalog overlay as `vpce-plan catalog --from-aws --write FILE` saves it (parse the file and pass
 * it): its service facts are used ahead of the built-in catalog; `facts` and lookups still win.
 */
export interface CatalogOverlayArgs {
  /** `vpce-plan/catalog-overlay`. */
  kind: string;
  /** 1. */
  version: number;
  /** The region it was read in: must be the VPC's. */
  region: string;
  /** The region hosting its services, when read with --service-region. */
  serviceRegion?: string;
  /** The services. */
  services: OverlayServiceArgs[];
}

/** Arguments of `EndpointPlan`. */
export interface EndpointPlanArgs {
  /** The VPC. */
  vpc: VpcArgs;
  /**
   * Candidate subnets for interface endpoints; their route tables receive gateway routes.
   * @default the VPC's subnets carrying `subnetTags` (looked up)
   */
  subnets?: SubnetArgs[];
  /**
   * Use only subnets with all these tags (e.g. `{ tier: "private" }`); with no `subnets`, the
   * VPC's subnets are looked up by them.
   * @default every subnet in `subnets`
   */
  subnetTags?: { [key: string]: string };
  /** Services: catalog keys (`secretsmanager`) or full service names (`com.amazonaws.us-east-1.sts`). */
  services?: string[];
  /** Workload bundles (`ecs-fargate`, `eks-private-nodes`, ...), expanded to their services. */
  bundles?: string[];
  /** Per-service options, keyed by a name in `services` or a service key of a bundle. */
  serviceOptions?: { [service: string]: ServiceOptionsArgs };
  /** Who must reach the endpoints besides the VPC's own workloads. */
  access?: AccessArgs;
  /** Minimum AZs for interface endpoints. */
  ha?: HaArgs;
  /** Expected GB per month per service key (the VPC's own), for the cost and NAT comparison. */
  traffic?: { [service: string]: number };
  /**
   * Expected GB per month per service key, split by who sends it (on-premises and peer traffic is
   * priced on the interface endpoint). A key may be in `traffic` or here, not both.
   * @default none
   */
  trafficBySource?: { [service: string]: TrafficArgs };
  /** Price overrides. */
  prices?: PricesArgs;
  /** Security groups: one per endpoint (default), one shared, or existing ids. */
  securityGroup?: SecurityGroupArgs;
  /** Defaults for every service. */
  defaults?: DefaultsArgs;
  /** Tags for every resource the component creates (a `Name` tag is added per resource). */
  tags?: { [key: string]: string };
  /** Raised quotas of the account; the plan is checked against AWS's defaults otherwise. @default AWS's defaults */
  quotas?: QuotaArgs;
  /** AWS region (the @pulumi/aws v7 per-resource region). Default: the provider's region (`aws.getRegion`). */
  region?: string;
  /** Facts that win over lookups (service AZs, private DNS names, ...). */
  facts?: FactsArgs;
  /**
   * Service facts read from an account (`vpce-plan catalog --from-aws --write FILE`, parsed), used
   * ahead of the built-in catalog; lookups and `facts` win over it.
   * @default none: the built-in catalog
   */
  catalogOverlay?: CatalogOverlayArgs;
  /** Look facts up with invokes (default true). `false`: use only the args and `facts` (offline, or tests). */
  lookups?: boolean;
}

/** One DNS entry of an endpoint. */
export interface EndpointDnsEntry {
  /** The DNS name. */
  dnsName: string;
  /** The id of its hosted zone. */
  hostedZoneId: string;
}

/** What the component exports per endpoint. */
export interface EndpointOutput {
  /** VPC endpoint id. */
  id: string;
  /** VPC endpoint ARN (interface endpoints; a Route 53 Profile associates the endpoint by it). */
  arn?: string;
  /** `Gateway`, `Interface` or `GatewayLoadBalancer` (one per AZ, named `<service id>-<az>`). */
  type: string;
  /** The AWS service name. */
  serviceName: string;
  /** Every DNS entry AWS reports (interface endpoints). */
  dnsEntries: EndpointDnsEntry[];
  /** Regional DNS name (interface endpoints). */
  regionalDnsName?: string;
  /** One DNS name per AZ (interface endpoints). */
  zonalDnsNames?: string[];
  /** The service's prefix list (gateway endpoints). */
  prefixListId?: string;
  /** The security group the component created for the endpoint, or the first existing one (interface endpoints). */
  securityGroupId?: string;
}

/** What the component exports for the Resolver inbound endpoint it created. */
export interface ResolverOutput {
  /** Resolver endpoint id (`rslvr-in-...`). */
  id: string;
  /** Its ARN. */
  arn: string;
  /** The IP addresses on-premises DNS servers forward the services' names to. */
  ipAddresses: string[];
  /** The security group admitting TCP and UDP 53 from the on-premises CIDRs. */
  securityGroupId: string;
}

/** A warning of the plan. */
export interface PlanWarning {
  /** Machine-readable code (docs/codes.md). */
  code: string;
  /** The sentence. */
  message: string;
  /** The service concerned, when one is. */
  service?: string;
  /** The argument at fault, when one is. */
  path?: string;
}
