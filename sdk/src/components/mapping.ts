/**
 * The one place where component args and the planner's request meet, both directions side by
 * side: per-service options, policies and traffic. `prepareRequest` (args -> request) and
 * `argsFromRequest` (request -> args, for `vpce-plan preview` and tests) both go through here, so a
 * new option is mapped once and the round trip is tested as a property.
 * No Pulumi runtime import, like the rest of the CLI's path.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { PlanRequest, PolicySpec, Problem, ServiceRequest } from "../plan/types";
import type { EndpointPlanArgs, PolicyArgs, ServiceOptionsArgs, TrafficArgs } from "./args";

/** Turns an existing-group Input into the id the planner sees (a placeholder for Outputs). */
export type GroupId = (input: pulumi.Input<string>, label: string) => string;

export function toServiceRequest(
  options: ServiceOptionsArgs,
  path: string,
  problems: Problem[],
  groupId: GroupId,
): Omit<ServiceRequest, "name"> {
  const { policy, securityGroupIds, ...rest } = options;
  const out: Omit<ServiceRequest, "name"> = { ...rest };
  if (policy) out.policy = toPolicy(policy, `${path}.policy`, problems);
  if (securityGroupIds !== undefined)
    out.securityGroupIds = Array.isArray(securityGroupIds)
      ? securityGroupIds.map((id, i) => groupId(id, `${path.replace(/^serviceOptions\./, "")}-${i}`))
      : (securityGroupIds as unknown as string[]);
  return out;
}

export function toServiceOptionsArgs(entry: ServiceRequest): ServiceOptionsArgs {
  const { name: _name, policy, ports, ...rest } = entry;
  // Args are union-free (one type per field for every Pulumi language): ports are strings there.
  return {
    ...rest,
    ...(policy ? { policy: toPolicyArgs(policy) } : {}),
    ...(ports ? { ports: ports.map(String) } : {}),
  } as ServiceOptionsArgs;
}

export function toPolicy(policy: PolicyArgs, path: string, problems: Problem[]): PolicySpec {
  const { document, ...rest } = policy;
  if (document === undefined) return rest;
  try {
    const parsed: unknown = typeof document === "string" ? JSON.parse(document) : document;
    return { ...rest, document: parsed as Record<string, unknown> };
  } catch (err) {
    problems.push({
      code: "INVALID_FORMAT",
      path: `${path}.document`,
      message: `is not valid JSON: ${(err as Error).message}.`,
      hint: "Pass the policy document as JSON text, e.g. JSON.stringify({ Version: ..., Statement: [...] }).",
    });
    return rest;
  }
}

export function toPolicyArgs(policy: PolicySpec): PolicyArgs {
  const { document, ...rest } = policy;
  return { ...rest, ...(document ? { document: JSON.stringify(document) } : {}) };
}

/** `traffic` (the VPC's own GB) and `trafficBySource` (split) as the request's one `traffic` map. */
export function toTraffic(args: Pick<EndpointPlanArgs, "traffic" | "trafficBySource">, problems: Problem[]): PlanRequest["traffic"] {
  if (args.trafficBySource === undefined) return args.traffic;
  const out: NonNullable<PlanRequest["traffic"]> = { ...(args.traffic ?? {}) };
  for (const [key, parts] of Object.entries(args.trafficBySource ?? {})) {
    if (args.traffic?.[key] !== undefined)
      problems.push({
        code: "DUPLICATE_TRAFFIC",
        path: `trafficBySource.${key}`,
        message: `traffic for ${key} is given in traffic and in trafficBySource.`,
        hint: `Keep one: traffic.${key} is the VPC's own GB, trafficBySource.${key} splits it by source.`,
      });
    else out[key] = parts;
  }
  return out;
}

export function toTrafficArgs(traffic: NonNullable<PlanRequest["traffic"]>): Pick<EndpointPlanArgs, "traffic" | "trafficBySource"> {
  const plain: Record<string, number> = {};
  const split: Record<string, TrafficArgs> = {};
  for (const [key, gb] of Object.entries(traffic)) {
    if (typeof gb === "number") plain[key] = gb;
    else split[key] = gb;
  }
  return { ...(Object.keys(plain).length ? { traffic: plain } : {}), ...(Object.keys(split).length ? { trafficBySource: split } : {}) };
}
