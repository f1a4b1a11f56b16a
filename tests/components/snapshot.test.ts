/**
 * What every example registers under the mocks, against a snapshot (tests/snapshots/resources.json):
 * each resource's type, name and inputs, the outputs, the errors and the invokes that ran. Each example
 * request runs twice: as `vpce-plan preview` runs it (its facts given, lookups off), and with only
 * ids given so every fact comes from the lookups. A change that renames, replaces or rewires a
 * resource, or looks up something else, fails here and names the case.
 *
 * After a deliberate change: VPCE_UPDATE_SNAPSHOT=1 npx mocha tests/dist/components/snapshot.test.js
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EndpointPlan, argsFromRequest, type HubContract } from "vpce-plan";
import { isNetworkRequest, type PlanRequest } from "vpce-plan/plan";
import { AwsMocks, mockFactsFromRequest, previewRequest, type MockAwsFacts, type ProgramRun } from "vpce-plan/preview";
import { GOLDEN_CONFIG, GOLDEN_PROGRAM, HUB_SPOKES, SUBNETS, exampleProgram, twoAzAccount } from "../helpers/examples";
import { runModule, runPulumi } from "../helpers/pulumi";
import { REPO_ROOT, exampleRequestFiles, loadExampleRequest } from "../helpers/requests";

const SNAPSHOT = join(REPO_ROOT, "tests", "snapshots", "resources.json");
const UPDATE = process.env.VPCE_UPDATE_SNAPSHOT === "1";

interface Recorded {
  resources: Array<{ type: string; name: string; inputs: unknown }>;
  outputs: unknown;
  errors: string[];
  invocations: unknown[];
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

function record(run: ProgramRun<unknown>): Recorded {
  const invocations = (run.mocks as AwsMocks).invocations ?? [];
  return {
    resources: run.resources.map((r) => ({ type: r.type, name: r.name, inputs: plain(r.inputs) })),
    outputs: plain(run.outputs),
    errors: run.errors.map((e) => e.message),
    // Invokes run concurrently: their order is not part of the contract.
    invocations: invocations.map((i) => JSON.stringify({ token: i.token, inputs: i.inputs })).sort(),
  };
}

/** The account a request describes, with every fact the lookups need to find it themselves. */
function accountOf(request: PlanRequest): MockAwsFacts {
  const base = mockFactsFromRequest(request);
  const subnets: NonNullable<MockAwsFacts["subnets"]> = {};
  for (const s of request.subnets ?? [])
    if (s.az)
      subnets[s.id] = {
        az: s.az,
        vpcId: request.vpc.id,
        ...(s.azId ? { azId: s.azId } : {}),
        ...(s.ipv6 !== undefined ? { ipv6: s.ipv6 } : {}),
        ...(s.ipv6Only !== undefined ? { ipv6Only: s.ipv6Only } : {}),
        ...(s.routeTableId ? { routeTableId: s.routeTableId } : {}),
        ...(s.public !== undefined ? { public: s.public } : {}),
        ...(s.tags ? { tags: s.tags } : {}),
      };
  const groups = [
    ...(request.access?.securityGroups ?? []),
    ...(request.services ?? []).flatMap((s) => (typeof s === "string" ? [] : (s.securityGroupIds ?? []))),
  ];
  return {
    ...base,
    subnets,
    securityGroups: Object.fromEntries(groups.map((id) => [id, { vpcId: request.vpc.id }])),
    ...(request.facts?.accountId ? { accountId: request.facts.accountId } : {}),
  };
}

/** The request with only ids where the lookups can find the rest. */
function idsOnly(request: PlanRequest): PlanRequest {
  const { serviceAzs: _azs, servicePrivateDns: _dns, serviceIpTypes: _ip, ...facts } = request.facts ?? {};
  return {
    ...request,
    vpc: { id: request.vpc.id },
    subnets: (request.subnets ?? []).map((s) => (s.az ? { id: s.id } : s)),
    ...(Object.keys(facts).length ? { facts } : { facts: undefined }),
  };
}

const example = exampleProgram;

