import assert from "node:assert/strict";
import { isPlanRequestError, planNetwork, type NetworkPlan, type Problem } from "vpce-plan/plan";
import { endpointUsd, network, spoke } from "./fixtures";

const decision = (plan: NetworkPlan, service: string) => plan.services.find((s) => s.service === service)!;
const forSpoke = (plan: NetworkPlan, service: string, name: string) => decision(plan, service).spokes.find((s) => s.spoke === name)!;
const codes = (reasons: Array<{ code: string }>): string[] => reasons.map((r) => r.code);

function problemsOf(request: unknown): Problem[] {
  try {
    planNetwork(request);
  } catch (err) {
    assert.ok(isPlanRequestError(err), String(err));
    return err.problems;
  }
  assert.fail("expected the request to be rejected");
}

describe("planNetwork: hub or local", () => {
  it("a spoke below the transit break-even takes the hub's endpoint, one above it keeps its own", () => {
    // The hub uses secretsmanager itself, so only the spoke's transit (0.02/GB) weighs against
    // its own endpoint's 2 AZ-hours (USD 14.60): break-even at 730 GB.
    const below = planNetwork(network([spoke("a", 1, { traffic: { secretsmanager: 700 } })], { hubServices: ["secretsmanager"] }));
    const above = planNetwork(network([spoke("a", 1, { traffic: { secretsmanager: 760 } })], { hubServices: ["secretsmanager"] }));
    assert.equal(forSpoke(below, "secretsmanager", "a").placement, "hub");
    assert.deepEqual(codes(forSpoke(below, "secretsmanager", "a").reasons), ["HUB_CHEAPER"]);
    assert.equal(forSpoke(below, "secretsmanager", "a").cost.breakEvenGb, 730);
    assert.equal(forSpoke(above, "secretsmanager", "a").placement, "local");
    assert.deepEqual(codes(forSpoke(above, "secretsmanager", "a").reasons), ["LOCAL_CHEAPER"]);
    const a = forSpoke(above, "secretsmanager", "a").cost;
    assert.equal(a.localMonthlyUsd, endpointUsd(2, 760));
    assert.equal(a.hubMonthlyUsd, Math.round((0.01 + 0.02) * 760 * 100) / 100);
  });

  it("a hub endpoint is built only when enough spokes save enough to pay for it", () => {
    // One-AZ spokes pay USD 7.30 each; a two-AZ hub endpoint USD 14.60: two spokes tie (stay local), three pay it off.
    const two = planNetwork(network([spoke("a", 1, { azs: ["us-east-1a"] }), spoke("b", 2, { azs: ["us-east-1a"] })]));
    const three = planNetwork(network(["a", "b", "c"].map((n, i) => spoke(n, i + 1, { azs: ["us-east-1a"] }))));
    assert.equal(decision(two, "secretsmanager").placement, "local");
    assert.deepEqual(codes(decision(two, "secretsmanager").reasons), ["HUB_ENDPOINT_NOT_WORTH_IT"]);
    assert.deepEqual(codes(forSpoke(two, "secretsmanager", "a").reasons), ["HUB_ENDPOINT_NOT_WORTH_IT"]);
    assert.equal(two.hub.plan, null);
    assert.equal(decision(three, "secretsmanager").placement, "hub");
    assert.deepEqual(decision(three, "secretsmanager").consumers, ["a", "b", "c"]);
    assert.deepEqual(codes(decision(three, "secretsmanager").reasons), ["HUB_ENDPOINT_PAYS_OFF"]);
    assert.equal(decision(three, "secretsmanager").cost.localMonthlyUsd, 3 * endpointUsd(1));
    assert.equal(decision(three, "secretsmanager").cost.chosenMonthlyUsd, endpointUsd(2));
    assert.equal(three.cost.savingsUsd, Math.round((3 * endpointUsd(1) - endpointUsd(2)) * 100) / 100);
  });

  it("gateway services stay local in every spoke, however many need them", () => {
    const plan = planNetwork(network(["a", "b", "c", "d"].map((n, i) => spoke(n, i + 1, { services: ["s3", "dynamodb"] }))));
    for (const key of ["s3", "dynamodb"]) {
      assert.equal(decision(plan, key).placement, "local");
      assert.deepEqual(codes(decision(plan, key).reasons), ["GATEWAY_NEVER_SHARED"]);
      assert.deepEqual(decision(plan, key).localIn, ["a", "b", "c", "d"]);
    }
    assert.deepEqual(plan.zones, []);
    for (const s of plan.spokes)
      assert.deepEqual(
        s.plan!.endpoints.map((e) => e.name),
        ["dynamodb-gateway", "s3-gateway"],
      );
  });

  it("a cross-region endpoint is never shared: each spoke that asks keeps its own", () => {
    const plan = planNetwork(network(["a", "b", "c", "d"].map((n, i) => spoke(n, i + 1, { services: ["com.amazonaws.eu-west-1.kms"] }))));
    const d = decision(plan, "com.amazonaws.eu-west-1.kms");
    assert.equal(d.placement, "local");
    assert.deepEqual(codes(d.reasons), ["CROSS_REGION_LOCAL"]);
    assert.deepEqual(d.localIn, ["a", "b", "c", "d"]);
    for (const s of plan.spokes)
      assert.deepEqual(
        s.plan!.endpoints.map((e) => [e.name, e.serviceRegion]),
        [["kms-eu-west-1", "eu-west-1"]],
      );
  });

  it("a spoke in another region keeps its own endpoints, or fails when it requires the hub", () => {
    const spokes = ["a", "b", "c"].map((n, i) => spoke(n, i + 1));
    const eu = spoke("eu", 9, { region: "eu-west-1" });
    const plan = planNetwork(network([...spokes, eu]));
    assert.deepEqual(decision(plan, "secretsmanager").localIn, ["eu"]);
    assert.deepEqual(codes(forSpoke(plan, "secretsmanager", "eu").reasons), ["CROSS_REGION_SPOKE"]);
    const euPlan = plan.spokes.find((s) => s.name === "eu")!;
    assert.equal(euPlan.crossRegion, true);
    assert.equal(euPlan.plan!.region, "eu-west-1");
    assert.equal(euPlan.plan!.endpoints[0].serviceName, "com.amazonaws.eu-west-1.secretsmanager");

    const problems = problemsOf(network([...spokes, spoke("eu", 9, { region: "eu-west-1", centralize: "required" })]));
    assert.deepEqual(
      problems.map((p) => [p.code, p.path]),
      [["CENTRALIZE_IMPOSSIBLE", "spokes[3].centralize"]],
    );
    assert.match(problems[0].message, /eu-west-1/);
    assert.match(problems[0].hint, /centralize: auto/);
  });

  it("a spoke in another account is served, with a zone association authorization flagged", () => {
    const plan = planNetwork(
      network([spoke("a", 1), spoke("b", 2), spoke("x", 3, { accountId: "222222222222" })], { hubAccount: "111111111111" }),
    );
    assert.deepEqual(decision(plan, "secretsmanager").consumers, ["a", "b", "x"]);
    assert.ok(codes(forSpoke(plan, "secretsmanager", "x").reasons).includes("CROSS_ACCOUNT_SPOKE"));
    const zone = plan.zones.find((z) => z.service === "secretsmanager")!;
    assert.deepEqual(
      zone.associations.map((a) => [a.spoke, a.authorizationRequired]),
      [
        ["a", false],
        ["b", false],
        ["x", true],
      ],
    );
    const x = plan.spokes.find((s) => s.name === "x")!;
    assert.equal(x.crossAccount, true);
    assert.deepEqual(x.zoneAssociations, [
      { zone: "secretsmanager.us-east-1.amazonaws.com", service: "secretsmanager", authorizationRequired: true },
    ]);
    assert.ok(!codes(plan.warnings).includes("HUB_ACCOUNT_UNKNOWN"));
  });

  it("a spoke account that cannot be compared with the hub's is flagged and warned about", () => {
    const plan = planNetwork(network([spoke("a", 1), spoke("x", 3, { accountId: "222222222222" })]));
    assert.equal(plan.spokes.find((s) => s.name === "x")!.crossAccount, true);
    assert.ok(codes(plan.warnings).includes("HUB_ACCOUNT_UNKNOWN"));
  });

  it("a service without private DNS stays local: no hosted zone could shadow its name", () => {
    const plan = planNetwork(network(["a", "b", "c", "d"].map((n, i) => spoke(n, i + 1, { services: ["iot.data"] }))));
    assert.equal(decision(plan, "iot.data").placement, "local");
    assert.deepEqual(codes(decision(plan, "iot.data").reasons), ["NO_PRIVATE_DNS_TO_SHADOW"]);
    assert.equal(decision(plan, "iot.data").cost.centralizedMonthlyUsd, null);
    assert.equal(plan.hub.plan, null);
  });

  it("centralize: never keeps a spoke local; centralize: required sends it to the hub even at a loss", () => {
    const spokes = [spoke("a", 1), spoke("b", 2), spoke("never", 3, { centralize: "never" })];
    const plan = planNetwork(network(spokes));
    assert.deepEqual(decision(plan, "secretsmanager").localIn, ["never"]);
    assert.deepEqual(codes(forSpoke(plan, "secretsmanager", "never").reasons), ["LOCAL_REQUESTED"]);

    const lonely = planNetwork(network([spoke("r", 1, { centralize: "required", traffic: { secretsmanager: 5000 } })]));
    assert.equal(forSpoke(lonely, "secretsmanager", "r").placement, "hub");
    assert.deepEqual(codes(forSpoke(lonely, "secretsmanager", "r").reasons), ["CENTRALIZE_REQUIRED"]);
    assert.ok(lonely.cost.savingsUsd < 0, "the required hub costs more than a local endpoint here");
  });

  it("a spoke without subnets takes interface services from the hub", () => {
    const bare = { ...spoke("bare", 4), subnets: undefined };
    const plan = planNetwork(network([bare]));
    assert.deepEqual(codes(forSpoke(plan, "secretsmanager", "bare").reasons), ["NO_LOCAL_SUBNETS"]);
    assert.equal(plan.spokes[0].plan, null);
  });

  it("a hub forced by a spoke without subnets says so, with figures that agree (HUB_ENDPOINT_REQUIRED)", () => {
    // The bare spoke is priced at the hub's 3 AZs if it had its own; the other spoke keeps its own (centralize: never).
    const bare = { ...spoke("bare", 4, { traffic: { secretsmanager: 100 } }), subnets: undefined };
    const plan = planNetwork(
      network([bare, spoke("own", 5, { centralize: "never" })], { hubAzs: ["us-east-1a", "us-east-1b", "us-east-1c"] }),
    );
    const d = decision(plan, "secretsmanager");
    assert.equal(d.placement, "hub");
    assert.deepEqual(codes(d.reasons), ["HUB_ENDPOINT_REQUIRED"]);
    assert.ok(d.cost.chosenMonthlyUsd > d.cost.localMonthlyUsd, "the hub costs more than every VPC its own here");
    assert.match(d.reasons[0].message, /needed for bare \(no subnet where secretsmanager offers endpoints\)/);
    assert.ok(
      d.reasons[0].message.includes(`USD ${(d.cost.chosenMonthlyUsd - d.cost.localMonthlyUsd).toFixed(2)} more`),
      d.reasons[0].message,
    );
    // centralize: never leaves no decision to make, so no TRAFFIC_UNKNOWN for it.
    assert.deepEqual(
      plan.warnings.filter((w) => w.code === "TRAFFIC_UNKNOWN"),
      [],
    );
  });

  it("a required hub that costs more says centralize: required, not that it pays off", () => {
    const lonely = planNetwork(network([spoke("r", 1, { centralize: "required", traffic: { secretsmanager: 5000 } })]));
    const d = decision(lonely, "secretsmanager");
    assert.deepEqual(codes(d.reasons), ["HUB_ENDPOINT_REQUIRED"]);
    assert.match(d.reasons[0].message, /r \(centralize: required\)/);
  });

  it("HUB_ENDPOINT_PAYS_OFF only where the hub is cheaper than every VPC its own", () => {
    const variants = [
      network(["a", "b", "c"].map((n, i) => spoke(n, i + 1, { azs: ["us-east-1a"] }))),
      network([{ ...spoke("bare", 4), subnets: undefined }, spoke("x", 5)]),
      network([spoke("r", 1, { centralize: "required", traffic: { secretsmanager: 5000 } }), spoke("s", 2)]),
    ];
    for (const request of variants)
      for (const d of planNetwork(request).services)
        if (d.reasons.some((r) => r.code === "HUB_ENDPOINT_PAYS_OFF"))
          assert.ok(d.cost.chosenMonthlyUsd <= d.cost.localMonthlyUsd, d.service);
  });

  it("TRAFFIC_UNKNOWN only for spokes whose decision traffic could change (centralize: auto)", () => {
    const plan = planNetwork(
      network([spoke("auto", 1), spoke("never", 2, { centralize: "never" }), spoke("req", 3, { centralize: "required" })], {
        hubServices: ["secretsmanager"],
      }),
    );
    assert.deepEqual(
      plan.warnings.filter((w) => w.code === "TRAFFIC_UNKNOWN").map((w) => w.path),
      ["spokes[0].traffic"],
    );
  });

  it("transit over peering is priced by the cross-AZ share of the traffic", () => {
    const spokes = [
      spoke("same", 1, { traffic: { secretsmanager: 100 } }),
      spoke("other", 2, { azs: ["us-east-1c"], traffic: { secretsmanager: 100 } }),
    ];
    const plan = planNetwork(network(spokes, { transit: "peering", hubServices: ["secretsmanager"] }));
    // Hub in a and b: a client in a or b crosses AZs half the time, one in c always; USD 0.01 out + 0.01 in.
    assert.equal(forSpoke(plan, "secretsmanager", "same").cost.transitPerGbUsd, 0.01);
    assert.equal(forSpoke(plan, "secretsmanager", "other").cost.transitPerGbUsd, 0.02);
    assert.equal(forSpoke(plan, "secretsmanager", "same").cost.transitMonthlyUsd, 1);
  });
});

