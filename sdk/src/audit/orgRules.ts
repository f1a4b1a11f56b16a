/**
 * Findings that only an organization read can make: they look across VPCs and accounts, so they are
 * not per-VPC audit rules (the policy pack runs those one VPC at a time). Pure: over what was read,
 * and, for centralisation, over the network planner's plan when a hub is named.
 */
import { findService, getRegion } from "../catalog";
import { isLiveEndpoint, type VpcSnapshot } from "../facts/aws/snapshot";
import { HOURS_PER_MONTH, money } from "../plan/cost";
import type { NetworkPlan } from "../plan/multi/types";
import type { Severity } from "./rules";

export type OrgRuleId = "ORG_CENTRALIZE" | "ENDPOINT_ROUTES_NOTHING" | "ENDPOINT_UNREACHABLE";

export const ORG_RULES: Record<OrgRuleId, { severity: Severity; title: string; help: string }> = {
  ORG_CENTRALIZE: {
    severity: "low",
    title: "The same interface endpoint in many VPCs of one region",
    help: "Several VPCs in one region each pay AZ-hours for their own interface endpoint to the same service. A hub VPC's endpoint, shared over Transit Gateway or peering with private hosted zones, can serve them for less; `vpce-plan plan --from-aws --org --hub VPC_ID` prices it with the network planner.",
  },
  ENDPOINT_ROUTES_NOTHING: {
    severity: "low",
    title: "Gateway endpoint associated with no route table",
    help: "A gateway endpoint serves only traffic from subnets whose route table has its prefix-list route; with no route table, nothing reaches it. Associate the route tables of the subnets that use the service, or delete it.",
  },
  ENDPOINT_UNREACHABLE: {
    severity: "medium",
    title: "Interface endpoint whose security groups admit nothing",
    help: "An interface endpoint's security groups decide who can reach its ENIs; groups with no ingress rule admit nothing, so the endpoint costs its AZ-hours and serves no one. Admit the consumers (the VPC's CIDRs, on-premises, peers) on the service's port, or delete it.",
  },
};

export interface OrgRuleFinding {
  id: string;
  rule: OrgRuleId;
  severity: Severity;
  account: string;
  region: string;
  vpcId: string;
  resource: string;
  resourceType: "vpc" | "vpc-endpoint";
  serviceName?: string;
  message: string;
  why: string;
  fix: string;
  /** Money a month the fix is worth, where it can be said. */
  monthlyUsd?: number;
}

interface Placed {
  account: string;
  region: string;
  snapshot: VpcSnapshot;
}

const perAzMonth = (region: string): number =>
  money((getRegion(region) ?? getRegion("us-east-1")!).prices.interfaceHourUsd * HOURS_PER_MONTH);

function finding(rule: OrgRuleId, at: Omit<OrgRuleFinding, "id" | "rule" | "severity" | "why">): OrgRuleFinding {
  return {
    id: `${at.account}/${at.region}/${rule}/${at.resource}`,
    rule,
    severity: ORG_RULES[rule].severity,
    why: ORG_RULES[rule].help,
    ...at,
  };
}

