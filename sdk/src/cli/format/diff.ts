/** Renders a diff as a table (terminal), markdown (a cost-review pull-request comment) or JSON (the contract). */
import type { ChangedEndpoint, DnsAssociation, EndpointRef, FieldChange, PlanDiff, ResolverChange, RuleChange } from "../../diff";
import type { NetworkPlan } from "../../plan/multi/types";
import type { Plan } from "../../plan/types";
import { cutNote, fitComment, mdCode, mdTable, mdText, moreLine, type Block, type MarkdownOptions } from "./markdown";
import { networkDiagram, planDiagram, type DiagramMarks } from "./mermaid";
import { headerTitle, renderTable, usd } from "./table";

const HEADER = ["CHANGE", "ENDPOINT", "TYPE", "FIELDS", "REPLACES", "BASE", "HEAD", "DELTA"];

/** `+$7.30`, `-$14.60`, `$0.00`: deltas always carry their sign. */
export const signedUsd = (n: number): string => (n > 0 ? `+${usd(n)}` : n < 0 ? `-${usd(-n)}` : usd(0));

const endpointLabel = (e: EndpointRef): string => (e.vpc ? `${e.vpc}/${e.name}` : e.name);

const value = (v: unknown): string =>
  v === null || v === undefined ? "-" : Array.isArray(v) ? v.join(",") || "-" : typeof v === "object" ? JSON.stringify(v) : String(v);

const fieldText = (c: FieldChange): string => `${c.field} ${value(c.base)} -> ${value(c.head)}${c.replaces ? " (replaces)" : ""}`;

function rows(diff: PlanDiff): string[][] {
  const row = (kind: string, e: EndpointRef, fields: string, replaces: string): string[] => [
    kind,
    endpointLabel(e),
    e.type,
    fields,
    replaces,
    usd(e.cost.baseMonthlyUsd),
    usd(e.cost.headMonthlyUsd),
    signedUsd(e.cost.deltaMonthlyUsd),
  ];
  const replacing = (c: ChangedEndpoint): string =>
    c.replaces
      ? `yes: ${c.changes
          .filter((f) => f.replaces)
          .map((f) => f.field)
          .join(", ")}`
      : "no";
  return [
    ...diff.endpoints.added.map((e) => row("add", e, "", e.replacing ? `yes: type (replaces ${e.replacing})` : "-")),
    ...diff.endpoints.removed.map((e) => row("remove", e, "", "-")),
    ...diff.endpoints.changed.map((e) => row("change", e, e.changes.map(fieldText).join("; ") || "cost only", replacing(e))),
  ];
}

/**
 * EC2's IpProtocol numbers and names, as live rules carry them: "-1" is every protocol (and then
 * every port, which EC2 gives as -1). https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
 */
const PROTOCOLS: Record<string, string> = { "-1": "all traffic", "1": "icmp", "6": "tcp", "17": "udp", "58": "icmpv6" };

function portsText(r: RuleChange): string {
  const protocol = PROTOCOLS[r.protocol] ?? r.protocol;
  if (r.protocol === "-1") return protocol;
  if (r.fromPort === -1 || (r.fromPort === 0 && r.toPort === 65535)) return `${protocol} all ports`;
  return `${protocol} ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`}`;
}

const ruleText = (r: RuleChange): string =>
  `${r.vpc ? `${r.vpc}/` : ""}${r.endpoint}: ${portsText(r)} from ${r.cidr ?? r.securityGroupId}${r.source ? ` (${r.source})` : ""}`;

/** The sources the added rules admit: one CIDR or group admitted on several endpoints is one source. */
const newSources = (diff: PlanDiff): number => new Set(diff.securityGroupRules.added.map((r) => r.cidr ?? r.securityGroupId)).size;

const resolverLabel = (r: ResolverChange): string => `${r.vpc ? `${r.vpc}/` : ""}resolver`;
const associationText = (a: DnsAssociation): string => `${a.spoke} (${a.vpcId}) ${a.zone ? `zone ${a.zone}` : "Route 53 Profile"}`;

/** One line per DNS change, `+` added, `-` removed, `~` changed: the same words in table and markdown. */
function dnsLines(diff: PlanDiff): string[] {
  const { resolvers, sharing, zones, associations } = diff.dns;
  const cost = (r: ResolverChange): string => `${usd(r.baseMonthlyUsd)} -> ${usd(r.headMonthlyUsd)}`;
  return [
    ...(sharing
      ? [`~ DNS sharing: ${sharing.base} -> ${sharing.head} (spokes resolve the hub's names again only once the new side exists)`]
      : []),
    ...resolvers.map((r) =>
      r.change === "change"
        ? `~ ${resolverLabel(r)}: ${r.fields.map((f) => `${f.field} ${value(f.base)} -> ${value(f.head)}`).join("; ") || "cost only"} (updated in place; ${cost(r)})`
        : `${r.change === "add" ? "+" : "-"} ${resolverLabel(r)}: Resolver inbound endpoint (${cost(r)})`,
    ),
    ...zones.added.map((z) => `+ zone ${z}`),
    ...zones.removed.map((z) => `- zone ${z}`),
    ...associations.added.map((a) => `+ association ${associationText(a)}`),
    ...associations.removed.map((a) => `- association ${associationText(a)}`),
  ];
}

