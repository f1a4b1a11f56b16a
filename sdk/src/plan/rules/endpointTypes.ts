/**
 * Endpoint types beyond gateway and interface: Gateway Load Balancer endpoints (`services[].type:
 * GatewayLoadBalancer`), which carry a VPC's traffic to inspection appliances behind a Gateway Load
 * Balancer's endpoint service. docs/endpoint-types.md, row "Endpoint types" of docs/codes.md.
 *
 * AWS's rules, from https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html:
 * a Gateway Load Balancer endpoint takes one subnet ("You can choose only one Availability Zone ... You
 * can't change this subnet later on"), one per AZ per service, only in AZs the Gateway Load Balancer
 * supports, and "To keep traffic within the same Availability Zone, we recommend that you create a
 * Gateway Load Balancer endpoint in each Availability Zone that you'll send traffic to". Traffic
 * reaches it only through routes that target it
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpce-gateway-load-balancer.html).
 * CreateVpcEndpoint takes security groups for interface endpoints only, policies for interface and
 * gateway endpoints only, and private DNS for interface endpoints only
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html).
 */
import { HOURS_PER_MONTH, money } from "../cost";
import { parseCidr } from "../cidr";
import type { EndpointCost, PlanFacts, PlannedLinkEndpoint, PlannedRoute, PriceTable, Reason, ServiceRequest, SubnetSpec } from "../types";
import type { RuleContext } from "./context";

export const CODES = {
  GWLB_ENDPOINT_PER_AZ: "reason",
  GWLB_ROUTES: "reason",
  GWLB_NO_SECURITY_GROUP: "reason",
  GWLB_SUBNETS_DEFAULT: "reason",
  GWLB_AZS_FROM_FACTS: "reason",
  GWLB_AZS_ASSUMED: "warning",
  GWLB_AZ_UNSUPPORTED: "warning",
  GWLB_PRICES_UNKNOWN: "warning",
  GWLB_ACCEPTANCE: "warning",
  GWLB_NOT_ENDPOINT_SERVICE: "problem",
  ENDPOINT_TYPE_FIELD_UNSUPPORTED: "problem",
  GWLB_NO_ROUTES: "problem",
  GWLB_UNKNOWN_SUBNET: "problem",
  GWLB_DUPLICATE_AZ: "problem",
  GWLB_NO_SUPPORTED_AZ: "problem",
  GWLB_ROUTE_TABLE_UNKNOWN: "problem",
  GWLB_ROUTE_TABLE_SPANS_AZS: "problem",
  GWLB_ROUTE_AZ_WITHOUT_ENDPOINT: "problem",
  GWLB_ROUTE_LOOP: "problem",
  GWLB_DESTINATION_CIDR: "problem",
} as const;

export type EndpointTypeContext = RuleContext<keyof typeof CODES>;

/** The service entry fields a Gateway Load Balancer endpoint has no use for, and why. */
const NOT_FOR_GWLB: ReadonlyArray<[keyof ServiceRequest, string]> = [
  ["privateDns", "AWS offers private DNS on interface endpoints only"],
  ["policy", "AWS takes endpoint policies on interface and gateway endpoints only"],
  ["securityGroupIds", "AWS attaches security groups to interface endpoints only"],
  ["access", "a Gateway Load Balancer endpoint admits whatever its routes send it (no security group)"],
  ["dnsRecordIpType", "it applies to interface endpoints' DNS records"],
  ["fips", "FIPS endpoint services exist for AWS services only"],
  ["port", "a Gateway Load Balancer endpoint carries every port and protocol"],
  ["ipAddressType", "vpce-plan does not plan IP address types for Gateway Load Balancer endpoints yet (AWS's default, ipv4, applies)"],
];

export const DEFAULT_DESTINATION = "0.0.0.0/0";

