/** diffPlans on request pairs and plan pairs: every change kind, replacement flags, cost delta. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { diffPlans, hasChanges, hasReplacements, REPLACING_FIELDS, type PlanDiff } from "vpce-plan/diff";
import { isPlanRequestError, planNetwork, type Plan } from "vpce-plan/plan";
import { validRequest } from "../helpers/arbitraries";
import { assertUsd, endpoint, plan, request, subnets } from "../helpers/build";
import { network, spoke } from "../multi/fixtures";

const names = (d: PlanDiff, kind: "added" | "removed" | "changed"): string[] => d.endpoints[kind].map((e) => e.name);
const fields = (d: PlanDiff, name: string): Array<[string, boolean]> =>
  d.endpoints.changed.find((c) => c.name === name)!.changes.map((c) => [c.field, c.replaces]);
/** A plan as the JSON file `vpce-plan plan --format json` writes. */
const asFile = (p: Plan): Plan => JSON.parse(JSON.stringify(p)) as Plan;

describe("diff: request pairs", () => {
  it("the same request gives an empty diff with a zero delta", () => {
    const d = diffPlans(plan(request()), plan(request()));
    assert.deepEqual(d.summary, { added: 0, removed: 0, changed: 0, replaced: 0, rulesAdded: 0, rulesRemoved: 0, moved: 0, dns: 0 });
    assert.equal(d.cost.deltaMonthlyUsd, 0);
    assert.equal(d.kind, "diff");
    assert.equal(d.version, 1);
  });

  it("adds kms, removes sts, moves logs to a new AZ: each kind, with per-endpoint and total cost", () => {
    const base = plan(request({ services: ["sts", "logs"] }));
    const head = plan(request({ services: ["kms", "logs"], subnets: subnets("us-east-1", "abc") }));
    const d = diffPlans(base, head);
    assert.deepEqual(names(d, "added"), ["kms"]);
    assert.deepEqual(names(d, "removed"), ["sts"]);
    assert.deepEqual(names(d, "changed"), ["logs"]);
    assert.deepEqual(fields(d, "logs"), [
      ["azs", false],
      ["subnetIds", false],
    ]);
    const logs = d.endpoints.changed[0];
    assert.equal(logs.replaces, false);
    assertUsd(logs.cost.deltaMonthlyUsd, endpoint(head, "logs").monthlyCostUsd - endpoint(base, "logs").monthlyCostUsd, "logs delta");
    assert.equal(d.endpoints.added[0].cost.headMonthlyUsd, endpoint(head, "kms").monthlyCostUsd);
    assert.equal(d.endpoints.removed[0].cost.baseMonthlyUsd, endpoint(base, "sts").monthlyCostUsd);
    assert.equal(d.cost.baseMonthlyUsd, base.cost.monthlyTotalUsd);
    assert.equal(d.cost.headMonthlyUsd, head.cost.monthlyTotalUsd);
    assertUsd(d.cost.deltaMonthlyUsd, head.cost.monthlyTotalUsd - base.cost.monthlyTotalUsd, "total delta");
  });

  it("security-group rules added and removed follow the declared consumers", () => {
    const base = plan(request());
    const head = plan(request({ access: { onPremises: { cidrs: ["192.168.0.0/16"] } } }));
    const d = diffPlans(base, head);
    assert.deepEqual(
      d.securityGroupRules.added.map((r) => [r.endpoint, r.cidr, r.source]),
      [["sts", "192.168.0.0/16", "onPremises"]],
    );
    assert.deepEqual(d.securityGroupRules.removed, []);
    assert.deepEqual(
      diffPlans(head, base).securityGroupRules.removed.map((r) => r.cidr),
      ["192.168.0.0/16"],
    );
  });

  it("rules that admit a security group are compared by the group", () => {
    const base = plan(request({ access: { securityGroups: ["sg-0app"] } }));
    const head = plan(request({ access: { securityGroups: ["sg-0web"] } }));
    const d = diffPlans(base, head);
    assert.deepEqual(
      d.securityGroupRules.added.map((r) => [r.endpoint, r.securityGroupId, r.cidr]),
      [["sts", "sg-0web", undefined]],
    );
    assert.deepEqual(
      d.securityGroupRules.removed.map((r) => r.securityGroupId),
      ["sg-0app"],
    );
  });

  it("another VPC replaces every endpoint; private DNS on an interface endpoint is updated in place", () => {
    const base = plan(request({ services: ["sts", "s3"] }));
    const moved = diffPlans(base, plan(request({ services: ["sts", "s3"], vpc: { ...request().vpc, id: "vpc-0def" } })));
    assert.deepEqual(names(moved, "changed"), ["s3-gateway", "sts"]);
    for (const c of moved.endpoints.changed)
      assert.deepEqual(
        c.changes.find((f) => f.field === "vpcId"),
        { field: "vpcId", base: "vpc-0abc", head: "vpc-0def", replaces: true },
      );
    assert.equal(moved.summary.replaced, 2);
    const dnsOff = diffPlans(base, plan(request({ services: [{ name: "sts", privateDns: false }, "s3"] })));
    assert.deepEqual(
      fields(dnsOff, "sts").find(([f]) => f === "privateDns"),
      ["privateDns", false],
    );
    assert.equal(dnsOff.summary.replaced, 0);
  });

  it("traffic that only changes cost shows the endpoint as changed with no field, and the delta", () => {
    const base = plan(request({ traffic: { sts: 10 } }));
    const head = plan(request({ traffic: { sts: 1000 } }));
    const d = diffPlans(base, head);
    const sts = d.endpoints.changed.find((c) => c.name === "sts")!;
    assertUsd(sts.cost.deltaMonthlyUsd, endpoint(head, "sts").monthlyCostUsd - endpoint(base, "sts").monthlyCostUsd, "sts delta");
    assert.ok(sts.cost.deltaMonthlyUsd > 0);
    assert.ok(!sts.changes.some((c) => c.field.startsWith("cost")));
  });
});

