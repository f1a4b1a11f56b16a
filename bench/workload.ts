/** Deterministic benchmark requests: many VPCs, many services, every AZ of us-east-1. */
import { services } from "vpce-plan/catalog";
import type { PlanRequest } from "vpce-plan/plan";

const AZS = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"];
export const AZ_COUNT = AZS.length;

/** A small seeded PRNG (mulberry32): the same seed gives the same workload on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const interfaceKeys = services
  .filter((s) => s.types.includes("Interface") && s.serviceName.includes("{region}") && s.privateDnsNames.length)
  .map((s) => s.key);

/** One VPC: `serviceCount` services (s3 and dynamodb always among them), two subnets per AZ. */
export function vpcRequest(index: number, serviceCount: number, rnd: () => number): PlanRequest {
  const picked = new Set(["s3", "dynamodb"]);
  while (picked.size < serviceCount) picked.add(interfaceKeys[Math.floor(rnd() * interfaceKeys.length)]);
  const subnets = AZS.flatMap((az, i) => [
    { id: `subnet-${index.toString(16)}a${i}`, az, routeTableId: `rtb-${index.toString(16)}${i % 3}` },
    { id: `subnet-${index.toString(16)}b${i}`, az, routeTableId: `rtb-${index.toString(16)}${i % 3}` },
  ]);
  const list = [...picked];
  const traffic: Record<string, number> = {};
  for (const key of list) if (rnd() < 0.5) traffic[key] = Math.floor(rnd() * 5000);
  return {
    version: 1,
    region: "us-east-1",
    vpc: { id: `vpc-${index.toString(16)}`, cidrs: [`10.${index % 256}.0.0/16`], dnsSupport: true, dnsHostnames: true },
    subnets,
    services: list,
    access: index % 4 === 0 ? { onPremises: { cidrs: ["192.168.0.0/16"] } } : undefined,
    traffic,
    facts: { serviceAzs: Object.fromEntries(list.map((k) => [k, AZS.slice(0, 3 + Math.floor(rnd() * 4))])) },
  };
}

export function workload(vpcs: number, serviceCount: number, seed = 42): PlanRequest[] {
  const rnd = random(seed);
  return Array.from({ length: vpcs }, (_, i) => vpcRequest(i, serviceCount, rnd));
}
