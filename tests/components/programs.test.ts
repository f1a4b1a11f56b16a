import assert from "node:assert/strict";
import { join } from "node:path";
import { AwsMocks, TYPES, cloudResources, expectNoErrors, ofType, onlyError, runModule } from "../helpers/pulumi";
import { GOLDEN_CONFIG, SUBNETS, twoAzAccount } from "../helpers/examples";
import { REPO_ROOT } from "../helpers/requests";

const account = twoAzAccount;
const example = (name: string) => join(REPO_ROOT, "examples", name, "dist", "index.js");

describe("example programs under mocks", () => {
  it("examples/basic: an existing VPC by id, facts looked up", async () => {
    const mocks = account();
    const run = await runModule(example("basic"), {
      project: "vpce-basic",
      mocks,
      config: { "vpce-basic:vpcId": "vpc-0abc", "vpce-basic:subnets": SUBNETS },
    });
    expectNoErrors(run);
    const names = ofType(run, TYPES.vpcEndpoint)
      .map((r) => r.name)
      .sort();
    assert.deepEqual(names, ["app-ecr.api", "app-ecr.dkr", "app-logs", "app-s3-gateway", "app-secretsmanager", "app-sts"]);
    assert.ok(mocks.invocations.some((i) => i.token === "aws:ec2/getSubnet:getSubnet"));
    assert.ok((run.outputs!.monthlyCostUsd as number) > 0);
  });

  it("examples/awsx-vpc: a new awsx VPC plus the plan", async () => {
    const run = await runModule(example("awsx-vpc"), { project: "vpce-awsx-vpc", config: { "aws:region": "us-east-1" } });
    expectNoErrors(run);
    assert.equal(ofType(run, "awsx:ec2:Vpc").length, 1);
    assert.ok(ofType(run, TYPES.vpcEndpoint).some((r) => r.name === "app-ssmmessages"));
    assert.deepEqual(
      ofType(run, TYPES.routeTableAssociation)
        .map((r) => r.name)
        .sort(),
      ["app-s3-gateway-us-east-1a", "app-s3-gateway-us-east-1b"],
    );
  });

  it("examples/on-prem-s3: gateway plus inbound-only interface endpoint", async () => {
    const config = {
      "vpce-on-prem-s3:vpcId": "vpc-0dx",
      "vpce-on-prem-s3:subnets": SUBNETS,
      "vpce-on-prem-s3:organizationId": "o-a1b2c3d4e5",
      "vpce-on-prem-s3:onPremisesCidrs": ["172.16.0.0/12"],
    };
    const run = await runModule(example("on-prem-s3"), { project: "vpce-on-prem-s3", mocks: account(), config });
    expectNoErrors(run);
    assert.deepEqual(
      ofType(run, TYPES.vpcEndpoint)
        .map((r) => r.name)
        .sort(),
      ["dx-s3", "dx-s3-gateway"],
    );
  });
});

