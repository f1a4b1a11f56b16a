/**
 * Rule 13, cost: traffic split by who sends it. Each part is priced on the endpoint that carries it
 * (the VPC's own on the gateway when there is one, outside traffic on the interface endpoint); AWS
 * charges interface endpoint processing "for each Gigabyte processed through the VPC endpoint
 * regardless of the traffic's source or destination" (https://aws.amazon.com/privatelink/pricing/).
 * docs/codes.md rows "Outside traffic".
 */
import { interfaceCost } from "../cost";
import type { EndpointCost, EndpointType, PlannedEndpoint, PlanRequest, PriceTable, Reason, TrafficSpec } from "../types";
import type { RuleContext } from "./context";
import type { ServiceScope } from "./access";

export const CODES = {
  TRAFFIC_WITHOUT_CONSUMER: "problem",
  OUTSIDE_TRAFFIC_PRICED: "reason",
  SPOKE_TRAFFIC_NOT_COMPARED: "reason",
} as const;
type Ctx = RuleContext<keyof typeof CODES>;

export type TrafficParts = Required<TrafficSpec>;

/**
 * The service's traffic as parts. A plain number is the VPC's own, or, for a service the VPC does
 * not use, its outside consumers' (counted as on-premises when they are declared, else peers).
 */
export function trafficParts(request: PlanRequest, key: string, scope: ServiceScope): TrafficParts | undefined {
  const given = request.traffic?.[key];
  if (given === undefined) return undefined;
  if (typeof given !== "number") return { vpc: given.vpc ?? 0, onPremises: given.onPremises ?? 0, peers: given.peers ?? 0 };
  if (scope.fromVpc) return { vpc: given, onPremises: 0, peers: 0 };
  return scope.onPremises ? { vpc: 0, onPremises: given, peers: 0 } : { vpc: 0, onPremises: 0, peers: given };
}

/** What one endpoint carries of the parts; undefined when it carries none of what was given. */
export function carried(
  request: PlanRequest,
  key: string,
  parts: TrafficParts,
  type: EndpointType,
  hasGateway: boolean,
): TrafficParts | undefined {
  if (type === "Gateway") return { vpc: parts.vpc, onPremises: 0, peers: 0 };
  // A plain number for a service with a gateway is the gateway's: the interface endpoint's share is not known.
  if (hasGateway && typeof request.traffic?.[key] === "number") return undefined;
  return { vpc: hasGateway ? 0 : parts.vpc, onPremises: parts.onPremises, peers: parts.peers };
}

/** Every part above zero needs a consumer that sends it and an endpoint that carries it. */
export function checkTrafficParts(
  ctx: Ctx,
  request: PlanRequest,
  key: string,
  parts: TrafficParts,
  scope: ServiceScope,
  types: readonly EndpointType[],
): void {
  const interfaceCarries = types.includes("Interface");
  const rows: Array<[keyof TrafficParts, boolean, string]> = [
    ["vpc", scope.fromVpc, "the VPC is not a consumer"],
    [
      "onPremises",
      Boolean(scope.onPremises) && interfaceCarries,
      scope.onPremises ? "no interface endpoint carries it" : "on-premises is not a consumer",
    ],
    [
      "peers",
      scope.peerVpcs.length > 0 && interfaceCarries,
      scope.peerVpcs.length ? "no interface endpoint carries it" : "no peer VPC is a consumer",
    ],
  ];
  const split = typeof request.traffic?.[key] === "object";
  for (const [part, ok, why] of rows) {
    if (ok || parts[part] === 0) continue;
    ctx.problem(
      "TRAFFIC_WITHOUT_CONSUMER",
      split ? `traffic.${key}.${part}` : `traffic.${key}`,
      `${parts[part]} GB a month of ${key} traffic from ${part === "vpc" ? "the VPC" : part === "peers" ? "peer VPCs" : "on-premises"} is given, but ${why}.`,
      part === "vpc" ? `Remove it, or let the VPC use ${key}.` : `Declare the consumer in access (and for ${key}), or remove the figure.`,
    );
  }
}

/** Names the outside part an interface endpoint is priced for. */
export function outsideReason(ctx: Ctx, key: string, parts: TrafficParts, perGbUsd: number, comparedWithNat: boolean): Reason | undefined {
  const outside = parts.onPremises + parts.peers;
  if (!outside) return undefined;
  const from = [
    parts.onPremises ? `${parts.onPremises} GB from on-premises` : "",
    parts.peers ? `${parts.peers} GB from peer VPCs` : "",
  ].filter(Boolean);
  return ctx.reason(
    "OUTSIDE_TRAFFIC_PRICED",
    `The ${key} endpoint is priced for ${from.join(" and ")} a month at USD ${perGbUsd}/GB (USD ${(outside * perGbUsd).toFixed(2)}); NAT could not carry it, so ${comparedWithNat ? `the NAT comparison counts only the VPC's own ${parts.vpc} GB` : "there is no NAT comparison"}.`,
  );
}

/**
 * A hub endpoint that carries spokes' traffic: its NAT comparison counts only the hub's own part.
 * The spokes' part would go through each spoke's own NAT gateway otherwise, and reaches the hub over
 * transit (priced in the network's totals), so weighing it against the hub's NAT would count a saving
 * the hub never makes; the network's comparison (every VPC with its own endpoints) covers it. Returns
 * the endpoint's cost with the comparison redone, and the reason to add.
 */
export function hubOwnComparison(
  ctx: Ctx,
  e: PlannedEndpoint,
  spokesGb: number,
  prices: PriceTable,
): { cost: EndpointCost; reason: Reason } | undefined {
  const parts = e.cost.trafficGb;
  // Only a comparison that counted the spokes' traffic as the hub VPC's own needs redoing.
  if (!parts || !spokesGb || !e.cost.nat || parts.vpc < spokesGb || e.cost.expectedGb === undefined) return undefined;
  const ownGb = Math.max(0, parts.vpc - spokesGb);
  const cost: EndpointCost = {
    ...interfaceCost(prices, e.azs?.length ?? 0, e.cost.expectedGb, ownGb || undefined, e.cost.transferPerGbUsd ?? 0, e.cost.perGbUsd),
    trafficGb: { vpc: ownGb, onPremises: parts.onPremises, peers: parts.peers + spokesGb },
  };
  const reason = ctx.reason(
    "SPOKE_TRAFFIC_NOT_COMPARED",
    `The NAT comparison counts only the hub's own ${ownGb} GB a month: the spokes' ${spokesGb} GB reach this endpoint over transit and would otherwise go through each spoke's own NAT gateway; the network's totals compare them with every VPC having its own endpoints.`,
  );
  return { cost, reason };
}
