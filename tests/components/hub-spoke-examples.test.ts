import assert from "node:assert/strict";
import { join } from "node:path";
import type { HubContract } from "vpce-plan";
import { HUB_TYPES } from "../helpers/hubSpoke";
import { AwsMocks, TYPES, expectNoErrors, ofType, runModule } from "../helpers/pulumi";
import { HUB_SPOKES } from "../helpers/examples";
import { REPO_ROOT } from "../helpers/requests";

const program = (side: string) => join(REPO_ROOT, "examples", "hub-spoke", side, "dist", "index.js");
const HUB_STACK = "acme/vpce-hub/prod";
const pay = { id: "subnet-0pa", routeTableId: "rtb-0pa" };
const spokes = HUB_SPOKES;

describe("examples/hub-spoke under mocks", () => {
  it("the spoke program reads the hub program's real exported contract through a StackReference", async () => {
    const hubMocks = new AwsMocks({ subnets: { "subnet-0a1": { az: "us-east-1a" }, "subnet-0b1": { az: "us-east-1b" } } });
    const hub = await runModule(program("hub"), {
      project: "vpce-hub",
      mocks: hubMocks,
      config: {
        "aws:region": "us-east-1",
        "vpce-hub:vpcId": "vpc-0hub",
        "vpce-hub:subnets": [{ id: "subnet-0a1" }, { id: "subnet-0b1" }],
        "vpce-hub:spokes": spokes,
      },
    });
    expectNoErrors(hub);
    const contract = hub.outputs!.contract as HubContract;
    assert.deepEqual(Object.keys(contract.services).sort(), ["ecr.dkr", "secretsmanager"]);
    assert.ok((hub.outputs!.savingsUsd as number) > 0);

    const spokeMocks = new AwsMocks({ subnets: { "subnet-0pa": { az: "us-east-1a" } }, stackOutputs: { [HUB_STACK]: { contract } } });
    const spoke = await runModule(program("spoke"), {
      project: "vpce-spoke",
      mocks: spokeMocks,
      config: {
        "aws:region": "us-east-1",
        "vpce-spoke:hubStack": HUB_STACK,
        "vpce-spoke:vpcId": "vpc-0payments",
        "vpce-spoke:subnets": [pay],
      },
    });
    expectNoErrors(spoke);
    // The hub shares by Route 53 Profile: the spoke associates it once, and no zone.
    assert.match(contract.profile!.id, /^rp-/);
    assert.deepEqual(ofType(spoke, HUB_TYPES.association), []);
    assert.deepEqual(
      ofType(spoke, "aws:route53/profilesAssociation:ProfilesAssociation").map((r) => [r.name, r.inputs.profileId, r.inputs.resourceId]),
      [["payments-route53-profile-association", contract.profile!.id, "vpc-0payments"]],
    );
    assert.deepEqual(
      ofType(spoke, TYPES.vpcEndpoint).map((r) => r.name),
      ["payments-s3-gateway"],
    );
    const resolution = spoke.outputs!.resolution as Record<string, { placement: string }>;
    assert.deepEqual(
      Object.entries(resolution).map(([key, r]) => [key, r.placement]),
      [
        ["ecr.dkr", "hub"],
        ["secretsmanager", "hub"],
        ["s3", "local"],
      ],
    );
  });
});
