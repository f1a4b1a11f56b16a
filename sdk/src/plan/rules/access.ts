/**
 * Rule 13, who: the consumers declared once at the top level (the VPC by CIDR or by security
 * group, on-premises networks, peer VPCs) and narrowed per service. Each endpoint then admits, is
 * chosen for and is priced by exactly its own consumers. docs/codes.md rows "Who connects".
 */
import { didYouMean } from "../../catalog/suggest";
import type { AccessSpec, PeerVpcAccess, PlanFacts, PlanRequest, Reason, ServiceAccess } from "../types";
import type { ResolvedService } from "../validate";
import type { RuleContext } from "./context";

export const CODES = {
  NO_CONSUMERS: "problem",
  ACCESS_NOT_DECLARED: "problem",
  SECURITY_GROUPS_WITHOUT_VPC: "problem",
  SECURITY_GROUP_NOT_IN_VPC: "problem",
  ACCESS_NARROWED: "reason",
  VPC_BY_SECURITY_GROUP: "reason",
} as const;
type Ctx = RuleContext<keyof typeof CODES>;

/** The consumers of one service, after its `access` narrowed the top-level declaration. */
export interface ServiceScope {
  fromVpc: boolean;
  /** The VPC's consumers by security group; undefined when the VPC is admitted by its CIDRs. */
  securityGroups?: string[];
  onPremises?: { cidrs: string[] };
  peerVpcs: PeerVpcAccess[];
  /** Someone outside the VPC (on-premises or a peer) uses the service. */
  external: boolean;
  /** The outside consumers as an access declaration, for the ingress rules. */
  access: AccessSpec;
  /** Why the scope differs from the top level; absent when the service has no `access`. */
  narrowed?: Reason;
}

/** Top-level checks: someone must use the endpoints, and named groups belong to this VPC. */
export function checkAccess(ctx: Ctx, request: PlanRequest, facts: PlanFacts, services: readonly ResolvedService[]): void {
  const access = request.access;
  const external = Boolean(access?.onPremises?.cidrs.length || access?.peerVpcs?.length);
  // extraCidrs only widen the ingress of endpoints someone needs; on their own they decide nothing.
  if (access?.fromVpc === false && !external) {
    ctx.problem(
      "NO_CONSUMERS",
      "access.fromVpc",
      "access.fromVpc is false and no on-premises networks or peer VPCs are declared, so no endpoint is needed.",
      "Set access.fromVpc: true, or declare access.onPremises / access.peerVpcs (access.extraCidrs only widens ingress).",
    );
  }
  if (access?.fromVpc === false && access.securityGroups?.length) {
    ctx.problem(
      "SECURITY_GROUPS_WITHOUT_VPC",
      "access.securityGroups",
      "access.securityGroups names the VPC's consumers, but access.fromVpc is false.",
      "Remove access.securityGroups, or set access.fromVpc: true.",
    );
  }
  const owner = facts.securityGroupVpcs ?? {};
  const inVpc = (ids: readonly string[] | undefined, path: string, what: string): void =>
    (ids ?? []).forEach((id, i) => {
      if (owner[id] !== undefined && owner[id] !== request.vpc.id)
        ctx.problem(
          "SECURITY_GROUP_NOT_IN_VPC",
          `${path}[${i}]`,
          `${id} belongs to ${owner[id]}, not to ${request.vpc.id}: ${what}`,
          `Name a security group of ${request.vpc.id}.`,
        );
    });
  inVpc(access?.securityGroups, "access.securityGroups", "AWS only references groups of the same VPC (or a peered one) as a source.");
  for (const s of services)
    inVpc(s.options.securityGroupIds, `${s.path}.securityGroupIds`, "an endpoint takes only security groups of its own VPC.");
}

