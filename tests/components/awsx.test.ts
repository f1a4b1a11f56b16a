import assert from "node:assert/strict";
import * as awsx from "@pulumi/awsx";
import { EndpointPlan, fromAwsxVpc } from "vpce-plan";
import { TYPES, expectNoErrors, named, ofType, onlyError, runPulumi } from "../helpers/pulumi";

const AZS = ["us-east-1a", "us-east-1b"];

describe("fromAwsxVpc", () => {
  it("plans for a new awsx VPC: private subnets by AZ, route tables labelled by AZ, all known at preview", async () => {
    const run = await runPulumi(() => {
      const vpc = new awsx.ec2.Vpc("net", { availabilityZoneNames: AZS, cidrBlock: "10.20.0.0/16" });
      const endpoints = new EndpointPlan("app", {
        ...fromAwsxVpc(vpc, { azs: AZS, cidrs: ["10.20.0.0/16"] }),
        region: "us-east-1",
        services: ["s3", "sts"],
        lookups: false,
      });
      return { privateSubnetIds: vpc.privateSubnetIds, endpoints: endpoints.endpoints };
    });
    expectNoErrors(run);
    const sts = named(run, "app-sts");
    assert.deepEqual(sts.inputs.subnetIds, run.outputs!.privateSubnetIds);
    assert.equal(sts.inputs.vpcId, named(run, "app-sts-sg").inputs.vpcId);
    const associations = ofType(run, TYPES.routeTableAssociation)
      .map((a) => a.name)
      .sort();
    assert.deepEqual(associations, ["app-s3-gateway-us-east-1a", "app-s3-gateway-us-east-1b"]);
    const rtbs = ofType(run, TYPES.routeTableAssociation).map((a) => a.inputs.routeTableId);
    assert.equal(new Set(rtbs).size, 2);
    for (const id of rtbs) assert.match(String(id), /^rtb-/);
    assert.equal(run.outputs!.endpoints.sts.zonalDnsNames!.length, 2);
  });

  it("without cidrs the plan fails, saying where the CIDRs go", async () => {
    const run = await runPulumi(() => {
      const vpc = new awsx.ec2.Vpc("net", { availabilityZoneNames: AZS });
      new EndpointPlan("app", { ...fromAwsxVpc(vpc, { azs: AZS }), region: "us-east-1", services: ["sts"], lookups: false });
    });
    const err = onlyError(run);
    assert.equal(err.problems![0].code, "VPC_CIDRS_REQUIRED");
    assert.match(err.problems![0].hint, /fromAwsxVpc/);
  });
});
