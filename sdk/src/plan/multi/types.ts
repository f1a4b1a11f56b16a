/**
 * The multi-VPC (hub and spokes) contract: the request the network planner reads and the plan it
 * returns. Like the single-VPC plan, the JSON form is public and versioned (`version: 1`).
 */
import type {
  AccessSpec,
  DefaultsSpec,
  Diagnostic,
  HaSpec,
  IngressRule,
  Plan,
  PlanFacts,
  PriceTable,
  QuotaSpec,
  Reason,
  SecurityGroupSpec,
  ServiceRequest,
  SubnetSpec,
  VpcSpec,
} from "../types";

export type TransitType = "transitGateway" | "peering";
/** Per spoke: `auto` lets cost decide, `required` forces the hub (or fails), `never` keeps all local. */
export type CentralizeMode = "auto" | "required" | "never";
export type ServicePlacement = "hub" | "local";
/** How the hub shares its endpoints' DNS: private hosted `zones`, a Route 53 `profile`, or `auto` (zones unless quota or cost say Profile). */
export type DnsSharingMode = "zones" | "profile" | "auto";

export interface NetworkVpcSpec extends VpcSpec {
  /** Region of the VPC; defaults to the request region. */
  region?: string;
  /** AWS account that owns the VPC (12 digits); another account than the hub's needs zone association authorizations. */
  accountId?: string;
}

export interface HubSpec {
  vpc: VpcSpec & { accountId?: string };
  subnets?: SubnetSpec[];
  /** Services the hub VPC itself uses (optional). */
  services?: Array<string | ServiceRequest>;
  bundles?: string[];
  access?: AccessSpec;
  traffic?: Record<string, number>;
  securityGroup?: SecurityGroupSpec;
}

export interface SpokeSpec {
  /** Unique name; resource names and security-group rule sources derive from it. */
  name: string;
  vpc: NetworkVpcSpec;
  subnets?: SubnetSpec[];
  services?: Array<string | ServiceRequest>;
  bundles?: string[];
  /** Expected GB a month per service key. */
  traffic?: Record<string, number>;
  centralize?: CentralizeMode;
  securityGroup?: SecurityGroupSpec;
}

export interface NetworkRequest {
  version?: number;
  region: string;
  hub: HubSpec;
  spokes: SpokeSpec[];
  transit: { type: TransitType };
  /** Default for every spoke's `centralize` (default `auto`). */
  centralize?: CentralizeMode;
  /** How spokes resolve the hub's shared endpoints (default `auto`). */
  dnsSharing?: DnsSharingMode;
  prices?: Partial<PriceTable>;
  ha?: HaSpec;
  defaults?: DefaultsSpec;
  facts?: PlanFacts;
  tags?: Record<string, string>;
  /** Raised quotas, for the hub and every spoke (each VPC is checked against them). */
  quotas?: QuotaSpec;
}

/** One (service, spoke) decision with the monthly cost of both options. */
export interface SpokeServiceDecision {
  spoke: string;
  placement: ServicePlacement;
  reasons: Reason[];
  cost: {
    expectedGb: number;
    /** The spoke's own interface endpoint (AZ-hours + per GB); null when it cannot have one. */
    localMonthlyUsd: number | null;
    /** Served by the hub: per-GB processing at the hub endpoint + transit; null when it cannot be. */
    hubMonthlyUsd: number | null;
    /** The transit part of hubMonthlyUsd. */
    transitMonthlyUsd: number | null;
    /** Transit USD per GB: Transit Gateway data processing, or the expected cross-AZ share of peering. */
    transitPerGbUsd: number | null;
    /** GB a month above which the spoke's own endpoint is cheaper than the hub's (given the hub endpoint exists). */
    breakEvenGb: number | null;
  };
}

export interface ServiceDecision {
  service: string;
  serviceName: string;
  port: number;
  /** `hub`: a hub endpoint with private hosted zones serves at least one spoke. */
  placement: ServicePlacement;
  endpointTypes: Array<"Gateway" | "Interface">;
  hubUses: boolean;
  /** Spokes served by the hub endpoint, sorted. */
  consumers: string[];
  /** Spokes with their own endpoint(s) for the service, sorted. */
  localIn: string[];
  reasons: Reason[];
  cost: {
    /** Every VPC that uses the service has its own endpoint. */
    localMonthlyUsd: number;
    /** The best assignment that has a hub endpoint (null when no spoke can use the hub). */
    centralizedMonthlyUsd: number | null;
    chosenMonthlyUsd: number;
    savingsUsd: number;
  };
  spokes: SpokeServiceDecision[];
}

export interface ZoneRecord {
  /** Fully qualified record name; `*.` names are wildcard records. */
  name: string;
  wildcard: boolean;
  /** A for ipv4 endpoints, A and AAAA for dualstack, AAAA for ipv6. */
  types: Array<"A" | "AAAA">;
  /** Alias target: the hub endpoint's regional DNS name (first DNS entry). */
  alias: { endpoint: string; dnsName: "regional" };
}

export interface ZoneAssociation {
  spoke: string;
  vpcId: string;
  region: string;
  accountId?: string;
  /** The spoke VPC is in another account than the hub: create a VpcAssociationAuthorization first. */
  authorizationRequired: boolean;
}

