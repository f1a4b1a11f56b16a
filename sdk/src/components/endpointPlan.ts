/**
 * `EndpointPlan`: the cheapest correct VPC endpoints for one VPC. It gathers facts (args first,
 * then invokes), calls the planner once, and creates exactly what the plan says.
 *
 * The plan is made in `initialize`, which the ComponentResource constructor starts and which
 * awaits the plain-promise invokes, so every child is registered outside any `apply` and shows
 * in `pulumi preview`. An invalid request fails the component before any child is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkComponentArgs, endpointPlanArgsShape } from "./argsShape";
import { EndpointPlanError } from "./errors";
import type { Plan } from "../plan/types";
import type { EndpointOutput, EndpointPlanArgs, PlanWarning, ResolverOutput } from "./args";
import { dataFields, reportWarnings } from "./outputs";
import { planFromArgs } from "./planArgs";
import { isPlain, type PreparedRequest } from "./request";
import { allEndpoints, createResolver, createResources } from "./resources";

export const ENDPOINT_PLAN_TYPE = "vpce-plan:index:EndpointPlan";

interface EndpointPlanData {
  endpoints: pulumi.Output<Record<string, EndpointOutput>>;
  resolver: pulumi.Output<ResolverOutput | undefined>;
  plan: pulumi.Input<Plan>;
  monthlyCostUsd: number;
  warnings: PlanWarning[];
}

/**
 * The VPC endpoints one VPC needs: gateway endpoints where they can serve (free), interface
 * endpoints where something outside the VPC needs them or no gateway exists, with least-privilege
 * security groups, endpoint policies and private DNS. `plan` explains every decision.
 */
export class EndpointPlan extends pulumi.ComponentResource<EndpointPlanData> {
  /** Per endpoint name (the service key; `<key>-gateway` for gateways): ids, DNS names, prefix list, security group. */
  public readonly endpoints: pulumi.Output<{ [name: string]: EndpointOutput }>;
  /** The Resolver inbound endpoint (`access.onPremises.resolver: create`): the IP addresses on-premises DNS forwards to. */
  public readonly resolver: pulumi.Output<ResolverOutput | undefined>;
  /**
   * The planner's plan (docs/plan-json.md): why each endpoint exists and what it costs, with the ids
   * passed in args (VPC, subnets, route tables, existing security groups) in place of placeholders.
   * The ids of the endpoints and groups the component creates are in `endpoints`.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- published as the schema's Any: the plan JSON has unions the schema cannot express
  public readonly plan: pulumi.Output<any>;
  /** Expected monthly cost of the endpoints in USD (list prices; data processing when `traffic` is given). */
  public readonly monthlyCostUsd: pulumi.Output<number>;
  /** The plan's warnings (also logged on the component). */
  public readonly warnings: pulumi.Output<PlanWarning[]>;

  constructor(name: string, args: EndpointPlanArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ENDPOINT_PLAN_TYPE, name, args, opts);
    const field = dataFields(this.getData());
    this.endpoints = field("endpoints");
    this.resolver = field("resolver");
    this.plan = field("plan");
    this.monthlyCostUsd = field("monthlyCostUsd");
    this.warnings = field("warnings");
  }

  protected override async initialize(
    inputs: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    name?: string,
  ): Promise<EndpointPlanData> {
    const args = inputs as EndpointPlanArgs;
    const componentName = name!;
    const argProblems = checkComponentArgs(componentName, args, endpointPlanArgsShape);
    if (argProblems.length) throw new EndpointPlanError(argProblems, this);
    const { plan, prepared } = await planFromArgs(args, this);
    const warnings = reportWarnings(plan.warnings, prepared.argPath, this);
    const children = { parent: this, name: componentName, prepared, region: args.region, tags: args.tags };
    const data: EndpointPlanData = {
      endpoints: allEndpoints(createResources(plan, children)),
      resolver: createResolver(plan, children) ?? pulumi.output(undefined),
      plan: withRealIds(plan, prepared),
      monthlyCostUsd: plan.cost.monthlyTotalUsd,
      warnings,
    };
    this.registerOutputs({ ...data });
    return data;
  }
}

/**
 * The plan as exported: the ids the caller passed (placeholders such as `subnet-pending-...`
 * replaced by the real id Inputs). Ids of what the component creates are in `endpoints`: in the plan
 * they would make it unknown in `pulumi preview` until the endpoints exist.
 */
function withRealIds(plan: Plan, prepared: PreparedRequest): pulumi.Input<Plan> {
  const subnet = (id: string): pulumi.Input<string> => prepared.subnets.get(id) ?? id;
  const routeTable = (id: string): pulumi.Input<string> => prepared.routeTables.get(id)?.input ?? id;
  const group = (id: string): pulumi.Input<string> => prepared.securityGroups.get(id) ?? id;
  const exported = {
    ...plan,
    vpcId: prepared.vpcId,
    endpoints: plan.endpoints.map((e) => ({
      ...e,
      ...(e.subnetIds ? { subnetIds: e.subnetIds.map(subnet) } : {}),
      ...(e.routeTableIds ? { routeTableIds: e.routeTableIds.map(routeTable) } : {}),
      ...(e.securityGroup?.ids ? { securityGroup: { ...e.securityGroup, ids: e.securityGroup.ids.map(group) } } : {}),
    })),
    ...(plan.resolver ? { resolver: { ...plan.resolver, subnetIds: plan.resolver.subnetIds.map(subnet) } } : {}),
  };
  // With plain ids (the usual case) the plan stays a plain value: pulumi.output would copy all of
  // it once more and wrap it in promises, for a value the `plan` field copies anyway.
  const ids = [
    prepared.vpcId,
    ...prepared.subnets.values(),
    ...[...prepared.routeTables.values()].map((r) => r.input),
    ...prepared.securityGroups.values(),
  ];
  return ids.every(isPlain) ? (exported as Plan) : (pulumi.output(exported) as unknown as pulumi.Output<Plan>);
}
