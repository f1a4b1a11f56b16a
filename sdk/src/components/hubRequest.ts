/**
 * `EndpointHub`'s args and their translation into the network planner's request, plus the way back
 * from the planner's paths (`spokes[1].vpc.cidrs`) to the args (`spokes[1].cidrs`). The hub's own
 * VPC goes through the single-VPC translation (prepareRequest), so Output ids, serviceOptions and
 * policies behave exactly as in `EndpointPlan`. No Pulumi runtime import.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { NetworkRequest, SpokeSpec } from "../plan/multi/types";
import type { PlanRequest, Problem } from "../plan/types";
import type { EndpointPlanArgs } from "./args";
import type { NetworkFound } from "../facts/needs";
import { isPlain, prepareRequest, type PreparedRequest } from "./request";

/** How spokes reach the hub: priced per GB in the hub-or-local decision. */
export const NetworkTransit = {
  /** Transit Gateway: its data processing per GB. */
  TransitGateway: "transitGateway",
  /** VPC peering: cross-AZ transfer for the share of traffic that crosses AZs. */
  Peering: "peering",
} as const;
export type NetworkTransit = (typeof NetworkTransit)[keyof typeof NetworkTransit];

/** Whether a spoke may take interface services from the hub. */
export const CentralizeOption = {
  /** Cost decides per service (default). */
  Auto: "auto",
  /** Every interface service from the hub (an error where that is impossible). */
  Required: "required",
  /** The spoke keeps its own endpoints. */
  Never: "never",
} as const;
export type CentralizeOption = (typeof CentralizeOption)[keyof typeof CentralizeOption];

/** How spokes resolve the hub's shared endpoints. */
export const DnsSharingOption = {
  /** Private hosted zones associated with each spoke, unless a quota forces a Profile or a Profile costs less (default). */
  Auto: "auto",
  /** One private hosted zone per shared name, associated with each consuming spoke VPC. */
  Zones: "zones",
  /** One Route 53 Profile with the shared endpoints, shared through AWS RAM; each spoke VPC associates it. */
  Profile: "profile",
} as const;
export type DnsSharingOption = (typeof DnsSharingOption)[keyof typeof DnsSharingOption];

/** A spoke VPC as the hub knows it: enough to decide, to admit its CIDRs, and to authorize its zone associations. */
export interface HubSpokeArgs {
  /** Unique name; the spoke's `EndpointSpoke` finds its entry in the contract by it, and resource names use it. */
  name: string;
  /** The spoke VPC (zone association authorizations name it). */
  vpcId: pulumi.Input<string>;
  /** The spoke's IPv4 CIDRs: admitted by the security groups of the hub endpoints it uses. */
  cidrs: string[];
  /** The spoke's IPv6 CIDRs (for dualstack/ipv6 hub endpoints). */
  ipv6Cidrs?: string[];
  /** The spoke's region (default: the hub's). Hosted zones are per region: another region keeps its own endpoints. */
  region?: string;
  /** The spoke's AWS account (12 digits); another account than the hub's gets a VpcAssociationAuthorization per zone. */
  accountId?: string;
  /** Services the spoke needs (catalog keys or service names). */
  services?: string[];
  /** Workload bundles the spoke runs. */
  bundles?: string[];
  /** Expected GB a month per service key: the hub-or-local decision weighs it against the transit price. */
  traffic?: { [service: string]: number };
  /** AZs of the spoke's endpoint subnets, to price its own endpoints (default: the hub's AZs, or `<region>a`/`b` in another region). */
  azs?: string[];
  /** auto (default), required or never. */
  centralize?: CentralizeOption;
}

/** Arguments of `EndpointHub`: the hub VPC like `EndpointPlan` (its `services` are the ones the hub uses itself), plus the spokes. */
export interface EndpointHubArgs extends EndpointPlanArgs {
  /** The spoke VPCs that may consume the hub's endpoints. */
  spokes: HubSpokeArgs[];
  /** How spokes reach the hub (default transitGateway). */
  transit?: NetworkTransit;
  /** Default `centralize` of every spoke (default auto). */
  centralize?: CentralizeOption;
  /**
   * DNS sharing: private hosted zones, a Route 53 Profile, or auto (zones unless the zones' VPC-association quota forces a Profile or a Profile costs less).
   * @default "auto"
   */
  dnsSharing?: DnsSharingOption;
  /**
   * Share the Route 53 Profile with this AWS Organization (`arn:aws:organizations::<account>:organization/o-...`)
   * instead of with each spoke account (RAM sharing with AWS Organizations must be enabled).
   * @default each other spoke account
   */
  profileOrganizationArn?: string;
  /** The hub's AWS account (default: `aws.getCallerIdentity`, unless lookups is false). */
  accountId?: string;
}

export interface HubRequest {
  request: NetworkRequest;
  /** The hub VPC as a single-VPC request (ids, subnets, route tables, existing groups). */
  prepared: PreparedRequest;
  /** Planner spoke VPC id -> the arg's Input. */
  spokeVpcIds: Map<string, pulumi.Input<string>>;
  problems: Problem[];
  /** A network-planner path in the hub's arg names. */
  argPath(path: string): string;
}

const asArray = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

