/** Rule 14: on-premises DNS through a Route 53 Resolver inbound endpoint (rules/resolver.ts). */
import assert from "node:assert/strict";
import type { PlanRequest } from "vpce-plan/plan";
import { plan, prices, problemsOf, request, subnets, warningCodes } from "../helpers/build";

const onPremises = (resolver?: "create" | "existing" | "none", cidrs = ["192.168.0.0/16"]): PlanRequest["access"] => ({
  onPremises: { cidrs, ...(resolver ? { resolver } : {}) },
});

interface Row {
  why: string;
  request: PlanRequest;
  problems?: Array<[string, string]>;
  warnings?: string[];
  /** The plan's resolver reasons; undefined: the plan has no resolver. */
  reasons?: string[];
}

const rows: Row[] = [
  { why: "baseline: no on-premises consumers, no resolver and no warning", request: request(), warnings: [] },
  {
    why: "on-premises without a resolver (default none) is warned about",
    request: request({ access: onPremises() }),
    warnings: ["ON_PREMISES_DNS_NEEDS_RESOLVER"],
  },
  {
    why: "resolver: none is the default, said out loud",
    request: request({ access: onPremises("none") }),
    warnings: ["ON_PREMISES_DNS_NEEDS_RESOLVER"],
  },
  {
    why: "resolver: existing: the team runs one, so no warning and nothing planned",
    request: request({ access: onPremises("existing") }),
    warnings: [],
  },
  {
    why: "resolver: create plans the inbound endpoint and drops the warning",
    request: request({ access: onPremises("create") }),
    warnings: [],
    reasons: ["RESOLVER_INBOUND"],
  },
  {
    why: "create with two subnets in one AZ uses one of them and says so",
    request: request({ access: onPremises("create"), subnets: [...subnets("us-east-1", "ab"), { id: "subnet-z", az: "us-east-1a" }] }),
    reasons: ["RESOLVER_INBOUND", "RESOLVER_ONE_SUBNET_PER_AZ"],
  },
  {
    why: "create where an AZ has only a public subnet: PUBLIC_SUBNET_USED, as for an endpoint's ENIs (issue 17, item 19)",
    request: request({
      access: onPremises("create"),
      services: ["s3"],
      subnets: [...subnets("us-east-1", "a"), { id: "subnet-pub", az: "us-east-1b", routeTableId: "rtb-a", public: true }],
    }),
    // One for the s3 interface endpoint on-premises needs, one for the Resolver.
    warnings: ["PUBLIC_SUBNET_USED", "PUBLIC_SUBNET_USED"],
    reasons: ["RESOLVER_INBOUND"],
  },
  {
    why: "create beside a private subnet in the same AZ skips the public one and says so",
    request: request({
      access: onPremises("create"),
      services: ["s3"],
      subnets: [...subnets("us-east-1", "ab"), { id: "subnet-pub", az: "us-east-1b", routeTableId: "rtb-a", public: true }],
    }),
    warnings: [],
    reasons: ["RESOLVER_INBOUND", "PUBLIC_SUBNET_SKIPPED"],
  },
  {
    why: "create in one AZ: AWS requires two, an error naming the field",
    request: request({ access: onPremises("create"), subnets: subnets("us-east-1", "a"), ha: { minAzs: 1 } }),
    problems: [["RESOLVER_TOO_FEW_AZS", "access.onPremises.resolver"]],
  },
  {
    why: "create without private-DNS endpoints still plans it (the caller asked; other private zones may need it)",
    request: request({ access: onPremises("create"), defaults: { privateDns: false } }),
    warnings: [],
    reasons: ["RESOLVER_INBOUND"],
  },
  {
    why: "an unknown resolver mode is a request error",
    request: request({ access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "yes" as "create" } } }),
    problems: [["INVALID_VALUE", "access.onPremises.resolver"]],
  },
];

