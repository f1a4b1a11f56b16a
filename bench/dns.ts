/**
 * DNS sharing benchmark (rule 15): a hub sharing 5 interface services with 10, 100 and 1,000 spokes
 * spread over 10 accounts, once by private hosted zones and once by a Route 53 Profile: the DNS
 * cost a month, the association count each needs, and the plan time; and what `auto` picks.
 *
 * `dnsBench(root)` writes bench/results/dns.json and returns a markdown table;
 * `node bench/dist/dns.js` runs it alone.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isPlanRequestError, planNetwork, type NetworkRequest } from "vpce-plan/plan";

const SERVICES = ["secretsmanager", "kms", "ssm", "logs", "sts"];
const AZS = ["us-east-1a", "us-east-1b"];
const SIZES = [10, 100, 1000];
const ACCOUNTS = 10;

export function dnsRequest(spokes: number, dnsSharing: NetworkRequest["dnsSharing"]): NetworkRequest {
  return {
    version: 1,
    region: "us-east-1",
    transit: { type: "transitGateway" },
    dnsSharing,
    hub: {
      vpc: { id: "vpc-hub", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true, accountId: "100000000000" },
      subnets: AZS.map((az) => ({ id: `subnet-hub-${az}`, az, routeTableId: "rtb-hub" })),
    },
    // Spokes without subnets of their own: every interface service comes from the hub.
    spokes: Array.from({ length: spokes }, (_, i) => ({
      name: `spoke-${String(i).padStart(4, "0")}`,
      vpc: {
        id: `vpc-spoke-${i}`,
        cidrs: [`10.${Math.floor(i / 256) + 1}.${i % 256}.0/24`],
        accountId: String(200000000000 + (i % ACCOUNTS)),
        dnsSupport: true,
        dnsHostnames: true,
      },
      services: SERVICES,
    })),
  };
}

interface ModeResult {
  /** The plan's cost of this mode (from the auto plan's dnsSharing block, which sizes both). */
  monthlyUsd: number;
  associations: number;
  /** Median plan time with the mode forced; null when the planner rejects it (a quota). */
  planMs: number | null;
  rejected?: string;
}

export interface DnsSizeResult {
  spokes: number;
  zones: ModeResult & { count: number; maxAssociationsPerZone: number; quota: number };
  profile: ModeResult & { quota: number; accounts: number };
  autoPicks: string;
  autoReason: string;
}

function medianMs(run: () => void, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Math.round(times.sort((a, b) => a - b)[Math.floor(runs / 2)] * 10) / 10;
}

/** The forced mode's plan time, or the code of the problem that rejects it. */
function timed(request: NetworkRequest): { planMs: number | null; rejected?: string } {
  try {
    planNetwork(request);
  } catch (err) {
    if (!isPlanRequestError(err)) throw err;
    return { planMs: null, rejected: [...new Set(err.problems.map((p) => p.code))].join(", ") };
  }
  return { planMs: medianMs(() => planNetwork(request)) };
}

export function measure(spokes: number): DnsSizeResult {
  const auto = planNetwork(dnsRequest(spokes, "auto"));
  const { zones, profile } = auto.dnsSharing;
  return {
    spokes,
    zones: {
      monthlyUsd: zones.monthlyUsd,
      associations: zones.associations,
      count: zones.count,
      maxAssociationsPerZone: zones.maxAssociationsPerZone,
      quota: zones.quota,
      ...timed(dnsRequest(spokes, "zones")),
    },
    profile: {
      monthlyUsd: profile.monthlyUsd,
      associations: profile.associations,
      quota: profile.quota,
      accounts: profile.byAccount.length,
      ...timed(dnsRequest(spokes, "profile")),
    },
    autoPicks: auto.dnsSharing.mode,
    autoReason: auto.dnsSharing.reasons[0].code,
  };
}

export function markdownTable(results: DnsSizeResult[]): string {
  const usd = (n: number): string => `$${n.toFixed(2)}`;
  const time = (m: ModeResult): string => (m.planMs === null ? `rejected (${m.rejected})` : `${m.planMs} ms`);
  return [
    `| Spokes (${SERVICES.length} shared services, ${ACCOUNTS} accounts) | Zones: DNS a month | Zone associations (busiest zone / quota) | Zones: plan time | Profile: DNS a month | Profile associations (quota) | Profile: plan time | \`auto\` picks |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.spokes.toLocaleString("en-US")} | ${usd(r.zones.monthlyUsd)} (${r.zones.count} zones) | ${r.zones.associations.toLocaleString("en-US")} (${r.zones.maxAssociationsPerZone} / ${r.zones.quota}) | ${time(r.zones)} | ${usd(r.profile.monthlyUsd)} | ${r.profile.associations.toLocaleString("en-US")} (${r.profile.quota}) | ${time(r.profile)} | ${r.autoPicks} (\`${r.autoReason}\`) |`,
    ),
  ].join("\n");
}

export function dnsBench(root: string): string {
  const results = SIZES.map(measure);
  const dir = join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "dns.json"),
    JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, prices: "us-east-1 list", results }, null, 2) + "\n",
  );
  return markdownTable(results);
}

if (require.main === module) process.stdout.write(dnsBench(join(__dirname, "..", "..")) + "\n");
