/** CLI cold start: `vpce-plan plan` on the bundled example against `node -e 0`, medians of N runs. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export interface ColdStartResult {
  runs: number;
  nodeMedianMs: number;
  planMedianMs: number;
  ratio: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function coldStart(root: string, runs = 15): ColdStartResult {
  const plan = [join(root, "sdk/bin/vpce-plan.js"), "plan", "--file", join(root, "examples/requests/example.yaml")];
  const nodeTimes: number[] = [];
  const planTimes: number[] = [];
  // Interleaved so that machine noise hits both series alike.
  for (let i = 0; i < runs; i++) {
    nodeTimes.push(time(["-e", "0"], root));
    planTimes.push(time(plan, root));
  }
  const nodeMedianMs = Math.round(median(nodeTimes) * 10) / 10;
  const planMedianMs = Math.round(median(planTimes) * 10) / 10;
  return { runs, nodeMedianMs, planMedianMs, ratio: Math.round((planMedianMs / nodeMedianMs) * 100) / 100 };
}
