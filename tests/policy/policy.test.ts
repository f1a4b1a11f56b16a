/**
 * The policy pack on resources registered by the example programs (and small programs for the
 * failing cases) under the mocks: each policy's validateResource / validateStack runs directly on
 * the mocked resources' inputs and property dependencies, as CrossGuard would pass them at preview.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aws from "@pulumi/aws";
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { EndpointPlan, type EndpointPlanArgs } from "vpce-plan";
import { RULES, type RuleId } from "vpce-plan/audit";
import { POLICY_RULES, createPolicies, policies, type StackResource } from "vpce-plan/policy";
import { AwsMocks, expectNoErrors, runModule, runPulumi, type ProgramRun, type RegisteredResource } from "../helpers/pulumi";
import { hubArgs, hubSpoke, runHub } from "../helpers/hubSpoke";
import { REPO_ROOT } from "../helpers/requests";

const SUBNETS = [
  { id: "subnet-0a1", routeTableId: "rtb-0a1" },
  { id: "subnet-0b1", routeTableId: "rtb-0b1" },
];
const account = () => new AwsMocks({ subnets: { "subnet-0a1": { az: "us-east-1a" }, "subnet-0b1": { az: "us-east-1b" } } });
const example = (name: string) => join(REPO_ROOT, "examples", name, "dist", "index.js");

/** What CrossGuard hands a policy: type, URN, name, inputs, and per property the resources it depends on. */
function asPolicyResources(run: ProgramRun<unknown>): StackResource[] {
  return run.resources.map((r: RegisteredResource) => ({
    type: r.type,
    urn: r.urn,
    name: r.name,
    props: r.inputs,
    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map((urn) => ({ urn }))])),
  }));
}

/** Runs one policy (by rule id) on a stack and returns the violation messages. */
function violations(rule: RuleId, resources: StackResource[], set = policies): Array<{ message: string; urn?: string }> {
  const policy = set.find((p) => p.name === rule)!;
  const out: Array<{ message: string; urn?: string }> = [];
  const report = (message: string, urn?: string): void => void out.push({ message, ...(urn ? { urn } : {}) });
  if ("validateResource" in policy && policy.validateResource) {
    const validate = policy.validateResource as (args: ResourceValidationArgs, r: typeof report) => void;
    for (const r of resources) {
      validate(
        { ...r, opts: {}, isType: () => false, asType: () => undefined, getConfig: () => ({}) } as unknown as ResourceValidationArgs,
        (m) => report(m, r.urn),
      );
    }
  } else {
    const validate = (policy as StackValidationPolicy).validateStack as unknown as (
      args: { resources: PolicyResource[] },
      r: typeof report,
    ) => void;
    validate({ resources: resources as unknown as PolicyResource[] }, report);
  }
  return out;
}

const basic = (subnets = SUBNETS) =>
  runModule(example("basic"), {
    project: "vpce-basic",
    mocks: account(),
    config: { "vpce-basic:vpcId": "vpc-0abc", "vpce-basic:subnets": subnets },
  });
const onPremS3 = () =>
  runModule(example("on-prem-s3"), {
    project: "vpce-on-prem-s3",
    mocks: account(),
    config: {
      "vpce-on-prem-s3:vpcId": "vpc-0dx",
      "vpce-on-prem-s3:subnets": SUBNETS,
      "vpce-on-prem-s3:organizationId": "o-a1b2c3d4e5",
      "vpce-on-prem-s3:onPremisesCidrs": ["172.16.0.0/12"],
    },
  });

