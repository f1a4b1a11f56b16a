/**
 * Rule 5, security groups: per endpoint (default), shared per port, or existing groups; then groups
 * that AWS accepts. When a group needs more inbound rules than the quota allows (IPv4 and IPv6
 * counted apart), the declared CIDRs are first merged where they exactly form a larger block, then
 * spread over several groups on the same endpoint, up to the groups-per-interface quota; past that
 * it is QUOTA_EXCEEDED. Never a rule wider than what was declared. docs/codes.md rows "Security groups"
 * and "What AWS would reject".
 */
import { canonicalCidr, mergeBlocks, type MergedBlock } from "../cidr";
import { compareRules, ruleDescription, ruleTarget } from "../security";
import type { IngressRule, PlannedEndpoint, PlannedSecurityGroup, Reason, SecurityGroupSpec } from "../types";
import type { RuleContext } from "./context";
import { ADJUSTABLE, checkQuota, limitText, type QuotaContext, type Quotas } from "./quotas";

export const CODES = {
  SG_PER_ENDPOINT: "reason",
  SG_SHARED: "reason",
  SG_EXISTING: "reason",
  SG_EXTERNAL_ONLY: "reason",
  SG_CIDRS_MERGED: "reason",
  SG_RULES_SPREAD: "reason",
  SG_SHARED_WIDENS_ACCESS: "warning",
  SECURITY_GROUP_IDS_REQUIRED: "problem",
  SECURITY_GROUP_IDS_UNUSED: "problem",
} as const;

export type SecurityGroupContext = RuleContext<keyof typeof CODES>;

/** Resource-name stem of the shared group for port 443; other ports get `endpoints-<port>`. */
export const SHARED_SECURITY_GROUP = "endpoints";

export const sharedGroupName = (port: number): string => (port === 443 ? SHARED_SECURITY_GROUP : `${SHARED_SECURITY_GROUP}-${port}`);

/** Rule 3's interface endpoint beside a gateway admits only the outside consumers. */
export const externalOnly = (ctx: SecurityGroupContext, key: string): Reason =>
  ctx.reason(
    "SG_EXTERNAL_ONLY",
    `The VPC reaches ${key} through the gateway, so the interface endpoint admits only the declared outside consumers.`,
  );

/** Per-endpoint groups (default), one group per port shared by the endpoints on it, or existing groups. */
export function applySecurityGroupMode(ctx: SecurityGroupContext, endpoints: PlannedEndpoint[], spec: SecurityGroupSpec | undefined): void {
  const mode = spec?.mode ?? "perEndpoint";
  const interfaces = endpoints.filter((e) => e.type === "Interface");
  if (mode !== "existing" && spec?.ids?.length) {
    ctx.problem(
      "SECURITY_GROUP_IDS_UNUSED",
      "securityGroup.ids",
      `security group ids are only used with mode: existing (mode is ${mode}).`,
      "Set securityGroup.mode: existing, or remove ids.",
    );
  }
  if (mode === "existing") {
    if (!spec?.ids?.length) {
      ctx.problem(
        "SECURITY_GROUP_IDS_REQUIRED",
        "securityGroup.ids",
        "mode existing needs the security group ids to attach.",
        "Set securityGroup.ids: [sg-...].",
      );
      return;
    }
    const group: PlannedSecurityGroup = { mode, ids: [...spec.ids].sort(), ingress: [] };
    for (const e of interfaces) {
      e.securityGroup = group;
      e.reasons.push(
        ctx.reason("SG_EXISTING", `Existing security groups ${group.ids!.join(", ")} attached; their rules are yours to keep narrow.`),
      );
    }
    return;
  }
  if (mode === "shared") {
    // One group per port: an endpoint never accepts another service's port (least privilege).
    const byPort = new Map<number, PlannedEndpoint[]>();
    for (const e of interfaces) byPort.set(e.port!, [...(byPort.get(e.port!) ?? []), e]);
    for (const [port, users] of byPort) {
      const byRule = new Map(users.flatMap((e) => e.securityGroup!.ingress).map((r) => [canonicalCidr(ruleTarget(r)), r]));
      const group: PlannedSecurityGroup = { name: sharedGroupName(port), mode, ingress: [...byRule.values()].sort(compareRules) };
      for (const e of users) {
        // services[].access narrows who reaches this endpoint; one group per port cannot: say so.
        const own = new Set(e.securityGroup!.ingress.map((r) => canonicalCidr(ruleTarget(r))));
        const beyond = group.ingress.map(ruleTarget).filter((t) => !own.has(canonicalCidr(t)));
        if (beyond.length && e.reasons.some((r) => r.code === "ACCESS_NARROWED"))
          ctx.warn(
            "SG_SHARED_WIDENS_ACCESS",
            `${e.service}'s access is narrowed, but the shared security group ${group.name} admits every source of the endpoints on TCP ${port}, so ${e.service} also admits ${beyond.slice(0, 5).join(", ")}${beyond.length > 5 ? ` and ${beyond.length - 5} more` : ""}.`,
            { path: "securityGroup.mode", service: e.service },
          );
        e.securityGroup = group;
        // The shared group admits the union of its endpoints' sources, so an endpoint that on its own
        // would admit only outside consumers no longer does: say so instead of SG_EXTERNAL_ONLY.
        e.reasons = e.reasons.filter((r) => r.code !== "SG_EXTERNAL_ONLY");
        e.reasons.push(
          ctx.reason(
            "SG_SHARED",
            `One security group (${group.name}) shared by the ${users.length} interface endpoint(s) on TCP ${port}: it admits every declared source of those endpoints, on that port only.`,
          ),
        );
      }
    }
    return;
  }
  for (const e of interfaces)
    e.reasons.push(
      ctx.reason("SG_PER_ENDPOINT", `Own security group: TCP ${e.port} from ${e.securityGroup!.ingress.length} declared source(s) only.`),
    );
}

