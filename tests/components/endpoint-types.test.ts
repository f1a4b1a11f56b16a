/**
 * EndpointPlan with a Gateway Load Balancer endpoint service, under the shared AWS mocks: the
 * appliance's AZs are looked up as a GatewayLoadBalancer service, one `aws.ec2.VpcEndpoint` per AZ,
 * one `aws.ec2.Route` per listed route table to the endpoint in its AZ, no security group.
 */
import assert from "node:assert/strict";
import { EndpointPlan, type EndpointPlanArgs } from "vpce-plan";
import { GWLB_SERVICE, GWLB_SUBNETS } from "../helpers/build";
import { AwsMocks, TYPES, expectNoErrors, ofType, runPulumi } from "../helpers/pulumi";

const SVC = GWLB_SERVICE;
const SUBNETS = GWLB_SUBNETS;
const args: EndpointPlanArgs = {
  region: "us-east-1",
  vpc: { id: "vpc-0insp", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
  subnets: SUBNETS,
  services: [SVC],
  serviceOptions: { [SVC]: { type: "GatewayLoadBalancer", routeTableIds: ["rtb-app-a", "rtb-app-b"] } },
};
const mocks = (azs = ["us-east-1a", "us-east-1b"]): AwsMocks =>
  new AwsMocks({
    region: "us-east-1",
    subnets: Object.fromEntries(SUBNETS.map((s) => [s.id, { az: s.az! }])),
    endpointServices: { [SVC]: { serviceType: "GatewayLoadBalancer", azs } },
  });

describe("EndpointPlan: Gateway Load Balancer endpoints", () => {
  it("an endpoint per AZ of the appliance and a route per route table to the endpoint in its AZ", async () => {
    const run = await runPulumi(() => ({ endpoints: new EndpointPlan("insp", args).endpoints }), { mocks: mocks() });
    expectNoErrors(run);
    const endpoints = ofType(run, TYPES.vpcEndpoint);
    assert.deepEqual(
      endpoints.map((e) => [e.name, e.inputs.vpcEndpointType, e.inputs.subnetIds, e.inputs.securityGroupIds, e.inputs.policy]),
      [
        ["insp-vpce-svc-0a1b2c3d4e5f60718-us-east-1a", "GatewayLoadBalancer", ["subnet-fw-a"], undefined, undefined],
        ["insp-vpce-svc-0a1b2c3d4e5f60718-us-east-1b", "GatewayLoadBalancer", ["subnet-fw-b"], undefined, undefined],
      ],
    );
    assert.deepEqual(ofType(run, TYPES.securityGroup), []);
    const outputs = run.outputs!.endpoints;
    const routes = ofType(run, "aws:ec2/route:Route");
    assert.deepEqual(
      routes.map((r) => [r.name, r.inputs.routeTableId, r.inputs.destinationCidrBlock, r.inputs.vpcEndpointId]),
      [
        [
          "insp-vpce-svc-0a1b2c3d4e5f60718-us-east-1a-rtb-app-a-0.0.0.0-0",
          "rtb-app-a",
          "0.0.0.0/0",
          outputs[`vpce-svc-0a1b2c3d4e5f60718-us-east-1a`].id,
        ],
        [
          "insp-vpce-svc-0a1b2c3d4e5f60718-us-east-1b-rtb-app-b-0.0.0.0-0",
          "rtb-app-b",
          "0.0.0.0/0",
          outputs[`vpce-svc-0a1b2c3d4e5f60718-us-east-1b`].id,
        ],
      ],
    );
    const a = outputs["vpce-svc-0a1b2c3d4e5f60718-us-east-1a"];
    assert.equal(a.type, "GatewayLoadBalancer");
    assert.deepEqual(a.dnsEntries, [], "AWS gives Gateway Load Balancer endpoints no DNS names");
    assert.match(a.arn!, /^arn:aws:ec2:us-east-1:\d{12}:vpc-endpoint\/vpce-/);
  });

  it("the appliance's AZs come from the lookup: a route table in an AZ it is not in fails before anything is made", async () => {
    const run = await runPulumi(() => ({ endpoints: new EndpointPlan("insp", args).endpoints }), { mocks: mocks(["us-east-1a"]) });
    assert.deepEqual(ofType(run, TYPES.vpcEndpoint), []);
    assert.match(run.errors.map((e) => e.message).join("\n"), /GWLB_ROUTE_AZ_WITHOUT_ENDPOINT/);
  });
});
