/** Renders a diff as a table (terminal), markdown (a cost-review pull-request comment) or JSON (the contract). */
import type { ChangedEndpoint, DnsAssociation, EndpointRef, FieldChange, PlanDiff, ResolverChange, RuleChange } from "../../diff";
import type { NetworkPlan } from "../../plan/multi/types";
import type { Plan } from "../../plan/types";
import { networkDiagram, planDiagram, type DiagramMarks } from "./mermaid";
import { headerTitle, renderMarkdownTable, renderTable, usd } from "./table";

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

const ruleText = (r: RuleChange): string =>
  `${r.vpc ? `${r.vpc}/` : ""}${r.endpoint}: ${r.protocol} ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`} from ${r.cidr ?? r.securityGroupId}${r.source ? ` (${r.source})` : ""}`;

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
  const parts = [
    added.length ? `adds ${names(added)}` : "",
    removed.length ? `removes ${names(removed)}` : "",
    changed.length ? `changes ${changed.map((c) => `${endpointLabel(c)}${c.replaces ? " (replaced)" : ""}`).join(", ")}` : "",
    diff.dns.sharing ? `switches DNS sharing from ${diff.dns.sharing.base} to ${diff.dns.sharing.head}` : "",
    ...diff.dns.resolvers.map((r) => `${r.change === "add" ? "adds" : r.change === "remove" ? "removes" : "changes"} ${resolverLabel(r)}`),
    diff.securityGroupRules.added.length ? `admits ${diff.securityGroupRules.added.length} new source(s)` : "",
    diff.securityGroupRules.removed.length ? `revokes ${diff.securityGroupRules.removed.length} rule(s)` : "",
    diff.assignments.length ? `moves ${diff.assignments.map((m) => `${m.service} of ${m.spoke} to ${m.head}`).join(", ")}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "leaves the endpoints as they are";
}

function costLine(diff: PlanDiff): string {
  const c = diff.cost;
  return `Monthly: ${usd(c.baseMonthlyUsd)} -> ${usd(c.headMonthlyUsd)} (${signedUsd(c.deltaMonthlyUsd)} a month).`;
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
  return {
    added: new Set(diff.endpoints.added.map(key)),
    changed: new Set([...diff.endpoints.changed.map(key), ...spokesTouched]),
    replaced: new Set(diff.endpoints.changed.filter((c) => c.replaces).map(key)),
    removed: diff.endpoints.removed.map((e) => ({ key: key(e), label: `${endpointLabel(e)} (${e.type.toLowerCase()})` })),
  };
}

export function diffMarkdown(diff: PlanDiff, head: Plan | NetworkPlan, reasons: string[]): string {
  const c = diff.cost;
  const parts = [
    `### vpce-plan: ${signedUsd(c.deltaMonthlyUsd)} a month (${usd(c.baseMonthlyUsd)} -> ${usd(c.headMonthlyUsd)})`,
    "",
    `This change ${diffSentence(diff)}.${diff.summary.replaced ? ` **${diff.summary.replaced} endpoint(s) will be replaced** (AWS deletes and recreates them).` : ""}`,
    "",
  ];
  const body = rows(diff);
  parts.push(body.length ? renderMarkdownTable(HEADER.map(headerTitle), body) : "_No endpoint is added, removed or changed._", "");
  if (diff.assignments.length) {
    parts.push(
      renderMarkdownTable(
        ["Spoke", "Service", "Base", "Head"],
        diff.assignments.map((m) => [m.spoke, m.service, m.base ?? "-", m.head ?? "-"]),
      ),
      "",
    );
  }
  const marks = marksOf(diff);
  parts.push((head as NetworkPlan).kind === "network" ? networkDiagram(head as NetworkPlan, marks) : planDiagram(head as Plan, marks), "");
  const rules = [
    ...diff.securityGroupRules.added.map((r) => `- \`+\` ${ruleText(r)}`),
    ...diff.securityGroupRules.removed.map((r) => `- \`-\` ${ruleText(r)}`),
  ];
  if (rules.length) parts.push("<details><summary>Security-group rules</summary>", "", ...rules, "", "</details>", "");
  const dns = dnsLines(diff).map((l) => `- \`${l.slice(0, 1)}\` ${l.slice(2)}`);
  if (dns.length) parts.push("<details open><summary>DNS</summary>", "", ...dns, "", "</details>", "");
  if (reasons.length) parts.push("<details><summary>Why (every decision in the head plan)</summary>", "", ...reasons, "", "</details>", "");
  parts.push(`_${costLine(diff)}_`);
  return parts.join("\n") + "\n";
}

export const diffJson = (diff: PlanDiff): string => JSON.stringify(diff, null, 2) + "\n";