export interface GwlbService {
  key: string;
  /** Resource-name stem of the service (the endpoint service id). */
  name: string;
  serviceName: string;
  path: string;
  options: ServiceRequest;
  /** False when the name is a catalog service, not an endpoint service. */
  endpointService: boolean;
  tags?: Record<string, string>;
  /** Expected GB a month through all of the service's endpoints. */
  expectedGb?: number;
}

/** The plan's Gateway Load Balancer endpoints for one service: one per AZ, each with its AZ's routes. */
export function planGatewayLoadBalancer(
  ctx: EndpointTypeContext,
  service: GwlbService,
  input: { subnets: ReadonlyArray<SubnetSpec & { az: string }>; facts: PlanFacts; prices: PriceTable },
): PlannedLinkEndpoint[] {
  const { key, path, options } = service;
  let ok = true;
  if (!service.endpointService) {
    ctx.problem(
      "GWLB_NOT_ENDPOINT_SERVICE",
      `${path}.name`,
      `${key} is an AWS service; a Gateway Load Balancer endpoint connects to a Gateway Load Balancer's endpoint service.`,
      "Name the appliance's endpoint service (com.amazonaws.vpce.<region>.vpce-svc-...), or remove type.",
    );
    ok = false;
  }
  for (const [field, why] of NOT_FOR_GWLB) {
    if (options[field] === undefined) continue;
    ctx.problem(
      "ENDPOINT_TYPE_FIELD_UNSUPPORTED",
      `${path}.${field}`,
      `${field} does not apply to a Gateway Load Balancer endpoint: ${why}.`,
      `Remove ${field}.`,
    );
    ok = false;
  }
  const destination = options.destinationCidr ?? DEFAULT_DESTINATION;
  const parsed = parseCidr(destination);
  if (typeof parsed === "string") {
    ctx.problem(
      "GWLB_DESTINATION_CIDR",
      `${path}.destinationCidr`,
      `"${destination}" ${parsed}.`,
      'Give the destination the routes send to the appliance, e.g. "0.0.0.0/0".',
    );
    ok = false;
  }
  const routeTables = [...new Set(options.routeTableIds ?? [])].sort();
  if (!routeTables.length) {
    ctx.problem(
      "GWLB_NO_ROUTES",
      `${path}.routeTableIds`,
      `no route table sends traffic to the Gateway Load Balancer endpoint for ${key}, so it would carry nothing.`,
      "List the route tables (of the subnets whose traffic the appliance inspects) in routeTableIds.",
    );
    ok = false;
  }
  // The route tables' AZs, from the request's subnets: a route goes to the endpoint in its own AZ.
  const tableAzs = new Map<string, Set<string>>();
  for (const s of input.subnets)
    if (s.routeTableId) (tableAzs.get(s.routeTableId) ?? tableAzs.set(s.routeTableId, new Set()).get(s.routeTableId)!).add(s.az);
  const routed = new Set(routeTables);
  const reasons: Reason[] = [];
  const candidates = candidateSubnets(ctx, service, input.subnets, routed, reasons);
  if (!candidates) return [];
  const supported = input.facts.serviceAzs?.[key];
  if (supported === undefined)
    ctx.warn(
      "GWLB_AZS_ASSUMED",
      `The AZs of ${key}'s Gateway Load Balancer were not looked up: every subnet AZ is assumed, and AWS refuses an endpoint in an AZ the load balancer is not in. Plan with --from-aws, let the component look it up, or give facts.serviceAzs keyed by the service name.`,
      { path, service: key },
    );
  else reasons.push(ctx.reason("GWLB_AZS_FROM_FACTS", `${key}'s Gateway Load Balancer is in ${supported.join(", ")} (looked up).`));
  const byAz = new Map<string, string>();
  const skipped: string[] = [];
  for (const [az, subnet] of candidates) {
    if (supported && !supported.includes(az)) skipped.push(az);
    else byAz.set(az, subnet.id);
  }
  if (skipped.length)
    ctx.warn("GWLB_AZ_UNSUPPORTED", `${key}'s Gateway Load Balancer is not in ${skipped.join(", ")}: no endpoint there.`, {
      path,
      service: key,
    });
  if (!byAz.size) {
    ctx.problem(
      "GWLB_NO_SUPPORTED_AZ",
      options.subnetIds ? `${path}.subnetIds` : "subnets",
      `no subnet is in an AZ of ${key}'s Gateway Load Balancer (${(supported ?? []).join(", ")}).`,
      "Add a subnet in one of the load balancer's AZs, or ask the provider to enable the load balancer in yours.",
    );
    return [];
  }
  const routesByAz = new Map<string, PlannedRoute[]>();
  routeTables.forEach((rtb) => {
    const at = `${path}.routeTableIds`;
    const azs = [...(tableAzs.get(rtb) ?? [])].sort();
    if (!azs.length) {
      ctx.problem(
        "GWLB_ROUTE_TABLE_UNKNOWN",
        at,
        `${rtb} is the route table of no subnet in the request, so its AZ (and which endpoint its route targets) is unknown.`,
        "List the subnets that use it, with their routeTableId, or remove it from routeTableIds.",
      );
      ok = false;
      return;
    }
    if (azs.length > 1) {
      ctx.problem(
        "GWLB_ROUTE_TABLE_SPANS_AZS",
        at,
        `${rtb} serves subnets in ${azs.join(", ")}: one route cannot send each AZ's traffic to the endpoint in that AZ, as AWS recommends.`,
        "Give each AZ's subnets their own route table.",
      );
      ok = false;
      return;
    }
    const az = azs[0];
    if (!byAz.has(az)) {
      ctx.problem(
        "GWLB_ROUTE_AZ_WITHOUT_ENDPOINT",
        at,
        `${rtb} serves ${az}, where ${key} gets no Gateway Load Balancer endpoint.`,
        `Add a subnet in ${az} for the endpoint (in an AZ of the load balancer), or remove ${rtb}.`,
      );
      ok = false;
      return;
    }
    (routesByAz.get(az) ?? routesByAz.set(az, []).get(az)!).push({ routeTableId: rtb, destinationCidrBlock: destination });
  });
  // The endpoint's own subnet must not route back into it: what the appliance returns leaves by that table.
  for (const [az, subnetId] of byAz) {
    const own = input.subnets.find((s) => s.id === subnetId)?.routeTableId;
    if (own && routed.has(own)) {
      ctx.problem(
        "GWLB_ROUTE_LOOP",
        `${path}.routeTableIds`,
        `${own} is the route table of ${subnetId}, where the endpoint in ${az} lives: traffic the appliance returns would be sent back into it.`,
        "Put the endpoint in a subnet of its own (subnetIds) whose route table sends traffic on, not to the endpoint.",
      );
      ok = false;
    }
  }
  if (!ok) return [];
  if (input.facts.serviceAcceptanceRequired?.[key])
    ctx.warn(
      "GWLB_ACCEPTANCE",
      `${key} accepts connections by hand: its endpoints carry nothing, and the routes to them drop traffic, until the provider accepts them.`,
      { path, service: key },
    );
  const hour = input.prices.gatewayLoadBalancerEndpointHourUsd;
  const perGb = input.prices.gatewayLoadBalancerEndpointPerGbUsd;
  if (hour === undefined || perGb === undefined)
    ctx.warn(
      "GWLB_PRICES_UNKNOWN",
      `The catalog has no Gateway Load Balancer endpoint prices: ${key}'s endpoints cost 0 in this plan. Give prices.gatewayLoadBalancerEndpointHourUsd and prices.gatewayLoadBalancerEndpointPerGbUsd from https://aws.amazon.com/privatelink/pricing/.`,
      { path: "prices", service: key },
    );
  const azs = [...byAz.keys()].sort();
  const gb = service.expectedGb === undefined ? undefined : service.expectedGb / azs.length;
  return azs.map((az) => {
    const routes = routesByAz.get(az) ?? [];
    const endpoint: PlannedLinkEndpoint = {
      name: `${service.name}-${az}`,
      service: key,
      serviceName: service.serviceName,
      type: "GatewayLoadBalancer",
      subnetIds: [byAz.get(az)!],
      azs: [az],
      routes,
      reasons: [
        ctx.reason(
          "GWLB_ENDPOINT_PER_AZ",
          `One Gateway Load Balancer endpoint for ${key} in ${az}: AWS gives each one subnet, and one per AZ keeps each AZ's traffic in its AZ.`,
        ),
        ...reasons,
        ctx.reason(
          "GWLB_ROUTES",
          routes.length
            ? `Routes to ${routes[0].destinationCidrBlock} through this endpoint in ${routes.map((r) => r.routeTableId).join(", ")}.`
            : `No route table of ${az} is listed: this endpoint carries traffic only once a route targets it.`,
        ),
        ctx.reason("GWLB_NO_SECURITY_GROUP", "No security group: AWS attaches security groups to interface endpoints only."),
      ],
      cost: gwlbCost(hour ?? 0, perGb ?? 0, gb),
      monthlyCostUsd: 0,
    };
    endpoint.monthlyCostUsd = endpoint.cost.monthlyUsd;
    if (service.tags) endpoint.tags = service.tags;
    return endpoint;
  });
}

