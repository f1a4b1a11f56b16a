/**
 * Planner throughput. Run as a child process (`node bench/dist/planner.js VPCS SERVICES`) so that
 * peak memory (maxRSS) belongs to this workload alone; prints one JSON line.
 */
import { planEndpoints } from "vpce-plan/plan";
import { AZ_COUNT, workload } from "./workload";

export interface PlannerResult {
  vpcs: number;
  servicesPerVpc: number;
  azs: number;
  /** Endpoints in the plans (a gateway or an interface endpoint each). */
  endpoints: number;
  endpointsPerSecond: number;
  /** Service x AZ decisions: every requested service is weighed in every AZ of the VPC. */
  decisions: number;
  seconds: number;
  decisionsPerSecond: number;
  peakRssMb: number;
}

function run(vpcs: number, serviceCount: number): PlannerResult {
  const requests = workload(vpcs, serviceCount);
  // Warm-up so that the JIT, not the first call, is measured.
  for (const r of requests.slice(0, 50)) planEndpoints(r);
  const start = process.hrtime.bigint();
  let endpoints = 0;
  for (const request of requests) endpoints += planEndpoints(request).endpoints.length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const decisions = vpcs * serviceCount * AZ_COUNT;
  return {
    vpcs,
    servicesPerVpc: serviceCount,
    azs: AZ_COUNT,
    endpoints,
    endpointsPerSecond: Math.round(endpoints / seconds),
    decisions,
    seconds: Math.round(seconds * 1000) / 1000,
    decisionsPerSecond: Math.round(decisions / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

if (require.main === module) {
  const [vpcs, serviceCount] = process.argv.slice(2).map(Number);
  process.stdout.write(JSON.stringify(run(vpcs || 1000, serviceCount || 40)) + "\n");
}