describe("planNetwork: FIPS hub endpoints", () => {
  it("a hub on a FIPS endpoint service shares it under the FIPS name's zone; defaults.fips reaches the spokes' own endpoints", () => {
    const named = planNetwork(network([spoke("a", 1, { services: ["kms"], traffic: { kms: 0 } })], { hubServices: ["kms-fips"] }));
    assert.equal(decision(named, "kms").serviceName, "com.amazonaws.us-east-1.kms-fips");
    assert.equal(named.hub.plan!.endpoints.find((e) => e.service === "kms")!.serviceName, "com.amazonaws.us-east-1.kms-fips");
    assert.deepEqual(
      named.zones.map((z) => z.name),
      ["kms-fips.us-east-1.amazonaws.com"],
    );
    const everywhere = planNetwork({
      ...network([spoke("a", 1, { services: ["sqs"], traffic: { sqs: 5000 } })], { hubServices: ["kms"] }),
      defaults: { fips: true },
    });
    assert.equal(forSpoke(everywhere, "sqs", "a").placement, "local");
    const local = everywhere.spokes.find((x) => x.name === "a")!.plan!.endpoints.find((e) => e.service === "sqs")!;
    assert.equal(local.serviceName, "com.amazonaws.us-east-1.sqs-fips");
  });
});

