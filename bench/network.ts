/**
 * Hub-and-spoke benchmark: for 2, 10 and 50 spokes using 10 interface services in 2 AZs
 * (deterministic traffic), the monthly cost of the plan against "every VPC has its own endpoints"
 * and against the cheapest assignment an exhaustive search finds, where 2^spokes is small enough.
 *
 * `networkBench(root)` writes bench/results/network.json and returns a markdown table;
 * `node bench/dist/network.js` runs it alone.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exhaustiveAssignment, HOURS_PER_MONTH, planNetwork, type NetworkRequest, type ServiceChoice } from "vpce-plan/plan";

const SERVICES = ["secretsmanager", "kms", "ssm", "ssmmessages", "ec2messages", "logs", "ecr.api", "ecr.dkr", "sts", "monitoring"];
const AZS = ["us-east-1a", "us-east-1b"];
const SIZES = [2, 10, 20, 50];
/** 2^20 assignments per service is still seconds; beyond that the exhaustive search is not run. */
const EXHAUSTIVE_LIMIT = 20;
// us-east-1 list prices, as in regions.json: the exhaustive search prices from them directly.
const HOUR = 0.01;
const PER_GB = 0.01;
const TGW_PER_GB = 0.02;

export interface NetworkSizeResult {
  spokes: number;
  services: number;
  azs: number;
  /** (spoke, service) pairs that need the service. */
  demands: number;
  planMonthlyUsd: number;
  everyVpcOwnMonthlyUsd: number;
  /** The cheapest assignment by exhaustive search; null where 2^spokes is too large. */
  exhaustiveMonthlyUsd: number | null;
  planEqualsExhaustive: boolean | null;
  savingsUsd: number;
  sharedServices: number;
  hubServedDemands: number;
  planMs: number;
}

/** A small linear congruential generator: the same traffic on every run and machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function networkRequest(spokes: number): NetworkRequest {
  const random = generator(spokes * 7919);
  return {
    version: 1,
    region: "us-east-1",
    transit: { type: "transitGateway" },
    hub: {
      // Outside 10/8, where the spokes are numbered: a hub that contains a spoke is CIDR_OVERLAP.
      vpc: { id: "vpc-hub", cidrs: ["172.16.0.0/16"], dnsSupport: true, dnsHostnames: true },
      subnets: AZS.map((az) => ({ id: `subnet-hub-${az}`, az, routeTableId: "rtb-hub" })),
    },
    spokes: Array.from({ length: spokes }, (_, i) => {
      const services = SERVICES.filter(() => random() < 0.7);
      const used = services.length ? services : [SERVICES[i % SERVICES.length]];
      // Mostly light traffic with a heavy tail: a few spokes sit above the 730 GB break-even.
      const traffic = Object.fromEntries(used.map((key) => [key, Math.floor(random() ** 4 * 4000)]));
      const name = `spoke-${String(i + 1).padStart(2, "0")}`;
      return {
        name,
        vpc: { id: `vpc-${name}`, cidrs: [`10.${Math.floor((i + 1) / 250)}.${(i + 1) % 250}.0/24`], dnsSupport: true, dnsHostnames: true },
        subnets: AZS.map((az) => ({ id: `subnet-${name}-${az}`, az, routeTableId: `rtb-${name}` })),
        services: used,
        traffic,
      };
    }),
  };
}

/** The cheapest total over every hub/local assignment, priced from list prices (not from the plan). */
function exhaustive(request: NetworkRequest): number | null {
  if (request.spokes.length > EXHAUSTIVE_LIMIT) return null;
  const fixed = HOUR * HOURS_PER_MONTH * AZS.length;
  let total = 0;
  for (const key of SERVICES) {
    const users = request.spokes.filter((s) => s.services!.includes(key));
    const choice: ServiceChoice = {
      hubFixed: fixed,
      hubNeeded: false,
      spokes: users.map((s) => {
        const gb = s.traffic![key];
        return { local: fixed + PER_GB * gb, hub: (PER_GB + TGW_PER_GB) * gb };
      }),
    };
    total += exhaustiveAssignment(choice, EXHAUSTIVE_LIMIT)?.monthlyUsd ?? 0;
  }
  return Math.round(total * 100) / 100;
}

export function measure(spokes: number): NetworkSizeResult {
  const request = networkRequest(spokes);
  planNetwork(request); // warm-up
  const start = process.hrtime.bigint();
  const plan = planNetwork(request);
  const planMs = Number(process.hrtime.bigint() - start) / 1e6;
  const best = exhaustive(request);
  const planMonthly = Math.round(plan.cost.monthlyTotalUsd * 100) / 100;
  return {
    spokes,
    services: SERVICES.length,
    azs: AZS.length,
    demands: request.spokes.reduce((n, s) => n + s.services!.length, 0),
    planMonthlyUsd: planMonthly,
    everyVpcOwnMonthlyUsd: Math.round(plan.cost.everyVpcOwnMonthlyUsd * 100) / 100,
    exhaustiveMonthlyUsd: best,
    planEqualsExhaustive: best === null ? null : Math.abs(best - planMonthly) < 0.01,
    savingsUsd: Math.round(plan.cost.savingsUsd * 100) / 100,
    sharedServices: plan.hub.centralized.length,
    hubServedDemands: plan.services.reduce((n, s) => n + s.consumers.length, 0),
    planMs: Math.round(planMs * 10) / 10,
  };
}

export function markdownTable(results: NetworkSizeResult[]): string {
  const usd = (n: number): string => `$${n.toFixed(2)}`;
  return [
    "| Spokes (10 services, 2 AZs) | Plan | Every VPC its own | Exhaustive optimum | Plan = optimum | Shared services | Hub-served (spoke, service) | Plan time |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.spokes} | ${usd(r.planMonthlyUsd)} | ${usd(r.everyVpcOwnMonthlyUsd)} | ${r.exhaustiveMonthlyUsd === null ? `not computable (2^${r.spokes} per service)` : usd(r.exhaustiveMonthlyUsd)} | ${r.planEqualsExhaustive === null ? "-" : r.planEqualsExhaustive ? "yes" : "NO"} | ${r.sharedServices}/10 | ${r.hubServedDemands}/${r.demands} | ${r.planMs} ms |`,
    ),
  ].join("\n");
}

export function networkBench(root: string): string {
  const results = SIZES.map(measure);
  const dir = join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const goal = "plan cost equals the exhaustive optimum wherever it can be computed";
  const met = results.every((r) => r.planEqualsExhaustive !== false);
  writeFileSync(
    join(dir, "network.json"),
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        node: process.version,
        goal,
        met,
        prices: "us-east-1 list",
        transit: "transitGateway",
        results,
      },
      null,
      2,
    ) + "\n",
  );
  return markdownTable(results);
}

if (require.main === module) process.stdout.write(networkBench(join(__dirname, "..", "..")) + "\n");