export interface PlannedZone {
  /** Zone name, e.g. `dkr.ecr.us-east-1.amazonaws.com`; unique in the plan. */
  name: string;
  service: string;
  /** Hub endpoint the records alias (its plan `name`). */
  endpoint: string;
  /** The zone is created with the hub VPC attached, so the hub resolves the service through it too. */
  hubVpcId: string;
  records: ZoneRecord[];
  associations: ZoneAssociation[];
}

/**
 * What sharing by Profile costs: billed to the Profile's owner (the hub's account) for every VPC
 * association, other accounts' included (Route 53 Developer Guide, "Billing and metering").
 */
export interface ProfileCost {
  monthlyUsd: number;
  payer: "profile owner";
  /** The account billed (the hub's, `hub` when the request names none): every association and the charge. */
  byAccount: Array<{ account: string; associations: number; monthlyUsd: number }>;
}

/** The choice between zones and a Profile, with both sides' size and cost. */
export interface DnsSharingPlan {
  requested: DnsSharingMode;
  mode: "zones" | "profile";
  reasons: Reason[];
  zones: {
    count: number;
    /** Zone-VPC associations the spokes create (the hub's own, made with each zone, not counted). */
    associations: number;
    /** VPCs on the busiest zone, the hub's included. */
    maxAssociationsPerZone: number;
    /** AWS's default VPCs per private hosted zone. */
    quota: number;
    /** The hub account's hosted zones a month (first 25 at the first-tier price). */
    monthlyUsd: number;
  };
  profile: ProfileCost & {
    /** One per consuming spoke VPC. */
    associations: number;
    /** AWS's default VPCs per Profile. */
    quota: number;
  };
}

/** The hub's Route 53 Profile (dnsSharing mode `profile`). */
export interface PlannedProfile {
  /** Resource-name stem. */
  name: "route53-profile";
  /** Hub endpoints (plan names) associated with the Profile; their private DNS stays on. */
  endpoints: string[];
  /** The spoke VPCs that associate the Profile (one association each), sorted by spoke. */
  associations: Array<{ spoke: string; vpcId: string; accountId?: string }>;
  /** Accounts other than the hub's that the Profile is shared with through AWS RAM, sorted. */
  sharedWith: string[];
  cost: ProfileCost;
}

export interface SpokePlan {
  name: string;
  vpcId: string;
  region: string;
  accountId?: string;
  crossRegion: boolean;
  crossAccount: boolean;
  centralize: CentralizeMode;
  transit: TransitType;
  /** Services the spoke reaches through the hub, sorted. */
  fromHub: string[];
  /** Services with their own endpoint in the spoke (gateway and interface), sorted. */
  local: string[];
  /** Hub zones to associate with the spoke VPC, sorted by name (none when the hub shares by Profile). */
  zoneAssociations: Array<{ zone: string; service: string; authorizationRequired: boolean }>;
  /** The spoke VPC associates the hub's Route 53 Profile (dnsSharing mode `profile`). */
  profileAssociation: boolean;
  /** The spoke's own endpoints, planned by planEndpoints; null when everything comes from the hub. */
  plan: Plan | null;
  cost: {
    localMonthlyUsd: number;
    /** Per-GB processing at the hub endpoints for this spoke's traffic (billed to the hub account). */
    hubDataMonthlyUsd: number;
    transitMonthlyUsd: number;
    monthlyUsd: number;
    /** The same spoke with its own endpoints for everything. */
    everyVpcOwnMonthlyUsd: number;
  };
}

export interface HubPlan {
  vpcId: string;
  accountId?: string;
  /** Services whose hub endpoint serves spokes (private DNS off, zones instead), sorted. */
  centralized: string[];
  /** The hub's endpoints (its own and the centralised ones), planned by planEndpoints; null when there are none. */
  plan: Plan | null;
  /**
   * Per centralised service: one rule per declared consumer (each spoke by name), before fitting; the
   * rules created are the endpoint's `securityGroup(s)` in `plan`, where adjacent blocks may merge.
   */
  ingress: Record<string, IngressRule[]>;
}

export interface NetworkCost {
  currency: "USD";
  /** The region whose list prices were used: the hub's, or us-east-1 under PRICES_ASSUMED. */
  priceRegion: string;
  /** Under PRICES_ASSUMED: the fields whose us-east-1 figures stand in for the hub region's. */
  pricesAssumed?: string[];
  prices: PriceTable;
  hubMonthlyUsd: number;
  spokesMonthlyUsd: number;
  transitMonthlyUsd: number;
  monthlyTotalUsd: number;
  everyVpcOwnMonthlyUsd: number;
  savingsUsd: number;
  /** DNS sharing (zones or Profile, `dnsSharing.mode`); not part of monthlyTotalUsd. */
  dnsMonthlyUsd: number;
}

export interface NetworkPlan {
  version: 1;
  kind: "network";
  region: string;
  transit: { type: TransitType };
  hub: HubPlan;
  services: ServiceDecision[];
  dnsSharing: DnsSharingPlan;
  /** Zones (dnsSharing mode `zones`; empty otherwise). */
  zones: PlannedZone[];
  /** The hub's Route 53 Profile (mode `profile` with something shared), else null. */
  profile: PlannedProfile | null;
  spokes: SpokePlan[];
  warnings: Diagnostic[];
  errors: [];
  cost: NetworkCost;
}
