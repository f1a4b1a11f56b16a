/**
 * `vpce-plan diff`: what a change to a request (or a plan) does before it ships. Pure and
 * deterministic: two plans in, one diff out. Endpoints are matched by `name` (the resource-name
 * stem, per VPC) and compared field by field over whatever the plan JSON holds, so fields added to
 * the plan contract later show up here without code changes.
 */
import { money } from "../plan/cost";
import type { NetworkPlan } from "../plan/multi/types";
import type { Plan } from "../plan/types";
import { diffDns, dnsChangeCount, dnsCostOf, resolversOf, type DnsCost, type DnsDiff } from "./dns";
import { replacesEndpoint } from "./replacements";

export type { DnsAssociation, DnsCost, DnsDiff, ResolverChange } from "./dns";
export { CODES as DIFF_CODES } from "./dns";
export { REPLACING_FIELDS, replacesEndpoint } from "./replacements";
export { LIVE_FIELDS, planFromSnapshot } from "./live";

/** One side of a diff: a single-VPC plan or a network plan. */
export type DiffInput = Plan | NetworkPlan;

export interface FieldChange {
  /** Dotted path into the plan's endpoint object (`dnsOptions.dnsRecordIpType`), or `vpcId`. */
  field: string;
  base: unknown;
  head: unknown;
  /** True when the AWS provider replaces the aws.ec2.VpcEndpoint for this change (docs/reviewing.md "Replacements"). */
  replaces: boolean;
}

export interface CostDelta {
  baseMonthlyUsd: number;
  headMonthlyUsd: number;
  deltaMonthlyUsd: number;
}

export interface EndpointRef {
  name: string;
  /** `hub` or `spoke:<name>` in a network diff; absent for one VPC. */
  vpc?: string;
  service: string;
  serviceName: string;
  type: string;
  cost: CostDelta;
  /**
   * An added endpoint that takes over its service from a removed one of the other type (gateway <->
   * interface): AWS cannot change an endpoint's type, so this is a replacement; the removed one's name.
   */
  replacing?: string;
}

export interface ChangedEndpoint extends EndpointRef {
  changes: FieldChange[];
  /** Any change replaces the endpoint (AWS creates a new one and deletes the old). */
  replaces: boolean;
}

export interface RuleChange {
  /** The endpoint whose security group admits the source (`resolver` for the Resolver inbound endpoint's group). */
  endpoint: string;
  vpc?: string;
  protocol: string;
  fromPort: number;
  toPort: number;
  /** The admitted CIDR, or absent when the rule admits a security group. */
  cidr?: string;
  /** The admitted security group (`source: "securityGroup"`). */
  securityGroupId?: string;
  source?: string;
  description?: string;
}

export interface AssignmentMove {
  spoke: string;
  service: string;
  /** `hub`, `local`, or null when the spoke did not use the service on that side. */
  base: "hub" | "local" | null;
  head: "hub" | "local" | null;
}

export interface PlanDiff {
  version: 1;
  kind: "diff";
  base: { kind: "plan" | "network"; vpcId: string; region: string };
  head: { kind: "plan" | "network"; vpcId: string; region: string };
  endpoints: { added: EndpointRef[]; removed: EndpointRef[]; changed: ChangedEndpoint[] };
  securityGroupRules: { added: RuleChange[]; removed: RuleChange[] };
  /** Network diffs: spokes whose service moves between the hub and their own endpoint. */
  assignments: AssignmentMove[];
  /** Network diffs: spokes only the head has (added) or only the base has (removed), by name. */
  spokes: { added: string[]; removed: string[] };
  /** Resolver inbound endpoints, the DNS-sharing mode, hub zones and the spokes' zone and Profile associations. */
  dns: DnsDiff;
  /**
   * The monthly totals, DNS sharing included (a network plan keeps it out of its monthlyTotalUsd),
   * and the DNS part by what pays it: zones, Profile, Resolver endpoints (these already in the plans' totals).
   */
  cost: CostDelta & { dns: { zones: CostDelta; profile: CostDelta; resolvers: CostDelta } };
  summary: {
    added: number;
    removed: number;
    changed: number;
    replaced: number;
    rulesAdded: number;
    rulesRemoved: number;
    moved: number;
    /** Entries in `dns`. */
    dns: number;
  };
}

/** The endpoint object as the plan JSON has it; only `name` and cost fields are assumed. */
type EndpointJson = Record<string, unknown> & { name: string; monthlyCostUsd?: number };

