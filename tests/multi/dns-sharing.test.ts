/** Rule 15: the hub shares DNS by private hosted zones or by one Route 53 Profile (rules/dnsSharing.ts). */
import assert from "node:assert/strict";
import fc from "fast-check";
import { isPlanRequestError, planNetwork, type NetworkPlan, type NetworkRequest, type SpokeSpec } from "vpce-plan/plan";
import { network, spoke } from "./fixtures";

/** `n` spokes taking secretsmanager from the hub; every other one in account 222222222222. */
function spokes(n: number, o: { crossAccount?: boolean } = {}): SpokeSpec[] {
  return Array.from({ length: n }, (_, i) =>
    spoke(`s${String(i).padStart(4, "0")}`, i + 1, {
      cidr: `10.${Math.floor(i / 256) + 1}.${i % 256}.0/24`,
      ...(o.crossAccount && i % 2 ? { accountId: "222222222222" } : {}),
    }),
  );
}

const withSharing = (
  req: NetworkRequest,
  dnsSharing?: NetworkRequest["dnsSharing"],
  extra: Partial<NetworkRequest> = {},
): NetworkRequest => ({
  ...req,
  ...(dnsSharing ? { dnsSharing } : {}),
  ...extra,
});

function problemsOf(req: unknown): Array<[string, string]> {
  try {
    planNetwork(req);
  } catch (err) {
    if (!isPlanRequestError(err)) throw err;
    return err.problems.map((p) => [p.code, p.path]);
  }
  return assert.fail("expected the network request to be rejected");
}

interface Row {
  why: string;
  request: NetworkRequest;
  mode?: "zones" | "profile";
  reasons?: string[];
  problems?: Array<[string, string]>;
}

const HUB_ACCOUNT = "111111111111";
const many = (n: number): NetworkRequest => network(spokes(n), { hubAccount: HUB_ACCOUNT });

const rows: Row[] = [
  { why: "baseline: a few spokes share by zones, the cheaper way", request: many(3), mode: "zones", reasons: ["ZONES_CHEAPER"] },
  { why: "dnsSharing: zones as requested", request: withSharing(many(3), "zones"), mode: "zones", reasons: ["ZONES_REQUESTED"] },
  { why: "dnsSharing: profile as requested", request: withSharing(many(3), "profile"), mode: "profile", reasons: ["PROFILE_REQUESTED"] },
  {
    why: "auto: a Profile when it costs less (here: free by price override)",
    request: withSharing(many(3), "auto", { prices: { profileAccountHourUsd: 0 } }),
    mode: "profile",
    reasons: ["PROFILE_CHEAPER"],
  },
  {
    why: "auto: 299 spokes and the hub fit one zone (300 VPCs): zones",
    request: many(299),
    mode: "zones",
    reasons: ["ZONES_CHEAPER"],
  },
  {
    why: "auto: 300 spokes and the hub exceed the zone's 300 VPCs: a Profile",
    request: many(300),
    mode: "profile",
    reasons: ["ZONE_QUOTA_FORCES_PROFILE"],
  },
  {
    why: "zones asked for over the per-zone quota: an error that points at dnsSharing",
    request: withSharing(many(300), "zones"),
    problems: [["QUOTA_EXCEEDED", "spokes"]],
  },
  {
    why: "auto with a raised VPCs-per-zone quota declared: 300 spokes still fit zones",
    request: withSharing(many(300), "auto", { quotas: { vpcsPerHostedZone: 400 } }),
    mode: "zones",
    reasons: ["ZONES_CHEAPER"],
  },
  {
    why: "zones over the hub account's 500 hosted zones (a service with 501 private DNS names)",
    request: withSharing(many(2), "zones", {
      facts: {
        servicePrivateDns: { secretsmanager: Array.from({ length: 501 }, (_, i) => `n${i}.secretsmanager.us-east-1.amazonaws.com`) },
      },
    }),
    problems: [["HOSTED_ZONE_QUOTA_EXCEEDED", "dnsSharing"]],
  },
  {
    why: "auto over the Profile's 1,000 VPCs as well: an error",
    request: many(1001),
    problems: [["PROFILE_ASSOCIATION_QUOTA_EXCEEDED", "dnsSharing"]],
  },
  {
    why: "an unknown mode is a request error",
    request: withSharing(many(2), "both" as "auto"),
    problems: [["INVALID_VALUE", "dnsSharing"]],
  },
];

