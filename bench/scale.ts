/**
 * Hub scale benchmark (issue 9): a 200-spoke hub whose spokes' /20s are not adjacent (every shared
 * endpoint's security group needs more rules than one group holds), and a 5,000-spoke hub of
 * contiguous /24s (the rules merge into a few blocks). Every spoke uses the same 10 interface
 * services with light traffic, so the hub serves all of them. Time is the median of `runs` plans
 * after a warm-up; memory is the heap the plan keeps plus the process's peak RSS.
 *
 * `scaleBench()` returns the results; `node bench/dist/scale.js` prints them as JSON. A child
 * process per size keeps one size's garbage out of the next one's numbers.
 */
import type { NetworkRequest } from "vpce-plan/plan";
import { planNetwork } from "vpce-plan/plan";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SERVICES = ["secretsmanager", "kms", "ssm", "ssmmessages", "ec2messages", "logs", "ecr.api", "ecr.dkr", "sts", "monitoring"];
const AZS = ["us-east-1a", "us-east-1b"];

export interface ScaleResult {
  spokes: number;
  services: number;
  /** How the spokes' CIDRs are laid out. */
  cidrs: string;
  medianMs: number;
  runs: number;
  /** Heap retained by one plan (MB), measured with a forced GC around it. */
  planHeapMb: number;
  peakRssMb: number;
  /** Security groups on the hub's endpoints, and the most rules (one family) any of them holds. */
  hubGroups: number;
  maxRulesPerGroup: number;
}

/** `/20`s with a gap between any two (never mergeable), or contiguous `/24`s. */
function spokeCidr(i: number, layout: "sparse" | "contiguous"): string {
  if (layout === "sparse") return `10.${1 + (i >> 3)}.${(i & 7) * 32}.0/20`;
  return `10.${(i >> 8) & 255}.${i & 255}.0/24`;
}

export function scaleRequest(spokes: number, layout: "sparse" | "contiguous"): NetworkRequest {
  return {
    version: 1,
    region: "us-east-1",
    transit: { type: "transitGateway" },
    // Beyond 300 spokes every shared service's hosted zone needs a raised association quota.
    ...(spokes > 299 ? { quotas: { vpcsPerHostedZone: spokes + 1 } } : {}),
    hub: {
      vpc: { id: "vpc-hub", cidrs: ["172.16.0.0/16"], dnsSupport: true, dnsHostnames: true },
      subnets: AZS.map((az) => ({ id: `subnet-hub-${az}`, az, routeTableId: "rtb-hub" })),
    },
    spokes: Array.from({ length: spokes }, (_, i) => {
      const name = `spoke-${String(i + 1).padStart(4, "0")}`;
      return {
        name,
        vpc: { id: `vpc-${name}`, cidrs: [spokeCidr(i, layout)], dnsSupport: true, dnsHostnames: true },
        services: SERVICES,
        traffic: Object.fromEntries(SERVICES.map((key) => [key, 1])),
      };
    }),
  };
}

export function measure(spokes: number, layout: "sparse" | "contiguous", runs: number): ScaleResult {
  const request = scaleRequest(spokes, layout);
  planNetwork(request); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    planNetwork(request);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const plan = planNetwork(request);
  gc?.();
  const retained = process.memoryUsage().heapUsed - before;
  const groups = (plan.hub.plan?.endpoints ?? []).flatMap((e) => e.securityGroups ?? (e.securityGroup ? [e.securityGroup] : []));
  const perFamily = (rules: Array<{ cidr?: string }>): number =>
    Math.max(rules.filter((r) => r.cidr?.includes(":")).length, rules.filter((r) => !r.cidr?.includes(":")).length);
  return {
    spokes,
    services: SERVICES.length,
    cidrs: layout === "sparse" ? "non-adjacent /20s" : "contiguous /24s",
    medianMs: Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)] * 10) / 10,
    runs,
    planHeapMb: Math.round((retained / 2 ** 20) * 10) / 10,
    peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    hubGroups: new Set(groups.map((g) => g.name)).size,
    maxRulesPerGroup: Math.max(0, ...groups.map((g) => perFamily(g.ingress))),
  };
}

export const SCALE_SIZES: Array<[number, "sparse" | "contiguous", number]> = [
  [200, "sparse", 9],
  [2000, "contiguous", 5],
  [5000, "contiguous", 3],
];

/** Each size in its own `node --expose-gc` child; writes bench/results/scale.json and returns the README table. */
export function scaleBench(root: string): string {
  const results: ScaleResult[] = SCALE_SIZES.map(([spokes, layout, runs]) =>
    JSON.parse(execFileSync(process.execPath, ["--expose-gc", __filename, String(spokes), layout, String(runs)], { encoding: "utf8" })),
  );
  const [, mid, top] = results;
  const dir = join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "scale.json"),
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        node: process.version,
        goal: "linear in spokes: 2.5x the spokes (2,000 -> 5,000) within 3x the time",
        timeRatio2000to5000: Math.round((top.medianMs / mid.medianMs) * 100) / 100,
        results,
      },
      null,
      2,
    ) + "\n",
  );
  return scaleTable(results);
}

export function scaleTable(results: ScaleResult[]): string {
  return [
    "| Hub spokes (10 services each) | Spoke CIDRs | Plan time (median) | Heap kept by the plan | Peak RSS | Hub security groups | Most rules in one group |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.spokes.toLocaleString("en-US")} | ${r.cidrs} | ${r.medianMs} ms (${r.runs} runs) | ${r.planHeapMb} MB | ${r.peakRssMb} MB | ${r.hubGroups} | ${r.maxRulesPerGroup} |`,
    ),
  ].join("\n");
}

if (require.main === module) {
  const [spokes, layout, runs] = process.argv.slice(2);
  if (spokes) process.stdout.write(JSON.stringify(measure(Number(spokes), layout as "sparse" | "contiguous", Number(runs ?? 3))) + "\n");
  else process.stdout.write(scaleBench(join(__dirname, "..", "..")) + "\n");
}