export interface FitAt {
  quotas: Quotas;
  /** Request path blamed when the rules do not fit. */
  path: string;
  /** What the user can do besides raising the quota. */
  fix: string;
  /** Path of `securityGroup.ids`, for existing groups. */
  idsPath?: string;
  /** Interface slots an endpoint's other (existing) groups take. */
  reserved?: (e: PlannedEndpoint) => number;
}

// A rule that admits a security group counts with the IPv4 rules.
const isV6 = (r: IngressRule): boolean => Boolean(r.cidr?.includes(":"));
const perFamily = (rules: readonly IngressRule[]): [number, number] => {
  const v6 = rules.filter(isV6).length;
  return [rules.length - v6, v6];
};

/** Makes every planned group fit the rules-per-group quota (merging, then spreading), or reports QUOTA_EXCEEDED. */
export function fitSecurityGroups(
  ctx: SecurityGroupContext,
  quotaCtx: QuotaContext,
  endpoints: readonly PlannedEndpoint[],
  at: FitAt,
): void {
  const byGroup = new Map<PlannedSecurityGroup, PlannedEndpoint[]>();
  for (const e of endpoints) {
    if (e.type !== "Interface" || !e.securityGroup) continue;
    const users = byGroup.get(e.securityGroup);
    if (users) users.push(e);
    else byGroup.set(e.securityGroup, [e]);
  }
  // Endpoints of one VPC mostly admit the same consumers: merge each distinct CIDR list once.
  const merges = new Map<string, MergedBlock[]>();
  for (const [group, users] of byGroup) {
    if (group.mode === "existing") {
      checkQuota(quotaCtx, at.quotas, "securityGroupsPerInterface", group.ids?.length ?? 0, {
        path: at.idsPath ?? "securityGroup.ids",
        what: "each endpoint interface",
        fix: "Attach fewer groups",
      });
      continue;
    }
    // Most groups fit as they are: the slots their endpoints leave are counted only for those that do not.
    if (Math.max(...perFamily(group.ingress)) <= at.quotas.rulesPerSecurityGroup) continue;
    const slots = Math.max(1, at.quotas.securityGroupsPerInterface - Math.max(0, ...users.map((e) => at.reserved?.(e) ?? 0)));
    const fitted = fitGroup(group, at.quotas.rulesPerSecurityGroup, slots, merges);
    const services = users.map((e) => e.service).join(", ");
    if (fitted.exceeded) {
      const [v4, v6] = fitted.exceeded;
      const [rules, groups] = [at.quotas.rulesPerSecurityGroup, slots];
      quotaCtx.problem(
        "QUOTA_EXCEEDED",
        at.path,
        `${ADJUSTABLE.rulesPerSecurityGroup.name}: the ${services} endpoint's group needs ${v4} IPv4 and ${v6} IPv6 rules after merging adjacent blocks, more than ${groups} groups of ${rules} hold (limits: ${limitText(at.quotas, "rulesPerSecurityGroup")} and ${limitText(at.quotas, "securityGroupsPerInterface")}).`,
        `${at.fix}, or raise the quotas in Service Quotas and declare quotas.rulesPerSecurityGroup / quotas.securityGroupsPerInterface (their product may not exceed 1,000).`,
      );
      continue;
    }
    for (const e of users) {
      e.securityGroup = fitted.groups[0];
      if (fitted.groups.length > 1) e.securityGroups = fitted.groups;
      if (fitted.merged)
        e.reasons.push(
          ctx.reason(
            "SG_CIDRS_MERGED",
            `${fitted.merged[0]} declared CIDRs merged into ${fitted.merged[1]} blocks that cover exactly them (no other address admitted), to fit ${at.quotas.rulesPerSecurityGroup} rules per group.`,
          ),
        );
      if (fitted.groups.length > 1)
        e.reasons.push(
          ctx.reason(
            "SG_RULES_SPREAD",
            `${fitted.groups.reduce((n, g) => n + g.ingress.length, 0)} rules spread over ${fitted.groups.length} security groups (${fitted.groups.map((g) => g.name).join(", ")}), at most ${at.quotas.rulesPerSecurityGroup} per family each; AWS allows ${at.quotas.securityGroupsPerInterface} per interface.`,
          ),
        );
    }
  }
}

