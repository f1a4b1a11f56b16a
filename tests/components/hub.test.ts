import assert from "node:assert/strict";
import { EndpointHub } from "vpce-plan";
import { HUB_TYPES, hubArgs, hubSpoke, runHub } from "../helpers/hubSpoke";
import { TYPES, cloudResources, named, ofType, onlyError, runPulumi, urns } from "../helpers/pulumi";

const names = (run: Parameters<typeof ofType>[0], type: string): string[] =>
  ofType(run, type)
    .map((r) => r.name)
    .sort();

describe("EndpointHub: zones, records, authorizations", () => {
  // Three one-AZ spokes pay USD 7.30 each per service; one two-AZ hub endpoint (USD 14.60) is cheaper.
  const spokes = [hubSpoke("a", 1), hubSpoke("b", 2, { accountId: "222222222222" }), hubSpoke("c", 3)];

  it("one private hosted zone per shared service name, attached to the hub VPC, with alias records to the endpoint", async () => {
    const run = await runHub(hubArgs(spokes));
    assert.deepEqual(names(run, HUB_TYPES.zone), ["hub-dkr.ecr.us-east-1.amazonaws.com", "hub-secretsmanager.us-east-1.amazonaws.com"]);
    const ecrZone = named(run, "hub-dkr.ecr.us-east-1.amazonaws.com");
    assert.equal(ecrZone.inputs.name, "dkr.ecr.us-east-1.amazonaws.com");
    assert.deepEqual(ecrZone.inputs.vpcs, [{ vpcId: "vpc-hub", vpcRegion: "us-east-1" }]);
    assert.deepEqual(names(run, HUB_TYPES.record), [
      "hub-dkr.ecr.us-east-1.amazonaws.com-wildcard-A",
      "hub-secretsmanager.us-east-1.amazonaws.com-apex-A",
    ]);
    const wildcard = named(run, "hub-dkr.ecr.us-east-1.amazonaws.com-wildcard-A").inputs;
    assert.equal(wildcard.name, "*.dkr.ecr.us-east-1.amazonaws.com");
    assert.equal(wildcard.type, "A");
    assert.equal(wildcard.zoneId, run.contract.services["ecr.dkr"].zoneId);
    const apex = named(run, "hub-secretsmanager.us-east-1.amazonaws.com-apex-A").inputs;
    assert.equal(apex.name, "secretsmanager.us-east-1.amazonaws.com");
    // The alias target is the endpoint's regional DNS name (its first DNS entry) and that entry's zone.
    const endpoint = (await runPulumi(() => new EndpointHub("hub", hubArgs(spokes)).endpoints)).outputs!;
    const [regional] = endpoint.secretsmanager.dnsEntries;
    assert.deepEqual(apex.aliases, [{ name: regional.dnsName, zoneId: regional.hostedZoneId, evaluateTargetHealth: false }]);
    assert.equal(run.contract.services.secretsmanager.dnsName, regional.dnsName);
  });

  it("shared endpoints have private DNS off; the hub's own sts keeps it; ingress is the port from the hub and consuming spokes only", async () => {
    const run = await runHub(
      hubArgs([...spokes, hubSpoke("heavy", 9, { services: ["secretsmanager"], traffic: { secretsmanager: 5000 } })]),
    );
    assert.equal(named(run, "hub-secretsmanager").inputs.privateDnsEnabled, false);
    assert.equal(named(run, "hub-ecr.dkr").inputs.privateDnsEnabled, false);
    assert.equal(named(run, "hub-sts").inputs.privateDnsEnabled, true);
    const rules = ofType(run, TYPES.ingressRule).filter((r) => r.name.startsWith("hub-secretsmanager-"));
    assert.deepEqual(rules.map((r) => r.inputs.cidrIpv4).sort(), ["10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"]);
    for (const rule of rules) assert.deepEqual([rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.ipProtocol], [443, 443, "tcp"]);
    // 5 TB a month through the Transit Gateway costs more than heavy's own endpoint: heavy stays local and is not admitted.
    assert.deepEqual(run.contract.spokes.heavy.fromHub, []);
    assert.deepEqual(run.contract.spokes.heavy.local, ["secretsmanager"]);
  });

  it("authorizes each zone for the spoke in another account, and only for it", async () => {
    const run = await runHub(hubArgs(spokes));
    const auths = ofType(run, HUB_TYPES.authorization);
    assert.deepEqual(auths.map((r) => r.name).sort(), [
      "hub-dkr.ecr.us-east-1.amazonaws.com-authorize-b",
      "hub-secretsmanager.us-east-1.amazonaws.com-authorize-b",
    ]);
    for (const auth of auths) {
      assert.equal(auth.inputs.vpcId, "vpc-b");
      assert.equal(auth.inputs.vpcRegion, "us-east-1");
    }
    assert.deepEqual(
      auths.map((a) => a.inputs.zoneId).sort(),
      [run.contract.services["ecr.dkr"].zoneId, run.contract.services.secretsmanager.zoneId].sort(),
    );
    assert.equal(run.contract.spokes.b.authorizationRequired, true);
    assert.equal(run.contract.spokes.a.authorizationRequired, false);
    // Spokes associate themselves (EndpointSpoke): the hub registers no association.
    assert.deepEqual(ofType(run, HUB_TYPES.association), []);
  });

  it("exports the version 1 contract", async () => {
    const { contract } = await runHub(hubArgs(spokes));
    assert.equal(contract.version, 1);
    assert.equal(contract.region, "us-east-1");
    assert.equal(contract.hubVpcId, "vpc-hub");
    assert.equal(contract.transit, "transitGateway");
    assert.deepEqual(Object.keys(contract.services).sort(), ["ecr.dkr", "secretsmanager"]);
    const ecr = contract.services["ecr.dkr"];
    assert.equal(ecr.zoneName, "dkr.ecr.us-east-1.amazonaws.com");
    assert.deepEqual(ecr.zones, [{ zoneId: ecr.zoneId, zoneName: ecr.zoneName }]);
    assert.match(ecr.securityGroupId!, /^sg-/);
    assert.equal(ecr.port, 443);
    assert.deepEqual(Object.keys(contract.spokes).sort(), ["a", "b", "c"]);
    assert.deepEqual(contract.spokes.a, {
      vpcId: "vpc-a",
      region: "us-east-1",
      fromHub: ["ecr.dkr", "secretsmanager"],
      local: [],
      authorizationRequired: false,
      hubDataMonthlyUsd: 0,
      transitMonthlyUsd: 0,
    });
  });

  it("a spoke in another region gets no authorization and keeps its own endpoints", async () => {
    const eu = hubSpoke("eu", 8, { region: "eu-west-1", azs: ["eu-west-1a"], accountId: "333333333333" });
    const run = await runHub(hubArgs([...spokes, eu]));
    assert.ok(!ofType(run, HUB_TYPES.authorization).some((r) => r.name.endsWith("-eu")));
    assert.deepEqual(run.contract.spokes.eu, {
      vpcId: "vpc-eu",
      region: "eu-west-1",
      accountId: "333333333333",
      fromHub: [],
      local: ["ecr.dkr", "secretsmanager"],
      authorizationRequired: false,
      hubDataMonthlyUsd: 0,
      transitMonthlyUsd: 0,
    });
  });
});

