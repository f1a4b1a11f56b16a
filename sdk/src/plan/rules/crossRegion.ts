/**
 * Rule 11, cross-region: an interface endpoint reaches some AWS services (and endpoint services whose
 * provider enabled it) in another region of the same partition through `serviceRegion`; a gateway
 * endpoint never serves another region, nor traffic from one. One module for the single-VPC planner
 * (services in another region, peers in another region) and the network planner (spokes in
 * another region). docs/codes.md rows "Cross-region".
 *
 * AWS facts, with their pages:
 * - the cross-region enabled AWS services (catalog `crossRegion`):
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html
 * - other regions of the same partition only:
 *   https://aws.amazon.com/about-aws/whats-new/2024/11/aws-privatelink-across-region-connectivity/
 * - what a region offers in another is read with DescribeVpcEndpointServices and `ServiceRegions`
 *   (`aws ec2 describe-vpc-endpoint-services --service-region R`, same page); the service's AZs are
 *   not reported for another region (aws.ec2.getVpcEndpointService `availabilityZones`), and the
 *   endpoint's ENIs sit in the VPC's own AZs, so the service's AZs do not constrain placement.
 * - the endpoint's names carry the service region (`<endpoint>.<service>.<service_region>.vpce.amazonaws.com`):
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html
 */
import { interRegionPrice, type Region } from "../../catalog";
import type { PlanFacts, PriceTable, Reason } from "../types";
import type { RuleContext } from "./context";

export const CODES = {
  CROSS_REGION_ACCESS: "reason",
  CROSS_REGION_SPOKE: "reason",
  CROSS_REGION_LOCAL: "reason",
  CROSS_REGION_INTERFACE: "reason",
  CROSS_REGION_AZS: "reason",
  CROSS_REGION_FROM_FACTS: "reason",
  CROSS_REGION_TRANSFER: "reason",
  CROSS_REGION_UNVERIFIED: "warning",
  CROSS_REGION_UNSUPPORTED: "problem",
  CROSS_REGION_PARTITION: "problem",
  CROSS_REGION_GATEWAY: "problem",
  CROSS_REGION_NOT_OFFERED: "problem",
} as const;

export type CrossRegionContext = RuleContext<keyof typeof CODES>;

/** A service asked for in another region, as validation sees it. */
export interface RemoteService {
  /** Catalog key, or the endpoint service's full name. */
  key: string;
  vpcRegion: Region;
  serviceRegion: Region;
  /** Whether AWS (or the provider) offers the service cross-region; undefined when only AWS can say (partner services). */
  enabled: boolean | undefined;
  /** Keys of the cross-region enabled AWS services, for the hint. */
  enabledKeys: readonly string[];
  /** Where the region was written: `services[2].region`, or the name for a full service name. */
  path: string;
}

/** Whether the service can be reached in the other region at all; reports why not. */
export function checkServiceRegion(ctx: CrossRegionContext, s: RemoteService): boolean {
  if (s.serviceRegion.partition !== s.vpcRegion.partition) {
    ctx.problem(
      "CROSS_REGION_PARTITION",
      s.path,
      `${s.key} in ${s.serviceRegion.code} (${s.serviceRegion.partition}) cannot be reached from ${s.vpcRegion.code} (${s.vpcRegion.partition}): cross-region endpoints stay within one partition.`,
      `Use a region of the ${s.vpcRegion.partition} partition, or an endpoint in a VPC of ${s.serviceRegion.partition}.`,
    );
    return false;
  }
  if (s.enabled === false) {
    ctx.problem(
      "CROSS_REGION_UNSUPPORTED",
      s.path,
      `${s.key} is not cross-region enabled: an endpoint in ${s.vpcRegion.code} cannot reach it in ${s.serviceRegion.code}.`,
      `Remove region (an endpoint in ${s.vpcRegion.code}), or plan it in a VPC of ${s.serviceRegion.code}. Cross-region enabled: ${s.enabledKeys.join(", ")}.`,
    );
    return false;
  }
  return true;
}

/** The type decision for a service in another region: interface only. */
export function interfaceOnly(ctx: CrossRegionContext, key: string, serviceRegion: string, vpcRegion: string): Reason {
  return ctx.reason(
    "CROSS_REGION_INTERFACE",
    `${key} is reached in ${serviceRegion} from ${vpcRegion}: only an interface endpoint with serviceRegion ${serviceRegion} serves another region (a gateway endpoint never does).`,
  );
}

export function gatewayImpossible(ctx: CrossRegionContext, key: string, serviceRegion: string, path: string): void {
  ctx.problem(
    "CROSS_REGION_GATEWAY",
    `${path}.type`,
    `${key} in ${serviceRegion} cannot have a gateway endpoint: gateway endpoints serve only their own region.`,
    "Remove type (or set type: Interface), or remove region for a gateway in the VPC's region.",
  );
}