describe("planNetwork: hub endpoints, zones and totals", () => {
  const spokes = [
    spoke("a", 1, { services: ["ecr.dkr", "secretsmanager"], traffic: { "ecr.dkr": 0, secretsmanager: 0 } }),
    spoke("b", 2, { services: ["ecr.dkr", "secretsmanager"], traffic: { "ecr.dkr": 0, secretsmanager: 0 } }),
    spoke("c", 3, { services: ["ecr.dkr"], traffic: { "ecr.dkr": 0 } }),
  ];
  const plan = planNetwork(network(spokes, { hubServices: ["sts"] }));

  it("ecr.dkr gets the zone dkr.ecr.<region>.amazonaws.com with a wildcard record; secretsmanager an apex record", () => {
    assert.deepEqual(
      plan.zones.map((z) => [z.name, z.service, z.records.map((r) => [r.name, r.wildcard, r.types])]),
      [
        ["dkr.ecr.us-east-1.amazonaws.com", "ecr.dkr", [["*.dkr.ecr.us-east-1.amazonaws.com", true, ["A"]]]],
        ["secretsmanager.us-east-1.amazonaws.com", "secretsmanager", [["secretsmanager.us-east-1.amazonaws.com", false, ["A"]]]],
      ],
    );
    assert.deepEqual(plan.zones[0].records[0].alias, { endpoint: "ecr.dkr", dnsName: "regional" });
    assert.equal(plan.zones[0].hubVpcId, "vpc-hub");
    assert.deepEqual(
      plan.zones[0].associations.map((a) => a.vpcId),
      ["vpc-a", "vpc-b", "vpc-c"],
    );
  });

  it("shared hub endpoints have private DNS off and admit the hub and the consuming spokes only", () => {
    const endpoints = plan.hub.plan!.endpoints;
    const ecr = endpoints.find((e) => e.name === "ecr.dkr")!;
    const secrets = endpoints.find((e) => e.name === "secretsmanager")!;
    const sts = endpoints.find((e) => e.name === "sts")!;
    assert.equal(ecr.privateDns, false);
    assert.equal(codes(ecr.reasons)[0], "CENTRALIZED_IN_HUB");
    assert.ok(codes(ecr.reasons).includes("HUB_PRIVATE_HOSTED_ZONE"));
    assert.deepEqual(
      ecr.securityGroup!.ingress.map((r) => [r.source, r.cidr, r.fromPort]),
      [
        ["vpc", "10.0.0.0/16", 443],
        ["spoke:a", "10.1.0.0/16", 443],
        ["spoke:b", "10.2.0.0/16", 443],
        ["spoke:c", "10.3.0.0/16", 443],
      ],
    );
    // c does not use secretsmanager, so its CIDR is not admitted there.
    assert.deepEqual(
      secrets.securityGroup!.ingress.map((r) => r.cidr),
      ["10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16"],
    );
    assert.deepEqual(plan.hub.ingress.secretsmanager, secrets.securityGroup!.ingress);
    // The hub's own, unshared service keeps private DNS and admits only the hub.
    assert.equal(sts.privateDns, true);
    assert.deepEqual(
      sts.securityGroup!.ingress.map((r) => r.cidr),
      ["10.0.0.0/16"],
    );
    assert.deepEqual(plan.hub.centralized, ["ecr.dkr", "secretsmanager"]);
  });

  it("totals add up: hub + spokes + transit, and the saving against every VPC with its own", () => {
    const c = plan.cost;
    assert.equal(c.monthlyTotalUsd, Math.round((c.hubMonthlyUsd + c.spokesMonthlyUsd + c.transitMonthlyUsd) * 1e4) / 1e4);
    assert.ok(Math.abs(c.savingsUsd - plan.services.reduce((sum, s) => sum + s.cost.savingsUsd, 0)) < 1e-6);
    // Every VPC its own: sts in the hub, ecr.dkr in 3 spokes, secretsmanager in 2, all in 2 AZs.
    assert.ok(Math.abs(c.everyVpcOwnMonthlyUsd - endpointUsd(2) * 6) < 1e-6);
    assert.ok(Math.abs(c.monthlyTotalUsd - endpointUsd(2) * 3) < 1e-6);
    assert.deepEqual(
      plan.spokes.map((s) => [s.name, s.fromHub, s.local, s.plan]),
      [
        ["a", ["ecr.dkr", "secretsmanager"], [], null],
        ["b", ["ecr.dkr", "secretsmanager"], [], null],
        ["c", ["ecr.dkr"], [], null],
      ],
    );
  });

  it("the same network in any order gives byte-identical JSON", () => {
    const shuffled = [...spokes]
      .reverse()
      .map((s) => ({ ...s, services: [...(s.services ?? [])].reverse(), subnets: [...(s.subnets ?? [])].reverse() }));
    const request = network(shuffled, { hubServices: ["sts"] });
    request.hub.subnets = [...request.hub.subnets!].reverse();
    assert.equal(JSON.stringify(planNetwork(request)), JSON.stringify(plan));
  });
});