describe("diff: plan pairs (plan JSON files)", () => {
  it("compares plan JSON as it was written, with the same result as the plans in memory", () => {
    const base = plan(request({ services: ["sts", "logs"] }));
    const head = plan(request({ services: ["kms", "logs"], subnets: subnets("us-east-1", "abc") }));
    assert.deepEqual(diffPlans(asFile(base), asFile(head)), diffPlans(base, head));
  });

  it("a service-name change replaces the endpoint (ForceNew), a policy change does not", () => {
    const base = asFile(plan(request()));
    const head = asFile(plan(request()));
    head.endpoints[0].serviceName = "com.amazonaws.us-east-1.sts-fips";
    head.endpoints[0].policy = { Version: "2012-10-17", Statement: [] };
    const d = diffPlans(base, head);
    assert.deepEqual(fields(d, "sts"), [
      ["policy", false],
      ["serviceName", true],
    ]);
    assert.equal(d.endpoints.changed[0].replaces, true);
  });

  it("fields the plan contract gains later are compared without code changes, nested ones by path", () => {
    const base = asFile(plan(request()));
    const head = asFile(plan(request()));
    Object.assign(head.endpoints[0], { serviceRegion: "us-west-2", quotaNote: "raised" });
    Object.assign(head.endpoints[0], { dnsOptions: { dnsRecordIpType: "ipv4", privateDnsPreference: "VERIFIED_DOMAINS_ONLY" } });
    Object.assign(head.endpoints[0], {
      securityGroups: [
        {
          name: "sts-2",
          mode: "perEndpoint",
          ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidr: "10.9.0.0/16", source: "extra" }],
        },
      ],
    });
    const d = diffPlans(base, head);
    const byField = Object.fromEntries(d.endpoints.changed[0].changes.map((c) => [c.field, c.replaces]));
    assert.equal(byField.serviceRegion, true);
    assert.equal(byField.quotaNote, false);
    assert.equal(byField["dnsOptions.privateDnsPreference"], true);
    assert.ok(REPLACING_FIELDS.has("vpcId") && REPLACING_FIELDS.has("type"));
    assert.deepEqual(
      d.securityGroupRules.added.map((r) => r.cidr),
      ["10.9.0.0/16"],
    );
  });
});

describe("diff: networks", () => {
  const spokes = (gbA: number) => [
    spoke("a", 1, { traffic: { secretsmanager: gbA } }),
    spoke("b", 2, { traffic: { secretsmanager: 10 } }),
    spoke("c", 3, { traffic: { secretsmanager: 10 } }),
  ];

  it("a spoke whose traffic passes break-even moves from the hub to its own endpoint", () => {
    const base = planNetwork(network(spokes(10)));
    const head = planNetwork(network(spokes(20000)));
    assert.ok(base.spokes[0].fromHub.includes("secretsmanager"), "baseline: spoke a takes secretsmanager from the hub");
    assert.ok(head.spokes[0].local.includes("secretsmanager"), "head: spoke a has its own");
    const d = diffPlans(base, head);
    assert.deepEqual(d.assignments, [{ spoke: "a", service: "secretsmanager", base: "hub", head: "local" }]);
    assert.deepEqual(
      d.endpoints.added.map((e) => [e.vpc, e.name]),
      [["spoke:a", "secretsmanager"]],
    );
    assertUsd(d.cost.deltaMonthlyUsd, head.cost.monthlyTotalUsd - base.cost.monthlyTotalUsd, "network delta");
    assert.equal(d.base.kind, "network");
  });
});

