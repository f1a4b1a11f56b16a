/** What AWS would reject in a hub and spokes: the hub's group rules, zone associations, gateways per Region, overlaps. */
import assert from "node:assert/strict";
import { isPlanRequestError, planNetwork, type NetworkPlan, type NetworkRequest, type Problem } from "vpce-plan/plan";
import { network, spoke } from "./fixtures";

/** Spoke i's /20, never adjacent to another spoke's (so nothing merges). */
const sparse = (i: number): string => `10.${100 + (i >> 3)}.${(i & 7) * 32}.0/20`;
const spokes = (n: number, o: (i: number) => Parameters<typeof spoke>[2] = () => ({})) =>
  Array.from({ length: n }, (_, i) =>
    spoke(`s${String(i).padStart(4, "0")}`, i + 1, { cidr: sparse(i), services: ["sts", "kms"], ...o(i) }),
  );

function problems(req: NetworkRequest): Problem[] {
  try {
    planNetwork(req);
  } catch (err) {
    if (isPlanRequestError(err)) return err.problems;
    throw err;
  }
  return assert.fail("expected a PlanRequestError");
}

const hubGroups = (p: NetworkPlan, service: string) => {
  const e = p.hub.plan!.endpoints.find((x) => x.service === service && x.type === "Interface")!;
  return e.securityGroups ?? [e.securityGroup!];
};

describe("planNetwork: what AWS would reject", () => {
  it("a 200-spoke hub with non-adjacent /20s plans groups AWS accepts, every rule a declared CIDR", () => {
    const req = network(spokes(200));
    const p = planNetwork(req);
    const declared = new Set(["10.0.0.0/16", ...req.spokes.map((s) => s.vpc.cidrs![0])]);
    for (const service of ["sts", "kms"]) {
      const groups = hubGroups(p, service);
      assert.ok(groups.length > 1 && groups.length <= 5, `${groups.length} groups`);
      for (const g of groups) assert.ok(g.ingress.length <= 60, `${g.name}: ${g.ingress.length} rules`);
      const cidrs = groups.flatMap((g) => g.ingress.map((r) => r.cidr));
      assert.deepEqual(cidrs.sort(), [...declared].sort());
      const e = p.hub.plan!.endpoints.find((x) => x.service === service)!;
      assert.ok(e.reasons.some((r) => r.code === "SG_RULES_SPREAD"));
    }
  });

  it("adding one spoke keeps the split groups' names and leaves every other rule in its group", () => {
    const where = (p: NetworkPlan): Map<string, string> =>
      new Map(hubGroups(p, "sts").flatMap((g) => g.ingress.map((r) => [r.cidr, g.name!] as [string, string])));
    const before = where(planNetwork(network(spokes(200))));
    const after = where(planNetwork(network(spokes(201))));
    assert.deepEqual([...new Set(before.values())].sort(), [...new Set(after.values())].sort());
    assert.deepEqual(
      [...before].filter(([cidr, g]) => after.get(cidr) !== g),
      [],
    );
  });

  it("more spokes than 5 groups of 60 rules hold is QUOTA_EXCEEDED at spokes", () => {
    const found = problems(network(spokes(310)));
    assert.deepEqual([...new Set(found.map((p) => [p.code, p.path].join(" ")))], ["QUOTA_EXCEEDED spokes"]);
    assert.match(found[0].message, /Inbound rules per security group/);
    assert.match(found[0].hint, /centralize: never/);
  });

  it("adjacent spoke CIDRs merge exactly, so 1,000 spokes fit one group", () => {
    const req = network(
      spokes(1000, (i) => ({ cidr: `10.${100 + (i >> 8)}.${i & 255}.0/24` })),
      {},
    );
    req.quotas = { vpcsPerHostedZone: 1001 };
    const groups = hubGroups(planNetwork(req), "sts");
    assert.equal(groups.length, 1);
    assert.ok(groups[0].ingress.every((r) => !r.covers || r.covers.length > 1));
  });

  it("one hosted zone associated with 350 spoke VPCs exceeds Route 53's 300 (QUOTA_EXCEEDED), unless the raised quota is declared", () => {
    const many = spokes(350, (i) => ({ cidr: `10.${100 + (i >> 8)}.${i & 255}.0/24`, services: ["sts"] }));
    const found = problems(network(many));
    assert.deepEqual(
      found.map((p) => [p.code, p.path]),
      [["QUOTA_EXCEEDED", "spokes"]],
    );
    assert.match(found[0].message, /private hosted zone: each sts hosted zone .* needs 351/);
    const req = network(many);
    req.quotas = { vpcsPerHostedZone: 400 };
    assert.equal(planNetwork(req).zones[0].associations.length, 350);
  });

  it("25 spokes in the hub's account with their own S3 gateway exceed 20 gateway endpoints per Region", () => {
    const found = problems(network(spokes(25, () => ({ services: ["s3"] }))));
    assert.deepEqual(
      found.map((p) => [p.code, p.path]),
      [["QUOTA_EXCEEDED", "spokes"]],
    );
    assert.match(found[0].message, /Gateway VPC endpoints per Region/);
  });

  it("a spoke whose CIDR is the hub's is CIDR_OVERLAP (an error over peering and a transit gateway alike: inside the hub's range)", () => {
    for (const transit of ["peering", "transitGateway"] as const) {
      const found = problems(network([spoke("twin", 1, { cidr: "10.0.0.0/16" })], { transit }));
      assert.deepEqual(
        found.map((p) => [p.code, p.path]),
        [["CIDR_OVERLAP", "spokes[0].vpc.cidrs[0]"]],
        transit,
      );
    }
  });

  it("two spokes overlapping each other: a CIDR_OVERLAP warning naming both", () => {
    const p = planNetwork(network([spoke("a", 1, { cidr: "10.1.0.0/16" }), spoke("b", 2, { cidr: "10.1.4.0/24" })]));
    const w = p.warnings.find((x) => x.code === "CIDR_OVERLAP");
    assert.ok(w, JSON.stringify(p.warnings));
    assert.match(w.message, /spoke a's 10\.1\.0\.0\/16 contains spoke b's 10\.1\.4\.0\/24/);
  });
});
