/**
 * The planning step every component shares: facts from args first, then invokes (awaited here, in
 * `initialize`, never inside an apply), then the planner, with problems in arg names. `EndpointPlan`
 * plans its VPC with it; `EndpointSpoke` validates its local endpoints with it before it registers
 * anything; `EndpointHub` uses the lookup half and then plans the whole network.
 */
import type * as pulumi from "@pulumi/pulumi";
import { planEndpoints } from "../plan/planner";
import { isPlanRequestError } from "../plan/problems";
import type { Plan, PlanFacts, Problem } from "../plan/types";
import type { EndpointPlanArgs } from "./args";
import { EndpointPlanError } from "./errors";
import { overlayFacts, readOverlay } from "../facts/overlay";
import { factsNeeded, type NetworkFound } from "../facts/needs";
import { lookUpNeeds, lookUpRegion } from "../facts/pulumi/lookups";
import { mergeFacts } from "../plan/validate";
import { isPlain, prepareRequest, type PreparedRequest } from "./request";

export interface LookedUp {
  region: string;
  found: NetworkFound;
  /** Service facts found by `getVpcEndpointService` (the args' own `facts` still win in the planner). */
  facts: PlanFacts;
  /** Lookups that failed, each naming the arg. */
  problems: Problem[];
}

/**
 * The region (args, else `aws.getRegion`) and, unless `lookups` is false, the facts the args' request
 * still needs (VPC, subnets, services, groups, account), looked up by invokes.
 */
export async function lookUpArgs(args: EndpointPlanArgs, resource: pulumi.Resource): Promise<LookedUp> {
  const invokeOpts: pulumi.InvokeOptions = { parent: resource };
  const lookups = args.lookups !== false;
  let region = args.region;
  if (!region && lookups) region = await lookUpRegion(invokeOpts);
  if (!region) {
    const problem = {
      code: "MISSING_FIELD",
      path: "region",
      message: "region is required when lookups is false.",
      hint: "Set region (e.g. us-east-1).",
    };
    throw new EndpointPlanError([problem], resource);
  }
  const overlay = overlayArg(args, region);
  if (!lookups) return { region, found: { region }, facts: overlay.facts, problems: overlay.problems };
  // The args as a request first: what it lacks is what the invokes look up, in the request's field names.
  const asked = prepareRequest(args, { region });
  const looked = await lookUpNeeds(factsNeeded(asked.request, asked.pending), region, { opts: invokeOpts, region: args.region });
  const problems = looked.problems.map((p) => ({ ...p, path: asked.argPath(p.path) }));
  return { region, found: looked.found, facts: mergeFacts(overlay.facts, looked.facts), problems: [...overlay.problems, ...problems] };
}

/** The facts of the `catalogOverlay` arg, for the VPC's region. */
function overlayArg(args: EndpointPlanArgs, region: string): { facts: PlanFacts; problems: Problem[] } {
  if (args.catalogOverlay === undefined) return { facts: {}, problems: [] };
  const overlay = readOverlay(args.catalogOverlay);
  const wrong =
    typeof overlay === "string"
      ? overlay
      : overlay.region !== region
        ? `was read in ${overlay.region}, but the VPC is in ${region}`
        : undefined;
  if (typeof overlay === "string" || wrong)
    return {
      facts: {},
      problems: [
        {
          code: "INVALID_VALUE",
          path: "catalogOverlay",
          message: `catalogOverlay ${wrong}.`,
          hint: `Pass JSON.parse of a file written by vpce-plan catalog --from-aws --region ${region} --write FILE.`,
        },
      ],
    };
  return { facts: overlayFacts(overlay), problems: [] };
}

/** Looks facts up, plans once, and fails with every problem (in arg names) before anything is created. */
export async function planFromArgs(args: EndpointPlanArgs, resource: pulumi.Resource): Promise<{ plan: Plan; prepared: PreparedRequest }> {
  const { found, facts, problems } = await lookUpArgs(args, resource);
  const prepared = prepareRequest(args, found);
  const plan = planOrFail(
    () => planEndpoints(prepared.request, facts),
    [...problems, ...prepared.problems],
    prepared.argPath,
    args,
    resource,
  );
  return { plan, prepared };
}

/**
 * Runs a planner call and fails with every problem at once: those found before (lookups, args)
 * and the planner's, with its paths rewritten to the component's arg names.
 */
export function planOrFail<T>(
  run: () => T,
  problems: Problem[],
  argPath: (path: string) => string,
  args: EndpointPlanArgs,
  resource: pulumi.Resource,
): T {
  try {
    const plan = run();
    if (problems.length) throw new EndpointPlanError(problems, resource);
    return plan;
  } catch (err) {
    if (!isPlanRequestError(err) || err instanceof EndpointPlanError) throw err;
    const planned = err.problems.map((p) => explainForComponent({ ...p, path: argPath(p.path) }, args));
    throw new EndpointPlanError([...problems, ...planned], resource);
  }
}

/**
 * Component wording for planner problems whose request-file hint does not fit a component (ids that
 * are Outputs cannot be looked up at preview time; lookups can be switched off), keyed by code.
 */
const COMPONENT_HINTS: Readonly<Record<string, (problem: Problem, args: EndpointPlanArgs) => Problem | undefined>> = {
  SUBNET_AZ_MISSING: (problem, args) => {
    const subnet = /^subnets\[(\d+)\]\.az$/.exec(problem.path);
    if (subnet && !isPlain(args.subnets?.[Number(subnet[1])]?.id))
      return {
        ...problem,
        message: `subnets[${subnet[1]}].id is an Output (unknown until the subnet exists), so its Availability Zone cannot be looked up.`,
        hint: `Set subnets[${subnet[1]}].az (fromAwsxVpc does this for an awsx.ec2.Vpc).`,
      };
    if (args.lookups === false) return { ...problem, hint: "Set az (e.g. us-east-1a), or leave lookups on so aws.ec2.getSubnet finds it." };
    return undefined;
  },
  VPC_CIDRS_REQUIRED: (problem, args) =>
    isPlain(args.vpc?.id)
      ? undefined
      : {
          ...problem,
          hint: "vpc.id is an Output, so its CIDRs cannot be looked up at preview time: set vpc.cidrs (fromAwsxVpc: the cidrs option).",
        },
};

/** The problem as a component user should read it. */
export function explainForComponent(problem: Problem, args: EndpointPlanArgs): Problem {
  return COMPONENT_HINTS[problem.code]?.(problem, args) ?? problem;
}
