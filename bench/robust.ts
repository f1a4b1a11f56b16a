/**
 * Bad-input bounds (issue 17 item 29) at sizes too big for the suite: N peer VPCs declaring one
 * CIDR (which used to give N(N-1)/2 CIDR_OVERLAP warnings: 133 MB of JSON at 1,000 peers, a crash
 * at 2,000), and a policy document nested 100,000 levels deep. Each size runs in its own child
 * process so that its peak RSS is its own. `node bench/dist/robust.js` prints the results as JSON.
 */
import { execFileSync } from "node:child_process";
import { isPlanRequestError, planEndpoints } from "vpce-plan/plan";

export interface RobustRow {
  what: string;
  ms: number;
  overlapWarnings?: number;
  planJsonBytes?: number;
  problems?: number;
  peakRssMb: number;
}

const base = {
  region: "us-east-1",
  vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
  subnets: [
    { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
    { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
  ],
  services: ["sts"],
};

function peers(n: number): RobustRow {
  const request = { ...base, access: { peerVpcs: Array.from({ length: n }, (_, i) => ({ name: `p${i}`, cidrs: ["10.1.0.0/16"] })) } };
  const start = performance.now();
  const plan = planEndpoints(request);
  const ms = performance.now() - start;
  return {
    what: `${n.toLocaleString("en-US")} peer VPCs, one CIDR`,
    ms: Math.round(ms),
    overlapWarnings: plan.warnings.filter((w) => w.code === "CIDR_OVERLAP").length,
    planJsonBytes: JSON.stringify(plan).length,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function deepPolicy(depth: number): RobustRow {
  let inner: unknown = "x";
  for (let i = 0; i < depth; i++) inner = { k: inner };
  const document = { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: inner }] };
  const start = performance.now();
  let problems = 0;
  try {
    planEndpoints({ ...base, services: [{ name: "sts", policy: { document } }] });
  } catch (err) {
    if (!isPlanRequestError(err)) throw err;
    problems = err.problems.length;
  }
  return {
    what: `policy document nested ${depth.toLocaleString("en-US")} levels`,
    ms: Math.round(performance.now() - start),
    problems,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const CASES = ["peers:1000", "peers:3000", "peers:10000", "peers:30000", "deep:100000"];

export function robustBench(): RobustRow[] {
  return CASES.map((c) => JSON.parse(execFileSync(process.execPath, [__filename, c], { encoding: "utf8" })) as RobustRow);
}

if (require.main === module) {
  const [kind, size] = (process.argv[2] ?? "").split(":");
  if (kind) process.stdout.write(JSON.stringify(kind === "peers" ? peers(Number(size)) : deepPolicy(Number(size))));
  else process.stdout.write(JSON.stringify(robustBench(), null, 2) + "\n");
}