/**
 * What is known of the service in the other region. Facts keyed by its full name (looked up with
 * ServiceRegions, or given) confirm it; an empty `serviceAzs` entry is the lookup's "not offered";
 * without facts a warning says how to check, since whether a region pair supports it is AWS's to say.
 */
export function checkOffered(
  ctx: CrossRegionContext,
  s: { key: string; serviceName: string; serviceRegion: string; vpcRegion: string; path: string },
  facts: PlanFacts,
  reasons: Reason[],
): boolean {
  const azs = facts.serviceAzs?.[s.key];
  if (azs && !azs.length) {
    ctx.problem(
      "CROSS_REGION_NOT_OFFERED",
      s.path,
      `${s.serviceName} is not offered to ${s.vpcRegion} from ${s.serviceRegion} (DescribeVpcEndpointServices with ServiceRegions ${s.serviceRegion} does not list it).`,
      `Plan it in a VPC of ${s.serviceRegion}, or pick a service region that offers it.`,
    );
    return false;
  }
  const known = [facts.serviceAzs, facts.servicePrivateDns, facts.serviceIpTypes, facts.servicePolicy].some(
    (m) => m?.[s.key] !== undefined,
  );
  if (known)
    reasons.push(
      ctx.reason("CROSS_REGION_FROM_FACTS", `${s.serviceName} is offered to ${s.vpcRegion} from ${s.serviceRegion} (from facts).`),
    );
  else
    ctx.warn(
      "CROSS_REGION_UNVERIFIED",
      `Whether ${s.serviceRegion} offers ${s.serviceName} to ${s.vpcRegion} was not looked up: check with aws ec2 describe-vpc-endpoint-services --region ${s.vpcRegion} --service-region ${s.serviceRegion}, or plan with --from-aws.`,
      { path: s.path, service: s.key },
    );
  reasons.push(
    ctx.reason(
      "CROSS_REGION_AZS",
      `The endpoint's ENIs sit in the VPC's own AZs; the service's AZs in ${s.serviceRegion} do not limit placement.`,
    ),
  );
  return true;
}

/**
 * The inter-region transfer price for traffic from the VPC's region to the service's, and the reason
 * saying what it rests on: the request's own price, AWS's price for the pair, or the default that no
 * AWS page confirms for the pair.
 */
export function transfer(
  ctx: CrossRegionContext,
  key: string,
  from: Region,
  to: Region,
  prices: PriceTable,
  requested: number | undefined,
): { perGbUsd: number; reason: Reason } {
  const pair = requested === undefined ? interRegionPrice(from.code, to.code) : undefined;
  const perGbUsd = requested ?? pair?.perGbUsd ?? prices.interRegionPerGbUsd;
  const basis =
    requested !== undefined
      ? "your prices.interRegionPerGbUsd"
      : pair
        ? `AWS's price from ${from.code} to ${to.code}, ${pair.source}`
        : `the figure quoted for most region pairs, not verified from ${from.code} to ${to.code}: set prices.interRegionPerGbUsd to your rate`;
  return {
    perGbUsd,
    reason: ctx.reason(
      "CROSS_REGION_TRANSFER",
      `Traffic to ${key} in ${to.code} also pays inter-region data transfer (USD ${perGbUsd}/GB, ${basis}) on top of endpoint processing.`,
    ),
  };
}

/** Peers in another region reach the endpoints only through an interface endpoint. */
export function remotePeers(
  ctx: CrossRegionContext,
  peers: ReadonlyArray<{ name: string; region?: string }>,
  region: string,
): Reason | undefined {
  const remote = peers.filter((p) => p.region && p.region !== region);
  if (!remote.length) return undefined;
  return ctx.reason(
    "CROSS_REGION_ACCESS",
    `${remote
      .map((p) => `${p.name} (${p.region})`)
      .sort()
      .join(", ")} in another region: only an interface endpoint serves traffic from another region.`,
  );
}

/** Hosted-zone names are per region, so a spoke in another region keeps its own endpoint. */
export function remoteSpoke(ctx: CrossRegionContext, spoke: string, spokeRegion: string, hubRegion: string, key: string): Reason {
  return ctx.reason(
    "CROSS_REGION_SPOKE",
    `${spoke} is in ${spokeRegion}, the hub in ${hubRegion}: hosted-zone names are per region, so it keeps its own ${key} endpoint.`,
  );
}

/** A hub's zones shadow names of the hub's region: an endpoint to another region stays with the VPC that asked. */
export function remoteServiceLocal(ctx: CrossRegionContext, key: string, serviceRegion: string): Reason {
  return ctx.reason(
    "CROSS_REGION_LOCAL",
    `${key} in ${serviceRegion} is reached through a cross-region endpoint, which the hub does not share: each VPC that asks for it gets its own.`,
  );
}
