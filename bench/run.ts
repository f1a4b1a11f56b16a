/**
 * `make bench`: runs every benchmark, writes bench/results/*.json, and rewrites the
 * generated benchmark blocks of docs/benchmarks.md so the numbers quoted there are the ones last measured.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { coldStart } from "./cli";
import { dnsBench } from "./dns";
import { networkBench } from "./network";
import { orgMarkdown } from "./org";
import { robustBench } from "./robust";
import { scaleBench } from "./scale";
import { trafficBench } from "./traffic";
import type { PlannerResult } from "./planner";

const ROOT = join(__dirname, "..", "..");
const RESULTS = join(ROOT, "bench", "results");

function planner(vpcs: number): PlannerResult {
  const out = execFileSync(process.execPath, [join(__dirname, "planner.js"), String(vpcs), "40"], { encoding: "utf8" });
  return JSON.parse(out);
}

function save(name: string, data: unknown): void {
  writeFileSync(
    join(RESULTS, `${name}.json`),
    JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...(data as object) }, null, 2) + "\n",
  );
}

function main(): void {
  const base = planner(1000);
  const tenfold = planner(10000);
  const scaling = Math.round((tenfold.seconds / base.seconds) * 100) / 100;
  save("planner", {
    base,
    tenfold,
    timeRatioFor10xInput: scaling,
    goals: { decisionsPerSecond: 500000, peakRssMb: 200, timeRatioFor10xInput: 11 },
  });
  const cli = coldStart(ROOT);
  save("cli", { ...cli, goal: { ratio: 3 } });
  // The component benchmark loads Pulumi: a child process keeps its memory and JIT state apart.
  execFileSync(process.execPath, [join(__dirname, "component.js")], { stdio: "inherit" });
  const component = JSON.parse(readFileSync(join(RESULTS, "component.json"), "utf8"));
  const network = networkBench(ROOT);
  const dns = dnsBench(ROOT);
  const scale = scaleBench(ROOT);
  const traffic = trafficBench(ROOT);
  const robust = robustBench();
  save("robust", { rows: robust, goals: { overlapWarnings: 1, planJsonBytesPerPeer: 100 } });

  const ok = (pass: boolean): string => (pass ? "met" : "MISSED");
  const block = [
    "| Benchmark | Result | Goal | |",
    "| --- | --- | --- | --- |",
    `| Planner, ${base.vpcs} VPCs x ${base.servicesPerVpc} services x ${base.azs} AZs: service-AZ decisions | ${base.decisionsPerSecond.toLocaleString("en-US")}/s (${base.decisions.toLocaleString("en-US")} in ${base.seconds} s) | > 500,000/s | ${ok(base.decisionsPerSecond > 500000)} |`,
    `| Same run: whole endpoints planned (with reasons, ingress, cost) | ${base.endpointsPerSecond.toLocaleString("en-US")}/s (${base.endpoints.toLocaleString("en-US")} endpoints) | | |`,
    `| Planner peak memory, ${base.vpcs} VPCs | ${base.peakRssMb} MB RSS | < 200 MB | ${ok(base.peakRssMb < 200)} |`,
    `| Planner peak memory, ${tenfold.vpcs} VPCs (requests generated up front) | ${tenfold.peakRssMb} MB RSS | | |`,
    `| Planner scaling, 10x input | ${scaling}x time | <= 11x | ${ok(scaling <= 11)} |`,
    `| CLI cold start, \`plan\` on the example vs \`node -e 0\` | ${cli.planMedianMs} ms vs ${cli.nodeMedianMs} ms = ${cli.ratio}x (median of ${cli.runs}) | <= 3x | ${ok(cli.ratio <= 3)} |`,
  ].join("\n");
  const componentBlock = [
    "| Program under mocks (40 services, 3 AZs) | Median | Runs |",
    "| --- | --- | --- |",
    `| \`EndpointPlan\` | ${component.componentMedianMs} ms | ${component.runs} |`,
    `| Hand-written, same ${component.resources} resources | ${component.handWrittenMedianMs} ms | ${component.runs} |`,
    `| Ratio (goal <= ${component.goal.ratio}x) | ${component.ratio}x: ${ok(component.ratio <= component.goal.ratio)} | |`,
  ].join("\n");
  // The organization benchmark runs its fake AWS in a child of its own, so it gets a process too.
  const org = JSON.parse(execFileSync(process.execPath, [join(__dirname, "org.js")], { encoding: "utf8", maxBuffer: 1 << 24 }));
  save("org", { ...org, goals: { throttleBoundRatio: 1.25, throttledAnswers: 0 } });
  const orgBlock = orgMarkdown(org);
  const readme = join(ROOT, "docs", "benchmarks.md");
  let text = readFileSync(readme, "utf8");
  text = replaceBlock(text, "planner", block);
  text = replaceBlock(text, "component", componentBlock);
  text = replaceBlock(text, "network", network);
  text = replaceBlock(text, "scale", scale);
  text = replaceBlock(text, "dns", dns);
  text = replaceBlock(text, "traffic", traffic);
  text = replaceBlock(text, "org", orgBlock);
  writeFileSync(readme, text);
  const robustBlock = [
    "| Bad input | Time | CIDR_OVERLAP warnings | Plan JSON | Peak RSS |",
    "| --- | --- | --- | --- | --- |",
    ...robust.map(
      (r) =>
        `| ${r.what} | ${r.ms} ms | ${r.overlapWarnings ?? `${r.problems} problem(s)`} | ${r.planJsonBytes ?? "-"} | ${r.peakRssMb} MB |`,
    ),
  ].join("\n");
  process.stdout.write([block, componentBlock, network, scale, dns, traffic, orgBlock, robustBlock].join("\n\n") + "\n");
}

/** Replaces the lines between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`. */
function replaceBlock(text: string, name: string, markdown: string): string {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/benchmarks.md has no ${start} ... ${end} block`);
  return `${text.slice(0, from + start.length)}\n${markdown}\n${text.slice(to)}`;
}

main();
