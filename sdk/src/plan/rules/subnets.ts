/**
 * Rule 13, where: interface ENIs go in private subnets (a public subnet, one whose route table
 * sends traffic to an internet gateway, only where an AZ has no other), and `subnetTags` picks the
 * subnets without listing ids. AWS's definition of a public subnet:
 * https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html. docs/codes.md rows "Where".
 */
import type { Placement } from "../placement";
import type { PlanRequest, Reason, SubnetSpec } from "../types";
import type { RuleContext } from "./context";

export const CODES = {
  PUBLIC_SUBNET_USED: "warning",
  PUBLIC_SUBNET_SKIPPED: "reason",
  SUBNETS_BY_TAG: "reason",
  NO_SUBNET_MATCHES_TAGS: "problem",
} as const;
type Ctx = RuleContext<keyof typeof CODES>;

export interface TagSelection<S> {
  subnets: S[];
  /** Why these subnets, when tags chose them. */
  reason?: Reason;
}

/** The subnets carrying every `subnetTags` pair (all of them when no tags are asked for). */
export function selectByTags<S extends SubnetSpec>(ctx: Ctx, request: PlanRequest, subnets: S[]): TagSelection<S> {
  const wanted = Object.entries(request.subnetTags ?? {});
  if (!wanted.length) return { subnets };
  const chosen = subnets.filter((s) => wanted.every(([k, v]) => s.tags?.[k] === v));
  const label = wanted
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(", ");
  if (!chosen.length && subnets.length) {
    ctx.problem(
      "NO_SUBNET_MATCHES_TAGS",
      "subnetTags",
      `none of the ${subnets.length} subnet(s) carries the tags ${label}.`,
      "Fix subnetTags, or tag the subnets (with --from-aws and the components, subnets[].tags come from AWS).",
    );
  }
  return {
    subnets: chosen,
    reason: ctx.reason("SUBNETS_BY_TAG", `Subnets chosen by tags ${label}: ${chosen.length} of ${subnets.length}.`),
  };
}

/**
 * Says which public subnets the placement avoided, and warns where it had to use one; `who` names
 * what owns the ENIs (a service's endpoint, or the Resolver inbound endpoint).
 */
export function reportPublicSubnets(ctx: Ctx, who: { label: string; service?: string }, placement: Placement, reasons: Reason[]): void {
  if (placement.publicSkipped.length)
    reasons.push(
      ctx.reason(
        "PUBLIC_SUBNET_SKIPPED",
        `Public subnets ${placement.publicSkipped.map((s) => s.id).join(", ")} not used: their AZs have private subnets for the ENIs.`,
      ),
    );
  for (const s of placement.publicUsed)
    ctx.warn(
      "PUBLIC_SUBNET_USED",
      `${who.label} puts its ${s.az} ENI in public subnet ${s.id}, the only subnet there: it routes to an internet gateway.`,
      { path: "subnets", ...(who.service ? { service: who.service } : {}) },
    );
}
