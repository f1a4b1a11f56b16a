/**
 * Organization reads at scale against the fake AWS (bench/fakeAws.ts), which throttles as EC2 does:
 * - throttle-bound: few accounts, many VPCs each, so DescribeVpcAttribute (two per VPC) outruns its
 *   bucket; the least time the buckets allow is computed from the calls made, and the read's total
 *   time is compared with it (goal: within 1.25x), with how many answers were throttled.
 * - scale: 500 accounts x 4 regions: total time, calls a second, peak memory and the report's size.
 * Run alone: `node bench/dist/org.js`; `make bench` runs it and writes bench/results/org.json.
 */
import { buildOrgReport } from "vpce-plan/audit";
import { readVpcSnapshots, readServices } from "vpce-plan/aws";
import { readOrganization } from "vpce-plan/org";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { leastSeconds, type FakeWorld } from "./fakeAws";

async function startFake(
  world: FakeWorld,
): Promise<{ url: string; stats(): Promise<{ calls: number; throttled: number; perKey: Map<string, number> }>; close(): void }> {
  const child = spawn(process.execPath, [join(__dirname, "fakeAws.js"), JSON.stringify(world)], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve) => child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim())));
  return {
    url,
    async stats() {
      const s = (await (await fetch(`${url}/__stats`)).json()) as { calls: number; throttled: number; perKey: Record<string, number> };
      return { ...s, perKey: new Map(Object.entries(s.perKey)) };
    },
    close: () => child.kill(),
  };
}

export interface OrgBenchRun {
  accounts: number;
  regions: number;
  vpcsPerRegion: number;
  concurrency: number;
  seconds: number;
  leastSeconds: number;
  ratio: number | null;
  calls: number;
  callsPerSecond: number;
  throttledAnswers: number;
  unread: number;
  peakRssMb: number;
  reportKb: number;
}

async function run(world: FakeWorld, concurrency: number): Promise<OrgBenchRun> {
  const fake = await startFake(world);
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: "FAKE000000000000",
    AWS_SECRET_ACCESS_KEY: "x",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = process.hrtime.bigint();
  const org = await readOrganization(
    {
      roleName: "VpcePlanReadOnly",
      homeRegion: world.regions[0]!,
      endpointUrl: fake.url,
      regions: world.regions,
      scheduler: { concurrency },
    },
    async (ec2) => {
      const snapshots = await readVpcSnapshots(ec2, []);
      const names = [...new Set(snapshots.flatMap((s) => s.endpoints.map((e) => e.serviceName)))];
      return { snapshots, services: (await readServices(ec2, names)).found };
    },
  );
  const report = buildOrgReport({ kind: "audit", accounts: org.accounts.map((a) => a.id), read: org.read, unread: org.unread });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const stats = await fake.stats();
  fake.close();
  const least = leastSeconds(stats.perKey);
  const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;
  return {
    accounts: world.accounts,
    regions: world.regions.length,
    vpcsPerRegion: world.vpcsPerRegion,
    concurrency,
    seconds: round(seconds),
    leastSeconds: round(least),
    ratio: least > 0 ? round(seconds / least) : null,
    calls: stats.calls,
    callsPerSecond: Math.round(stats.calls / seconds),
    throttledAnswers: stats.throttled,
    unread: org.unread.length,
    peakRssMb: Math.round(peak / 2 ** 20),
    reportKb: Math.round(JSON.stringify(report).length / 1024),
  };
}

export async function orgBench(): Promise<{ throttleBound: OrgBenchRun; scale: OrgBenchRun }> {
  const regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"];
  // Few pairs, so the buckets, not this machine's CPU, bound the time (2,100 calls in the 8 s they allow).
  const throttleBound = await run({ accounts: 2, regions, vpcsPerRegion: 130 }, 8);
  const scale = await run({ accounts: 500, regions, vpcsPerRegion: 2 }, 32);
  return { throttleBound, scale };
}

/** The docs/benchmarks.md block for a run. */
export function orgMarkdown(r: { throttleBound: OrgBenchRun; scale: OrgBenchRun }): string {
  const t = r.throttleBound;
  const s = r.scale;
  const met = (ok: boolean): string => (ok ? "met" : "MISSED");
  return [
    "| Organization read | Accounts x regions (VPCs each) | Time | Least the buckets allow | Calls (throttled) | Peak RSS | Report |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    `| Throttle-bound (concurrency ${t.concurrency}) | ${t.accounts} x ${t.regions} (${t.vpcsPerRegion}) | ${t.seconds} s | ${t.leastSeconds} s: ${t.ratio}x, goal <= 1.25x: ${met((t.ratio ?? 0) <= 1.25)} | ${t.calls.toLocaleString("en-US")} (${t.throttledAnswers}) | ${t.peakRssMb} MB | ${t.reportKb} KB |`,
    `| Scale (concurrency ${s.concurrency}) | ${s.accounts} x ${s.regions} (${s.vpcsPerRegion}) | ${s.seconds} s, ${s.callsPerSecond}/s | ${s.leastSeconds} s (no bucket empties) | ${s.calls.toLocaleString("en-US")} (${s.throttledAnswers}) | ${s.peakRssMb} MB | ${s.reportKb} KB |`,
  ].join("\n");
}

if (require.main === module) {
  orgBench().then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + "\n"),
    (err) => {
      process.stderr.write(`${(err as Error).stack}\n`);
      process.exitCode = 1;
    },
  );
}