describe("planNetwork: dnsSharing", () => {
  for (const row of rows) {
    it(row.why, () => {
      if (row.problems) {
        assert.deepEqual(problemsOf(row.request), row.problems);
        return;
      }
      const p = planNetwork(row.request);
      assert.equal(p.dnsSharing.mode, row.mode);
      assert.deepEqual(
        p.dnsSharing.reasons.map((r) => r.code),
        row.reasons,
      );
    });
  }

  it("a hub with 1,000 spokes plans with auto to a Profile, without a quota error", () => {
    const p = planNetwork(many(1000));
    assert.equal(p.dnsSharing.requested, "auto");
    assert.equal(p.dnsSharing.mode, "profile");
    assert.equal(p.profile!.associations.length, 1000);
    assert.deepEqual(p.zones, []);
    assert.ok(p.spokes.every((s) => s.profileAssociation && s.zoneAssociations.length === 0));
  });

  it("both costs and sizes are in the plan; the chosen one is the network's DNS cost", () => {
    const p = planNetwork(network(spokes(4, { crossAccount: true }), { hubAccount: HUB_ACCOUNT }));
    const { zones, profile } = p.dnsSharing;
    assert.deepEqual([zones.count, zones.associations, zones.maxAssociationsPerZone, zones.quota], [1, 4, 5, 300]);
    assert.equal(zones.monthlyUsd, 0.5);
    // The Profile's owner (the hub's account) pays USD 0.75 an hour for the first 100 associations,
    // the other account's two included (Route 53 Developer Guide, sharing-profiles "Billing and metering").
    assert.deepEqual(profile.byAccount, [{ account: HUB_ACCOUNT, associations: 4, monthlyUsd: 547.5 }]);
    assert.equal(profile.monthlyUsd, 547.5);
    assert.equal(profile.payer, "profile owner");
    assert.equal(p.cost.dnsMonthlyUsd, 0.5);
  });

  it("a 40-account network pays one Profile fee, billed to the hub's account", () => {
    const list = Array.from({ length: 40 }, (_, i) => spoke(`a${i}`, i + 1, { azs: [], accountId: String(200000000000 + i) }));
    const p = planNetwork({ ...network(list, { hubAccount: HUB_ACCOUNT }), dnsSharing: "profile" });
    assert.deepEqual(p.dnsSharing.profile.byAccount, [{ account: HUB_ACCOUNT, associations: 40, monthlyUsd: 547.5 }]);
    assert.equal(p.profile!.cost.monthlyUsd, 547.5);
  });

  it("associations beyond the Profile's first 100 are priced per association-hour", () => {
    const p = planNetwork(many(300));
    assert.deepEqual(p.dnsSharing.profile.byAccount, [{ account: HUB_ACCOUNT, associations: 300, monthlyUsd: 547.5 + 200 * 0.0014 * 730 }]);
  });

  it("hosted zones beyond the account's first 25 are priced at the lower tier", () => {
    const names = Array.from({ length: 30 }, (_, i) => `n${i}.secretsmanager.us-east-1.amazonaws.com`);
    const p = planNetwork(withSharing(many(2), "zones", { facts: { servicePrivateDns: { secretsmanager: names } } }));
    assert.equal(p.dnsSharing.zones.count, 30);
    assert.equal(p.dnsSharing.zones.monthlyUsd, 25 * 0.5 + 5 * 0.1);
  });

  describe("with a Profile", () => {
    const p: NetworkPlan = planNetwork(withSharing(network(spokes(3, { crossAccount: true }), { hubAccount: HUB_ACCOUNT }), "profile"));

    it("the hub keeps private DNS on for the shared endpoints and publishes no zones", () => {
      const e = p.hub.plan!.endpoints.find((x) => x.service === "secretsmanager")!;
      assert.equal(e.privateDns, true);
      assert.ok(e.reasons.some((r) => r.code === "HUB_PROFILE_SHARED"));
      assert.ok(!e.reasons.some((r) => r.code === "HUB_PRIVATE_HOSTED_ZONE"));
      assert.deepEqual(p.zones, []);
    });

    it("the profile block: the shared endpoints, one association per consuming spoke, RAM sharing with the other accounts", () => {
      assert.deepEqual(p.profile!.endpoints, ["secretsmanager"]);
      assert.deepEqual(
        p.profile!.associations.map((a) => [a.spoke, a.accountId ?? "-"]),
        [
          ["s0000", "-"],
          ["s0001", "222222222222"],
          ["s0002", "-"],
        ],
      );
      assert.deepEqual(p.profile!.sharedWith, ["222222222222"]);
      assert.equal(p.cost.dnsMonthlyUsd, p.profile!.cost.monthlyUsd);
    });

    it("spokes associate the Profile instead of zones", () => {
      assert.ok(p.spokes.every((s) => s.profileAssociation && s.zoneAssociations.length === 0));
    });

    it("a spoke that keeps everything local associates nothing", () => {
      const q = planNetwork(
        withSharing(
          network([...spokes(2), spoke("own", 200, { centralize: "never", cidr: "10.200.0.0/16" })], { hubAccount: HUB_ACCOUNT }),
          "profile",
        ),
      );
      assert.equal(q.spokes.find((s) => s.name === "own")!.profileAssociation, false);
      assert.ok(!q.profile!.associations.some((a) => a.spoke === "own"));
    });

    it("the hub VPC then needs its DNS attributes for the private DNS it keeps", () => {
      const req = withSharing(many(2), "profile");
      const off = { ...req, hub: { ...req.hub, vpc: { ...req.hub.vpc, dnsHostnames: false } } };
      assert.deepEqual(problemsOf(off), [["VPC_DNS_HOSTNAMES_DISABLED", "hub.vpc.dnsHostnames"]]);
    });
  });

  it("nothing shared: no Profile, no zones, no DNS cost", () => {
    const p = planNetwork(withSharing(network([spoke("own", 1, { centralize: "never" })], { hubAccount: HUB_ACCOUNT }), "profile"));
    assert.equal(p.profile, null);
    assert.equal(p.cost.dnsMonthlyUsd, 0);
  });

  it("a hub reached from on-premises without a resolver is warned for the shared services too; create or existing silence it", () => {
    const req = many(2);
    const hub = (resolver?: "create" | "existing") => ({
      ...req,
      hub: { ...req.hub, access: { onPremises: { cidrs: ["192.168.0.0/16"], ...(resolver ? { resolver } : {}) } } },
    });
    const warned = planNetwork(hub()).warnings.filter((w) => w.code === "ON_PREMISES_DNS_NEEDS_RESOLVER");
    assert.deepEqual(
      warned.map((w) => w.path),
      ["hub.access.onPremises"],
    );
    assert.match(warned[0].message, /resolve secretsmanager .*hub\.access\.onPremises\.resolver: create makes one/);
    for (const mode of ["create", "existing"] as const)
      assert.ok(!planNetwork(hub(mode)).warnings.some((w) => w.code === "ON_PREMISES_DNS_NEEDS_RESOLVER"));
  });

  it("the hub's Resolver inbound endpoint serves on-premises clients for the shared services too", () => {
    const req = many(2);
    const hub = { ...req.hub, access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" as const } } };
    for (const mode of ["zones", "profile"] as const) {
      const r = planNetwork({ ...req, hub, dnsSharing: mode }).hub.plan!.resolver!;
      assert.deepEqual(
        r.reasons.map((x) => x.code),
        ["RESOLVER_INBOUND", "RESOLVER_SERVES_SHARED"],
      );
      assert.match(r.reasons[1].message, /secretsmanager/);
    }
  });

  it("a hub that shares nothing and serves nothing says its resolver: create is not planned (issue 17, item 15)", () => {
    const req = network([spoke("own", 1, { centralize: "never" })]);
    const onPremises = (resolver: "create" | "none") => ({ cidrs: ["192.168.0.0/16"], resolver });
    const p = planNetwork({ ...req, hub: { ...req.hub, access: { onPremises: onPremises("create") } } });
    assert.equal(p.hub.plan, null);
    const warned = p.warnings.filter((w) => w.code === "RESOLVER_NOT_PLANNED");
    assert.deepEqual(
      warned.map((w) => w.path),
      ["hub.access.onPremises.resolver"],
    );
    const none = planNetwork({ ...req, hub: { ...req.hub, access: { onPremises: onPremises("none") } } });
    assert.ok(!none.warnings.some((w) => w.code === "RESOLVER_NOT_PLANNED"));
    // With a service of its own the hub plans the inbound endpoint, and nothing is said.
    const own = planNetwork({ ...req, hub: { ...req.hub, services: ["sts"], access: { onPremises: onPremises("create") } } });
    assert.ok(own.hub.plan!.resolver);
    assert.ok(!own.warnings.some((w) => w.code === "RESOLVER_NOT_PLANNED"));
  });

  it("property: below the quotas, auto takes whichever costs less at the request's prices, and that is the DNS cost", () => {
    const accounts = ["222222222222", "333333333333", "444444444444"];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 100 }), // prices are bounded to 0-100 USD (issue 10),
        fc.integer({ min: 0, max: 100 }),
        (spokeAccounts, zoneUsd, accountHourCents) => {
          // Spokes without subnets take secretsmanager from the hub: every one associates.
          const list = spokeAccounts.map((a, i) => spoke(`p${i}`, i + 1, { azs: [], ...(a < 3 ? { accountId: accounts[a] } : {}) }));
          const prices = { hostedZoneMonthlyUsd: zoneUsd, profileAccountHourUsd: accountHourCents / 100 };
          const p = planNetwork({ ...network(list, { hubAccount: HUB_ACCOUNT }), prices });
          const { zones, profile } = p.dnsSharing;
          // An independent price: one hourly fee, paid by the owner, whatever accounts associate (fewer than 100).
          assert.equal(profile.monthlyUsd, Math.round(730 * accountHourCents) / 100);
          assert.equal(zones.monthlyUsd, zoneUsd * zones.count);
          assert.equal(p.dnsSharing.mode, profile.monthlyUsd < zones.monthlyUsd ? "profile" : "zones");
          assert.equal(p.cost.dnsMonthlyUsd, Math.min(profile.monthlyUsd, zones.monthlyUsd));
        },
      ),
      { numRuns: 40 },
    );
  });
});