describe("diff: DNS (Resolver endpoints, DNS sharing, zones, Profile associations)", () => {
  const onPrem = (resolver: "create" | "none", letters = "ab") =>
    plan(request({ subnets: subnets("us-east-1", letters), access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver } } }));

  it("a Resolver inbound endpoint added, moved to another AZ set, and removed: with its cost and its group's rules", () => {
    const [none, two, three] = [onPrem("none"), onPrem("create"), onPrem("create", "abc")];
    const added = diffPlans(none, two);
    assert.deepEqual(
      added.dns.resolvers.map((r) => [r.change, r.baseMonthlyUsd, r.headMonthlyUsd]),
      [["add", 0, two.resolver!.monthlyCostUsd]],
    );
    assert.deepEqual(
      added.securityGroupRules.added.filter((r) => r.endpoint === "resolver").map((r) => [r.protocol, r.fromPort, r.cidr]),
      [
        ["tcp", 53, "192.168.0.0/16"],
        ["udp", 53, "192.168.0.0/16"],
      ],
    );
    assert.equal(added.summary.dns, 1);
    assert.ok(hasChanges(added));
    const moved = diffPlans(two, three).dns.resolvers;
    assert.deepEqual(
      moved.map((r) => [r.change, r.fields.map((f) => [f.field, f.base.length, f.head.length])]),
      [
        [
          "change",
          [
            ["subnetIds", 2, 3],
            ["azs", 2, 3],
          ],
        ],
      ],
    );
    assert.ok(moved[0].headMonthlyUsd > moved[0].baseMonthlyUsd, "a third ENI costs more");
    const removed = diffPlans(two, none);
    assert.deepEqual(
      removed.dns.resolvers.map((r) => r.change),
      ["remove"],
    );
    assert.equal(removed.securityGroupRules.removed.filter((r) => r.endpoint === "resolver").length, 2);
    assert.deepEqual(diffPlans(two, onPrem("create")).dns.resolvers, [], "the same resolver is no change");
  });

  it("a live VPC (diff --from-aws) cannot tell resolvers: with dns: false nothing DNS is claimed", () => {
    const d = diffPlans(onPrem("none"), onPrem("create"), { dns: false });
    assert.deepEqual(d.dns.resolvers, []);
    assert.equal(d.summary.dns, 0);
    assert.deepEqual(
      d.securityGroupRules.added.filter((r) => r.endpoint === "resolver"),
      [],
    );
  });

  it("switching DNS sharing from zones to a Profile removes every zone and its associations and adds the Profile's", () => {
    const spokes = [spoke("a", 1), spoke("b", 2)];
    const zones = planNetwork({ ...network(spokes), dnsSharing: "zones" });
    const profile = planNetwork({ ...network(spokes), dnsSharing: "profile" });
    assert.ok(zones.zones.length > 0, "baseline: the hub shares by zones");
    const d = diffPlans(zones, profile);
    assert.deepEqual(d.dns.sharing, { base: "zones", head: "profile" });
    assert.deepEqual(d.dns.zones.removed, zones.zones.map((z) => z.name).sort());
    assert.deepEqual(d.dns.zones.added, []);
    assert.deepEqual(
      d.dns.associations.added.map((a) => [a.spoke, a.profile]),
      [
        ["a", true],
        ["b", true],
      ],
    );
    assert.equal(
      d.dns.associations.removed.length,
      zones.zones.reduce((n, z) => n + z.associations.length, 0),
    );
    assert.ok(d.dns.associations.removed.every((a) => a.zone && !a.profile));
    assert.equal(d.summary.dns, 1 + d.dns.zones.removed.length + d.dns.associations.added.length + d.dns.associations.removed.length);
    const back = diffPlans(profile, zones);
    assert.deepEqual(back.dns.zones.added, d.dns.zones.removed, "swapping sides swaps added and removed");
    assert.deepEqual(diffPlans(zones, zones).dns.zones, { added: [], removed: [] });
  });

  it("zones -> Profile: the Profile's cost is in base, head and delta, beside the zones', and the one-step switch is warned of", () => {
    const spokes = [spoke("a", 1), spoke("b", 2)];
    const zones = planNetwork({ ...network(spokes), dnsSharing: "zones" });
    const profile = planNetwork({ ...network(spokes), dnsSharing: "profile" });
    const d = diffPlans(zones, profile);
    const [zonesUsd, profileUsd] = [zones.dnsSharing.zones.monthlyUsd, profile.dnsSharing.profile.monthlyUsd];
    assert.ok(profileUsd > 0 && zonesUsd > 0, "both sides cost something");
    assertUsd(d.cost.dns.zones.baseMonthlyUsd, zonesUsd);
    assertUsd(d.cost.dns.zones.headMonthlyUsd, 0);
    assertUsd(d.cost.dns.profile.headMonthlyUsd, profileUsd);
    assertUsd(d.cost.dns.profile.deltaMonthlyUsd, profileUsd);
    // The endpoints are the same on both sides: the whole delta is DNS sharing's.
    assertUsd(d.cost.deltaMonthlyUsd, profileUsd - zonesUsd);
    assertUsd(d.cost.headMonthlyUsd, profile.cost.monthlyTotalUsd + profileUsd);
    assert.deepEqual(
      d.dns.warnings.map((w) => w.code),
      ["DNS_SHARING_SWITCH_FAILS"],
    );
    assert.match(d.dns.warnings[0].message, /ConflictingDomainExists/);
    assert.match(d.dns.warnings[0].message, /two steps/);
    assert.deepEqual(diffPlans(profile, zones).dns.warnings, [], "only zones -> Profile turns private DNS on beside live zones");
    assert.deepEqual(diffPlans(zones, zones).dns.warnings, []);
  });

  it("the Resolver endpoints' cost is counted in base, head and delta", () => {
    const onPrem = { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" as const } };
    const without = plan(request({ access: { onPremises: { cidrs: ["192.168.0.0/16"] } } }));
    const withResolver = plan(request({ access: onPrem }));
    const d = diffPlans(without, withResolver);
    assertUsd(d.cost.dns.resolvers.baseMonthlyUsd, 0);
    assertUsd(d.cost.dns.resolvers.headMonthlyUsd, withResolver.resolver!.monthlyCostUsd);
    assertUsd(d.cost.dns.resolvers.deltaMonthlyUsd, withResolver.resolver!.monthlyCostUsd);
  });
});