/** Every service and bundle the hub or a spoke names: what the hub looks facts up for. */
export function servicesOfNetwork(args: EndpointHubArgs): { services: string[]; bundles: string[] } {
  const spokes = asArray(args.spokes);
  const services = [...asArray(args.services), ...spokes.flatMap((s) => asArray(s?.services))];
  const bundles = [...asArray(args.bundles), ...spokes.flatMap((s) => asArray(s?.bundles))];
  return { services: [...new Set(services)], bundles: [...new Set(bundles)] };
}

export function buildHubRequest(args: EndpointHubArgs, found: NetworkFound, accountId: string | undefined): HubRequest {
  const prepared = prepareRequest(args, found);
  const single = prepared.request;
  const hubAzs = [...new Set(asArray(single.subnets).flatMap((s) => (s?.az ? [s.az] : [])))].sort();
  const spokeVpcIds = new Map<string, pulumi.Input<string>>();
  const spokes = Array.isArray(args.spokes)
    ? args.spokes.map((spoke): SpokeSpec => {
        if (typeof spoke !== "object" || spoke === null) return spoke as SpokeSpec;
        const vpcId = isPlain(spoke.vpcId) ? spoke.vpcId : `vpc-pending-${String(spoke.name)}`;
        spokeVpcIds.set(vpcId, spoke.vpcId);
        const region = spoke.region ?? single.region;
        const defaultAzs = region === single.region && hubAzs.length ? hubAzs : [`${region}a`, `${region}b`];
        return {
          name: spoke.name,
          vpc: {
            id: vpcId,
            cidrs: spoke.cidrs,
            ...(spoke.ipv6Cidrs ? { ipv6Cidrs: spoke.ipv6Cidrs } : {}),
            ...(spoke.region ? { region: spoke.region } : {}),
            ...(spoke.accountId ? { accountId: spoke.accountId } : {}),
            // The spoke's EndpointSpoke checks its own VPC's DNS attributes, where they can be looked up.
            dnsSupport: true,
            dnsHostnames: true,
          },
          // Only the AZs matter to the hub: they price the spoke's own endpoints (a route table lets gateways plan).
          subnets: (spoke.azs ?? defaultAzs).map((az) => ({ id: `subnet-${spoke.name}-${az}`, az, routeTableId: `rtb-${spoke.name}` })),
          ...(spoke.services ? { services: spoke.services } : {}),
          ...(spoke.bundles ? { bundles: spoke.bundles } : {}),
          ...(spoke.traffic ? { traffic: spoke.traffic } : {}),
          ...(spoke.centralize ? { centralize: spoke.centralize } : {}),
        } as SpokeSpec;
      })
    : (args.spokes as unknown as SpokeSpec[]);
  const request: NetworkRequest = {
    version: 1,
    region: single.region,
    hub: {
      vpc: { ...single.vpc, ...(accountId ? { accountId } : {}) },
      subnets: single.subnets,
      services: single.services,
      ...(single.bundles ? { bundles: single.bundles } : {}),
      ...(single.access ? { access: single.access } : {}),
      // The hub endpoint processes every part of the hub's traffic; the network planner takes totals.
      ...(single.traffic ? { traffic: totalTraffic(single.traffic) } : {}),
      ...(single.securityGroup ? { securityGroup: single.securityGroup } : {}),
    },
    spokes,
    transit: { type: args.transit ?? "transitGateway" },
    ...(args.centralize ? { centralize: args.centralize } : {}),
    ...(args.dnsSharing ? { dnsSharing: args.dnsSharing } : {}),
    ...(single.prices ? { prices: single.prices } : {}),
    ...(single.ha ? { ha: single.ha } : {}),
    ...(single.defaults ? { defaults: single.defaults } : {}),
    ...(single.facts ? { facts: single.facts } : {}),
    ...(single.tags ? { tags: single.tags } : {}),
    ...(single.quotas ? { quotas: single.quotas } : {}),
  };
  return { request, prepared, spokeVpcIds, problems: prepared.problems, argPath: (path) => hubArgPath(path, prepared) };
}

function totalTraffic(traffic: NonNullable<PlanRequest["traffic"]>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(traffic).map(([key, gb]) => [key, typeof gb === "number" ? gb : (gb.vpc ?? 0) + (gb.onPremises ?? 0) + (gb.peers ?? 0)]),
  );
}

const SPOKE_VPC_FIELDS: Record<string, string> = {
  id: "vpcId",
  cidrs: "cidrs",
  ipv6Cidrs: "ipv6Cidrs",
  region: "region",
  accountId: "accountId",
};

function hubArgPath(path: string, prepared: PreparedRequest): string {
  if (path === "hub.vpc.accountId") return "accountId";
  if (path.startsWith("hub.")) return prepared.argPath(path.slice("hub.".length));
  const spoke = /^spokes\[(\d+)\]\.(.*)$/.exec(path);
  if (!spoke) return path;
  const [, index, rest] = spoke;
  const vpc = /^vpc\.([A-Za-z0-9]+)(.*)$/.exec(rest);
  if (vpc && SPOKE_VPC_FIELDS[vpc[1]]) return `spokes[${index}].${SPOKE_VPC_FIELDS[vpc[1]]}${vpc[2]}`;
  if (rest.startsWith("subnets")) return `spokes[${index}].azs`;
  return path;
}
