/**
 * `diff --from-aws`: a live VPC's endpoints as the base side of a diff. The EC2 snapshot becomes a
 * plan-shaped object with the fields EC2 reports (type, service, subnets or route tables, AZs,
 * private DNS, IP type, policy, security-group ingress), named as the planner names endpoints, and
 * priced with the head plan's prices and expected traffic, so the cost delta is what the change does.
 */
import { findService } from "../catalog";
import { isFullAccessPolicy } from "../audit/engine";
import { interfaceCost, money } from "../plan/cost";
import { endpointName } from "../plan/planner";
import type { IngressRule, Plan, PlannedEndpoint } from "../plan/types";
import { isLiveEndpoint, type EndpointFacts, type VpcSnapshot } from "../facts/aws/snapshot";
import { rankDuplicates } from "../plan/reconcile";

/**
 * The endpoint fields a live VPC can tell; the diff compares only these against the head plan
 * (security groups still compare as ingress rules added and removed).
 */
export const LIVE_FIELDS: ReadonlySet<string> = new Set([
  "service",
  "serviceName",
  "type",
  "subnetIds",
  "routeTableIds",
  "azs",
  "privateDns",
  "ipAddressType",
  "policy",
]);

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function planFromSnapshot(snapshot: VpcSnapshot, head: Plan): Plan {
  const azOf = new Map(snapshot.subnets.map((s) => [s.id, s.az]));
  const groups = new Map(snapshot.securityGroups.map((g) => [g.id, g]));
  const planned = new Map(head.endpoints.map((e) => [e.name, e]));
  const taken = new Set<string>();
  const endpoints: PlannedEndpoint[] = [];
  // The endpoint the duplicate rule keeps takes the planner's name, so it is the one compared with the head plan.
  const bySameService = new Map<string, EndpointFacts[]>();
  for (const e of snapshot.endpoints.filter((e) => (e.type === "Gateway" || e.type === "Interface") && isLiveEndpoint(e))) {
    const key = `${e.serviceName}\u0000${e.type}`;
    bySameService.set(key, [...(bySameService.get(key) ?? []), e]);
  }
  const live = [...bySameService.values()].flatMap((list) => rankDuplicates(list));
  for (const e of live) {
    const type = e.type as "Gateway" | "Interface";
    const key = findService(e.serviceName)?.service.key ?? e.serviceName;
    // A second endpoint for the same service and type keeps its id in the name, so neither hides the other.
    let name = endpointName(key, type);
    if (taken.has(name)) name = `${name}-${e.id}`;
    taken.add(name);
    const expectedGb = planned.get(name)?.cost.expectedGb;
    const cost =
      type === "Gateway"
        ? { fixedMonthlyUsd: 0, perGbUsd: 0, dataMonthlyUsd: 0, monthlyUsd: 0 }
        : interfaceCost(head.cost.prices, new Set(e.subnetIds.map((s) => azOf.get(s) ?? s)).size, expectedGb, undefined);
    const ingress: IngressRule[] = e.securityGroupIds
      .flatMap((id) => groups.get(id)?.ingress ?? [])
      .flatMap((r) =>
        [...r.cidrs, ...r.ipv6Cidrs].map((cidr) => ({
          protocol: (r.protocol === "6" ? "tcp" : r.protocol) as "tcp",
          fromPort: r.fromPort ?? -1,
          toPort: r.toPort ?? -1,
          cidr,
          source: "live",
          description: "",
        })),
      );
    endpoints.push({
      name,
      service: key,
      serviceName: e.serviceName,
      type,
      ...(type === "Gateway"
        ? { routeTableIds: [...e.routeTableIds].sort() }
        : {
            subnetIds: [...e.subnetIds].sort(),
            azs: [...new Set(e.subnetIds.map((s) => azOf.get(s) ?? s))].sort(),
            privateDns: e.privateDns,
            ...(e.ipAddressType ? { ipAddressType: e.ipAddressType as PlannedEndpoint["ipAddressType"] } : {}),
            securityGroup: { mode: "existing", ids: [...e.securityGroupIds].sort(), ingress },
          }),
      // The plan writes the AWS default full-access policy as null.
      policy: e.policy && !isFullAccessPolicy(e.policy) ? (JSON.parse(e.policy) as Record<string, unknown>) : null,
      reasons: [{ code: "LIVE", message: `${e.id} exists in ${snapshot.vpc.id}.` }],
      cost,
      monthlyCostUsd: cost.monthlyUsd,
    });
  }
  endpoints.sort((a, b) => byText(a.name, b.name));
  const total = money(endpoints.reduce((sum, e) => sum + e.monthlyCostUsd, 0));
  const data = money(endpoints.reduce((sum, e) => sum + e.cost.dataMonthlyUsd, 0));
  return {
    version: 1,
    region: snapshot.region,
    vpcId: snapshot.vpc.id,
    endpoints,
    warnings: [],
    errors: [],
    cost: { ...head.cost, monthlyFixedUsd: money(total - data), monthlyDataUsd: data, monthlyTotalUsd: total, nat: undefined },
  };
}