describe("EndpointHub: the centralisation decision in the registered resources", () => {
  // The hub uses secretsmanager itself, so its endpoint exists anyway: for a one-AZ spoke, USD 0.02/GB
  // of transit weighs against its own endpoint's USD 7.30 a month, a break-even of 365 GB.
  const withTraffic = (gb: number) =>
    hubArgs([hubSpoke("a", 1, { services: ["secretsmanager"], traffic: { secretsmanager: gb } })], { services: ["sts", "secretsmanager"] });

  it("below the break-even the hub shares its endpoint: zone, record, and the spoke's CIDR admitted", async () => {
    const run = await runHub(withTraffic(300));
    assert.deepEqual(names(run, HUB_TYPES.zone), ["hub-secretsmanager.us-east-1.amazonaws.com"]);
    assert.equal(named(run, "hub-secretsmanager").inputs.privateDnsEnabled, false);
    assert.ok(ofType(run, TYPES.ingressRule).some((r) => r.name === "hub-secretsmanager-443-10.1.0.0-16"));
    assert.deepEqual(run.contract.spokes.a.fromHub, ["secretsmanager"]);
    // 300 GB: USD 0.01 processing at the hub and USD 0.02 transit per GB.
    assert.equal(run.contract.spokes.a.hubDataMonthlyUsd, 3);
    assert.equal(run.contract.spokes.a.transitMonthlyUsd, 6);
  });

  it("above the break-even nothing is shared: the hub's endpoint keeps private DNS and admits only the hub", async () => {
    const run = await runHub(withTraffic(400));
    assert.deepEqual(ofType(run, HUB_TYPES.zone), []);
    assert.deepEqual(ofType(run, HUB_TYPES.record), []);
    assert.equal(named(run, "hub-secretsmanager").inputs.privateDnsEnabled, true);
    assert.deepEqual(
      ofType(run, TYPES.ingressRule)
        .filter((r) => r.name.startsWith("hub-secretsmanager-"))
        .map((r) => r.inputs.cidrIpv4),
      ["10.0.0.0/16"],
    );
    assert.deepEqual(run.contract.services, {});
    assert.deepEqual(run.contract.spokes.a.local, ["secretsmanager"]);
  });

  it("two one-AZ spokes do not pay for a hub endpoint, three do", async () => {
    const two = await runHub(hubArgs([hubSpoke("a", 1), hubSpoke("b", 2)]));
    assert.deepEqual(ofType(two, HUB_TYPES.zone), []);
    assert.ok(!ofType(two, TYPES.vpcEndpoint).some((r) => r.name === "hub-secretsmanager"));
    const three = await runHub(hubArgs([hubSpoke("a", 1), hubSpoke("b", 2), hubSpoke("c", 3)]));
    assert.equal(ofType(three, HUB_TYPES.zone).length, 2);
    assert.ok(ofType(three, TYPES.vpcEndpoint).some((r) => r.name === "hub-secretsmanager"));
  });
});