interface Side {
  kind: "plan" | "network";
  vpcId: string;
  region: string;
  total: number;
  /** Per VPC label ("" for one VPC): its vpcId and endpoints by name. */
  vpcs: Map<string, { vpcId: string; endpoints: Map<string, EndpointJson> }>;
  /** spoke -> service -> placement. */
  assignments: Map<string, Map<string, "hub" | "local">>;
}

const isNetwork = (p: DiffInput): p is NetworkPlan => (p as NetworkPlan).kind === "network";

/** Plan JSON round-trips: a plan read from a file and one made in-process compare the same. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** `single` is the label of a single-VPC plan: "hub" when the other side is a network, so the hub's endpoints compare with it. */
function sideOf(input: DiffInput, single: string): Side {
  const vpcs: Side["vpcs"] = new Map();
  const add = (label: string, plan: Plan | null, vpcId: string): void => {
    const endpoints = new Map<string, EndpointJson>();
    for (const e of plan?.endpoints ?? []) endpoints.set(e.name, plain(e) as unknown as EndpointJson);
    vpcs.set(label, { vpcId: plan?.vpcId ?? vpcId, endpoints });
  };
  const assignments: Side["assignments"] = new Map();
  if (!isNetwork(input)) {
    add(single, input, input.vpcId);
    return { kind: "plan", vpcId: input.vpcId, region: input.region, total: input.cost.monthlyTotalUsd, vpcs, assignments };
  }
  add("hub", input.hub.plan, input.hub.vpcId);
  for (const s of input.spokes) {
    add(`spoke:${s.name}`, s.plan, s.vpcId);
    const placements = new Map<string, "hub" | "local">();
    for (const service of s.fromHub) placements.set(service, "hub");
    for (const service of s.local) placements.set(service, "local");
    assignments.set(s.name, placements);
  }
  // DNS sharing (zones or Profile) is billed beside the endpoints: a change of it is a change of the bill.
  const total = input.cost.monthlyTotalUsd + input.cost.dnsMonthlyUsd;
  return { kind: "network", vpcId: input.hub.vpcId, region: input.region, total, vpcs, assignments };
}

/** Not compared field by field: cost has its own columns, reasons explain rather than configure. */
const SKIPPED = new Set(["name", "reasons", "cost", "monthlyCostUsd"]);
/** Security groups are compared as rules added and removed; their other fields field by field. */
const GROUP_FIELDS = new Set(["securityGroup", "securityGroups"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Nested objects become dotted paths, so a change names the field inside (`dnsOptions.x`); arrays stay whole. */
function flatten(value: Record<string, unknown>, prefix = "", out: Map<string, unknown> = new Map()): Map<string, unknown> {
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!prefix && SKIPPED.has(key)) continue;
    if (isObject(v) && Object.keys(v).length && !(prefix === "" && key === "policy")) flatten(v, path, out);
    else out.set(path, v);
  }
  return out;
}

/** Set-like arrays (ids, AZs) compare without order; the planner sorts them, live reads may not. */
const normal = (v: unknown): string =>
  JSON.stringify(Array.isArray(v) && v.every((x) => typeof x === "string") ? [...v].sort() : (v ?? null));

function withoutIngress(e: EndpointJson): EndpointJson {
  const copy: EndpointJson = { ...e };
  for (const key of GROUP_FIELDS) {
    const group = copy[key];
    if (Array.isArray(group)) copy[key] = group.map((g) => (isObject(g) ? { ...g, ingress: undefined } : g));
    else if (isObject(group)) copy[key] = { ...group, ingress: undefined };
  }
  return JSON.parse(JSON.stringify(copy)) as EndpointJson;
}

function fieldChanges(base: EndpointJson, head: EndpointJson, baseVpc: string, headVpc: string, only?: ReadonlySet<string>): FieldChange[] {
  const compared = (m: Map<string, unknown>): Map<string, unknown> =>
    only ? new Map([...m].filter(([field]) => only.has(field.split(".")[0]))) : m;
  const a = compared(flatten(withoutIngress(base)));
  // A field the restricted base does not report (EC2 omits some, emulators more) is not a change.
  const b = new Map([...compared(flatten(withoutIngress(head)))].filter(([field]) => !only || a.has(field)));
  const changes: FieldChange[] = [];
  if (baseVpc !== headVpc) changes.push({ field: "vpcId", base: baseVpc, head: headVpc, replaces: replacesEndpoint("vpcId", head.type) });
  for (const field of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (normal(a.get(field)) === normal(b.get(field))) continue;
    changes.push({
      field,
      base: a.get(field) ?? null,
      head: b.get(field) ?? null,
      replaces: replacesEndpoint(field, head.type),
    });
  }
  return changes;
}