/** Gateway endpoints with no route table, and interface endpoints whose groups admit nothing. */
export function unusedEndpoints(vpcs: readonly Placed[]): OrgRuleFinding[] {
  const out: OrgRuleFinding[] = [];
  for (const { account, region, snapshot } of vpcs) {
    const groups = new Map(snapshot.securityGroups.map((g) => [g.id, g]));
    for (const e of snapshot.endpoints.filter(isLiveEndpoint)) {
      const where = {
        account,
        region,
        vpcId: snapshot.vpc.id,
        resource: e.id,
        resourceType: "vpc-endpoint" as const,
        serviceName: e.serviceName,
      };
      if (e.type === "Gateway" && !e.routeTableIds.length)
        out.push(
          finding("ENDPOINT_ROUTES_NOTHING", {
            ...where,
            message: `${e.id} (${e.serviceName}) is associated with no route table: no subnet's traffic reaches it.`,
            fix: `Associate the route tables of the subnets that use it (aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${e.id} --add-route-table-ids rtb-...), or delete it.`,
          }),
        );
      const known = e.securityGroupIds.map((id) => groups.get(id));
      // Only when every group was read: a group in another account's view is not "admits nothing".
      if (e.type === "Interface" && known.length && known.every((g) => g && g.ingress.length === 0)) {
        const cost = money(perAzMonth(region) * Math.max(1, e.subnetIds.length));
        out.push(
          finding("ENDPOINT_UNREACHABLE", {
            ...where,
            message: `${e.id} (${e.serviceName}): its security groups ${e.securityGroupIds.join(", ")} admit no one, yet it costs USD ${cost.toFixed(2)} a month.`,
            fix: `Add ingress on the service's port from its consumers to ${e.securityGroupIds.join(", ")}, or delete ${e.id}.`,
            monthlyUsd: cost,
          }),
        );
      }
    }
  }
  return out;
}

/**
 * Interface endpoints to one service in two or more VPCs of one region. With a network plan (a hub
 * was named), each finding carries the planner's saving for services it puts in the hub; without
 * one, the AZ-hours the VPCs pay and the command that prices a hub.
 */
export function centralizeCandidates(vpcs: readonly Placed[], plan?: NetworkPlan): OrgRuleFinding[] {
  const groups = new Map<string, { region: string; key: string; vpcs: Placed[]; azHours: number }>();
  for (const v of vpcs)
    for (const e of v.snapshot.endpoints.filter((x) => isLiveEndpoint(x) && x.type === "Interface")) {
      const key = findService(e.serviceName)?.service.key;
      if (!key) continue;
      const g = groups.get(`${v.region}/${key}`) ?? { region: v.region, key, vpcs: [], azHours: 0 };
      if (!g.vpcs.includes(v)) g.vpcs.push(v);
      g.azHours += Math.max(1, e.subnetIds.length);
      groups.set(`${v.region}/${key}`, g);
    }
  const out: OrgRuleFinding[] = [];
  for (const g of [...groups.values()].filter((x) => x.vpcs.length >= 2)) {
    const pay = money(g.azHours * perAzMonth(g.region));
    const decided = plan && plan.region === g.region ? plan.services.find((s) => s.service === g.key) : undefined;
    if (decided && decided.placement !== "hub") continue;
    const first = [...g.vpcs].sort((a, b) => (a.account + a.snapshot.vpc.id < b.account + b.snapshot.vpc.id ? -1 : 1))[0]!;
    const names = g.vpcs.map((v) => `${v.account}/${v.snapshot.vpc.id}`).sort();
    out.push(
      finding("ORG_CENTRALIZE", {
        account: first.account,
        region: g.region,
        vpcId: first.snapshot.vpc.id,
        resource: `${g.region}:${g.key}`,
        resourceType: "vpc",
        message: decided
          ? `${g.key}: ${g.vpcs.length} VPCs in ${g.region} pay USD ${pay.toFixed(2)} a month in AZ-hours for their own endpoints; the network plan serves them from the hub and saves USD ${decided.cost.savingsUsd.toFixed(2)} a month.`
          : `${g.key}: ${g.vpcs.length} VPCs in ${g.region} pay USD ${pay.toFixed(2)} a month in AZ-hours for their own endpoints (${names.join(", ")}).`,
        fix: decided
          ? `Adopt the network plan for ${g.key}: the hub's endpoint with private hosted zones for the spokes (vpce-plan plan --from-aws --org --hub ${plan!.hub.vpcId}).`
          : `Price a hub for it: vpce-plan plan --from-aws --org --hub VPC_ID (a VPC every one of them reaches over Transit Gateway or peering).`,
        ...(decided ? { monthlyUsd: decided.cost.savingsUsd } : {}),
      }),
    );
  }
  return out;
}
