/**
 * DNS for consumers outside the VPC (rules 9 and 14). Private DNS answers only inside the VPC:
 * on-premises clients resolve the endpoints' names only through a Route 53 Resolver inbound
 * endpoint in it (their DNS servers forward to its IP addresses), peer VPCs only through hosted
 * zones associated with them. With `access.onPremises.resolver: create` the plan adds that inbound
 * endpoint: one IP address per AZ in two or more AZs (AWS requires at least two,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-choose-vpc.html), TCP and UDP
 * 53 from the on-premises CIDRs only, priced per ENI-hour
 * (https://aws.amazon.com/route53/pricing/). docs/codes.md rows "Private DNS" and "On-premises DNS".
 */
import { HOURS_PER_MONTH, money } from "../cost";
import { placeFromIndex, type AzIndex, type Placement } from "../placement";
import { ingressRules } from "../security";
import type { AccessSpec, IngressRule, PlannedResolver, PriceTable } from "../types";
import type { RuleContext } from "./context";

export const CODES = {
  ON_PREMISES_DNS_NEEDS_RESOLVER: "warning",
  PEER_DNS_NOT_SHARED: "warning",
  RESOLVER_INBOUND: "reason",
  RESOLVER_ONE_SUBNET_PER_AZ: "reason",
  RESOLVER_TOO_FEW_AZS: "problem",
} as const;

type Ctx = RuleContext<keyof typeof CODES>;

/** AWS's minimum: two IP addresses in two AZs. */
export const RESOLVER_MIN_AZS = 2;
const DNS_PORT = 53;

export interface OutsideDnsSubject {
  vpcId: string;
  /** `access.onPremises` as declared (its `resolver` decides the warning). */
  onPremises: AccessSpec["onPremises"];
  /** Services whose names resolve in the VPC (private DNS on, or a hub zone attached to it), by who uses them. */
  onPremisesServices: readonly string[];
  peerServices: readonly string[];
  prices: PriceTable;
  /** AZs the VPC's subnets cover: `resolver: create` puts one ENI in each. */
  azs: number;
  /** Request path of `access`: `access`, or `hub.access` in a network request. */
  accessPath?: string;
}

/** The ENIs `resolver: create` would make: one per AZ of the VPC's subnets, AWS's minimum of two at least. */
export const resolverEnis = (azs: number): number => Math.max(RESOLVER_MIN_AZS, azs);

/** What those ENIs cost a month. */
export const resolverMonthlyUsd = (prices: PriceTable, enis: number): number => money(prices.resolverEniHourUsd * HOURS_PER_MONTH * enis);

export function checkOutsideDns(ctx: Ctx, s: OutsideDnsSubject): void {
  const accessPath = s.accessPath ?? "access";
  if (s.onPremisesServices.length && (s.onPremises?.resolver ?? "none") === "none") {
    const enis = resolverEnis(s.azs);
    ctx.warn(
      "ON_PREMISES_DNS_NEEDS_RESOLVER",
      `On-premises clients resolve ${s.onPremisesServices.join(", ")} to these endpoints only through a Route 53 Resolver inbound endpoint in ${s.vpcId} (with their DNS forwarding to it); ${accessPath}.onPremises.resolver: create makes one with ${enis} ENIs (one per AZ of the subnets, ${RESOLVER_MIN_AZS} at least) for USD ${resolverMonthlyUsd(s.prices, enis).toFixed(2)} a month. Set it (or existing when you run one), or use the endpoints' regional DNS names.`,
      { path: `${accessPath}.onPremises` },
    );
  }
  if (s.peerServices.length) {
    ctx.warn(
      "PEER_DNS_NOT_SHARED",
      `Peer VPCs do not see this VPC's private DNS for ${s.peerServices.join(", ")}: associate private hosted zones with them (EndpointHub and EndpointSpoke do this) or use the endpoints' regional DNS names.`,
      { path: `${accessPath}.peerVpcs` },
    );
  }
}

export interface ResolverSubject {
  access: AccessSpec | undefined;
  /** The VPC's subnets by AZ (undefined when it has none). */
  subnets: AzIndex | undefined;
  prices: PriceTable;
}

/**
 * The inbound endpoint `resolver: create` asks for: one subnet per AZ, two AZs or more, private
 * subnets first like an interface endpoint's ENIs; with its placement, for the public-subnet report.
 */
export function planResolver(ctx: Ctx, s: ResolverSubject): { resolver: PlannedResolver; placement: Placement } | undefined {
  const onPremises = s.access?.onPremises;
  if (onPremises?.resolver !== "create") return undefined;
  const placement = placeFromIndex(s.subnets ?? []);
  const azs = placement.chosen.map((c) => c.az);
  if (azs.length < RESOLVER_MIN_AZS) {
    ctx.problem(
      "RESOLVER_TOO_FEW_AZS",
      "access.onPremises.resolver",
      `a Route 53 Resolver inbound endpoint needs IP addresses in at least ${RESOLVER_MIN_AZS} AZs, and the subnets cover ${azs.length ? azs.join(", ") : "none"}.`,
      "Add a subnet in another AZ, or set resolver: existing / none.",
    );
    return undefined;
  }
  const reasons = [
    ctx.reason(
      "RESOLVER_INBOUND",
      `Route 53 Resolver inbound endpoint in ${azs.length} AZs: on-premises DNS servers forward the services' names to its ${azs.length} IP addresses, which answer from this VPC's private DNS.`,
    ),
  ];
  if (placement.sameAz.length)
    reasons.push(
      ctx.reason("RESOLVER_ONE_SUBNET_PER_AZ", `One IP address per AZ; ${placement.sameAz.map((c) => c.id).join(", ")} not used.`),
    );
  const resolver: PlannedResolver = {
    name: "resolver",
    direction: "INBOUND",
    subnetIds: placement.chosen.map((c) => c.id),
    azs,
    securityGroup: { name: "resolver", mode: "perEndpoint", ingress: dnsIngress(onPremises.cidrs) },
    reasons,
    monthlyCostUsd: resolverMonthlyUsd(s.prices, azs.length),
  };
  return { resolver, placement };
}

/** DNS is UDP first and TCP for large answers: both, from each on-premises CIDR. */
function dnsIngress(cidrs: string[]): IngressRule[] {
  const tcp = ingressRules(DNS_PORT, { id: "" }, { onPremises: { cidrs } }, { vpc: false, ipv6: false });
  return tcp.flatMap((rule) => [rule, { ...rule, protocol: "udp" as const, description: rule.description.replace(/^TCP/, "UDP") }]);
}