function rulesOf(e: EndpointJson, vpc: string | undefined): Map<string, RuleChange> {
  const groups = [e.securityGroup, ...(Array.isArray(e.securityGroups) ? e.securityGroups : [])].filter(isObject);
  const out = new Map<string, RuleChange>();
  for (const g of groups) {
    for (const r of Array.isArray(g.ingress) ? g.ingress : []) {
      if (!isObject(r)) continue;
      const rule: RuleChange = {
        endpoint: e.name,
        ...(vpc ? { vpc } : {}),
        protocol: String(r.protocol ?? "tcp"),
        fromPort: Number(r.fromPort),
        toPort: Number(r.toPort),
        ...(typeof r.cidr === "string" ? { cidr: r.cidr } : {}),
        ...(typeof r.securityGroupId === "string" ? { securityGroupId: r.securityGroupId } : {}),
        ...(typeof r.source === "string" ? { source: r.source } : {}),
        ...(typeof r.description === "string" ? { description: r.description } : {}),
      };
      out.set(`${rule.protocol}/${rule.fromPort}-${rule.toPort}/${rule.cidr ?? rule.securityGroupId}`, rule);
    }
  }
  return out;
}

const costOf = (e: EndpointJson | undefined): number => (typeof e?.monthlyCostUsd === "number" ? e.monthlyCostUsd : 0);
const delta = (base: number, head: number): CostDelta => ({
  baseMonthlyUsd: money(base),
  headMonthlyUsd: money(head),
  deltaMonthlyUsd: money(head - base),
});

function ref(e: EndpointJson, vpc: string, base: EndpointJson | undefined, head: EndpointJson | undefined): EndpointRef {
  return {
    name: e.name,
    ...(vpc ? { vpc } : {}),
    service: String(e.service ?? e.name),
    serviceName: String(e.serviceName ?? ""),
    type: String(e.type ?? ""),
    cost: delta(costOf(base), costOf(head)),
  };
}

export interface DiffOptions {
  /** Compare only these endpoint fields (top-level names), and only where the base has them: what a live VPC reports. */
  fields?: ReadonlySet<string>;
  /** Compare Resolver endpoints, zones and Profiles (default true); a live VPC read from EC2 cannot tell them. */
  dns?: boolean;
}

const NO_DNS_CHANGES: DnsDiff = {
  resolvers: [],
  sharing: null,
  zones: { added: [], removed: [] },
  associations: { added: [], removed: [] },
  warnings: [],
};