/** "adds kms, removes sts, changes logs (replaced)": what a reviewer reads first. */
export function diffSentence(diff: PlanDiff): string {
  const names = (list: EndpointRef[]): string => list.map(endpointLabel).join(", ");
  const { added, removed, changed } = diff.endpoints;
  const rules = diff.securityGroupRules.added.length;
  const parts = [
    diff.spokes.added.length ? `adds spoke(s) ${diff.spokes.added.join(", ")}` : "",
    diff.spokes.removed.length ? `removes spoke(s) ${diff.spokes.removed.join(", ")}` : "",
    added.length ? `adds ${names(added)}` : "",
    removed.length ? `removes ${names(removed)}` : "",
    changed.length ? `changes ${changed.map((c) => `${endpointLabel(c)}${c.replaces ? " (replaced)" : ""}`).join(", ")}` : "",
    diff.dns.sharing ? `switches DNS sharing from ${diff.dns.sharing.base} to ${diff.dns.sharing.head}` : "",
    ...diff.dns.resolvers.map((r) => `${r.change === "add" ? "adds" : r.change === "remove" ? "removes" : "changes"} ${resolverLabel(r)}`),
    rules ? `admits ${newSources(diff)} new source(s) in ${rules} rule(s)` : "",
    diff.securityGroupRules.removed.length ? `revokes ${diff.securityGroupRules.removed.length} rule(s)` : "",
    diff.assignments.length ? `moves ${diff.assignments.map((m) => `${m.service} of ${m.spoke} to ${m.head}`).join(", ")}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "leaves the endpoints as they are";
}

function costLine(diff: PlanDiff): string {
  const c = diff.cost;
  const parts = (
    [
      ["zones", c.dns.zones],
      ["Route 53 Profile", c.dns.profile],
      ["Resolver endpoints", c.dns.resolvers],
    ] as const
  )
    .filter(([, d]) => d.baseMonthlyUsd || d.headMonthlyUsd)
    .map(([what, d]) => `${what} ${usd(d.baseMonthlyUsd)} -> ${usd(d.headMonthlyUsd)}`);
  const dns = parts.length ? ` DNS: ${parts.join(", ")}.` : "";
  return `Monthly: ${usd(c.baseMonthlyUsd)} -> ${usd(c.headMonthlyUsd)} (${signedUsd(c.deltaMonthlyUsd)} a month).${dns}`;
}

export function diffTable(diff: PlanDiff): string {
  const parts = [`Diff ${diff.base.vpcId} -> ${diff.head.vpcId} (${diff.head.region}): ${diffSentence(diff)}`, ""];
  const body = rows(diff);
  if (body.length) parts.push(renderTable(HEADER, body), "");
  if (diff.securityGroupRules.added.length || diff.securityGroupRules.removed.length) {
    parts.push(
      "Security-group rules:",
      ...diff.securityGroupRules.added.map((r) => `  + ${ruleText(r)}`),
      ...diff.securityGroupRules.removed.map((r) => `  - ${ruleText(r)}`),
      "",
    );
  }
  if (diff.assignments.length) {
    parts.push("Hub/spoke assignments:", ...diff.assignments.map((m) => `  ~ ${m.spoke} ${m.service}: ${m.base} -> ${m.head}`), "");
  }
  const dns = dnsLines(diff);
  if (dns.length) parts.push("DNS:", ...dns.map((l) => `  ${l}`), "");
  if (diff.dns.warnings.length) parts.push("Warnings:", ...diff.dns.warnings.map((w) => `  ! ${w.message} [${w.code}]`), "");
  parts.push(costLine(diff));
  return parts.join("\n") + "\n";
}

/** The diagram's marks: which endpoints (and spokes) the diff adds, changes or replaces, and what it removes. */
function marksOf(diff: PlanDiff): DiagramMarks {
  const key = (e: EndpointRef): string => (e.vpc ? `${e.vpc}/${e.name}` : e.name);
  const spokesTouched = [
    ...[...diff.endpoints.added, ...diff.endpoints.changed, ...diff.endpoints.removed]
      .filter((e) => e.vpc?.startsWith("spoke:"))
      .map((e) => e.vpc!),
    ...diff.assignments.map((m) => `spoke:${m.spoke}`),
  ];
  const resolvers = (change: string): string[] =>
    diff.dns.resolvers.filter((r) => r.change === change).map((r) => (r.vpc ? `${r.vpc}/resolver` : "resolver"));
  return {
    added: new Set([...diff.endpoints.added.map(key), ...resolvers("add")]),
    changed: new Set([...diff.endpoints.changed.map(key), ...spokesTouched, ...resolvers("change")]),
    replaced: new Set(diff.endpoints.changed.filter((c) => c.replaces).map(key)),
    removed: diff.endpoints.removed.map((e) => ({ key: key(e), label: `${endpointLabel(e)} (${e.type.toLowerCase()})` })),
  };
}

/** A cost-review comment: the delta and what changes first, then the table, the diagram and the folded details; cut to `options.limit`. */
export function diffMarkdown(diff: PlanDiff, head: Plan | NetworkPlan, reasons: string[], options: MarkdownOptions = {}): string {
  const c = diff.cost;
  const body = rows(diff);
  const marks = marksOf(diff);
  const diagram = (head as NetworkPlan).kind === "network" ? networkDiagram(head as NetworkPlan, marks) : planDiagram(head as Plan, marks);
  const rules = [
    ...diff.securityGroupRules.added.map((r) => `- ${mdCode("+")} ${mdText(ruleText(r))}`),
    ...diff.securityGroupRules.removed.map((r) => `- ${mdCode("-")} ${mdText(ruleText(r))}`),
  ];
  const dns = dnsLines(diff).map((l) => `- ${mdCode(l.slice(0, 1))} ${mdText(l.slice(2))}`);
  const details = (summary: string, items: string[], more: (n: number) => string, open = ""): Block[] =>
    items.length ? [`<details${open}><summary>${summary}</summary>`, "", { items, more }, "", "</details>", ""] : [];
  const blocks: Block[] = [
    `### vpce-plan: ${mdText(`${signedUsd(c.deltaMonthlyUsd)} a month (${usd(c.baseMonthlyUsd)} -> ${usd(c.headMonthlyUsd)})`)}`,
    "",
    `This change ${mdText(diffSentence(diff))}.${diff.summary.replaced ? ` **${diff.summary.replaced} endpoint(s) will be replaced** (AWS deletes and recreates them).` : ""}`,
    "",
    body.length
      ? mdTable(HEADER.map(headerTitle), body, (n) => `${n} more endpoint change(s)`)
      : "_No endpoint is added, removed or changed._",
    "",
    ...(diff.assignments.length
      ? [
          mdTable(
            ["Spoke", "Service", "Base", "Head"],
            diff.assignments.map((m) => [m.spoke, m.service, m.base ?? "-", m.head ?? "-"]),
            (n) => `${n} more move(s)`,
          ),
          "",
        ]
      : []),
    { whole: diagram, instead: "_The diagram is left out: it does not fit in one comment._" },
    "",
    ...details("Security-group rules", rules, moreLine("rule change(s)")),
    ...details("DNS", dns, moreLine("DNS change(s)"), " open"),
    ...diff.dns.warnings.flatMap((w) => [`> **Warning** (${mdCode(w.code)}): ${mdText(w.message)}`, ""]),
    ...details("Why (every decision in the head plan)", reasons, moreLine("decision(s)")),
    `_${mdText(costLine(diff))}_`,
  ];
  return fitComment(blocks, options.limit ?? 0, cutNote);
}

export const diffJson = (diff: PlanDiff): string => JSON.stringify(diff, null, 2) + "\n";
