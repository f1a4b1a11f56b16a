/**
 * The golden path: a config-only stack. A platform team sets stack config under the `vpce`
 * namespace and deploys; no code. Keys mirror EndpointPlan's args, so planner errors name them:
 *
 *   vpce:vpcId      (or vpce:vpc, an object like the `vpc` arg)
 *   vpce:subnetIds  (or vpce:subnets: [{ id, az?, routeTableId? }]; AZs and route tables are looked up;
 *                   or vpce:subnetTags alone: the VPC's subnets carrying those tags)
 *   vpce:services, vpce:bundles, vpce:serviceOptions, vpce:access, vpce:ha, vpce:traffic, vpce:trafficBySource,
 *   vpce:prices, vpce:securityGroup, vpce:defaults, vpce:tags, vpce:facts, vpce:quotas, vpce:lookups
 *   vpce:name       (the component's name, default `endpoints`)
 *   aws:region      (or vpce:region)
 */
import * as pulumi from "@pulumi/pulumi";
import { EndpointPlan, type EndpointPlanArgs, type SubnetArgs, type VpcArgs } from "vpce-plan";

export const CONFIG_NAMESPACE = "vpce";

/** Optional keys passed through to EndpointPlan as they are. */
const PASS_THROUGH = [
  "services",
  "bundles",
  "serviceOptions",
  "access",
  "ha",
  "traffic",
  "trafficBySource",
  "subnetTags",
  "prices",
  "securityGroup",
  "defaults",
  "tags",
  "facts",
  "quotas",
] as const;

export function goldenPath(config = new pulumi.Config(CONFIG_NAMESPACE)) {
  const vpcId = config.get("vpcId");
  const vpc = config.getObject<VpcArgs>("vpc") ?? (vpcId ? { id: vpcId } : undefined);
  if (!vpc) throw new Error(`set ${CONFIG_NAMESPACE}:vpcId (or ${CONFIG_NAMESPACE}:vpc): the VPC that gets the endpoints.`);
  const subnetIds = config.getObject<string[]>("subnetIds");
  const subnets = config.getObject<SubnetArgs[]>("subnets") ?? (Array.isArray(subnetIds) ? subnetIds.map((id) => ({ id })) : undefined);
  if (!subnets && config.getObject("subnetTags") === undefined)
    throw new Error(
      `set ${CONFIG_NAMESPACE}:subnetIds (or ${CONFIG_NAMESPACE}:subnets, or ${CONFIG_NAMESPACE}:subnetTags): the subnets for interface endpoints.`,
    );

  const args: EndpointPlanArgs = { vpc, ...(subnets ? { subnets } : {}) };
  for (const key of PASS_THROUGH) {
    const value = config.getObject(key);
    if (value !== undefined) (args as unknown as Record<string, unknown>)[key] = value;
  }
  const region = config.get("region") ?? new pulumi.Config("aws").get("region");
  if (region) args.region = region;
  const lookups = config.getBoolean("lookups");
  if (lookups !== undefined) args.lookups = lookups;

  const plan = new EndpointPlan(config.get("name") ?? "endpoints", args);
  return { endpoints: plan.endpoints, monthlyCostUsd: plan.monthlyCostUsd, warnings: plan.warnings, plan: plan.plan };
}