/** The service's consumers; undefined (with problems) when its `access` names undeclared ones. */
export function scopeFor(ctx: Ctx, request: PlanRequest, service: ResolvedService): ServiceScope | undefined {
  const top = request.access ?? {};
  const own = service.options.access;
  const path = `${service.path}.access`;
  const key = service.key;
  const topFromVpc = top.fromVpc !== false;
  const topPeers = top.peerVpcs ?? [];
  let ok = true;
  const undeclared = (field: string, message: string, hint: string): void => {
    ok = false;
    ctx.problem("ACCESS_NOT_DECLARED", `${path}.${field}`, message, hint);
  };
  if (own?.fromVpc === true && !topFromVpc)
    undeclared(
      "fromVpc",
      `${key} is to be used from the VPC, but access.fromVpc is false.`,
      "Set access.fromVpc: true, or remove fromVpc here.",
    );
  if (own?.onPremises === true && !top.onPremises)
    undeclared(
      "onPremises",
      `${key} is to be used from on-premises, but access.onPremises declares no networks.`,
      "Declare access.onPremises.cidrs, or remove onPremises here.",
    );
  (own?.peerVpcs ?? []).forEach((name, i) => {
    if (!topPeers.some((p) => p.name === name)) {
      const hint = didYouMean(
        name,
        topPeers.map((p) => p.name),
      );
      undeclared(
        `peerVpcs[${i}]`,
        `peer VPC "${name}" is not declared in access.peerVpcs.`,
        hint ? capital(hint) : "Declare it in access.peerVpcs first.",
      );
    }
  });
  (own?.securityGroups ?? []).forEach((id, i) => {
    if (!top.securityGroups?.includes(id))
      undeclared(`securityGroups[${i}]`, `${id} is not one of access.securityGroups.`, "Add it to access.securityGroups first.");
  });
  if (!ok) return undefined;

  const scope = narrowScope(top, own);
  if (own && !scope.fromVpc && !scope.external) {
    ctx.problem(
      "NO_CONSUMERS",
      path,
      `${key}'s access leaves it no consumer, so it needs no endpoint.`,
      `Name at least one consumer, or remove ${key} from services.`,
    );
    return undefined;
  }
  // No request position in a reason: the same request in another order must plan byte-identically.
  if (own)
    scope.narrowed = ctx.reason("ACCESS_NARROWED", `${key} is used by ${describe(scope)} only (its own access narrows the top-level one).`);
  return scope;
}

/** The reason an endpoint admits the VPC by group, not by CIDR. */
export function byGroupReason(ctx: Ctx, key: string, groups: readonly string[]): Reason {
  return ctx.reason(
    "VPC_BY_SECURITY_GROUP",
    `The ${key} endpoint admits the VPC's workloads by security group (${groups.join(", ")}), not the VPC's CIDRs.`,
  );
}

/** The top-level access narrowed by a service's own (pure; names it does not declare are dropped). */
export function narrowScope(top: AccessSpec, own: ServiceAccess | undefined): ServiceScope {
  const fromVpc = top.fromVpc !== false && own?.fromVpc !== false;
  const onPremises = own?.onPremises === false ? undefined : top.onPremises;
  const topPeers = top.peerVpcs ?? [];
  const peerVpcs = own?.peerVpcs ? topPeers.filter((p) => own.peerVpcs!.includes(p.name)) : topPeers;
  const groups = own?.securityGroups ? top.securityGroups?.filter((g) => own.securityGroups!.includes(g)) : top.securityGroups;
  const scope: ServiceScope = {
    fromVpc,
    peerVpcs,
    external: Boolean(onPremises?.cidrs.length || peerVpcs.length),
    access: { ...(onPremises ? { onPremises } : {}), peerVpcs, ...(top.extraCidrs ? { extraCidrs: top.extraCidrs } : {}) },
  };
  if (onPremises) scope.onPremises = onPremises;
  if (fromVpc && groups?.length) scope.securityGroups = [...groups].sort();
  return scope;
}

function describe(scope: ServiceScope): string {
  const who: string[] = [];
  if (scope.fromVpc) who.push(scope.securityGroups ? `security groups ${scope.securityGroups.join(", ")}` : "the VPC");
  if (scope.onPremises) who.push("on-premises");
  if (scope.peerVpcs.length)
    who.push(
      `peer VPCs ${scope.peerVpcs
        .map((p) => p.name)
        .sort()
        .join(", ")}`,
    );
  return who.join(", ");
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
