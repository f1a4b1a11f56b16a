import assert from "node:assert/strict";
import { EndpointSpoke, type EndpointSpokeArgs, type HubContract } from "vpce-plan";
import { HUB_TYPES, hubArgs, hubSpoke, runHub, spokeArgs } from "../helpers/hubSpoke";
import { AwsMocks, TYPES, cloudResources, expectNoErrors, named, ofType, onlyError, runPulumi } from "../helpers/pulumi";

const HUB_STACK = "acme/hub/prod";
const threeSpokes = [
  hubSpoke("a", 1, { services: ["secretsmanager", "ecr.dkr", "s3"] }),
  hubSpoke("b", 2, { accountId: "222222222222" }),
  hubSpoke("c", 3),
];

/** Runs a spoke whose hubStack reads `contract` from the mocked StackReference. */
function runSpoke(name: string, args: EndpointSpokeArgs, contract: unknown, mocks: Record<string, unknown> = {}) {
  return runPulumi(
    () => {
      const spoke = new EndpointSpoke(name, args);
      return { resolution: spoke.resolution, monthlyCostUsd: spoke.monthlyCostUsd };
    },
    { mocks: new AwsMocks({ stackOutputs: { [HUB_STACK]: { contract } }, ...mocks }) },
  );
}

describe("EndpointSpoke: consumes the hub through a stack reference", () => {
  let contract: HubContract;
  before(async () => {
    contract = (await runHub(hubArgs(threeSpokes))).contract;
  });

  it("associates exactly the hub zones it uses, keeps its own S3 gateway, and creates no endpoint for hub services", async () => {
    const run = await runSpoke("a", spokeArgs("a", 1, { hubStack: HUB_STACK }), contract);
    expectNoErrors(run);
    const associations = ofType(run, HUB_TYPES.association);
    assert.deepEqual(associations.map((r) => r.name).sort(), [
      "a-dkr.ecr.us-east-1.amazonaws.com-association",
      "a-secretsmanager.us-east-1.amazonaws.com-association",
    ]);
    assert.deepEqual(named(run, "a-dkr.ecr.us-east-1.amazonaws.com-association").inputs, {
      zoneId: contract.services["ecr.dkr"].zoneId,
      vpcId: "vpc-a",
      vpcRegion: "us-east-1",
    });
    assert.deepEqual(
      ofType(run, TYPES.vpcEndpoint).map((r) => [r.name, r.inputs.vpcEndpointType]),
      [["a-s3-gateway", "Gateway"]],
    );
    assert.ok(!ofType(run, TYPES.vpcEndpoint).some((r) => r.inputs.privateDnsEnabled));
    assert.deepEqual(ofType(run, HUB_TYPES.zone), []);
    const resolution = run.outputs!.resolution;
    assert.deepEqual(resolution.secretsmanager, {
      placement: "hub",
      type: "Interface",
      dnsNames: ["secretsmanager.us-east-1.amazonaws.com"],
      endpointDnsName: contract.services.secretsmanager.dnsName,
      zoneNames: ["secretsmanager.us-east-1.amazonaws.com"],
    });
    assert.deepEqual(resolution["ecr.dkr"].dnsNames, ["*.dkr.ecr.us-east-1.amazonaws.com"]);
    assert.deepEqual(resolution.s3, { placement: "local", type: "Gateway", dnsNames: [] });
  });

  it("per-service access: the spoke's own S3 serves its office too, while hub services are untouched", async () => {
    const args = spokeArgs("a", 1, {
      hubStack: HUB_STACK,
      access: { securityGroups: ["sg-a-app"], onPremises: { cidrs: ["172.16.0.0/12"] } },
      serviceOptions: { s3: { access: { onPremises: true } } },
    });
    const run = await runSpoke("a", args, contract, { securityGroups: { "sg-a-app": { vpcId: "vpc-a" } } });
    expectNoErrors(run);
    assert.deepEqual(
      ofType(run, TYPES.vpcEndpoint)
        .map((r) => [r.name, r.inputs.vpcEndpointType])
        .sort(),
      [
        ["a-s3", "Interface"],
        ["a-s3-gateway", "Gateway"],
      ],
    );
    assert.deepEqual(
      ofType(run, TYPES.ingressRule).map((r) => r.inputs.cidrIpv4),
      ["172.16.0.0/12"],
    );
    assert.equal(run.outputs!.resolution.secretsmanager.placement, "hub");
  });

  it("a spoke in another account associates the same way (the hub authorized its VPC for each zone)", async () => {
    const run = await runSpoke("b", spokeArgs("b", 2, { hubStack: HUB_STACK, services: ["secretsmanager", "ecr.dkr"] }), contract, {
      accountId: "222222222222",
    });
    expectNoErrors(run);
    assert.equal(contract.spokes.b.authorizationRequired, true);
    assert.deepEqual(
      ofType(run, HUB_TYPES.association)
        .map((r) => [r.inputs.zoneId, r.inputs.vpcId])
        .sort(),
      [
        [contract.services["ecr.dkr"].zoneId, "vpc-b"],
        [contract.services.secretsmanager.zoneId, "vpc-b"],
      ].sort(),
    );
    assert.deepEqual(ofType(run, TYPES.vpcEndpoint), []);
  });

  it("the contract given as an object registers the same resources as through the stack reference", async () => {
    const byRef = await runSpoke("c", spokeArgs("c", 3, { hubStack: HUB_STACK }), contract);
    const byObject = await runSpoke("c", spokeArgs("c", 3, { contract }), undefined);
    expectNoErrors(byObject);
    assert.deepEqual(
      cloudResources(byObject).map((r) => [r.name, r.inputs]),
      cloudResources(byRef).map((r) => [r.name, r.inputs]),
    );
  });
});

