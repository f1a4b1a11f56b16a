/**
 * Replacement-safe components: what AWS rejects as a duplicate during create-before-delete is
 * replaced delete-first. Mocks never see resource options, so these tests spy on the constructors.
 */
import assert from "node:assert/strict";
import { EndpointPlan, EndpointSpoke } from "vpce-plan";
import { hubArgs, hubSpoke, runHub, spokeArgs } from "../helpers/hubSpoke";
import { AwsMocks, expectNoErrors, runPulumi } from "../helpers/pulumi";
import { spyOnConstructors, type Construction } from "../helpers/spy";

const CLASSES = {
  "@pulumi/aws/ec2/vpcEndpoint": "VpcEndpoint",
  "@pulumi/aws/ec2/vpcEndpointRouteTableAssociation": "VpcEndpointRouteTableAssociation",
  "@pulumi/aws/ec2/securityGroup": "SecurityGroup",
  "@pulumi/aws/vpc/securityGroupIngressRule": "SecurityGroupIngressRule",
  "@pulumi/aws/route53/zone": "Zone",
  "@pulumi/aws/route53/record": "Record",
  "@pulumi/aws/route53/zoneAssociation": "ZoneAssociation",
};

async function constructed(program: () => unknown, mocks?: AwsMocks): Promise<Construction[]> {
  const spy = spyOnConstructors(CLASSES);
  try {
    const run = await runPulumi(program, mocks ? { mocks } : {});
    expectNoErrors(run);
    return spy.calls;
  } finally {
    spy.restore();
  }
}

const deleteFirst = (calls: Construction[]): Record<string, boolean> =>
  Object.fromEntries(calls.map((c) => [c.name, c.opts.deleteBeforeReplace === true]));

describe("components: replacement-safe resource options", () => {
  it("EndpointPlan: private-DNS interface endpoints and gateway route-table associations replace delete-first, nothing else", async () => {
    const calls = await constructed(
      () =>
        new EndpointPlan("app", {
          region: "us-east-1",
          vpc: { id: "vpc-0app", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
          subnets: [
            { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
            { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
          ],
          services: ["s3", "sts", "logs"],
          serviceOptions: { logs: { privateDns: false } },
          access: { onPremises: { cidrs: ["192.168.0.0/16"] } },
          lookups: false,
        }),
    );
    const byName = deleteFirst(calls);
    assert.equal(byName["app-sts"], true, "interface endpoint with private DNS");
    assert.equal(byName["app-s3"], true, "S3 interface endpoint with private DNS for the inbound Resolver");
    assert.equal(byName["app-logs"], false, "no private DNS: create-before-delete is safe");
    assert.equal(byName["app-s3-gateway"], false, "a VPC may hold several gateway endpoints for one service");
    assert.equal(byName["app-s3-gateway-rtb-a"], true);
    assert.equal(byName["app-s3-gateway-rtb-b"], true);
    for (const c of calls.filter((x) => x.type === "SecurityGroup" || x.type === "SecurityGroupIngressRule"))
      assert.equal(byName[c.name], false, c.name);
    // The S3 interface endpoint still waits for the gateway (dependsOn survives the spread).
    const s3 = calls.find((c) => c.name === "app-s3")!;
    assert.equal((s3.opts.dependsOn as unknown[]).length, 1);
  });

  it("EndpointHub zones and EndpointSpoke zone associations replace delete-first; records do not", async () => {
    const spy = spyOnConstructors(CLASSES);
    let contract;
    try {
      // Three spokes share secretsmanager and ecr.dkr through the hub (as in spoke.test.ts).
      contract = (
        await runHub(hubArgs([hubSpoke("a", 1, { services: ["secretsmanager", "ecr.dkr", "s3"] }), hubSpoke("b", 2), hubSpoke("c", 3)]))
      ).contract;
    } finally {
      spy.restore();
    }
    const zones = spy.calls.filter((c) => c.type === "Zone");
    assert.ok(zones.length > 0);
    for (const z of zones) {
      assert.equal(z.opts.deleteBeforeReplace, true, z.name);
      assert.deepEqual(z.opts.ignoreChanges, ["vpcs"]);
    }
    for (const r of spy.calls.filter((c) => c.type === "Record")) assert.notEqual(r.opts.deleteBeforeReplace, true, r.name);
    const hubStack = "acme/hub/prod";
    const calls = await constructed(
      () => new EndpointSpoke("a", spokeArgs("a", 1, { hubStack })),
      new AwsMocks({ stackOutputs: { [hubStack]: { contract } } }),
    );
    const associations = calls.filter((c) => c.type === "ZoneAssociation");
    assert.ok(associations.length > 0);
    for (const a of associations) assert.equal(a.opts.deleteBeforeReplace, true, a.name);
  });
});
