/**
 * The DNS part of a diff: the Resolver inbound endpoint (per VPC), the network's DNS-sharing mode,
 * and the hub's zones and Profile with the spoke VPCs they reach. A review needs these as much as
 * the endpoints: switching `dnsSharing` from zones to a Profile deletes every zone and association
 * and creates the Profile, and a spoke loses the hub's names between the two.
 */
import { money } from "../plan/cost";
import type { NetworkPlan } from "../plan/multi/types";
import type { Diagnostic, Plan, PlannedResolver } from "../plan/types";

/** What a diff warns of: codes typed here as the planner's rule modules type theirs. */
export const CODES = { DNS_SHARING_SWITCH_FAILS: "warning" } as const;

/** DNS sharing's monthly cost on one side, by what pays it: the hub's zones, its Profile, every Resolver endpoint. */
export interface DnsCost {
  zonesMonthlyUsd: number;
  profileMonthlyUsd: number;
  /** Resolver inbound endpoints of every VPC (already in the plans' monthly totals). */
  resolversMonthlyUsd: number;
}

/** A spoke that resolves a hub zone (`zone`) or the hub's Route 53 Profile (`profile`). */
export interface DnsAssociation {
  spoke: string;
  vpcId: string;
  /** The zone name; absent for a Profile association. */
  zone?: string;
  profile?: true;
}

export interface ResolverChange {
  /** `hub` or `spoke:<name>` in a network diff; absent for one VPC. */
  vpc?: string;
  change: "add" | "remove" | "change";
  /** What changes on a resolver that stays (`subnetIds`, `azs`); AWS updates its IP addresses in place. */
  fields: Array<{ field: "subnetIds" | "azs"; base: string[]; head: string[] }>;
  baseMonthlyUsd: number;
  headMonthlyUsd: number;
}

export interface DnsDiff {
  resolvers: ResolverChange[];
  /** Network diffs whose DNS-sharing mode changes (zones <-> profile); null otherwise. */
  sharing: { base: "zones" | "profile"; head: "zones" | "profile" } | null;
  zones: { added: string[]; removed: string[] };
  associations: { added: DnsAssociation[]; removed: DnsAssociation[] };
  /** What the change risks in AWS (DNS_SHARING_SWITCH_FAILS), with the way around it. */
  warnings: Diagnostic[];
}

/** Zones, Profile and Resolver endpoints of one side; zones and Profile only where the hub shares something. */
export function dnsCostOf(input: Input, resolvers: Map<string, PlannedResolver>): DnsCost {
  const sharing = isNetwork(input) ? input.cost.dnsMonthlyUsd : 0;
  const mode = isNetwork(input) ? input.dnsSharing.mode : null;
  return {
    zonesMonthlyUsd: mode === "zones" ? sharing : 0,
    profileMonthlyUsd: mode === "profile" ? sharing : 0,
    resolversMonthlyUsd: money([...resolvers.values()].reduce((sum, r) => sum + r.monthlyCostUsd, 0)),
  };
}

/**
 * Zones -> Profile in one update fails: Pulumi updates before it deletes, so the shared endpoints'
 * private DNS is turned on while the hub's zones for the same names are still associated with the
 * VPC, and AWS refuses (`ConflictingDomainExists`, README "DNS sharing"). The two-step path instead.
 */
function switchWarnings(sharing: DnsDiff["sharing"]): Diagnostic[] {
  if (sharing?.base !== "zones" || sharing.head !== "profile") return [];
  return [
    {
      code: "DNS_SHARING_SWITCH_FAILS",
      message:
        "Switching DNS sharing from zones to a Route 53 Profile in one update fails with ConflictingDomainExists: the shared endpoints' private DNS is turned on while the hub's zones for the same names are still associated. Do it in two steps: first remove the spokes' zone associations (their stacks) and destroy the hub's zones (pulumi destroy --target <each zone's URN> --target-dependents; spokes resolve the services publicly meanwhile), then apply this change to the hub, then to the spokes.",
      path: "dnsSharing",
    },
  ];
}