describe("EndpointSpoke: the centralisation decision on both sides of the break-even", () => {
  // As in the hub tests: a one-AZ spoke's own secretsmanager endpoint pays off above 365 GB a month.
  const hubWith = (gb: number) =>
    runHub(
      hubArgs([hubSpoke("a", 1, { services: ["secretsmanager"], traffic: { secretsmanager: gb } })], {
        services: ["sts", "secretsmanager"],
      }),
    );
  const args = (gb: number) => spokeArgs("a", 1, { hubStack: HUB_STACK, services: ["secretsmanager"], traffic: { secretsmanager: gb } });

  it("below: the zone association, no endpoint of its own; the cost is the hub's processing plus transit", async () => {
    const { contract } = await hubWith(300);
    const run = await runSpoke("a", args(300), contract);
    expectNoErrors(run);
    assert.equal(ofType(run, HUB_TYPES.association).length, 1);
    assert.deepEqual(ofType(run, TYPES.vpcEndpoint), []);
    assert.equal(run.outputs!.monthlyCostUsd, 9);
    assert.equal(run.outputs!.resolution.secretsmanager.placement, "hub");
  });

  it("above: its own private-DNS endpoint and no association; the cost is that endpoint's", async () => {
    const { contract } = await hubWith(400);
    const run = await runSpoke("a", args(400), contract);
    expectNoErrors(run);
    assert.deepEqual(ofType(run, HUB_TYPES.association), []);
    const own = named(run, "a-secretsmanager");
    assert.equal(own.inputs.privateDnsEnabled, true);
    assert.equal(run.outputs!.monthlyCostUsd, 7.3 + 4);
    assert.equal(run.outputs!.resolution.secretsmanager.placement, "local");
    assert.deepEqual(run.outputs!.resolution.secretsmanager.dnsNames, ["secretsmanager.us-east-1.amazonaws.com"]);
  });
});