describe("planNetwork: invalid requests", () => {
  it("every VPC's problems at once: one spoke's CENTRALIZE_IMPOSSIBLE hides neither another's DNS error nor a third's typo", () => {
    const problems = problemsOf(
      network([
        spoke("far", 1, { region: "us-west-2", centralize: "required" }),
        spoke("nodns", 2, { dns: false, centralize: "required" }),
        spoke("typo", 3, { services: ["secretsmanagr"] }),
      ]),
    );
    assert.deepEqual(problems.map((p) => `${p.code} ${p.path}`).sort(), [
      "CENTRALIZE_IMPOSSIBLE spokes[0].centralize",
      "UNKNOWN_SERVICE spokes[2].services[0]",
      "VPC_DNS_HOSTNAMES_DISABLED spokes[1].vpc.dnsHostnames",
      "VPC_DNS_SUPPORT_DISABLED spokes[1].vpc.dnsSupport",
    ]);
  });

  it("reports every problem at once, with network paths and did-you-mean hints", () => {
    const request = network([spoke("a", 1), spoke("a", 2, { services: ["secretsmanagr"] })]) as unknown as Record<string, unknown>;
    (request.spokes as Array<Record<string, unknown>>)[0].servics = ["sts"];
    delete request.transit;
    request.region = "us-east-1";
    const problems = problemsOf(request);
    const byCode = Object.fromEntries(problems.map((p) => [p.code, p]));
    assert.equal(byCode.MISSING_FIELD.path, "transit");
    assert.equal(byCode.UNKNOWN_FIELD.path, "spokes[0].servics");
    assert.match(byCode.UNKNOWN_FIELD.hint, /services/);
  });

  it("a hub that uses no service itself is fine, but traffic for a service it does not use is an error", () => {
    assert.doesNotThrow(() => planNetwork(network([spoke("a", 1)])));
    const problems = problemsOf(network([spoke("a", 1)], { hubTraffic: { sts: 5 } }));
    assert.deepEqual(
      problems.map((p) => [p.code, p.path]),
      [["TRAFFIC_UNKNOWN_SERVICE", "hub.traffic.sts"]],
    );
  });

  it("maps a spoke's single-VPC problems to the spoke's fields", () => {
    const problems = problemsOf(
      network([
        spoke("a", 1),
        spoke("b", 2, { services: ["secretsmanagr"] }),
        { ...spoke("c", 3), name: "a", vpc: spoke("a", 1).vpc },
        spoke("d", 4, { region: "eu-wst-1" }),
      ]),
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.path]).sort(),
      [
        ["DUPLICATE_SPOKE", "spokes[2].name"],
        ["DUPLICATE_VPC", "spokes[2].vpc.id"],
        ["UNKNOWN_REGION", "spokes[3].vpc.region"],
        ["UNKNOWN_SERVICE", "spokes[1].services[0]"],
      ].sort(),
    );
    assert.match(problems.find((p) => p.code === "UNKNOWN_SERVICE")!.hint, /secretsmanager/);
  });

  it("a consuming spoke with VPC DNS off fails before anything is created", () => {
    const problems = problemsOf(network([spoke("a", 1), spoke("b", 2), spoke("off", 3, { dns: false })]));
    assert.deepEqual(
      problems.map((p) => [p.code, p.path]),
      [
        ["VPC_DNS_SUPPORT_DISABLED", "spokes[2].vpc.dnsSupport"],
        ["VPC_DNS_HOSTNAMES_DISABLED", "spokes[2].vpc.dnsHostnames"],
      ],
    );
  });

  it("a spoke that can neither use the hub nor place its own endpoint is NO_SUBNETS", () => {
    const bare = { ...spoke("bare", 4, { region: "eu-west-1" }), subnets: undefined };
    const problems = problemsOf(network([bare]));
    assert.deepEqual(
      problems.map((p) => [p.code, p.path]),
      [["NO_SUBNETS", "spokes[0].subnets"]],
    );
  });

  it("a spoke needs its CIDRs (the hub's security group admits them)", () => {
    const s = spoke("a", 1);
    delete (s.vpc as { cidrs?: string[] }).cidrs;
    assert.deepEqual(
      problemsOf(network([s])).map((p) => [p.code, p.path]),
      [["MISSING_FIELD", "spokes[0].vpc.cidrs"]],
    );
  });
});