describe("planEndpoints: resolver", () => {
  for (const row of rows) {
    it(row.why, () => {
      if (row.problems) {
        assert.deepEqual(
          problemsOf(row.request).map((p) => [p.code, p.path]),
          row.problems,
        );
        return;
      }
      const p = plan(row.request);
      if (row.warnings)
        assert.deepEqual(
          warningCodes(p).filter((c) => c !== "HA_BELOW_MIN_AZS"),
          row.warnings,
        );
      assert.deepEqual(
        p.resolver?.reasons.map((r) => r.code),
        row.reasons,
      );
    });
  }

  it("the Resolver's PUBLIC_SUBNET_USED names the Resolver and no service", () => {
    const p = plan(
      request({
        access: onPremises("create"),
        subnets: [...subnets("us-east-1", "a"), { id: "subnet-pub", az: "us-east-1b", routeTableId: "rtb-a", public: true }],
      }),
    );
    const resolver = p.warnings.filter((w) => w.code === "PUBLIC_SUBNET_USED" && !w.service);
    assert.equal(resolver.length, 1);
    assert.match(resolver[0].message, /^The Resolver inbound endpoint puts its us-east-1b ENI in public subnet subnet-pub/);
  });

  it("the inbound endpoint: INBOUND, one subnet per AZ in AZ order, TCP and UDP 53 from the on-premises CIDRs only", () => {
    const p = plan(request({ access: onPremises("create", ["192.168.0.0/16", "172.16.0.0/12"]), subnets: subnets("us-east-1", "bac") }));
    const r = p.resolver!;
    assert.equal(r.direction, "INBOUND");
    assert.deepEqual(r.azs, ["us-east-1a", "us-east-1b", "us-east-1c"]);
    assert.deepEqual(r.subnetIds, ["subnet-a", "subnet-b", "subnet-c"]);
    assert.deepEqual(
      r.securityGroup.ingress.map((i) => `${i.protocol}/${i.fromPort}-${i.toPort}/${i.cidr}`),
      ["tcp/53-53/172.16.0.0/12", "udp/53-53/172.16.0.0/12", "tcp/53-53/192.168.0.0/16", "udp/53-53/192.168.0.0/16"],
    );
    assert.ok(!r.securityGroup.ingress.some((i) => i.cidr === "10.0.0.0/16"), "the VPC's own CIDR is not admitted");
    assert.match(r.securityGroup.ingress[1].description, /^UDP 53 from on-premises/);
  });

  it("is priced per ENI-hour at the region's list price, and counted in the plan's fixed and total cost", () => {
    const without = plan(request({ access: onPremises("existing") }));
    const withIt = plan(request({ access: onPremises("create"), subnets: subnets("us-east-1", "abc") }));
    const expected = Math.round(prices("us-east-1").resolverEniHourUsd * 730 * 3 * 10_000) / 10_000;
    assert.equal(withIt.resolver!.monthlyCostUsd, expected);
    assert.equal(withIt.cost.resolverMonthlyUsd, expected);
    // The endpoints themselves go from 2 AZs to 3: compare against the endpoints' own sum.
    const endpoints = withIt.endpoints.reduce((sum, e) => sum + e.monthlyCostUsd, 0);
    assert.equal(Math.round((withIt.cost.monthlyTotalUsd - endpoints) * 10_000) / 10_000, expected);
    assert.equal(without.cost.resolverMonthlyUsd, undefined);
  });

  it("a price override changes the resolver's cost and the warning's figure", () => {
    const cheap = plan(request({ access: onPremises("create"), prices: { resolverEniHourUsd: 0.1 } }));
    assert.equal(cheap.resolver!.monthlyCostUsd, 146);
    const warned = plan(request({ access: onPremises(), prices: { resolverEniHourUsd: 0.1 } }));
    assert.match(warned.warnings[0].message, /2 ENIs \(one per AZ of the subnets, 2 at least\) for USD 146\.00 a month/);
    assert.match(plan(request({ access: onPremises() })).warnings[0].message, /USD 182\.50 a month/);
  });

  it("the warning quotes what resolver: create would make: one ENI per AZ, three AZs priced as three", () => {
    const three = subnets("us-east-1", "abc");
    const warned = plan(request({ access: onPremises(), subnets: three }));
    const made = plan(request({ access: onPremises("create"), subnets: three })).resolver!;
    assert.equal(made.azs.length, 3);
    assert.match(warned.warnings[0].message, new RegExp(`3 ENIs .* for USD ${made.monthlyCostUsd.toFixed(2).replace(".", "\\.")} a month`));
  });

  it("the warning names what to set", () => {
    const w = plan(request({ access: onPremises() })).warnings[0];
    assert.equal(w.path, "access.onPremises");
    assert.match(w.message, /access\.onPremises\.resolver: create/);
  });
});