export function diffPlans(baseInput: DiffInput, headInput: DiffInput, options: DiffOptions = {}): PlanDiff {
  const single = isNetwork(baseInput) !== isNetwork(headInput) ? "hub" : "";
  const base = sideOf(baseInput, single);
  const head = sideOf(headInput, single);
  const added: EndpointRef[] = [];
  const removed: EndpointRef[] = [];
  const changed: ChangedEndpoint[] = [];
  const rulesAdded: RuleChange[] = [];
  const rulesRemoved: RuleChange[] = [];
  const labels = [...new Set([...base.vpcs.keys(), ...head.vpcs.keys()])].sort();
  for (const vpc of labels) {
    const b = base.vpcs.get(vpc);
    const h = head.vpcs.get(vpc);
    const names = [...new Set([...(b?.endpoints.keys() ?? []), ...(h?.endpoints.keys() ?? [])])].sort();
    for (const name of names) {
      const be = b?.endpoints.get(name);
      const he = h?.endpoints.get(name);
      const baseRules = be ? rulesOf(be, vpc) : new Map<string, RuleChange>();
      const headRules = he ? rulesOf(he, vpc) : new Map<string, RuleChange>();
      for (const [k, r] of headRules) if (!baseRules.has(k)) rulesAdded.push(r);
      for (const [k, r] of baseRules) if (!headRules.has(k)) rulesRemoved.push(r);
      if (!be) added.push(ref(he!, vpc, be, he));
      else if (!he) removed.push(ref(be, vpc, be, he));
      else {
        const changes = fieldChanges(be, he, b!.vpcId, h!.vpcId, options.fields);
        if (!changes.length && costOf(be) === costOf(he)) continue;
        changed.push({ ...ref(he, vpc, be, he), changes, replaces: changes.some((c) => c.replaces) });
      }
    }
  }
  const switched = typeSwitches(added, removed);
  // The resolver's group is a security group like an endpoint's: its rules are reviewed the same way.
  const compareDns = options.dns ?? true;
  const resolvers = (p: DiffInput): ReturnType<typeof resolversOf> => (compareDns ? resolversOf(p, single) : new Map());
  const [baseResolvers, headResolvers] = [resolvers(baseInput), resolvers(headInput)];
  for (const vpc of [...new Set([...baseResolvers.keys(), ...headResolvers.keys()])].sort()) {
    const rules = (r: typeof baseResolvers): Map<string, RuleChange> => {
      const resolver = r.get(vpc);
      return resolver ? rulesOf(resolver as unknown as EndpointJson, vpc) : new Map();
    };
    const [b, h] = [rules(baseResolvers), rules(headResolvers)];
    for (const [k, r] of h) if (!b.has(k)) rulesAdded.push(r);
    for (const [k, r] of b) if (!h.has(k)) rulesRemoved.push(r);
  }
  const dns = compareDns ? diffDns(baseInput, headInput, { base: baseResolvers, head: headResolvers }) : NO_DNS_CHANGES;
  const assignments = moves(base, head);
  const endpoints = { added, removed, changed };
  const spokesOf = (side: Side, other: Side): string[] =>
    [...side.vpcs.keys()]
      .filter((label) => label.startsWith("spoke:") && !other.vpcs.has(label))
      .map((label) => label.slice("spoke:".length))
      .sort();
  return {
    version: 1,
    kind: "diff",
    base: { kind: base.kind, vpcId: base.vpcId, region: base.region },
    head: { kind: head.kind, vpcId: head.vpcId, region: head.region },
    endpoints,
    securityGroupRules: { added: rulesAdded, removed: rulesRemoved },
    assignments,
    spokes: { added: spokesOf(head, base), removed: spokesOf(base, head) },
    dns,
    cost: { ...delta(base.total, head.total), dns: dnsCostDelta(baseInput, headInput, baseResolvers, headResolvers) },
    summary: {
      added: added.length,
      removed: removed.length,
      changed: changed.length,
      replaced: changed.filter((c) => c.replaces).length + switched,
      rulesAdded: rulesAdded.length,
      rulesRemoved: rulesRemoved.length,
      moved: assignments.length,
      dns: dnsChangeCount(dns),
    },
  };
}

function dnsCostDelta(
  baseInput: DiffInput,
  headInput: DiffInput,
  baseResolvers: ReturnType<typeof resolversOf>,
  headResolvers: ReturnType<typeof resolversOf>,
): PlanDiff["cost"]["dns"] {
  const [b, h]: DnsCost[] = [dnsCostOf(baseInput, baseResolvers), dnsCostOf(headInput, headResolvers)];
  return {
    zones: delta(b.zonesMonthlyUsd, h.zonesMonthlyUsd),
    profile: delta(b.profileMonthlyUsd, h.profileMonthlyUsd),
    resolvers: delta(b.resolversMonthlyUsd, h.resolversMonthlyUsd),
  };
}

/**
 * A service whose endpoint in one VPC changes type (README "Replacements": the type is ForceNew):
 * the two names differ (`s3-gateway` and `s3`), so it shows as one added and one removed, and is
 * marked on the added one as the replacement it is. Returns how many.
 */
function typeSwitches(added: EndpointRef[], removed: readonly EndpointRef[]): number {
  const taken = new Set<EndpointRef>();
  for (const a of added) {
    const old = removed.find((r) => !taken.has(r) && r.vpc === a.vpc && r.service === a.service && r.type !== a.type);
    if (!old) continue;
    taken.add(old);
    a.replacing = old.name;
  }
  return taken.size;
}

function moves(base: Side, head: Side): AssignmentMove[] {
  const out: AssignmentMove[] = [];
  for (const spoke of [...new Set([...base.assignments.keys(), ...head.assignments.keys()])].sort()) {
    const b = base.assignments.get(spoke) ?? new Map();
    const h = head.assignments.get(spoke) ?? new Map();
    for (const service of [...new Set([...b.keys(), ...h.keys()])].sort()) {
      const from = b.get(service) ?? null;
      const to = h.get(service) ?? null;
      // A spoke that starts or stops using a service is an endpoint change, shown there; a move is hub <-> local.
      if (from && to && from !== to) out.push({ spoke, service, base: from, head: to });
    }
  }
  return out;
}

/** Anything at all changed (`--fail-on change`). */
export const hasChanges = (d: PlanDiff): boolean => Object.values(d.summary).some((n) => n > 0) || d.cost.deltaMonthlyUsd !== 0;

/** Some endpoint is replaced (`--fail-on replace`). */
export const hasReplacements = (d: PlanDiff): boolean => d.summary.replaced > 0;
