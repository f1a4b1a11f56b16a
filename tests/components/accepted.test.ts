/** EndpointPlan creates what the planner fitted to AWS's rules: split groups, unique rule names, IPv6-only lookups, quotas. */
import assert from "node:assert/strict";
import { EndpointPlan, type EndpointPlanArgs } from "vpce-plan";
import { AwsMocks, TYPES, expectNoErrors, ofType, onlyError, runPulumi, urns } from "../helpers/pulumi";

const VPC = { id: "vpc-0app", cidrs: ["10.0.0.0/16"], ipv6Cidrs: ["2600:1f18:abcd:1200::/56"], dnsSupport: true, dnsHostnames: true };
const SUBNETS = [
  { id: "subnet-a", az: "us-east-1a" },
  { id: "subnet-b", az: "us-east-1b" },
];
const base = (extra: Partial<EndpointPlanArgs> = {}): EndpointPlanArgs => ({
  region: "us-east-1",
  vpc: VPC,
  subnets: SUBNETS,
  services: ["sts"],
  ...extra,
});
const mocks = (ipv6Only = false) =>
  new AwsMocks({
    region: "us-east-1",
    subnets: Object.fromEntries(SUBNETS.map((s) => [s.id, { az: s.az, ipv6: true, ipv6Only }])),
    serviceIpTypes: { sts: ["ipv4", "ipv6"] },
  });

describe("EndpointPlan: what AWS accepts", () => {
  it("rules spread over several groups: every group is created and attached to the endpoint", async () => {
    const cidrs = Array.from({ length: 70 }, (_, i) => `192.168.${i * 2}.0/24`);
    const run = await runPulumi(() => new EndpointPlan("app", base({ access: { onPremises: { cidrs } } })), { mocks: mocks() });
    expectNoErrors(run);
    const groups = ofType(run, TYPES.securityGroup);
    assert.deepEqual(
      groups.map((g) => g.name).sort(),
      ["app-sts-2-sg", "app-sts-3-sg", "app-sts-sg"].filter((n) => groups.some((g) => g.name === n)),
    );
    assert.ok(groups.length >= 2);
    const [endpoint] = ofType(run, TYPES.vpcEndpoint);
    assert.equal((endpoint.inputs.securityGroupIds as unknown[]).length, groups.length);
    assert.equal(ofType(run, TYPES.ingressRule).length, 71);
  });

  it("two IPv6 consumer blocks that used to clean to one name get two resources (no duplicate URN)", async () => {
    const run = await runPulumi(
      () =>
        new EndpointPlan(
          "app",
          base({
            subnets: SUBNETS.map((s) => ({ ...s, ipv6: true })),
            defaults: { ipAddressType: "dualstack" },
            access: { onPremises: { cidrs: ["2001:db8::100/120", "2001:db8:100::/120"] } },
          }),
        ),
      { mocks: mocks() },
    );
    expectNoErrors(run);
    const all = urns(run);
    assert.equal(new Set(all).size, all.length);
    const v6 = ofType(run, TYPES.ingressRule)
      .filter((r) => typeof r.inputs.cidrIpv6 === "string")
      .map((r) => r.inputs.cidrIpv6);
    assert.deepEqual(v6.sort(), ["2001:db8:100::/120", "2001:db8::100/120", "2600:1f18:abcd:1200::/56"].sort());
  });

  it("subnets looked up as IPv6-only take an ipv6 endpoint with no IPv4 rule", async () => {
    const run = await runPulumi(
      () => new EndpointPlan("app", base({ subnets: SUBNETS.map(({ id }) => ({ id })), defaults: { ipAddressType: "ipv6" } })),
      { mocks: mocks(true) },
    );
    expectNoErrors(run);
    const rules = ofType(run, TYPES.ingressRule);
    assert.ok(rules.length > 0);
    assert.ok(
      rules.every((r) => r.inputs.cidrIpv4 === undefined),
      JSON.stringify(rules.map((r) => r.inputs)),
    );
  });

  it("an S3 gateway gets the planned ipAddressType", async () => {
    const run = await runPulumi(
      () =>
        new EndpointPlan(
          "app",
          base({
            subnets: SUBNETS.map((s) => ({ ...s, routeTableId: "rtb-a", ipv6: true })),
            services: ["s3"],
            serviceOptions: { s3: { ipAddressType: "dualstack" } },
          }),
        ),
      { mocks: mocks() },
    );
    expectNoErrors(run);
    const [gateway] = ofType(run, TYPES.vpcEndpoint);
    assert.equal(gateway.inputs.ipAddressType, "dualstack");
  });

  it("quotas: a raised quota in the args is honoured, a plan over the default is an error before any resource", async function () {
    // Runs a program with enough endpoints to pass the default quota: seconds of work, more on a loaded machine.
    this.timeout(90_000);
    const cidrs = Array.from({ length: 400 }, (_, i) => `100.${64 + (i >> 7)}.${(i & 127) * 2}.0/24`);
    const over = await runPulumi(() => new EndpointPlan("app", base({ access: { onPremises: { cidrs } } })), { mocks: mocks() });
    const err = onlyError(over);
    assert.match(String(err), /QUOTA_EXCEEDED/);
    assert.equal(ofType(over, TYPES.vpcEndpoint).length, 0);
    const raised = await runPulumi(
      () =>
        new EndpointPlan(
          "app",
          base({ access: { onPremises: { cidrs } }, quotas: { rulesPerSecurityGroup: 200, securityGroupsPerInterface: 5 } }),
        ),
      { mocks: mocks() },
    );
    expectNoErrors(raised);
    assert.ok(ofType(raised, TYPES.securityGroup).length >= 3);
  });
});