describe("diff: properties", () => {
  /** The plan, or undefined for generated requests that hit a documented error. */
  const tryPlan = (req: unknown): Plan | undefined => {
    try {
      return plan(req);
    } catch (err) {
      if (isPlanRequestError(err)) return undefined;
      throw err;
    }
  };

  it("a plan against itself is empty; swapping sides swaps added and removed and negates every delta", () => {
    fc.assert(
      fc.property(validRequest, validRequest, (r1, r2) => {
        const [a, b] = [tryPlan(r1), tryPlan(r2)];
        if (!a || !b) return;
        assert.equal(hasChanges(diffPlans(a, a)), false);
        const ab = diffPlans(a, b);
        const ba = diffPlans(b, a);
        assert.deepEqual(names(ab, "added"), names(ba, "removed"));
        assert.deepEqual(names(ab, "changed"), names(ba, "changed"));
        assert.deepEqual(ab.assignments, ba.assignments);
        assertUsd(ab.cost.deltaMonthlyUsd, b.cost.monthlyTotalUsd - a.cost.monthlyTotalUsd, "delta = difference of totals");
        assertUsd(ab.cost.deltaMonthlyUsd, -ba.cost.deltaMonthlyUsd, "antisymmetric");
        assert.equal(ab.securityGroupRules.added.length, ba.securityGroupRules.removed.length);
      }),
      { numRuns: 100 },
    );
  });
});

describe("diff: a service switching endpoint type (issue 17, item 13)", () => {
  it("gateway -> interface for s3 is a replacement that --fail-on replace catches", () => {
    const base = plan(request({ services: ["s3"] }));
    const head = plan(request({ services: [{ name: "s3", type: "Interface" }] }));
    const d = diffPlans(base, head);
    assert.deepEqual(names(d, "added"), ["s3"]);
    assert.deepEqual(names(d, "removed"), ["s3-gateway"]);
    assert.equal(d.endpoints.added[0].replacing, "s3-gateway");
    assert.equal(d.summary.replaced, 1);
    assert.ok(hasReplacements(d));
  });

  it("interface -> gateway the same way; adding an interface beside a kept gateway replaces nothing", () => {
    const iface = plan(request({ services: [{ name: "s3", type: "Interface" }] }));
    const back = diffPlans(iface, plan(request({ services: ["s3"] })));
    assert.equal(back.endpoints.added[0].replacing, "s3");
    assert.ok(hasReplacements(back));
    const beside = diffPlans(
      plan(request({ services: ["s3"] })),
      plan(request({ services: ["s3"], access: { onPremises: { cidrs: ["192.168.0.0/16"] } } })),
    );
    assert.deepEqual(names(beside, "added"), ["s3"]);
    assert.equal(beside.endpoints.added[0].replacing, undefined);
    assert.ok(!hasReplacements(beside));
  });
});
