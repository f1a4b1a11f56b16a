/**
 * Request builders and plan accessors for the planner tests: one valid baseline request that each
 * test changes in the one place it is about, so a failure points at that change.
 */
import assert from "node:assert/strict";
import { getRegion } from "vpce-plan/catalog";
import { HOURS_PER_MONTH, isPlanRequestError, planEndpoints } from "vpce-plan/plan";
import type { Plan, PlanFacts, PlannedEndpoint, PlanRequest, PriceTable, Problem, SubnetSpec } from "vpce-plan/plan";

/** Subnets `subnet-<letter>` in `<region><letter>`, each with its own route table `rtb-<letter>`. */
export function subnets(region: string, letters: string, extra: Partial<SubnetSpec> = {}): SubnetSpec[] {
  return [...letters].map((l) => ({ id: `subnet-${l}`, az: `${region}${l}`, routeTableId: `rtb-${l}`, ...extra }));
}

/** A valid request: one VPC in us-east-1 (DNS attributes on), two subnets in two AZs, STS only. */
export function request(overrides: Partial<PlanRequest> = {}): PlanRequest {
  const region = overrides.region ?? "us-east-1";
  return {
    region,
    vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
    subnets: subnets(region, "ab"),
    services: ["sts"],
    ...overrides,
  };
}

/** An appliance's (Gateway Load Balancer's) endpoint service, and an inspection VPC's subnets: a firewall and a workload subnet per AZ. */
export const GWLB_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718";
export const GWLB_SUBNETS: SubnetSpec[] = [
  { id: "subnet-fw-a", az: "us-east-1a", routeTableId: "rtb-fw-a" },
  { id: "subnet-fw-b", az: "us-east-1b", routeTableId: "rtb-fw-b" },
  { id: "subnet-app-a", az: "us-east-1a", routeTableId: "rtb-app-a" },
  { id: "subnet-app-b", az: "us-east-1b", routeTableId: "rtb-app-b" },
];

export const plan = (req: unknown, facts?: PlanFacts): Plan => planEndpoints(req, facts);

/** The problems of a request the planner must reject; fails the test if it plans or throws anything else. */
export function problemsOf(req: unknown, facts?: PlanFacts): Problem[] {
  try {
    planEndpoints(req, facts);
  } catch (err) {
    if (!isPlanRequestError(err)) throw err;
    return err.problems;
  }
  return assert.fail("expected a PlanRequestError, but the request was planned");
}

/** The single problem with `code`; fails when there is none or more than one. */
export function problem(req: unknown, code: string, facts?: PlanFacts): Problem {
  const found = problemsOf(req, facts).filter((p) => p.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(problemsOf(req, facts))}`);
  return found[0];
}

export function endpoint(p: Plan, name: string): PlannedEndpoint {
  const found = p.endpoints.find((e) => e.name === name);
  assert.ok(found, `no endpoint ${name} in ${p.endpoints.map((e) => e.name).join(", ")}`);
  return found;
}

export const reasonCodes = (e: PlannedEndpoint): string[] => e.reasons.map((r) => r.code);
export const warningCodes = (p: Plan): string[] => p.warnings.map((w) => w.code);
export const types = (p: Plan): Array<[string, string]> => p.endpoints.map((e) => [e.service, e.type]);
/** What each ingress rule admits: its CIDR, or its source security group. */
export const ingressCidrs = (e: PlannedEndpoint): string[] => (e.securityGroup?.ingress ?? []).map((r) => r.cidr ?? r.securityGroupId!);

export function prices(region: string): PriceTable {
  const found = getRegion(region);
  assert.ok(found, `region ${region} not in the catalog`);
  return found.prices;
}

/** List price of an interface endpoint's AZ-hours for a month, from the region's price table. */
export const interfaceFixed = (p: PriceTable, azs: number): number => p.interfaceHourUsd * HOURS_PER_MONTH * azs;

/** Money in the plan is in cents: compare within half a cent (a sum of rounded parts may differ by a cent per part). */
export function assertUsd(actual: number | undefined, expected: number, what = "amount"): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= 0.005 + 1e-9, `${what}: expected ${expected}, got ${actual}`);
}

/** One row of a rule family's table: a request and what the family must say about it. */
export interface FamilyRow {
  why: string;
  request: PlanRequest;
  facts?: PlanFacts;
  /** The request must fail with exactly these problems. */
  problems?: Array<{ code: string; path: string }>;
  /** The family's warnings on the plan, in order. */
  warnings?: string[];
  /** Per endpoint name: the family's reason codes, in order. */
  reasons?: Record<string, string[]>;
}

/** Runs a family's rows as tests; `inFamily` picks the codes the family owns. */
export function familyRows(rows: readonly FamilyRow[], inFamily: (code: string) => boolean): void {
  for (const row of rows) {
    it(row.why, () => {
      if (row.problems) {
        assert.deepEqual(
          problemsOf(row.request, row.facts).map((p) => ({ code: p.code, path: p.path })),
          row.problems,
        );
        return;
      }
      const p = plan(row.request, row.facts);
      for (const [name, codes] of Object.entries(row.reasons ?? {}))
        assert.deepEqual(reasonCodes(endpoint(p, name)).filter(inFamily), codes, name);
      if (row.warnings) assert.deepEqual(warningCodes(p).filter(inFamily), row.warnings);
    });
  }
}
