import assert from "node:assert/strict";
import { EndpointPlan, type EndpointPlanArgs } from "vpce-plan";
import { AwsMocks, expectNoErrors, runPulumi, urns } from "../helpers/pulumi";

const SUBNETS = [
  { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
  { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
  { id: "subnet-c", az: "us-east-1c", routeTableId: "rtb-c" },
];
const args = (services: string[], subnets = SUBNETS): EndpointPlanArgs => ({
  region: "us-east-1",
  vpc: { id: "vpc-0app", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
  subnets,
  services,
  access: { onPremises: { cidrs: ["192.168.0.0/16"] } },
});

async function urnsOf(input: EndpointPlanArgs): Promise<string[]> {
  const run = await runPulumi(() => new EndpointPlan("app", input), {
    mocks: new AwsMocks({ serviceAzs: { "ecr.dkr": ["us-east-1a", "us-east-1b"] } }),
  });
  expectNoErrors(run);
  return urns(run);
}

const difference = (a: string[], b: string[]): string[] => a.filter((x) => !b.includes(x));

describe("EndpointPlan: resource names are stable", () => {
  const services = ["s3", "sts", "ecr.dkr", "logs"];

  it("permuting services and subnets registers the same URNs", async () => {
    const original = await urnsOf(args(services));
    const permuted = await urnsOf(args([...services].reverse(), [SUBNETS[2], SUBNETS[0], SUBNETS[1]]));
    assert.ok(original.length > 10);
    assert.deepEqual(permuted, original);
  });

  it("adding a service adds only its resources; removing it removes only those", async () => {
    const before = await urnsOf(args(services));
    const after = await urnsOf(args([...services, "kms"]));
    assert.deepEqual(difference(before, after), [], "nothing replaced or removed");
    const added = difference(after, before);
    assert.ok(added.length > 0);
    for (const urn of added) assert.match(urn, /::app-kms(-|$)/, `${urn} belongs to kms`);
    const removed = await urnsOf(args(services.filter((s) => s !== "sts")));
    const gone = difference(before, removed);
    assert.ok(gone.length > 0);
    for (const urn of gone) assert.match(urn, /::app-sts(-|$)/, `${urn} belongs to sts`);
    assert.deepEqual(difference(removed, before), []);
  });
});
