/** EndpointPlan with rule 13's args: consumers by group and per service, private subnets, tags, outside traffic. */
import assert from "node:assert/strict";
import { EndpointPlan, type EndpointPlanArgs } from "vpce-plan";
import { AwsMocks, TYPES, expectNoErrors, named, ofType, onlyError, runPulumi } from "../helpers/pulumi";

const VPC = { id: "vpc-0app", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true };
/** awsx's layout: per AZ a public subnet (route to an internet gateway) and a private one, tagged by tier. */
const SUBNETS = {
  "subnet-0pub-a": { az: "us-east-1a", routeTableId: "rtb-pub", public: true, vpcId: "vpc-0app", tags: { tier: "public" } },
  "subnet-1prv-a": { az: "us-east-1a", routeTableId: "rtb-a", vpcId: "vpc-0app", tags: { tier: "private" } },
  "subnet-0pub-b": { az: "us-east-1b", routeTableId: "rtb-pub", public: true, vpcId: "vpc-0app", tags: { tier: "public" } },
  "subnet-1prv-b": { az: "us-east-1b", routeTableId: "rtb-b", vpcId: "vpc-0app", tags: { tier: "private" } },
};
const account = (): AwsMocks =>
  new AwsMocks({
    region: "us-east-1",
    subnets: SUBNETS,
    securityGroups: { "sg-app": { vpcId: "vpc-0app" }, "sg-else": { vpcId: "vpc-0else" } },
  });

async function plan(args: Omit<EndpointPlanArgs, "vpc">, mocks = account()) {
  const run = await runPulumi(
    () => {
      const c = new EndpointPlan("app", { region: "us-east-1", vpc: VPC, ...args });
      return { endpoints: c.endpoints, plan: c.plan, warnings: c.warnings };
    },
    { mocks },
  );
  return { run, mocks };
}

describe("EndpointPlan: who connects and where", () => {
  it("subnets by tag, no ids listed: the private subnets are looked up and get the ENIs", async () => {
    const { run, mocks } = await plan({ subnetTags: { tier: "private" }, services: ["sts"] });
    expectNoErrors(run);
    assert.deepEqual(named(run, "app-sts").inputs.subnetIds, ["subnet-1prv-a", "subnet-1prv-b"]);
    const lookup = mocks.invocations.find((i) => i.token === "aws:ec2/getSubnets:getSubnets")!;
    assert.deepEqual(lookup.inputs.filters, [
      { name: "vpc-id", values: ["vpc-0app"] },
      { name: "tag:tier", values: ["private"] },
    ]);
  });

  it("listed subnets: the public one (looked up from its route table) is passed over for the private one in its AZ", async () => {
    const { run } = await plan({ subnets: Object.keys(SUBNETS).map((id) => ({ id })), services: ["sts"] });
    expectNoErrors(run);
    assert.deepEqual(named(run, "app-sts").inputs.subnetIds, ["subnet-1prv-a", "subnet-1prv-b"]);
  });

  it("access.securityGroups: the ingress rule references the group (referencedSecurityGroupId), not the VPC CIDR", async () => {
    const { run } = await plan({
      subnets: [{ id: "subnet-1prv-a" }, { id: "subnet-1prv-b" }],
      services: ["sts"],
      access: { securityGroups: ["sg-app"] },
    });
    expectNoErrors(run);
    const rules = ofType(run, TYPES.ingressRule);
    assert.deepEqual(
      rules.map((r) => [r.name, r.inputs.referencedSecurityGroupId, r.inputs.cidrIpv4, r.inputs.fromPort]),
      [["app-sts-443-sg-app", "sg-app", undefined, 443]],
    );
  });

  it("a consumer group of another VPC fails before anything is created; an unknown one is LOOKUP_FAILED", async () => {
    const { run } = await plan({
      subnets: [{ id: "subnet-1prv-a" }],
      services: ["sts"],
      access: { securityGroups: ["sg-else", "sg-gone"] },
    });
    const err = onlyError(run);
    assert.deepEqual(
      err.problems!.map((p) => [p.code, p.path]),
      [
        ["LOOKUP_FAILED", "access.securityGroups[1]"],
        ["SECURITY_GROUP_NOT_IN_VPC", "access.securityGroups[0]"],
      ],
    );
    assert.deepEqual(ofType(run, TYPES.vpcEndpoint), []);
  });

  it("per-service tags, extra groups and dnsRecordIpType reach the endpoint resource", async () => {
    const { run } = await plan({
      subnets: [{ id: "subnet-1prv-a", public: false }],
      services: ["sts"],
      tags: { owner: "platform" },
      serviceOptions: { sts: { tags: { team: "id" }, securityGroupIds: ["sg-app"], dnsRecordIpType: "ipv4" } },
      ha: { minAzs: 1 },
    });
    expectNoErrors(run);
    const endpoint = named(run, "app-sts");
    assert.deepEqual(endpoint.inputs.tags, { owner: "platform", team: "id", Name: "app-sts" });
    const groups = endpoint.inputs.securityGroupIds as string[];
    assert.equal(groups.length, 2);
    assert.equal(groups[1], "sg-app");
    assert.deepEqual(endpoint.inputs.dnsOptions, { dnsRecordIpType: "ipv4" });
    assert.deepEqual(named(run, "app-sts-sg").inputs.tags, { owner: "platform", team: "id", Name: "app-sts-sg" });
  });

  it("trafficBySource prices on-premises S3 on the interface endpoint; the same key in traffic too is DUPLICATE_TRAFFIC", async () => {
    const args: Omit<EndpointPlanArgs, "vpc"> = {
      subnets: [
        { id: "subnet-1prv-a", public: false },
        { id: "subnet-1prv-b", public: false },
      ],
      services: ["s3"],
      access: { onPremises: { cidrs: ["192.168.0.0/16"] } },
      trafficBySource: { s3: { vpc: 2000, onPremises: 500 } },
    };
    const { run } = await plan(args);
    expectNoErrors(run);
    const p = run.outputs!.plan as { endpoints: Array<{ name: string; cost: { dataMonthlyUsd: number } }> };
    assert.equal(p.endpoints.find((e) => e.name === "s3")!.cost.dataMonthlyUsd, 5);
    const { run: twice } = await plan({ ...args, traffic: { s3: 1 } });
    assert.deepEqual(
      onlyError(twice).problems!.map((p) => [p.code, p.path]),
      [["DUPLICATE_TRAFFIC", "trafficBySource.s3"]],
    );
  });

  it("per-service access narrows in arg names: serviceOptions.<key>.access", async () => {
    const { run } = await plan({
      subnets: [{ id: "subnet-1prv-a", public: false }],
      services: ["sts"],
      serviceOptions: { sts: { access: { peerVpcs: ["nope"] } } },
    });
    assert.deepEqual(
      onlyError(run).problems!.map((p) => [p.code, p.path]),
      [["ACCESS_NOT_DECLARED", "serviceOptions.sts.access.peerVpcs[0]"]],
    );
  });
});
