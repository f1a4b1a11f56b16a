/**
 * The DNS part of a diff: the Resolver inbound endpoint (per VPC), the network's DNS-sharing mode,
 * and the hub's zones and Profile with the spoke VPCs they reach. A review needs these as much as
 * the endpoints: switching `dnsSharing` from zones to a Profile deletes every zone and association
 * and creates the Profile, and a spoke loses the hub's names between the two.
 */
import type { NetworkPlan } from "../plan/multi/types";
import type { Plan, PlannedResolver } from "../plan/types";

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
  return {
    resolvers: resolverChanges(resolvers.base, resolvers.head),
    sharing: baseMode && headMode && baseMode !== headMode ? { base: baseMode, head: headMode } : null,
    zones: { added: added(baseZones, headZones), removed: added(headZones, baseZones) },
    associations: { added: added(baseAssoc, headAssoc), removed: added(headAssoc, baseAssoc) },
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
