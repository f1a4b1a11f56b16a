/**
 * EndpointPlan overhead: program time under the mocks for 40 interface services in 3 AZs, against a
 * hand-written program that registers the same resources directly (no planner, no component).
 * Alternating runs in one process after a warm-up; medians. Writes bench/results/component.json.
 * Run alone: `node bench/dist/component.js`.
 */
import * as aws from "@pulumi/aws";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { EndpointPlan, type EndpointPlanArgs } from "vpce-plan";
import { services as catalog } from "vpce-plan/catalog";
import { AwsMocks, runProgram } from "vpce-plan/preview";

const ROOT = join(__dirname, "..", "..");
const REGION = "us-east-1";
const AZS = ["us-east-1a", "us-east-1b", "us-east-1c"];
const SUBNETS = AZS.map((az, i) => ({ id: `subnet-0bench${i}`, az, routeTableId: `rtb-0bench${i}` }));
const VPC = { id: "vpc-0bench", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true };
const SERVICES = catalog
  .filter((s) => s.types.length === 1 && s.types[0] === "Interface" && s.port === 443 && !s.serviceName.includes("sagemaker"))
  .slice(0, 40)
  .map((s) => s.key);
const WARMUP = 3;
const RUNS = 25;
const GOAL = 1.15;

const args: EndpointPlanArgs = {
  region: REGION,
  vpc: VPC,
  subnets: SUBNETS,
  services: SERVICES,
  lookups: false,
  facts: { serviceAzs: Object.fromEntries(SERVICES.map((s) => [s, AZS])) },
};

function component(): void {
  new EndpointPlan("bench", args);
}

/** What a careful engineer would write by hand for the same endpoints. */
function handWritten(): void {
  for (const key of SERVICES) {
    const sg = new aws.ec2.SecurityGroup(`bench-${key}-sg`, {
      vpcId: VPC.id,
      description: `VPC interface endpoint ${key}`,
      revokeRulesOnDelete: true,
      tags: { Name: `bench-${key}-sg` },
    });
    new aws.vpc.SecurityGroupIngressRule(`bench-${key}-443-10.0.0.0-16`, {
      securityGroupId: sg.id,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "10.0.0.0/16",
      description: "TCP 443 from this VPC 10.0.0.0/16",
      tags: { Name: `bench-${key}-443-10.0.0.0-16` },
    });
    new aws.ec2.VpcEndpoint(`bench-${key}`, {
      vpcId: VPC.id,
      serviceName: `com.amazonaws.${REGION}.${key}`,
      vpcEndpointType: "Interface",
      subnetIds: SUBNETS.map((s) => s.id),
      securityGroupIds: [sg.id],
      privateDnsEnabled: true,
      dnsOptions: { dnsRecordIpType: "ipv4" },
      ipAddressType: "ipv4",
      tags: { Name: `bench-${key}` },
    });
  }
}

async function timeRun(program: () => void): Promise<{ ms: number; resources: number }> {
  const mocks = new AwsMocks({ region: REGION, subnets: Object.fromEntries(SUBNETS.map((s) => [s.id, { az: s.az }])) });
  const start = process.hrtime.bigint();
  const run = await runProgram(program, { mocks });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.errors.length) throw run.errors[0];
  return { ms, resources: run.resources.filter((r) => r.custom).length };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export interface ComponentBenchResult {
  services: number;
  azs: number;
  resources: number;
  runs: number;
  componentMedianMs: number;
  handWrittenMedianMs: number;
  ratio: number;
  goal: { ratio: number };
  met: boolean;
}

export async function runComponentBench(): Promise<ComponentBenchResult> {
  for (let i = 0; i < WARMUP; i++) {
    await timeRun(component);
    await timeRun(handWritten);
  }
  const times = { component: [] as number[], hand: [] as number[] };
  let counts = { component: 0, hand: 0 };
  for (let i = 0; i < RUNS; i++) {
    // Alternate, so drift (GC, JIT, CPU frequency) hits both sides alike.
    const a = await timeRun(component);
    const b = await timeRun(handWritten);
    times.component.push(a.ms);
    times.hand.push(b.ms);
    counts = { component: a.resources, hand: b.resources };
  }
  if (counts.component !== counts.hand)
    throw new Error(`programs differ: component ${counts.component} resources, hand-written ${counts.hand}`);
  const componentMedianMs = round(median(times.component));
  const handWrittenMedianMs = round(median(times.hand));
  const ratio = round(componentMedianMs / handWrittenMedianMs, 2);
  const result: ComponentBenchResult = {
    services: SERVICES.length,
    azs: AZS.length,
    resources: counts.component,
    runs: RUNS,
    componentMedianMs,
    handWrittenMedianMs,
    ratio,
    goal: { ratio: GOAL },
    met: ratio <= GOAL,
  };
  writeFileSync(
    join(ROOT, "bench", "results", "component.json"),
    JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...result }, null, 2) + "\n",
  );
  return result;
}

if (require.main === module) {
  runComponentBench().then(
    (r) =>
      process.stdout.write(
        `| EndpointPlan vs hand-written program under mocks, ${r.services} services x ${r.azs} AZs (${r.resources} resources) | ${r.componentMedianMs} ms vs ${r.handWrittenMedianMs} ms = ${r.ratio}x (median of ${r.runs}) | <= ${r.goal.ratio}x | ${r.met ? "met" : "MISSED"} |\n`,
      ),
    (err) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