describe("EndpointHub: stable names", () => {
  it("adding a spoke adds only that spoke's rules and authorizations; nothing else changes", async () => {
    const base = [hubSpoke("a", 1), hubSpoke("b", 2), hubSpoke("c", 3)];
    const before = urns(await runHub(hubArgs(base)));
    const after = urns(await runHub(hubArgs([...base, hubSpoke("d", 4, { accountId: "444444444444" })])));
    assert.deepEqual(
      before.filter((u) => !after.includes(u)),
      [],
      "nothing replaced or removed",
    );
    const added = after.filter((u) => !before.includes(u));
    assert.equal(added.length, 4, added.join("\n"));
    for (const urn of added) assert.match(urn, /::hub-.*(-443-10\.4\.0\.0-16|-authorize-d)$/);
  });

  it("reordering spokes registers the same URNs", async () => {
    const base = [hubSpoke("a", 1), hubSpoke("b", 2, { accountId: "222222222222" }), hubSpoke("c", 3)];
    assert.deepEqual(urns(await runHub(hubArgs([...base].reverse()))), urns(await runHub(hubArgs(base))));
  });
});

describe("EndpointHub: bad args", () => {
  it("every problem at once, in arg names, and no AWS resource registered", async () => {
    const run = await runPulumi(
      () =>
        new EndpointHub(
          "hub",
          hubArgs([hubSpoke("a", 1, { services: ["secretsmanagr"] }), hubSpoke("a", 2), hubSpoke("c", 3, { cidrs: ["10.3.0.0/33"] })]),
        ).contract,
    );
    const err = onlyError(run);
    assert.deepEqual(cloudResources(run), []);
    const paths = err.problems!.map((p) => `${p.code} ${p.path}`);
    assert.ok(paths.includes("DUPLICATE_SPOKE spokes[1].name"), paths.join("\n"));
    assert.ok(
      paths.some((p) => p.endsWith(" spokes[2].cidrs[0]")),
      paths.join("\n"),
    );
    assert.ok(paths.includes("UNKNOWN_SERVICE spokes[0].services[0]"), paths.join("\n"));
    assert.match(err.message, /Did you mean .*secretsmanager/);
  });

  it("an unknown transit names transit.type", async () => {
    const args = hubArgs([hubSpoke("a", 1)], { transit: "carrier-pigeon" as never });
    const run = await runPulumi(() => new EndpointHub("hub", args).contract);
    assert.deepEqual(
      onlyError(run).problems!.map((p) => p.path),
      ["transit.type"],
    );
    assert.deepEqual(cloudResources(run), []);
  });

  it("a hub that cannot look up its facts fails before registering anything", async () => {
    const args = hubArgs([hubSpoke("a", 1), hubSpoke("b", 2), hubSpoke("c", 3)], { region: undefined, lookups: false });
    const run = await runPulumi(() => new EndpointHub("hub", args).contract);
    assert.equal(onlyError(run).problems![0].path, "region");
    assert.deepEqual(cloudResources(run), []);
  });

  it("the hub's own args map back to the EndpointPlan names (serviceOptions)", async () => {
    const args = hubArgs([hubSpoke("a", 1)], { serviceOptions: { sts: { type: "Gateway" } } });
    const run = await runPulumi(() => new EndpointHub("hub", args).contract);
    assert.deepEqual(
      onlyError(run).problems!.map((p) => p.path),
      ["serviceOptions.sts.type"],
    );
    assert.deepEqual(cloudResources(run), []);
  });
});
