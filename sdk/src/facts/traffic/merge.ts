/**
 * `plan --traffic FILE`: measured traffic into a request. A figure the request writes wins (it is
 * the user's word); where the measurement differs by more than 20% the warning names both.
 */
import type { PlanRequest, TrafficSpec } from "../../plan/types";
import type { TrafficReport } from "./report";

export const DISAGREEMENT = 0.2;

export interface MergedTraffic {
  request: PlanRequest;
  warnings: string[];
  /** Keys whose figure came from the measurement. */
  measured: string[];
}

const differs = (a: number, b: number): boolean => Math.abs(a - b) > DISAGREEMENT * Math.max(Math.abs(a), Math.abs(b));

/** A report as a value, or why it is not one. */
export function asTrafficReport(value: unknown): TrafficReport | string {
  const v = value as Partial<TrafficReport> | null;
  if (typeof v !== "object" || v === null || v.kind !== "traffic")
    return 'is not a traffic report (kind: "traffic"); write one with vpce-plan traffic --format json';
  if (v.version !== 1) return `has version ${String(v.version)}; this vpce-plan reads version 1`;
  if (!Array.isArray(v.vpcs)) return "has no vpcs[]";
  return v as TrafficReport;
}

export function mergeTraffic(request: PlanRequest, report: TrafficReport, file: string): MergedTraffic {
  const vpc = report.vpcs.find((v) => v.vpcId === request.vpc.id);
  const warnings: string[] = [];
  const measured: string[] = [];
  if (!vpc) {
    warnings.push(
      `${file} has no traffic for ${request.vpc.id} (it has ${report.vpcs.map((v) => v.vpcId).join(", ") || "none"}); the request's figures stand alone.`,
    );
    return { request, warnings, measured };
  }
  const traffic: Record<string, number | TrafficSpec> = { ...(request.traffic ?? {}) };
  for (const [key, m] of Object.entries(vpc.services)) {
    const given = request.traffic?.[key];
    if (given === undefined) {
      traffic[key] = { vpc: m.vpc, onPremises: m.onPremises, peers: m.peers };
      measured.push(key);
      continue;
    }
    const parts: Array<[string, number, number]> =
      typeof given === "number"
        ? [["", given, m.vpc]]
        : (["vpc", "onPremises", "peers"] as const).filter((p) => given[p] !== undefined).map((p) => [`.${p}`, given[p]!, m[p]]);
    for (const [part, g, got] of parts)
      if (differs(g, got))
        warnings.push(
          `traffic.${key}${part}: the request says ${g} GB a month, ${file} measured ${got} GB over ${report.window.hours} h; the request's ${g} is used.`,
        );
  }
  return { request: { ...request, traffic }, warnings, measured: measured.sort() };
}