/** The subnets that may hold the endpoints, one per AZ; undefined after a problem. */
function candidateSubnets(
  ctx: EndpointTypeContext,
  service: GwlbService,
  subnets: ReadonlyArray<SubnetSpec & { az: string }>,
  routed: ReadonlySet<string>,
  reasons: Reason[],
): Map<string, SubnetSpec & { az: string }> | undefined {
  const { path, options, key } = service;
  const out = new Map<string, SubnetSpec & { az: string }>();
  if (options.subnetIds) {
    let ok = true;
    options.subnetIds.forEach((id, i) => {
      const subnet = subnets.find((s) => s.id === id);
      if (!subnet) {
        ctx.problem(
          "GWLB_UNKNOWN_SUBNET",
          `${path}.subnetIds[${i}]`,
          `${id} is not one of the request's subnets.`,
          "List it under subnets, with its az.",
        );
        ok = false;
        return;
      }
      const other = out.get(subnet.az);
      if (other) {
        ctx.problem(
          "GWLB_DUPLICATE_AZ",
          `${path}.subnetIds[${i}]`,
          `${id} and ${other.id} are both in ${subnet.az}: AWS allows one Gateway Load Balancer endpoint per AZ per service.`,
          `Keep one subnet in ${subnet.az}.`,
        );
        ok = false;
        return;
      }
      out.set(subnet.az, subnet);
    });
    return ok ? out : undefined;
  }
  // Without subnetIds: per AZ the smallest subnet id whose route table is not one that targets the endpoint.
  for (const s of [...subnets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    if (!(s.routeTableId && routed.has(s.routeTableId)) && !out.has(s.az)) out.set(s.az, s);
  if (out.size)
    reasons.push(
      ctx.reason(
        "GWLB_SUBNETS_DEFAULT",
        `${key}'s endpoints go, per AZ, in the first subnet whose route table does not send traffic to them (subnetIds picks others).`,
      ),
    );
  return out;
}

/** Hourly per endpoint (one AZ each) and per GB, at the prices the request gives. */
function gwlbCost(hourUsd: number, perGbUsd: number, expectedGb: number | undefined): EndpointCost {
  const fixed = money(hourUsd * HOURS_PER_MONTH);
  const data = money(perGbUsd * (expectedGb ?? 0));
  const cost: EndpointCost = { fixedMonthlyUsd: fixed, perGbUsd, dataMonthlyUsd: data, monthlyUsd: money(fixed + data) };
  if (expectedGb !== undefined) cost.expectedGb = money(expectedGb);
  return cost;
}
