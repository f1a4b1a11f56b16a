/**
 * EndpointPlan args from a CLI request (docs/request.md): `vpce-plan preview` runs the real
 * component on a request, and so can a test. Service objects become `services` + `serviceOptions`;
 * field by field the mapping is in mapping.ts. No Pulumi import, like the rest of the CLI's path.
 */
import type { PlanRequest } from "../plan/types";
import type { EndpointPlanArgs, ServiceOptionsArgs } from "./args";
import { toPolicyArgs, toServiceOptionsArgs, toTrafficArgs } from "./mapping";

export function argsFromRequest(request: PlanRequest, overrides: Partial<EndpointPlanArgs> = {}): EndpointPlanArgs {
  const services: string[] = [];
  const serviceOptions: Record<string, ServiceOptionsArgs> = {};
  for (const entry of request.services ?? []) {
    if (typeof entry === "string") {
      services.push(entry);
      continue;
    }
    services.push(entry.name);
    serviceOptions[entry.name] = toServiceOptionsArgs(entry);
  }
  const args: EndpointPlanArgs = {
    region: request.region,
    vpc: request.vpc,
    subnets: request.subnets ?? [],
    services,
    lookups: false,
  };
  if (Object.keys(serviceOptions).length) args.serviceOptions = serviceOptions;
  if (request.bundles) args.bundles = request.bundles;
  if (request.access) args.access = request.access;
  if (request.ha) args.ha = request.ha;
  if (request.traffic) Object.assign(args, toTrafficArgs(request.traffic));
  if (request.subnetTags) args.subnetTags = request.subnetTags;
  if (request.prices) args.prices = request.prices;
  if (request.securityGroup) args.securityGroup = request.securityGroup;
  if (request.tags) args.tags = request.tags;
  if (request.quotas) args.quotas = request.quotas;
  if (request.facts) args.facts = request.facts;
  if (request.defaults) {
    const { policy, ...rest } = request.defaults;
    args.defaults = { ...rest, ...(policy ? { policy: toPolicyArgs(policy) } : {}) };
  }
  return { ...args, ...overrides };
}