interface Fitted {
  groups: PlannedSecurityGroup[];
  /** Rules before and after merging, when merging changed anything. */
  merged?: [number, number];
  /** IPv4 and IPv6 rules still needed when they cannot fit. */
  exceeded?: [number, number];
}

/** A group with more rules of a family than `limit`, merged and, where still needed, spread. */
function fitGroup(group: PlannedSecurityGroup, limit: number, maxGroups: number, merges: Map<string, MergedBlock[]>): Fitted {
  const rules = mergeRules(group.ingress, merges);
  const merged: [number, number] | undefined = rules.length < group.ingress.length ? [group.ingress.length, rules.length] : undefined;
  const [v4, v6] = perFamily(rules);
  const needed = Math.max(Math.ceil(v4 / limit), Math.ceil(v6 / limit));
  if (needed <= 1) return { groups: [{ ...group, ingress: rules }], merged };
  if (needed > maxGroups) return { groups: [], exceeded: [v4, v6] };
  // One spare group keeps most rules where they are when a consumer is added (fewer replacements).
  const buckets = Math.min(maxGroups, needed + 1);
  const spread = spreadRules(rules, buckets, limit);
  const groups = spread
    .map((ingress, b) => ({ ...group, name: b === 0 ? group.name : `${group.name}-${b + 1}`, ingress: ingress.sort(compareRules) }))
    .filter((g) => g.ingress.length);
  return { groups, merged };
}

/** The group's rules with declared blocks merged where they exactly form a larger one, per port. */
function mergeRules(rules: readonly IngressRule[], merges: Map<string, MergedBlock[]>): IngressRule[] {
  const byCidr = new Map(rules.filter((r) => r.cidr).map((r) => [`${r.fromPort}/${r.cidr}`, r]));
  // Rules that admit a security group stay as they are; only CIDR blocks merge.
  const groupRules = rules.filter((r) => !r.cidr);
  const ports = [...new Set(rules.map((r) => r.fromPort))];
  const merged = (cidrs: string[]): MergedBlock[] => {
    const key = cidrs.join(",");
    return merges.get(key) ?? merges.set(key, mergeBlocks(cidrs)).get(key)!;
  };
  return ports
    .flatMap((port) =>
      merged(rules.filter((r) => r.fromPort === port && r.cidr).map((r) => r.cidr!)).map((m): IngressRule => {
        if (m.covers.length === 1) return byCidr.get(`${port}/${m.covers[0]}`)!;
        const covered = m.covers.map((c) => byCidr.get(`${port}/${c}`)!);
        const sources = [...new Set(covered.map((r) => r.source))];
        return {
          protocol: "tcp",
          fromPort: port,
          toPort: port,
          cidr: m.cidr,
          source: sources.length === 1 ? sources[0] : "merged",
          description: ruleDescription(port, `${m.covers.length} declared blocks`, m.cidr),
          covers: m.covers,
        };
      }),
    )
    .concat(groupRules)
    .sort(compareRules);
}

/** FNV-1a: a stable 32-bit hash, the same on every machine and run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A rule's weight for one bucket: the CIDR's hash mixed with the bucket (murmur3's finalizer). */
function weight(h: number, bucket: number): number {
  let x = (h ^ Math.imul(bucket + 1, 0x9e3779b9)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Rendezvous hashing: each rule goes to the bucket of highest weight(CIDR, bucket) that still has
 * room for its family. A rule's bucket depends on its own CIDR, not on its neighbours, so adding or
 * removing a consumer moves (replaces) few other rules.
 */
function spreadRules(rules: readonly IngressRule[], buckets: number, limit: number): IngressRule[][] {
  const out: IngressRule[][] = Array.from({ length: buckets }, () => []);
  const used = Array.from({ length: buckets }, () => [0, 0]);
  for (const rule of [...rules].sort(compareRules)) {
    const family = isV6(rule) ? 1 : 0;
    const h = hash(canonicalCidr(ruleTarget(rule)));
    let best = -1;
    let bestWeight = -1;
    for (let b = 0; b < buckets; b++) {
      const w = weight(h, b);
      if (used[b][family] < limit && w > bestWeight) [best, bestWeight] = [b, w];
    }
    used[best][family]++;
    out[best].push(rule);
  }
  return out;
}