describe("planNetwork: the hub's NAT comparison (issue 17 item 6)", () => {
  it("a shared hub endpoint weighs only the hub's own traffic against NAT, not the spokes'", () => {
    const spokes = [spoke("a", 1, { traffic: { secretsmanager: 300 } }), spoke("b", 2, { traffic: { secretsmanager: 200 } })];
    const p = planNetwork(network(spokes, { hubServices: ["secretsmanager"], hubTraffic: { secretsmanager: 100 } }));
    const e = p.hub.plan!.endpoints.find((x) => x.service === "secretsmanager")!;
    assert.deepEqual(
      p.spokes.map((s) => s.fromHub),
      [["secretsmanager"], ["secretsmanager"]],
      "baseline: both spokes use the hub's",
    );
    assert.deepEqual(e.cost.trafficGb, { vpc: 100, onPremises: 0, peers: 500 });
    assert.equal(e.cost.expectedGb, 600, "the endpoint still processes, and is priced for, all of it");
    const natPerGb = p.hub.plan!.cost.prices.natPerGbUsd;
    assert.equal(e.cost.nat!.natMonthlyUsd, Math.round(natPerGb * 100 * 100) / 100);
    assert.ok(e.reasons.some((r) => r.code === "SPOKE_TRAFFIC_NOT_COMPARED" && /500 GB/.test(r.message)));
    assert.equal(p.hub.plan!.cost.nat!.monthlyUsd, e.cost.nat!.natMonthlyUsd);
  });

  it("with no traffic of the hub's own there is nothing to weigh against NAT", () => {
    const p = planNetwork(network([spoke("a", 1, { traffic: { secretsmanager: 300 } })], { hubServices: ["secretsmanager"] }));
    const e = p.hub.plan!.endpoints.find((x) => x.service === "secretsmanager")!;
    assert.equal(e.cost.nat, undefined);
    assert.equal(p.hub.plan!.cost.nat, undefined);
  });
});
