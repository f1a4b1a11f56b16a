/**
 * `EndpointHub`: a shared-services VPC that owns the interface endpoints spokes share. It looks
 * facts up, runs the network planner once (with every spoke) in `initialize`, and only then
 * registers children: the hub's endpoints (shared ones with private DNS off, security groups that
 * admit the hub and each consuming spoke), and DNS for the spokes: a private hosted zone per
 * shared service name with alias records and association authorizations for spokes in other
 * accounts, or one Route 53 Profile shared through AWS RAM (profile.ts). It exports the
 * contract (contract.ts) that each spoke's `EndpointSpoke` reads through a stack reference.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkComponentArgs, endpointHubArgsShape } from "./argsShape";
import { EndpointPlanError } from "./errors";
import { planNetwork } from "../plan/multi/planner";
import type { NetworkPlan } from "../plan/multi/types";
import type { EndpointOutput, PlanWarning, ResolverOutput } from "./args";
import { CONTRACT_VERSION, spokeContract, zoneNamesByService, type HubContract } from "./contract";
import { buildHubRequest, servicesOfNetwork, type EndpointHubArgs } from "./hubRequest";
import { dataFields, reportWarnings } from "./outputs";
import { lookUpArgs, planOrFail } from "./planArgs";
import { createResolver, createResources, perEndpoint } from "./resources";
import { createProfile } from "./profile";
import { createZones } from "./zones";

export const ENDPOINT_HUB_TYPE = "vpce-plan:index:EndpointHub";

interface EndpointHubData {
  contract: pulumi.Output<HubContract>;
  plan: NetworkPlan;
  endpoints: pulumi.Output<Record<string, EndpointOutput>>;
  resolver: pulumi.Output<ResolverOutput | undefined>;
  monthlyCostUsd: number;
  warnings: PlanWarning[];
}

/**
 * The hub of a hub-and-spoke network: interface endpoints shared through private hosted zones
 * where the planner finds that cheaper than an endpoint in every spoke, and the hub's own endpoints.
 */
export class EndpointHub extends pulumi.ComponentResource<EndpointHubData> {
  /** The versioned hub contract (docs/components.md "Many VPCs"): export it as one stack output for the spokes. */
  public readonly contract: pulumi.Output<HubContract>;
  /** The network plan (docs/network.md "Network plan JSON"): every hub-or-local decision with both costs. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- published as the schema's Any, like EndpointPlan.plan
  public readonly plan: pulumi.Output<any>;
  /** The hub's endpoints by plan name, as `EndpointPlan.endpoints`. */
  public readonly endpoints: pulumi.Output<{ [name: string]: EndpointOutput }>;
  /** The hub's Resolver inbound endpoint (`access.onPremises.resolver: create`), which serves the shared services too. */
  public readonly resolver: pulumi.Output<ResolverOutput | undefined>;
  /** What the hub VPC's endpoints cost a month in USD (AZ-hours plus processing of the hub's and spokes' traffic). */
  public readonly monthlyCostUsd: pulumi.Output<number>;
  /** The plan's warnings (also logged on the component). */
  public readonly warnings: pulumi.Output<PlanWarning[]>;

  constructor(name: string, args: EndpointHubArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ENDPOINT_HUB_TYPE, name, args, opts);
    const field = dataFields(this.getData());
    this.contract = field("contract");
    this.plan = field("plan");
    this.endpoints = field("endpoints");
    this.resolver = field("resolver");
    this.monthlyCostUsd = field("monthlyCostUsd");
    this.warnings = field("warnings");
  }

  protected override async initialize(
    inputs: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    name?: string,
  ): Promise<EndpointHubData> {
    const args = inputs as EndpointHubArgs;
    const componentName = name!;
    const argProblems = checkComponentArgs(componentName, args, endpointHubArgsShape);
    if (argProblems.length) throw new EndpointPlanError(argProblems, this);
    const { plan, built } = await this.makePlan(args);
    const warnings = reportWarnings(plan.warnings, built.argPath, this);
    const { prepared, spokeVpcIds } = built;
    const children = { parent: this, name: componentName, prepared, region: args.region, tags: args.tags };
    const endpoints = plan.hub.plan ? perEndpoint(createResources(plan.hub.plan, children)) : {};
    const resolver = plan.hub.plan ? createResolver(plan.hub.plan, children) : undefined;
    const zones = createZones(plan, {
      parent: this,
      name: componentName,
      hubVpcId: prepared.vpcId,
      region: args.region,
      tags: args.tags,
      endpoints,
      spokeVpcIds,
    });
    const profile = createProfile(plan, {
      parent: this,
      name: componentName,
      region: args.region,
      tags: args.tags,
      endpoints,
      organizationArn: args.profileOrganizationArn,
    });

    const services: Record<string, pulumi.Input<HubContract["services"][string]>> = {};
    const zoneNames = zoneNamesByService(plan);
    for (const key of plan.hub.centralized) {
      const planned = plan.hub.plan?.endpoints.find((e) => e.service === key && e.type === "Interface");
      if (!planned) continue;
      const endpoint = endpoints[planned.name];
      const list = (zoneNames.get(key) ?? []).map((zoneName) => ({ zoneId: zones.get(zoneName)!.zoneId, zoneName }));
      services[key] = pulumi.output({
        ...(list.length ? { zoneId: list[0].zoneId, zoneName: list[0].zoneName } : {}),
        zones: list,
        dnsName: endpoint.apply((e) => e.regionalDnsName ?? ""),
        securityGroupId: endpoint.apply((e) => e.securityGroupId),
        port: plan.services.find((s) => s.service === key)!.port,
      });
    }
    const spokes = Object.fromEntries(
      plan.spokes.map((s) => [s.name, { ...spokeContract(s), vpcId: spokeVpcIds.get(s.vpcId) ?? s.vpcId }]),
    );
    const contract = pulumi.output({
      version: CONTRACT_VERSION,
      region: plan.region,
      hubVpcId: prepared.vpcId,
      transit: plan.transit.type,
      services,
      spokes,
      ...(profile ? { profile: { id: profile.id, arn: profile.arn } } : {}),
    }) as pulumi.Output<HubContract>;
    const data: EndpointHubData = {
      contract,
      plan,
      endpoints: pulumi.output(endpoints),
      resolver: resolver ?? pulumi.output(undefined),
      monthlyCostUsd: plan.cost.hubMonthlyUsd,
      warnings,
    };
    this.registerOutputs({ ...data });
    return data;
  }

  private async makePlan(args: EndpointHubArgs): Promise<{ plan: NetworkPlan; built: ReturnType<typeof buildHubRequest> }> {
    // Facts for every service any VPC names, looked up once in the hub's region.
    const looked = await lookUpArgs({ ...args, ...servicesOfNetwork(args) }, this);
    const accountId = args.accountId ?? (args.lookups !== false ? await lookUpAccount(this) : undefined);
    const built = buildHubRequest(args, looked.found, accountId);
    const plan = planOrFail(
      () => planNetwork(built.request, looked.facts),
      [...looked.problems, ...built.problems],
      built.argPath,
      args,
      this,
    );
    return { plan, built };
  }
}

/** The hub's account decides which spokes are "other accounts" (they need association authorizations). */
async function lookUpAccount(parent: pulumi.Resource): Promise<string | undefined> {
  try {
    return (await aws.getCallerIdentity({}, { parent })).accountId;
  } catch {
    // Unknown is safe: the planner then authorizes every spoke that names an account (HUB_ACCOUNT_UNKNOWN).
    return undefined;
  }
}