describe("EndpointSpoke: a contract that does not fit fails before anything is created", () => {
  let contract: HubContract;
  before(async () => {
    contract = (await runHub(hubArgs(threeSpokes))).contract;
  });

  async function problems(args: EndpointSpokeArgs, value: unknown = contract, name = "a") {
    const run = await runSpoke(name, args, value);
    const err = onlyError(run);
    assert.deepEqual(cloudResources(run), [], "no AWS resource registered");
    return err.problems!.map((p) => [p.code, p.path]);
  }

  it("a contract of another version names contract.version", async () => {
    assert.deepEqual(await problems(spokeArgs("a", 1, { hubStack: HUB_STACK }), { ...contract, version: 2 }), [
      ["CONTRACT_VERSION", "contract.version"],
    ]);
  });

  it("a hub in another region names contract.region", async () => {
    const elsewhere = { ...contract, region: "eu-west-1", spokes: { ...contract.spokes } };
    assert.deepEqual(await problems(spokeArgs("a", 1, { hubStack: HUB_STACK }), elsewhere), [["CONTRACT_REGION", "contract.region"]]);
  });

  it("a spoke the hub planned for another region names region", async () => {
    const moved = { ...contract, spokes: { ...contract.spokes, a: { ...contract.spokes.a, region: "us-west-2" } } };
    assert.deepEqual(await problems(spokeArgs("a", 1, { hubStack: HUB_STACK }), moved), [["CONTRACT_REGION", "region"]]);
  });

  it("a service the hub neither serves nor plans locally names the service; a missing zone names contract.services", async () => {
    assert.deepEqual(await problems(spokeArgs("a", 1, { hubStack: HUB_STACK, services: ["secretsmanager", "kms"] })), [
      ["SERVICE_NOT_PLANNED", "services[1]"],
    ]);
    const { secretsmanager: _dropped, ...rest } = contract.services;
    assert.deepEqual(await problems(spokeArgs("a", 1, { hubStack: HUB_STACK }), { ...contract, services: rest }), [
      ["CONTRACT_SERVICE_MISSING", "contract.services.secretsmanager"],
    ]);
  });

  it("traffic for a service the hub serves is accepted; traffic for one nobody asked for is still refused (issue 17, item 14)", async () => {
    const run = await runSpoke("a", spokeArgs("a", 1, { hubStack: HUB_STACK, traffic: { secretsmanager: 50, s3: 100 } }), contract);
    expectNoErrors(run);
    assert.equal(run.outputs!.resolution.secretsmanager.placement, "hub");
    assert.deepEqual(await problems(spokeArgs("a", 1, { hubStack: HUB_STACK, traffic: { secretsmanager: 50, kms: 5 } })), [
      ["TRAFFIC_UNKNOWN_SERVICE", "traffic.kms"],
    ]);
  });

  it("a spoke the hub does not know, or another VPC, is named", async () => {
    assert.deepEqual(await problems(spokeArgs("zz", 9, { hubStack: HUB_STACK }), contract, "zz"), [["SPOKE_NOT_IN_CONTRACT", "name"]]);
    assert.deepEqual(await problems(spokeArgs("a", 1, { hubStack: HUB_STACK, vpc: { id: "vpc-other", cidrs: ["10.1.0.0/16"] } })), [
      ["SPOKE_VPC_MISMATCH", "vpc.id"],
    ]);
  });

  it("a VPC without DNS hostnames cannot resolve the hub's zones", async () => {
    const vpc = { id: "vpc-a", cidrs: ["10.1.0.0/16"], dnsSupport: true, dnsHostnames: false };
    assert.deepEqual(await problems(spokeArgs("a", 1, { hubStack: HUB_STACK, vpc })), [["VPC_DNS_HOSTNAMES_DISABLED", "vpc.dnsHostnames"]]);
  });

  it("contract problems and the local plan's problems are reported together, in arg names", async () => {
    const args = spokeArgs("a", 1, { hubStack: HUB_STACK, services: ["secretsmanager", "ecr.dkr", "s3", "kms"], bundles: ["ecs-fargat"] });
    assert.deepEqual(await problems(args), [
      ["SERVICE_NOT_PLANNED", "services[3]"],
      ["UNKNOWN_BUNDLE", "bundles[0]"],
    ]);
  });

  it("no contract, an unknown hub stack, or a missing output are named", async () => {
    assert.deepEqual(await problems(spokeArgs("a", 1)), [["MISSING_FIELD", "contract"]]);
    // The failed StackReference read is reported by Pulumi too; ours adds what to do about it.
    const unknown = await runSpoke("a", spokeArgs("a", 1, { hubStack: "acme/hub/nope" }), contract);
    const ours = unknown.errors.find((e) => (e as { problems?: unknown }).problems) as Error & {
      problems: Array<{ code: string; path: string }>;
    };
    assert.deepEqual(
      ours.problems.map((p) => [p.code, p.path]),
      [["CONTRACT_UNAVAILABLE", "hubStack"]],
    );
    assert.match(ours.message, /unknown stack "acme\/hub\/nope".*Deploy the hub stack first/s);
    assert.deepEqual(cloudResources(unknown), []);
    assert.deepEqual(await problems(spokeArgs("a", 1, { hubStack: HUB_STACK, contractOutput: "hubContract" })), [
      ["CONTRACT_UNAVAILABLE", "hubStack"],
    ]);
  });
});
