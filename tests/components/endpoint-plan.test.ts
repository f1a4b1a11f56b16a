import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { EndpointPlan, type EndpointPlanArgs } from "vpce-plan";
import { planEndpoints } from "vpce-plan/plan";
import {
  AwsMocks,
  TYPES,
  type MockAwsFacts,
  cloudResources,
  expectNoErrors,
  named,
  ofType,
  onlyError,
  runPulumi,
  unwrap,
} from "../helpers/pulumi";

const VPC = { id: "vpc-0app", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true };
const SUBNETS = [
  { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
  { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
  { id: "subnet-c", az: "us-east-1c", routeTableId: "rtb-b" },
];
const KNOWN_SUBNETS = Object.fromEntries(SUBNETS.map((s) => [s.id, { az: s.az }]));
/** The fake account: it knows the subnets above (their AZs give the endpoints' zonal DNS names). */
const account = (facts: MockAwsFacts = {}): AwsMocks => new AwsMocks({ region: "us-east-1", subnets: KNOWN_SUBNETS, ...facts });
const base = (extra: Partial<EndpointPlanArgs> = {}): EndpointPlanArgs => ({ region: "us-east-1", vpc: VPC, subnets: SUBNETS, ...extra });

async function plan(args: EndpointPlanArgs, mocks?: AwsMocks) {
  let component: EndpointPlan | undefined;
  const run = await runPulumi(
    () => {
      component = new EndpointPlan("app", args);
      return {
        endpoints: component.endpoints,
        monthlyCostUsd: component.monthlyCostUsd,
        warnings: component.warnings,
        plan: component.plan,
      };
    },
    { mocks: mocks ?? account() },
  );
  return { run, component: component! };
}

describe("EndpointPlan: resources per planner pattern", () => {
  it("S3 alone: one gateway, one association per distinct route table, no inline route tables", async () => {
    const { run } = await plan(base({ services: ["s3"] }));
    expectNoErrors(run);
    const component = named(run, "app");
    assert.equal(component.type, TYPES.endpointPlan);
    const [gateway] = ofType(run, TYPES.vpcEndpoint);
    assert.equal(gateway.name, "app-s3-gateway");
    assert.equal(gateway.inputs.vpcEndpointType, "Gateway");
    assert.equal(gateway.inputs.serviceName, "com.amazonaws.us-east-1.s3");
    assert.equal(gateway.inputs.vpcId, "vpc-0app");
    assert.equal(gateway.inputs.routeTableIds, undefined);
    const associations = ofType(run, TYPES.routeTableAssociation);
    assert.deepEqual(associations.map((a) => [a.name, a.inputs.routeTableId]).sort(), [
      ["app-s3-gateway-rtb-a", "rtb-a"],
      ["app-s3-gateway-rtb-b", "rtb-b"],
    ]);
    for (const child of cloudResources(run)) assert.equal(child.parent, component.urn, `${child.name} is parented to the component`);
    assert.deepEqual(ofType(run, TYPES.securityGroup), []);
    assert.deepEqual(ofType(run, TYPES.endpointPolicy), [], "policies are inline, never a separate resource");
    const outputs = run.outputs!;
    assert.match(outputs.endpoints["s3-gateway"].prefixListId!, /^pl-/);
    assert.equal(outputs.endpoints["s3-gateway"].id, "vpce-" + outputs.endpoints["s3-gateway"].id.slice(5));
    assert.equal(outputs.monthlyCostUsd, 0);
  });

  it("interface endpoint: one subnet per AZ the service supports (looked up), ingress per consumer CIDR on the service port", async () => {
    const mocks = account({ serviceAzs: { cassandra: ["us-east-1a", "us-east-1b"] } });
    const { run } = await plan(
      base({ region: undefined, services: ["cassandra"], access: { onPremises: { cidrs: ["192.168.0.0/16"] } } }),
      mocks,
    );
    expectNoErrors(run);
    const endpoint = named(run, "app-cassandra");
    assert.equal(endpoint.inputs.vpcEndpointType, "Interface");
    assert.deepEqual(endpoint.inputs.subnetIds, ["subnet-a", "subnet-b"]);
    assert.equal(endpoint.inputs.privateDnsEnabled, true);
    const sg = named(run, "app-cassandra-sg");
    assert.equal(sg.type, TYPES.securityGroup);
    assert.equal(sg.inputs.egress, undefined, "no egress rules");
    assert.equal(sg.inputs.ingress, undefined, "no inline ingress");
    const rules = ofType(run, TYPES.ingressRule).map((r) => [
      r.name,
      r.inputs.cidrIpv4,
      r.inputs.fromPort,
      r.inputs.toPort,
      r.inputs.ipProtocol,
    ]);
    assert.deepEqual(rules.sort(), [
      ["app-cassandra-9142-10.0.0.0-16", "10.0.0.0/16", 9142, 9142, "tcp"],
      ["app-cassandra-9142-192.168.0.0-16", "192.168.0.0/16", 9142, 9142, "tcp"],
    ]);
    const sgId = run.outputs!.endpoints.cassandra.securityGroupId;
    assert.deepEqual(endpoint.inputs.securityGroupIds, [sgId]);
    for (const rule of ofType(run, TYPES.ingressRule)) assert.equal(rule.inputs.securityGroupId, sgId);
    const tokens = mocks.invocations.map((i) => i.token);
    assert.ok(tokens.includes("aws:index/getRegion:getRegion"), "region looked up when not given");
    assert.ok(tokens.includes("aws:ec2/getVpcEndpointService:getVpcEndpointService"));
    const out = run.outputs!.endpoints.cassandra;
    assert.match(out.regionalDnsName!, /^vpce-.*\.cassandra\.us-east-1\.vpce\.amazonaws\.com$/);
    assert.deepEqual(
      out.zonalDnsNames!.map((n) => n.split(".")[0].slice(-10)),
      ["us-east-1a", "us-east-1b"],
    );
    assert.equal(run.outputs!.monthlyCostUsd, 14.6);
  });

  it("defaults.fips: the FIPS endpoint service is looked up and created, with its private DNS name; a service may opt out", async () => {
    const mocks = account();
    const { run } = await plan(
      base({ services: ["kms", "logs"], defaults: { fips: true }, serviceOptions: { logs: { fips: false } } }),
      mocks,
    );
    expectNoErrors(run);
    assert.equal(named(run, "app-kms").inputs.serviceName, "com.amazonaws.us-east-1.kms-fips");
    assert.equal(named(run, "app-logs").inputs.serviceName, "com.amazonaws.us-east-1.logs");
    const looked = mocks.invocations
      .filter((i) => i.token === "aws:ec2/getVpcEndpointService:getVpcEndpointService")
      .map((i) => (i.inputs as { serviceName?: string }).serviceName)
      .sort();
    assert.deepEqual(looked, ["com.amazonaws.us-east-1.kms-fips", "com.amazonaws.us-east-1.logs"]);
    const kms = run.outputs!.plan.endpoints.find((e: { name: string }) => e.name === "kms");
    assert.deepEqual(kms.privateDnsNames, ["kms-fips.us-east-1.amazonaws.com"]);
  });

  it("on-premises S3: gateway for the VPC plus an inbound-only interface endpoint that depends on it", async () => {
    const { run } = await plan(base({ services: ["s3"], access: { onPremises: { cidrs: ["172.16.0.0/12"] } } }));
    expectNoErrors(run);
    const gateway = named(run, "app-s3-gateway");
    const iface = named(run, "app-s3");
    assert.ok(iface.dependencies.includes(gateway.urn), "interface endpoint waits for the gateway");
    assert.deepEqual(iface.inputs.dnsOptions, { dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: true });
    assert.deepEqual(
      ofType(run, TYPES.ingressRule).map((r) => r.inputs.cidrIpv4),
      ["172.16.0.0/12"],
      "the VPC uses the gateway, so only on-premises is admitted",
    );
  });

  it("on-premises DynamoDB: the interface endpoint sends AWS what the provider really sends, private DNS off and no inbound-only flag", async () => {
    const { run } = await plan(base({ services: ["dynamodb"], access: { onPremises: { cidrs: ["172.16.0.0/12"] } } }));
    expectNoErrors(run);
    const iface = named(run, "app-dynamodb");
    assert.equal(iface.inputs.privateDnsEnabled, false);
    assert.deepEqual(iface.inputs.dnsOptions, { dnsRecordIpType: "ipv4" });
    assert.deepEqual(
      ofType(run, TYPES.ingressRule).map((r) => r.inputs.cidrIpv4),
      ["172.16.0.0/12"],
      "the VPC keeps the gateway, so only on-premises is admitted",
    );
  });

  it("policies are inline JSON on gateway and interface endpoints alike", async () => {
    const policy = { template: "organization-only" as const, organizationId: "o-a1b2c3d4e5" };
    const { run } = await plan(base({ services: ["s3", "sts"], defaults: { policy } }));
    expectNoErrors(run);
    for (const name of ["app-s3-gateway", "app-sts"]) {
      const document = JSON.parse(named(run, name).inputs.policy as string);
      assert.equal(JSON.stringify(document).includes("o-a1b2c3d4e5"), true, name);
    }
  });

  it("shared security group: one group with the union of rules; existing: no group, the given ids (Outputs too)", async () => {
    const shared = await plan(base({ services: ["sts", "ssm"], securityGroup: { mode: "shared" } }));
    expectNoErrors(shared.run);
    assert.deepEqual(
      ofType(shared.run, TYPES.securityGroup).map((g) => g.name),
      ["app-endpoints-sg"],
    );
    assert.deepEqual(
      ofType(shared.run, TYPES.ingressRule).map((r) => r.name),
      ["app-endpoints-443-10.0.0.0-16"],
    );
    const existing = await plan(
      base({ services: ["sts"], securityGroup: { mode: "existing", ids: ["sg-0abc", pulumi.output("sg-0def")] } }),
    );
    expectNoErrors(existing.run);
    assert.deepEqual(ofType(existing.run, TYPES.securityGroup), []);
    assert.deepEqual(named(existing.run, "app-sts").inputs.securityGroupIds, ["sg-0abc", "sg-0def"]);
  });

  it("warnings are outputs and are logged on the component", async () => {
    const { run } = await plan(base({ services: ["sts"], subnets: [SUBNETS[0]] }));
    expectNoErrors(run);
    assert.deepEqual(
      run.outputs!.warnings.map((w) => w.code),
      ["HA_BELOW_MIN_AZS"],
    );
    assert.ok(run.warnings.some((w) => w.startsWith("HA_BELOW_MIN_AZS:")));
  });

  it("plan output equals the planner's plan for the same request, with real ids", async () => {
    const subnetId = pulumi.output("subnet-real");
    const { run } = await plan(base({ services: ["sts"], subnets: [{ id: subnetId, az: "us-east-1a" }, SUBNETS[1]], lookups: false }));
    expectNoErrors(run);
    const exported = run.outputs!.plan;
    const expected = planEndpoints({
      region: "us-east-1",
      vpc: VPC,
      subnets: [{ id: "subnet-pending-us-east-1a", az: "us-east-1a" }, SUBNETS[1]],
      services: ["sts"],
    });
    assert.deepEqual(exported.endpoints[0].subnetIds, ["subnet-real", "subnet-b"]);
    assert.deepEqual(exported.cost, expected.cost);
    assert.deepEqual(
      exported.endpoints.map((e: { reasons: unknown }) => e.reasons),
      expected.endpoints.map((e) => e.reasons),
    );
  });

  it("looks up subnet AZs and VPC attributes by plain id; no invokes with lookups: false", async () => {
    const mocks = new AwsMocks({ subnets: { "subnet-x": { az: "us-east-1a" }, "subnet-y": { az: "us-east-1b" } } });
    const { run } = await plan(
      { region: "us-east-1", vpc: { id: "vpc-0look" }, subnets: [{ id: "subnet-x" }, { id: "subnet-y" }], services: ["sts"] },
      mocks,
    );
    expectNoErrors(run);
    assert.deepEqual(named(run, "app-sts").inputs.subnetIds, ["subnet-x", "subnet-y"]);
    assert.deepEqual(
      ofType(run, TYPES.ingressRule).map((r) => r.inputs.cidrIpv4),
      ["10.0.0.0/16"],
      "VPC CIDR from getVpc",
    );
    const offline = new AwsMocks();
    const { run: second } = await plan(base({ services: ["sts"], lookups: false }), offline);
    expectNoErrors(second);
    assert.deepEqual(offline.invocations, []);
  });
});

describe("EndpointPlan: route tables and account looked up when needed", () => {
  const dnsOn = { dnsSupport: true, dnsHostnames: true, cidrs: ["10.0.0.0/16"] };
  const subnetsAccount = () =>
    new AwsMocks({ subnets: { "subnet-x": { az: "us-east-1a", routeTableId: "rtb-x" }, "subnet-y": { az: "us-east-1b" } } });

  it("a gateway goes to each subnet's route table: its explicit association, else the VPC's main table", async () => {
    const mocks = subnetsAccount();
    const { run } = await plan(
      { region: "us-east-1", vpc: { id: "vpc-0look", ...dnsOn }, subnets: [{ id: "subnet-x" }, { id: "subnet-y" }], services: ["s3"] },
      mocks,
    );
    expectNoErrors(run);
    const tables = ofType(run, TYPES.routeTableAssociation)
      .map((a) => a.inputs.routeTableId as string)
      .sort();
    assert.equal(tables.length, 2);
    assert.match(tables[0], /^rtb-main[0-9a-f]{9}$/, "the main route table of vpc-0look");
    assert.equal(tables[1], "rtb-x");
    const lookups = mocks.invocations.filter((i) => i.token === "aws:ec2/getRouteTable:getRouteTable");
    assert.deepEqual(lookups.map((i) => i.inputs.subnetId ?? `main of ${i.inputs.vpcId}`).sort(), [
      "main of vpc-0look",
      "subnet-x",
      "subnet-y",
    ]);
  });

  it("no route-table lookups when no service can use a gateway and every subnet says whether it is public", async () => {
    const mocks = subnetsAccount();
    const subnets = [
      { id: "subnet-x", public: false },
      { id: "subnet-y", public: false },
    ];
    const { run } = await plan({ region: "us-east-1", vpc: { id: "vpc-0look", ...dnsOn }, subnets, services: ["sts"] }, mocks);
    expectNoErrors(run);
    assert.ok(!mocks.invocations.some((i) => i.token === "aws:ec2/getRouteTable:getRouteTable"));
  });

  it("a route table that cannot be found is LOOKUP_FAILED on subnets[i].routeTableId, before anything is created", async () => {
    const { run } = await plan(
      {
        region: "us-east-1",
        vpc: { id: pulumi.output("vpc-0look"), ...dnsOn },
        subnets: [{ id: "subnet-x" }, { id: "subnet-y" }],
        services: ["s3"],
      },
      subnetsAccount(),
    );
    assert.deepEqual(cloudResources(run), []);
    const err = onlyError(run) as { problems?: Array<{ code: string; path: string }> };
    assert.deepEqual(
      err.problems?.map((p) => [p.code, p.path]),
      [["LOOKUP_FAILED", "subnets[1].routeTableId"]],
    );
  });

  it("account-only without accountIds uses the caller's account", async () => {
    const mocks = new AwsMocks({ region: "us-east-1", subnets: KNOWN_SUBNETS, accountId: "210987654321" });
    const { run } = await plan(base({ services: ["sts"], serviceOptions: { sts: { policy: { template: "account-only" } } } }), mocks);
    expectNoErrors(run);
    const policy = JSON.parse(named(run, "app-sts").inputs.policy as string);
    assert.deepEqual(policy.Statement[0].Condition, { StringEquals: { "aws:PrincipalAccount": "210987654321" } });
  });
});

describe("EndpointPlan: bad args fail before any AWS resource is registered", () => {
  const failing = async (args: EndpointPlanArgs, mocks?: AwsMocks) => {
    const { run } = await plan(args, mocks);
    assert.deepEqual(cloudResources(run), [], "no AWS resource registered");
    return onlyError(run);
  };

  it("reports every planner problem with arg paths and hints", async () => {
    const err = await failing(base({ services: ["secretmanager", "sqs"], subnets: [{ id: "subnet-a" }], lookups: false }));
    assert.equal(err.name, "PlanRequestError");
    assert.deepEqual(
      err.problems!.map((p) => [p.code, p.path]),
      [
        ["SUBNET_AZ_MISSING", "subnets[0].az"],
        ["UNKNOWN_SERVICE", "services[0]"],
      ],
    );
    assert.match(err.message, /Did you mean secretsmanager/);
  });

  it("planner paths inside a service entry point at serviceOptions", async () => {
    const err = await failing(base({ services: ["sqs"], serviceOptions: { sqs: { type: "Gateway" } } }));
    assert.deepEqual(
      err.problems!.map((p) => [p.code, p.path]),
      [["GATEWAY_UNSUPPORTED", "serviceOptions.sqs.type"]],
    );
  });

  it("options for a service that is not requested are an error, not an extra endpoint", async () => {
    const err = await failing(base({ services: ["sts"], serviceOptions: { kms: { privateDns: false } } }));
    assert.deepEqual(
      err.problems!.map((p) => [p.code, p.path]),
      [["SERVICE_NOT_REQUESTED", "serviceOptions.kms"]],
    );
  });

  it("a VPC with DNS hostnames off (looked up) fails private DNS, naming the attribute", async () => {
    const mocks = account({ vpcs: { "vpc-0nodns": { cidrs: ["10.9.0.0/16"], dnsSupport: true, dnsHostnames: false } } });
    const err = await failing({ region: "us-east-1", vpc: { id: "vpc-0nodns" }, subnets: SUBNETS, services: ["sts"] }, mocks);
    assert.deepEqual(
      err.problems!.map((p) => [p.code, p.path]),
      [["VPC_DNS_HOSTNAMES_DISABLED", "vpc.dnsHostnames"]],
    );
    assert.match(err.message, /enableDnsHostnames/);
  });

  it("a subnet id that is an Output needs its AZ", async () => {
    const err = await failing(base({ services: ["sts"], subnets: [{ id: pulumi.output("subnet-late") }, SUBNETS[1]] }));
    assert.equal(err.problems![0].path, "subnets[0].az");
    assert.match(err.problems![0].message, /is an Output/);
  });

  it("a service AWS does not offer here fails with the provider's message", async () => {
    const mocks = account({ missingServices: ["sts"] });
    const err = await failing(base({ services: ["sts"] }), mocks);
    assert.equal(err.problems![0].code, "LOOKUP_FAILED");
    assert.equal(err.problems![0].path, "services[0]");
    assert.match(err.message, /no matching VPC Endpoint Service found/);
  });

  it("the component's outputs reject with the same error", async () => {
    const handledLate: unknown[] = [];
    const onLate = (promise: unknown): number => handledLate.push(promise);
    process.on("rejectionHandled", onLate);
    let cost: Promise<unknown> | undefined;
    await runPulumi(() => {
      // Listen as soon as the output exists, as the Pulumi engine does: the component's initialize rejects
      // while the program runs, and a listener attached only afterwards makes Node print
      // PromiseRejectionHandledWarning (the output's promises were rejected with nobody listening).
      cost = unwrap(new EndpointPlan("bad", base({ services: [] })).monthlyCostUsd);
      cost.catch(() => undefined);
    });
    await assert.rejects(cost!, /NO_SERVICES/);
    await new Promise((resolve) => setImmediate(resolve));
    process.off("rejectionHandled", onLate);
    assert.equal(handledLate.length, 0, "a rejection was handled only after Node reported it unhandled");
  });
});

describe("EndpointPlan: cross-region endpoints", () => {
  it("sets serviceRegion on the endpoint and looks the service up in its own region", async () => {
    const mocks = account();
    const { run } = await plan(
      { vpc: VPC, subnets: SUBNETS, services: ["s3", "kms"], serviceOptions: { kms: { region: "eu-west-1" } } },
      mocks,
    );
    expectNoErrors(run);
    const kms = named(run, "app-kms-eu-west-1");
    assert.equal(kms.inputs.serviceName, "com.amazonaws.eu-west-1.kms");
    assert.equal(kms.inputs.serviceRegion, "eu-west-1");
    assert.equal(kms.inputs.vpcEndpointType, "Interface");
    assert.equal(named(run, "app-s3-gateway").inputs.serviceRegion, undefined);
    const lookup = mocks.invocations.find(
      (i) => i.token === "aws:ec2/getVpcEndpointService:getVpcEndpointService" && i.inputs.serviceName === "com.amazonaws.eu-west-1.kms",
    );
    assert.deepEqual(lookup?.inputs.serviceRegions, ["eu-west-1"]);
    // The lookup answered, so the plan says so instead of warning that it was not checked.
    const exported = run.outputs!.plan as { endpoints: Array<{ name: string; reasons: Array<{ code: string }>; serviceRegion?: string }> };
    const planned = exported.endpoints.find((e) => e.name === "kms-eu-west-1")!;
    assert.equal(planned.serviceRegion, "eu-west-1");
    assert.ok(
      planned.reasons.some((r) => r.code === "CROSS_REGION_FROM_FACTS"),
      JSON.stringify(planned.reasons),
    );
    // The endpoint's DNS names carry the service region.
    const endpoints = run.outputs!.endpoints as Record<string, { regionalDnsName?: string }>;
    assert.match(endpoints["kms-eu-west-1"].regionalDnsName ?? "", /\.kms\.eu-west-1\.vpce\.amazonaws\.com$/);
  });
});

describe("EndpointPlan: endpoint services outside the catalog", () => {
  const SVC = "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8";

  it("looks the service up by name and plans it on its port with the facts AWS reports", async () => {
    const mocks = account({
      endpointServices: {
        [SVC]: { azs: ["us-east-1a", "us-east-1b"], acceptanceRequired: true, privateDnsName: "api.partner.example.com" },
      },
    });
    const { run } = await plan({ ...base(), services: [SVC], serviceOptions: { [SVC]: { port: 8443 } } }, mocks);
    expectNoErrors(run);
    const vpce = named(run, "app-vpce-svc-0e87519c997c63cd8");
    assert.equal(vpce.inputs.serviceName, SVC);
    assert.deepEqual(vpce.inputs.subnetIds, ["subnet-a", "subnet-b"]);
    // getVpcEndpointService does not say whether the provider verified the name: private DNS stays off.
    assert.equal(vpce.inputs.privateDnsEnabled, false);
    const rules = ofType(run, TYPES.ingressRule);
    assert.ok(rules.length > 0 && rules.every((r) => r.inputs.fromPort === 8443), JSON.stringify(rules.map((r) => r.inputs.fromPort)));
    const warnings = run.outputs!.warnings as Array<{ code: string }>;
    assert.deepEqual(
      warnings.map((w) => w.code).filter((c) => c.startsWith("ENDPOINT_SERVICE")),
      ["ENDPOINT_SERVICE_ACCEPTANCE", "ENDPOINT_SERVICE_FACTS_MISSING"],
    );
  });

  it("a service the account cannot see fails the lookup, naming the arg", async () => {
    const { run } = await plan({ ...base(), services: [SVC] });
    const error = onlyError(run);
    assert.deepEqual(
      error.problems?.map((p) => [p.code, p.path]),
      [["LOOKUP_FAILED", "services[0]"]],
    );
  });
});

describe("EndpointPlan: catalog overlay", () => {
  const overlay = (region: string) => ({
    kind: "vpce-plan/catalog-overlay",
    version: 1,
    region,
    services: [
      {
        serviceName: `com.amazonaws.${region}.sts`,
        types: ["Interface"],
        azs: [`${region}a`],
        privateDnsNames: [`sts.${region}.amazonaws.com`],
      },
    ],
  });

  it("its facts place the endpoints, with no lookups", async () => {
    const mocks = account();
    const { run } = await plan({ ...base({ services: ["sts"], lookups: false }), catalogOverlay: overlay("us-east-1") }, mocks);
    expectNoErrors(run);
    assert.deepEqual(named(run, "app-sts").inputs.subnetIds, ["subnet-a"]);
    assert.deepEqual(mocks.invocations, []);
  });

  it("lookups win over it", async () => {
    const { run } = await plan({ ...base({ services: ["sts"] }), catalogOverlay: overlay("us-east-1") });
    expectNoErrors(run);
    assert.deepEqual(named(run, "app-sts").inputs.subnetIds, ["subnet-a", "subnet-b", "subnet-c"]);
  });

  it("an overlay of another region is an error naming the arg", async () => {
    const { run } = await plan({ ...base({ services: ["sts"], lookups: false }), catalogOverlay: overlay("eu-west-1") });
    assert.deepEqual(
      onlyError(run).problems?.map((p) => [p.code, p.path]),
      [["INVALID_VALUE", "catalogOverlay"]],
    );
  });
});
