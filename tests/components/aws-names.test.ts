/**
 * AWS's name rules (names.ts AWS_NAME_RULES) for every resource the components create: the names
 * the components send pass them for every valid component name, and the preview mocks refuse what
 * AWS refuses, so a preview fails where the deployment would.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AWS_NAME_RULES,
  AUTONAME_SUFFIX,
  awsName,
  awsNameProblem,
  componentNameProblem,
  COMPONENT_NAME_MAX,
  EndpointPlan,
  ingressRuleName,
  NAME_PREFIX_SUFFIX,
  profileAssociationName,
  profileEndpointName,
  profileResourceName,
  profileShareName,
  resolverApiName,
  securityGroupName,
  securityGroupNaming,
  zoneRecordName,
  type AwsNameKind,
  type EndpointPlanArgs,
} from "vpce-plan";
import { AwsMocks, TYPES, expectNoErrors, named, ofType, runPulumi } from "../helpers/pulumi";

/** AWS's own pattern for Resolver endpoint and Route 53 Profile names, as its API reference writes it. */
const ROUTE53_PATTERN = /^(?!^[0-9]+$)([0-9A-Za-z\-_' ']+)$/;

/** Valid component names: the characters componentNameProblem allows, up to its maximum. */
const componentName = fc
  .string({
    unit: fc.constantFrom(..."aZ09 +=._:/@-".split(""), "é", "Ж", "7"),
    minLength: 1,
    maxLength: COMPONENT_NAME_MAX,
  })
  .filter((n) => componentNameProblem(n) === undefined);

/** The security group name AWS receives: Pulumi's autoname, or the prefix and the provider's suffix. */
function groupNameSent(sgName: string): string {
  const naming = securityGroupNaming(sgName);
  return naming.namePrefix ? naming.namePrefix + "0".repeat(NAME_PREFIX_SUFFIX) : sgName + AUTONAME_SUFFIX;
}

const SUBNETS = [
  { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
  { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
];
const args: EndpointPlanArgs = {
  region: "us-east-1",
  vpc: { id: "vpc-0app", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
  subnets: SUBNETS,
  services: ["sts"],
  access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" } },
  lookups: false,
};
const mocks = (): AwsMocks => new AwsMocks({ subnets: Object.fromEntries(SUBNETS.map((s) => [s.id, { az: s.az }])) });

describe("AWS name rules", () => {
  it("every rule names its API field and cites the AWS page it comes from", () => {
    for (const [kind, rule] of Object.entries(AWS_NAME_RULES)) {
      assert.match(rule.source, /^https:\/\/docs\.aws\.amazon\.com\//, kind);
      assert.ok(rule.max > 0 && rule.field, kind);
    }
  });

  it("a component name with . @ : / + = gets a Resolver endpoint Name AWS's pattern accepts, and the preview passes", async () => {
    const name = "team.platform/app@prod:1+2=3";
    const run = await runPulumi(() => new EndpointPlan(name, args), { mocks: mocks() });
    expectNoErrors(run);
    const resolver = named(run, `${name}-resolver`);
    assert.match(String(resolver.inputs.name), ROUTE53_PATTERN);
    assert.equal(resolver.inputs.name, "team-platform-app-prod-1-2-3-resolver");
  });

  it("a 128-character component name gets a Resolver endpoint Name of at most 64 characters", async () => {
    const name = "a".repeat(COMPONENT_NAME_MAX);
    const run = await runPulumi(() => new EndpointPlan(name, args), { mocks: mocks() });
    expectNoErrors(run);
    const sent = String(named(run, `${name}-resolver`).inputs.name);
    assert.ok(sent.length <= 64, `${sent.length} characters`);
    assert.match(sent, ROUTE53_PATTERN);
  });

  it("a component named sg-... gets security groups with a name prefix AWS accepts (GroupName can't start with sg-)", async () => {
    const run = await runPulumi(() => new EndpointPlan("sg-team", args), { mocks: mocks() });
    expectNoErrors(run);
    for (const sg of ofType(run, TYPES.securityGroup)) {
      const prefix = String(sg.inputs.namePrefix);
      assert.ok(!prefix.toLowerCase().startsWith("sg-"), prefix);
    }
  });

  it("names AWS already accepts are sent unchanged, so no existing resource is renamed", async () => {
    const run = await runPulumi(() => new EndpointPlan("app", args), { mocks: mocks() });
    expectNoErrors(run);
    assert.equal(named(run, "app-resolver").inputs.name, "app-resolver");
    assert.ok(ofType(run, TYPES.securityGroup).every((sg) => sg.inputs.namePrefix === undefined && sg.inputs.name === undefined));
  });

  it("the preview mocks refuse what AWS refuses: a Resolver endpoint Name outside its pattern", async () => {
    const run = await runPulumi(
      () => {
        // A program of the user's own, beside the component, with a name AWS would refuse.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
        new aws.route53.ResolverEndpoint("bad", { name: "a/b", direction: "INBOUND", securityGroupIds: ["sg-1"], ipAddresses: [] });
      },
      { mocks: mocks() },
    );
    assert.ok(
      run.errors.some((e) => /InvalidParameterValue: "a\/b": CreateResolverEndpoint Name takes only/.test(String(e))),
      String(run.errors),
    );
  });

  it("property: for every valid component name, every name and Name tag the components send passes AWS's rules", () => {
    // The longest parts a name takes: a long endpoint-service key, the widest port and a written-out IPv6 block.
    const group = "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8";
    const zone = "license-manager-linux-subscriptions.us-east-1.amazonaws.com";
    fc.assert(
      fc.property(componentName, (c) => {
        const sent: Array<[AwsNameKind, string]> = [
          ["resolverEndpoint", resolverApiName(c)],
          ["route53Profile", awsName("route53Profile", profileResourceName(c))],
          ["profileResourceAssociation", awsName("profileResourceAssociation", profileEndpointName(c, group))],
          ["profileAssociation", awsName("profileAssociation", profileAssociationName(c))],
          ["ramResourceShare", awsName("ramResourceShare", profileShareName(c))],
          ["securityGroup", groupNameSent(securityGroupName(c, group))],
          ["securityGroup", groupNameSent(securityGroupName(c, "resolver"))],
          ["tagValue", awsName("tagValue", ingressRuleName(c, group, 65535, "2001:db8:1:2:3:4:5:6/128", "udp"))],
          ["tagValue", awsName("tagValue", zoneRecordName(c, zone, true, "AAAA"))],
        ];
        for (const [kind, name] of sent) assert.equal(awsNameProblem(kind, name), undefined, `${kind}: ${JSON.stringify(name)}`);
        assert.match(resolverApiName(c), ROUTE53_PATTERN);
      }),
      { numRuns: 300 },
    );
  });

  it("property: awsName leaves a name that passes unchanged, and always returns one that passes", () => {
    const kinds = Object.keys(AWS_NAME_RULES) as AwsNameKind[];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.string({ maxLength: 300 }), (kind, name) => {
        const out = awsName(kind, name);
        if (name && awsNameProblem(kind, name) === undefined) assert.equal(out, name);
        if (out) assert.equal(awsNameProblem(kind, out), undefined, JSON.stringify(out));
      }),
      { numRuns: 500 },
    );
  });
});