type Input = Plan | NetworkPlan;
const isNetwork = (p: Input): p is NetworkPlan => (p as NetworkPlan).kind === "network";

/** Per VPC label, the resolver the plan creates; `single` labels a single-VPC plan as in diffPlans. */
export function resolversOf(input: Input, single: string): Map<string, PlannedResolver> {
  const out = new Map<string, PlannedResolver>();
  const add = (label: string, plan: Plan | null): void => {
    if (plan?.resolver) out.set(label, plan.resolver);
  };
  if (!isNetwork(input)) add(single, input);
  else {
    add("hub", input.hub.plan);
    for (const s of input.spokes) add(`spoke:${s.name}`, s.plan);
  }
  return out;
}

const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && [...a].sort().join() === [...b].sort().join();

function resolverChanges(base: Map<string, PlannedResolver>, head: Map<string, PlannedResolver>): ResolverChange[] {
  const out: ResolverChange[] = [];
  for (const vpc of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const b = base.get(vpc);
    const h = head.get(vpc);
    const where = vpc ? { vpc } : {};
    const cost = { baseMonthlyUsd: b?.monthlyCostUsd ?? 0, headMonthlyUsd: h?.monthlyCostUsd ?? 0 };
    if (!b || !h) {
      out.push({ ...where, change: b ? "remove" : "add", fields: [], ...cost });
      continue;
    }
    const fields = (["subnetIds", "azs"] as const)
      .filter((f) => !sameSet(b[f], h[f]))
      .map((field) => ({ field, base: b[field], head: h[field] }));
    if (fields.length || cost.baseMonthlyUsd !== cost.headMonthlyUsd) out.push({ ...where, change: "change", fields, ...cost });
  }
  return out;
}

function associationsOf(input: Input): Map<string, DnsAssociation> {
  const out = new Map<string, DnsAssociation>();
  if (!isNetwork(input)) return out;
  for (const z of input.zones)
    for (const a of z.associations) out.set(`zone/${z.name}/${a.spoke}`, { spoke: a.spoke, vpcId: a.vpcId, zone: z.name });
  for (const a of input.profile?.associations ?? []) out.set(`profile/${a.spoke}`, { spoke: a.spoke, vpcId: a.vpcId, profile: true });
  return out;
}

function added<T>(base: Map<string, T>, head: Map<string, T>): T[] {
  return [...head.keys()]
    .filter((k) => !base.has(k))
    .sort()
    .map((k) => head.get(k)!);
}

export function diffDns(
  baseInput: Input,
  headInput: Input,
  resolvers: { base: Map<string, PlannedResolver>; head: Map<string, PlannedResolver> },
): DnsDiff {
  const baseMode = isNetwork(baseInput) ? baseInput.dnsSharing.mode : null;
  const headMode = isNetwork(headInput) ? headInput.dnsSharing.mode : null;
  const zoneNames = (p: Input): Map<string, string> => new Map(isNetwork(p) ? p.zones.map((z) => [z.name, z.name]) : []);
  const [baseZones, headZones] = [zoneNames(baseInput), zoneNames(headInput)];
  const [baseAssoc, headAssoc] = [associationsOf(baseInput), associationsOf(headInput)];
  const sharing = baseMode && headMode && baseMode !== headMode ? { base: baseMode, head: headMode } : null;
  return {
    resolvers: resolverChanges(resolvers.base, resolvers.head),
    sharing,
    zones: { added: added(baseZones, headZones), removed: added(headZones, baseZones) },
    associations: { added: added(baseAssoc, headAssoc), removed: added(headAssoc, baseAssoc) },
    warnings: switchWarnings(sharing),
  };
}

/** Changes the DNS part counts (summary `dns`). */
export const dnsChangeCount = (d: DnsDiff): number =>
  d.resolvers.length +
  (d.sharing ? 1 : 0) +
  d.zones.added.length +
  d.zones.removed.length +
  d.associations.added.length +
  d.associations.removed.length;
