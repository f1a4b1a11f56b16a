/**
 * The components' names and args: a misspelt arg is UNKNOWN_FIELD with "did you mean" (as in a
 * request file), and a name AWS tags would not take is INVALID_NAME, both before any resource; one
 * name rule for the components and `vpce-plan preview --name`.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { EndpointHub, EndpointPlan, EndpointSpoke, type EndpointPlanArgs } from "vpce-plan";
import { hubArgs, hubSpoke, spokeArgs } from "../helpers/hubSpoke";
import { requestFile, vpcePlan } from "../helpers/cli";
import { AwsMocks, TYPES, cloudResources, expectNoErrors, ofType, runPulumi } from "../helpers/pulumi";

const VPC = { id: "vpc-0app", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true };
const SUBNETS = [
  { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
  { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
];
const base = (extra: Record<string, unknown> = {}): EndpointPlanArgs =>
  ({ region: "us-east-1", vpc: VPC, subnets: SUBNETS, services: ["sts"], lookups: false, ...extra }) as EndpointPlanArgs;

type Failure = Error & { problems?: Array<{ code: string; path: string; hint: string }> };

async function failure(program: () => unknown): Promise<{ error: Failure; cloud: number }> {
  const run = await runPulumi(program, { mocks: new AwsMocks({ region: "us-east-1" }) });
  assert.equal(run.errors.length, 1, run.errors.map((e) => e.message).join(" | "));
  return { error: run.errors[0] as Failure, cloud: cloudResources(run).length };
}

const problems = (error: Failure): string[] => (error.problems ?? []).map((p) => `${p.code} ${p.path}: ${p.hint}`);

describe("components: unknown args and names", () => {
  const rows: Array<{ why: string; program: () => unknown; expected: string[] }> = [
    {
      why: "EndpointPlan: a misspelt top-level arg (acess) would drop the on-premises access",
      program: () => new EndpointPlan("app", base({ acess: { onPremises: { cidrs: ["192.168.0.0/16"] } } })),
      expected: ["UNKNOWN_FIELD acess: Did you mean access?"],
    },
    {
      why: "EndpointPlan: misspelt fields inside args (servces, serviceOptions.sts.privatDns, subnets[1].routeTable)",
      program: () =>
        new EndpointPlan(
          "app",
          base({
            servces: ["kms"],
            serviceOptions: { sts: { privatDns: false } },
            subnets: [SUBNETS[0], { id: "subnet-b", az: "us-east-1b", routeTable: "rtb-b" }],
          }),
        ),
      // In the order the args are written (base() puts subnets first).
      expected: [
        "UNKNOWN_FIELD subnets[1].routeTable: Did you mean routeTableId?",
        "UNKNOWN_FIELD servces: Did you mean services?",
        "UNKNOWN_FIELD serviceOptions.sts.privatDns: Did you mean privateDns?",
      ],
    },
    {
      why: "EndpointHub: a misspelt spoke field",
      program: () =>
        new EndpointHub("hub", { ...hubArgs([hubSpoke("a", 1)]), spokes: [{ ...hubSpoke("a", 1), trafic: { sts: 1 } } as never] }),
      expected: ["UNKNOWN_FIELD spokes[0].trafic: Did you mean traffic?"],
    },
    {
      why: "EndpointSpoke: a misspelt contract source",
      program: () => new EndpointSpoke("a", { ...spokeArgs("a", 1), hubStak: "acme/hub/prod" } as never),
      expected: ["UNKNOWN_FIELD hubStak: Did you mean hubStack?"],
    },
    {
      why: "a name with the URN delimiter",
      program: () => new EndpointPlan("my::app", base()),
      expected: ["INVALID_NAME name: Use letters, digits, spaces and - _ . : / = + @, e.g. app-endpoints."],
    },
  ];
  for (const row of rows) {
    it(`${row.why}: an error before any resource`, async () => {
      const { error, cloud } = await failure(row.program);
      assert.equal(error.name, "PlanRequestError");
      assert.deepEqual(problems(error), row.expected);
      assert.equal(cloud, 0, "no AWS resource registered");
    });
  }

  it("Output values in args are not mistaken for unknown fields", async () => {
    const run = await runPulumi(() => new EndpointPlan("app", base({ vpc: { ...VPC, id: pulumi.output("vpc-0app") } })).endpoints, {
      mocks: new AwsMocks({ region: "us-east-1" }),
    });
    expectNoErrors(run);
  });

  it("one name rule: `My App` works for the component and for preview --name; `a::b` fails both", async () => {
    const run = await runPulumi(() => new EndpointPlan("My App", base()).endpoints, { mocks: new AwsMocks({ region: "us-east-1" }) });
    expectNoErrors(run);
    assert.ok(ofType(run, TYPES.vpcEndpoint).some((r) => r.name === "My App-sts"));
    const file = requestFile("name.json", { region: "us-east-1", vpc: VPC, subnets: SUBNETS, services: ["sts"] });
    const preview = vpcePlan(["preview", "--file", file, "--name", "My App"]);
    assert.equal(preview.status, 0, preview.stderr);
    assert.match(preview.stdout, /My App-sts/);
    const bad = vpcePlan(["preview", "--file", file, "--name", "a::b"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--name must not contain ::/);
    const { error } = await failure(() => new EndpointPlan("a::b", base()));
    assert.match(error.message, /must not contain ::/);
  });

  it("subnets by AZ ID: azId alone places them; getSubnet fills azId beside az for the plan", async () => {
    const byId = await runPulumi(
      () =>
        new EndpointPlan(
          "app",
          base({
            subnets: [
              { id: "subnet-a", azId: "use1-az1" },
              { id: "subnet-b", azId: "use1-az2" },
            ],
          }),
        ).plan,
      { mocks: new AwsMocks({ region: "us-east-1" }) },
    );
    expectNoErrors(byId);
    assert.deepEqual(byId.outputs!.endpoints[0].azs, ["use1-az1", "use1-az2"]);
    const mocks = new AwsMocks({ region: "us-east-1", subnets: { "subnet-x": { az: "us-east-1a", azId: "use1-az4" } } });
    const looked = await runPulumi(
      () => new EndpointPlan("app", base({ subnets: [{ id: "subnet-x" }], lookups: true, ha: { minAzs: 1 } })).plan,
      {
        mocks,
      },
    );
    expectNoErrors(looked);
    assert.deepEqual(looked.outputs!.endpoints[0].azs, ["us-east-1a"]);
    assert.deepEqual(looked.outputs!.endpoints[0].azIds, ["use1-az4"]);
    const wrong = await failure(() => new EndpointPlan("app", base({ subnets: [{ id: "subnet-a", azId: "euw1-az1" }] })));
    assert.deepEqual(
      (wrong.error.problems ?? []).map((p) => `${p.code} ${p.path}`),
      ["SUBNET_AZ_ID_REGION subnets[0].azId"],
    );
    const unknown = await failure(() => new EndpointPlan("app", base({ subnets: [{ id: "subnet-a", azId: "use1-az9" }] })));
    assert.deepEqual(
      (unknown.error.problems ?? []).map((p) => `${p.code} ${p.path}`),
      ["SUBNET_AZ_UNKNOWN subnets[0].azId"],
    );
    // A looked-up az of the region beside a looked-up AZ ID that AWS documents for another region.
    const mixed = await runPulumi(
      () => new EndpointPlan("app", base({ subnets: [{ id: "subnet-x" }], lookups: true, ha: { minAzs: 1 } })).plan,
      { mocks: new AwsMocks({ region: "us-east-1", subnets: { "subnet-x": { az: "us-east-1a", azId: "euw1-az1" } } }) },
    );
    assert.deepEqual(
      mixed.errors.flatMap((e) => ((e as Failure).problems ?? []).map((p) => `${p.code} ${p.path}`)),
      ["SUBNET_AZ_ID_REGION subnets[0].azId"],
    );
  });

  it("plan output carries exactly the ids passed in args (Outputs resolved), and none of what the component creates", async () => {
    const run = await runPulumi(
      () => {
        const c = new EndpointPlan(
          "app",
          base({
            services: ["sts", "s3"],
            subnets: [
              { id: pulumi.output("subnet-real-a"), az: "us-east-1a", routeTableId: pulumi.output("rtb-real-a") },
              { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
            ],
            securityGroup: { mode: "existing", ids: [pulumi.output("sg-real")] },
          }),
        );
        return { plan: c.plan, endpoints: c.endpoints };
      },
      { mocks: new AwsMocks({ region: "us-east-1" }) },
    );
    expectNoErrors(run);
    const { plan, endpoints } = run.outputs!;
    const byName = (n: string) => plan.endpoints.find((e: { name: string }) => e.name === n);
    assert.deepEqual(byName("sts").subnetIds, ["subnet-real-a", "subnet-b"]);
    assert.deepEqual(byName("s3-gateway").routeTableIds.sort(), ["rtb-b", "rtb-real-a"]);
    assert.deepEqual(byName("sts").securityGroup.ids, ["sg-real"]);
    // Messages were written before the ids were known: they name an Output id by its placeholder (docs/components.md).
    assert.match(JSON.stringify(byName("sts").reasons), /sg-pending-0/);
    for (const e of plan.endpoints) assert.equal(e.id, undefined, "created ids live in endpoints");
    assert.match(endpoints.sts.id, /^vpce-/);
  });
});