const VPC = { id: "vpc-0app", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true };
const SUBNETS_AZ = [
  { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
  { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
];
async function stack(program: () => unknown): Promise<StackResource[]> {
  const run = await runPulumi(program, { mocks: account() });
  expectNoErrors(run);
  return asPolicyResources(run);
}
const plan = (args: Partial<EndpointPlanArgs>) =>
  stack(() => new EndpointPlan("app", { region: "us-east-1", vpc: VPC, subnets: SUBNETS_AZ, services: ["sts"], lookups: false, ...args }));

/** A new VPC whose private route table sends 0.0.0.0/0 to a NAT gateway, with the plan's endpoints on it. */
const natVpc = (services: string[]) =>
  stack(() => {
    const vpc = new aws.ec2.Vpc("net", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true });
    const subnet = new aws.ec2.Subnet("private-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a" });
    const nat = new aws.ec2.NatGateway("nat", { subnetId: subnet.id, connectivityType: "private" });
    const table = new aws.ec2.RouteTable("private", { vpcId: vpc.id });
    new aws.ec2.Route("default", { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
    new aws.ec2.RouteTableAssociation("private-a", { subnetId: subnet.id, routeTableId: table.id });
    return new EndpointPlan("app", {
      region: "us-east-1",
      vpc: { id: vpc.id, cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
      subnets: [{ id: subnet.id, az: "us-east-1a", routeTableId: table.id }],
      services,
      lookups: false,
    });
  });

describe("policy pack: vpce-plan/policy", () => {
  it("one policy per audit rule, named by the rule id, at the rule's default enforcement level; levels configurable", () => {
    assert.deepEqual(
      policies.map((p) => p.name),
      [...POLICY_RULES],
    );
    for (const p of policies) {
      assert.equal(p.enforcementLevel, RULES[p.name as RuleId].enforcementLevel, p.name);
      assert.equal(p.description, RULES[p.name as RuleId].title);
    }
    assert.equal(policies.find((p) => p.name === "SG_OPEN_INGRESS")!.enforcementLevel, "mandatory");
    const custom = createPolicies({ enforcementLevels: { SG_OPEN_INGRESS: "advisory", SECURITY_HUB_EC2_58: "disabled" } });
    assert.equal(custom.find((p) => p.name === "SG_OPEN_INGRESS")!.enforcementLevel, "advisory");
    assert.equal(custom.find((p) => p.name === "SECURITY_HUB_EC2_58")!.enforcementLevel, "disabled");
    const resourceLevel = policies.filter((p): p is ResourceValidationPolicy => "validateResource" in p).map((p) => p.name);
    assert.deepEqual(resourceLevel, ["ENDPOINT_SINGLE_AZ", "POLICY_FULL_ACCESS"]);
  });

  it("the ready pack's example config names only policies of the pack, with CrossGuard's levels", () => {
    const config = JSON.parse(readFileSync(join(REPO_ROOT, "policy", "config.example.json"), "utf8")) as Record<
      string,
      { enforcementLevel: string }
    >;
    for (const [name, value] of Object.entries(config)) {
      assert.ok(POLICY_RULES.includes(name as RuleId), name);
      assert.ok(["advisory", "mandatory", "remediate", "disabled"].includes(value.enforcementLevel), name);
    }
    assert.match(readFileSync(join(REPO_ROOT, "policy", "index.ts"), "utf8"), /new PolicyPack\("vpce-plan", \{ policies \}\)/);
  });

  it("ENDPOINT_SINGLE_AZ: examples/basic in two AZs passes; the same program in one subnet fails per interface endpoint", async () => {
    const two = await basic();
    expectNoErrors(two);
    assert.deepEqual(violations("ENDPOINT_SINGLE_AZ", asPolicyResources(two)), []);
    const one = await basic(SUBNETS.slice(0, 1));
    const found = violations("ENDPOINT_SINGLE_AZ", asPolicyResources(one));
    const interfaces = one.resources.filter(
      (r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.inputs.vpcEndpointType === "Interface",
    );
    assert.equal(found.length, interfaces.length);
    assert.match(found[0].message, /has a network interface only in subnet-0a1/);
  });

  it("POLICY_FULL_ACCESS: examples/on-prem-s3 (organization-only policy) passes; examples/basic (no policy) fails", async () => {
    assert.deepEqual(violations("POLICY_FULL_ACCESS", asPolicyResources(await onPremS3())), []);
    const found = violations("POLICY_FULL_ACCESS", asPolicyResources(await basic()));
    assert.ok(found.length >= 5, String(found.length));
    assert.ok(found.every((v) => /allows any principal any action on any resource/.test(v.message)));
  });

  it("SG_OPEN_INGRESS (mandatory): examples/basic passes; a plan admitting 0.0.0.0/0 fails, pointing at the group", async () => {
    assert.deepEqual(violations("SG_OPEN_INGRESS", asPolicyResources(await basic())), []);
    const open = await plan({ access: { extraCidrs: ["0.0.0.0/0"] } });
    const found = violations("SG_OPEN_INGRESS", open);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /admits 0\.0\.0\.0\/0/);
    assert.equal(open.find((r) => r.urn === found[0].urn)?.type, "aws:ec2/securityGroup:SecurityGroup");
  });

  it("PRIVATE_DNS_OFF: the hub example's shared endpoints (zones instead) pass; an endpoint with private DNS off fails", async () => {
    const hub = await runHub(
      hubArgs([hubSpoke("a", 1, { services: ["secretsmanager", "ecr.dkr", "s3"] }), hubSpoke("b", 2), hubSpoke("c", 3)]),
    );
    const hubResources = asPolicyResources(hub);
    assert.ok(
      hubResources.some((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.props.privateDnsEnabled === false),
      "hub shares with private DNS off",
    );
    assert.deepEqual(violations("PRIVATE_DNS_OFF", hubResources), []);
    const off = await plan({ services: ["sts"], serviceOptions: { sts: { privateDns: false } } });
    const found = violations("PRIVATE_DNS_OFF", off);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /private DNS off: sts\.us-east-1\.amazonaws\.com resolves to public addresses/);
  });

  it("NAT_WITHOUT_GATEWAY_ENDPOINT: a NAT route table with S3 and DynamoDB gateways passes; without them it fails twice", async () => {
    assert.deepEqual(violations("NAT_WITHOUT_GATEWAY_ENDPOINT", await natVpc(["s3", "dynamodb", "sts"])), []);
    const found = violations("NAT_WITHOUT_GATEWAY_ENDPOINT", await natVpc(["sts"]));
    assert.deepEqual(found.map((v) => /sends (\w+) traffic/.exec(v.message)?.[1]).sort(), ["dynamodb", "s3"]);
  });

  for (const rule of POLICY_RULES.filter((r) => r.startsWith("SECURITY_HUB_"))) {
    it(`${rule}: a VPC with the six endpoints passes; examples/on-prem-s3 fails, saying what meeting it costs`, async () => {
      const all = await plan({ services: ["ec2", "ecr.api", "ecr.dkr", "ssm", "ssm-contacts", "ssm-incidents"] });
      assert.deepEqual(violations(rule, all), []);
      const found = violations(rule, asPolicyResources(await onPremS3()));
      assert.equal(found.length, 1);
      assert.match(found[0].message, new RegExp(`Security Hub ${rule.replace("SECURITY_HUB_EC2_", "EC2\\.")} fails`));
      assert.match(found[0].message, /Meeting it costs USD \d+\.\d{2} a month/);
    });
  }
});