describe("golden path (top-level Pulumi.yaml)", () => {
  const golden = join(REPO_ROOT, "golden", "dist", "index.js");

  it("builds the endpoints from stack config only", async () => {
    const run = await runModule(golden, { project: "vpce-endpoints", mocks: account(), config: GOLDEN_CONFIG });
    expectNoErrors(run);
    assert.deepEqual(
      ofType(run, TYPES.vpcEndpoint)
        .map((r) => r.name)
        .sort(),
      ["endpoints-ec2messages", "endpoints-s3", "endpoints-s3-gateway", "endpoints-ssm", "endpoints-ssmmessages"],
    );
    assert.equal((run.outputs!.plan as { vpcId: string }).vpcId, "vpc-0abc");
  });

  it("vpcId and subnetIds are enough: AZs and the gateway's route tables are looked up", async () => {
    const mocks = new AwsMocks({
      subnets: { "subnet-0a1": { az: "us-east-1a", routeTableId: "rtb-0a1" }, "subnet-0b1": { az: "us-east-1b", routeTableId: "rtb-0b1" } },
    });
    const config = {
      "aws:region": "us-east-1",
      "vpce:vpcId": "vpc-0abc",
      "vpce:subnetIds": ["subnet-0a1", "subnet-0b1"],
      "vpce:services": ["s3", "sts"],
    };
    const run = await runModule(golden, { project: "vpce-endpoints", mocks, config });
    expectNoErrors(run);
    assert.deepEqual(
      ofType(run, TYPES.routeTableAssociation)
        .map((r) => [r.name, r.inputs.routeTableId])
        .sort(),
      [
        ["endpoints-s3-gateway-rtb-0a1", "rtb-0a1"],
        ["endpoints-s3-gateway-rtb-0b1", "rtb-0b1"],
      ],
    );
  });

  it("vpcId and subnetTags are enough: the tagged subnets are found, consumers by group, per-service scope", async () => {
    const mocks = new AwsMocks({
      subnets: {
        "subnet-0pub": { az: "us-east-1a", routeTableId: "rtb-pub", public: true, vpcId: "vpc-0abc", tags: { tier: "public" } },
        "subnet-0a1": { az: "us-east-1a", routeTableId: "rtb-0a1", vpcId: "vpc-0abc", tags: { tier: "private" } },
        "subnet-0b1": { az: "us-east-1b", routeTableId: "rtb-0b1", vpcId: "vpc-0abc", tags: { tier: "private" } },
      },
      securityGroups: { "sg-0app": { vpcId: "vpc-0abc" } },
    });
    const config = {
      "aws:region": "us-east-1",
      "vpce:vpcId": "vpc-0abc",
      "vpce:subnetTags": { tier: "private" },
      "vpce:services": ["sts", "kms"],
      "vpce:access": { securityGroups: ["sg-0app"], onPremises: { cidrs: ["192.168.0.0/16"] } },
      "vpce:serviceOptions": { kms: { access: { onPremises: false }, tags: { team: "keys" } } },
      "vpce:trafficBySource": { sts: { vpc: 10, onPremises: 2 } },
    };
    const run = await runModule(golden, { project: "vpce-endpoints", mocks, config });
    expectNoErrors(run);
    const endpoints = ofType(run, TYPES.vpcEndpoint);
    for (const e of endpoints) assert.deepEqual(e.inputs.subnetIds, ["subnet-0a1", "subnet-0b1"], e.name);
    const rules = ofType(run, TYPES.ingressRule)
      .map((r) => r.name)
      .sort();
    assert.deepEqual(rules, ["endpoints-kms-443-sg-0app", "endpoints-sts-443-192.168.0.0-16", "endpoints-sts-443-sg-0app"]);
    assert.equal((endpoints.find((e) => e.name === "endpoints-kms")!.inputs.tags as Record<string, string>).team, "keys");
  });

  it("invalid config fails with the planner's messages and creates nothing", async () => {
    const config = {
      "vpce:vpcId": "vpc-0abc",
      "vpce:region": "us-east-1",
      "vpce:subnetIds": ["subnet-0a1"],
      "vpce:bundles": ["ecs-fargat"],
      "vpce:lookups": "false",
    };
    const run = await runModule(golden, { project: "vpce-endpoints", config });
    const err = onlyError(run);
    assert.deepEqual(cloudResources(run), []);
    assert.deepEqual(
      err.problems!.map((p) => [p.code, p.path]),
      [
        ["SUBNET_AZ_MISSING", "subnets[0].az"],
        ["UNKNOWN_BUNDLE", "bundles[0]"],
      ],
    );
    assert.match(err.message, /Did you mean .*ecs-fargate/);
  });

  it("missing vpcId names the config key", async () => {
    const run = await runModule(golden, { project: "vpce-endpoints", config: { "vpce:subnetIds": ["subnet-0a1"] } });
    assert.match(onlyError(run).message, /vpce:vpcId/);
  });
});