/** Every case, by name, in a fixed order. */
function cases(): Array<[string, () => Promise<Recorded>]> {
  const out: Array<[string, () => Promise<Recorded>]> = [];
  for (const file of exampleRequestFiles()) {
    const request = loadExampleRequest(file) as unknown as PlanRequest;
    if (isNetworkRequest(request)) continue;
    out.push([`requests/${file} (preview)`, async () => record(await previewRequest(request))]);
    out.push([
      `requests/${file} (lookups)`,
      async () => {
        const mocks = new AwsMocks(accountOf(request));
        const run = await runPulumi(
          () => {
            const plan = new EndpointPlan("demo", argsFromRequest(idsOnly(request), { lookups: true }));
            return { endpoints: plan.endpoints, plan: plan.plan, monthlyCostUsd: plan.monthlyCostUsd, warnings: plan.warnings };
          },
          { mocks },
        );
        return record(run);
      },
    ]);
  }
  out.push([
    "examples/basic",
    async () =>
      record(
        await runModule(example("basic"), {
          project: "vpce-basic",
          mocks: twoAzAccount(),
          config: { "vpce-basic:vpcId": "vpc-0abc", "vpce-basic:subnets": SUBNETS },
        }),
      ),
  ]);
  out.push([
    "examples/awsx-vpc",
    async () => record(await runModule(example("awsx-vpc"), { project: "vpce-awsx-vpc", config: { "aws:region": "us-east-1" } })),
  ]);
  out.push([
    "examples/on-prem-s3",
    async () =>
      record(
        await runModule(example("on-prem-s3"), {
          project: "vpce-on-prem-s3",
          mocks: twoAzAccount(),
          config: {
            "vpce-on-prem-s3:vpcId": "vpc-0dx",
            "vpce-on-prem-s3:subnets": SUBNETS,
            "vpce-on-prem-s3:organizationId": "o-a1b2c3d4e5",
            "vpce-on-prem-s3:onPremisesCidrs": ["172.16.0.0/12"],
          },
        }),
      ),
  ]);
  let contract: HubContract | undefined;
  out.push([
    "examples/hub-spoke/hub",
    async () => {
      const run = await runModule(example("hub-spoke/hub"), {
        project: "vpce-hub",
        mocks: twoAzAccount(),
        config: {
          "aws:region": "us-east-1",
          "vpce-hub:vpcId": "vpc-0hub",
          "vpce-hub:subnets": [{ id: "subnet-0a1" }, { id: "subnet-0b1" }],
          "vpce-hub:spokes": HUB_SPOKES,
        },
      });
      contract = run.outputs?.contract as HubContract | undefined;
      return record(run);
    },
  ]);
  out.push([
    "examples/hub-spoke/spoke",
    async () => {
      const mocks = new AwsMocks({
        subnets: { "subnet-0pa": { az: "us-east-1a" } },
        stackOutputs: { "acme/vpce-hub/prod": { contract } },
      });
      const run = await runModule(example("hub-spoke/spoke"), {
        project: "vpce-spoke",
        mocks,
        config: {
          "aws:region": "us-east-1",
          "vpce-spoke:hubStack": "acme/vpce-hub/prod",
          "vpce-spoke:vpcId": "vpc-0payments",
          "vpce-spoke:subnets": [{ id: "subnet-0pa", routeTableId: "rtb-0pa" }],
        },
      });
      return record(run);
    },
  ]);
  const golden = GOLDEN_PROGRAM;
  const goldenConfigs: Array<[string, Record<string, unknown>, MockAwsFacts]> = [
    [
      "bundles and on-premises access",
      GOLDEN_CONFIG,
      { subnets: { "subnet-0a1": { az: "us-east-1a" }, "subnet-0b1": { az: "us-east-1b" } } },
    ],
    [
      "subnetTags, groups and per-service scope",
      {
        "aws:region": "us-east-1",
        "vpce:vpcId": "vpc-0abc",
        "vpce:subnetTags": { tier: "private" },
        "vpce:services": ["sts", "kms", "s3"],
        "vpce:access": { securityGroups: ["sg-0app"], onPremises: { cidrs: ["192.168.0.0/16"] } },
        "vpce:serviceOptions": { kms: { access: { onPremises: false }, tags: { team: "keys" } } },
        "vpce:trafficBySource": { sts: { vpc: 10, onPremises: 2 } },
      },
      {
        subnets: {
          "subnet-0pub": { az: "us-east-1a", routeTableId: "rtb-pub", public: true, vpcId: "vpc-0abc", tags: { tier: "public" } },
          "subnet-0a1": { az: "us-east-1a", routeTableId: "rtb-0a1", vpcId: "vpc-0abc", tags: { tier: "private" } },
          "subnet-0b1": { az: "us-east-1b", routeTableId: "rtb-0b1", vpcId: "vpc-0abc", tags: { tier: "private" } },
        },
        securityGroups: { "sg-0app": { vpcId: "vpc-0abc" } },
      },
    ],
  ];
  for (const [why, config, facts] of goldenConfigs)
    out.push([
      `golden (${why})`,
      async () => record(await runModule(golden, { project: "vpce-endpoints", mocks: new AwsMocks(facts), config })),
    ]);
  return out;
}

describe("examples under mocks: resources, names, outputs and invokes against the snapshot", function () {
  this.timeout(120_000);
  const recorded: Record<string, Recorded> = {};
  const expected: Record<string, Recorded> = !UPDATE && existsSync(SNAPSHOT) ? JSON.parse(readFileSync(SNAPSHOT, "utf8")) : {};
  const all = cases();

  it("the snapshot has exactly these cases", () => {
    if (UPDATE) return;
    assert.deepEqual(
      Object.keys(expected),
      all.map(([name]) => name),
    );
  });

  for (const [name, run] of all)
    it(name, async () => {
      recorded[name] = await run();
      if (!UPDATE) assert.deepEqual(recorded[name], expected[name]);
    });

  after(() => {
    if (UPDATE) writeFileSync(SNAPSHOT, JSON.stringify(recorded, null, 1) + "\n");
  });
});
