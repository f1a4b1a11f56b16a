/** Renders a plan as a table (terminal), markdown (pull-request comment) or JSON (the contract). */
import type { Plan, PlannedEndpoint } from "../../plan/types";
import { count } from "../../plan/words";
import { type Block, fitComment, mdCode, mdTable, mdText, moreLine, cutNote, type MarkdownOptions } from "./markdown";
import { planDiagram } from "./mermaid";
import { fipsMark, headerTitle, pricedAt, renderTable, savingText, usd } from "./table";

const HEADER = ["SERVICE", "TYPE", "WHERE", "PRIVATE DNS", "MONTHLY", "WHY"];

function where(e: PlannedEndpoint): string {
  if (e.type === "Gateway") return `route tables ${e.routeTableIds!.join(", ")}`;
  // Priced per AZ like the rest, but the AZs were never checked against the service: say so in the row.
  const assumed = e.reasons.some((r) => r.code === "AZS_ASSUMED") ? " (assumed)" : "";
  return `${e.azs!.length} AZ${assumed}: ${e.azs!.join(", ")}`;
}

function dns(e: PlannedEndpoint): string {
  if (e.type === "Gateway") return "-";
  if (!e.privateDns) return "off";
  return e.dnsOptions?.privateDnsOnlyForInboundResolverEndpoint ? "inbound only" : "on";
}

/** `kms (FIPS)`, `sqs (us-west-2)`: what the row's endpoint connects to, beyond the service's key. */
const endpointTitle = (e: PlannedEndpoint): string => `${e.serviceRegion ? `${e.name} (${e.serviceRegion})` : e.service}${fipsMark(e)}`;

/** The reason that explains the type decision is always first in `reasons`. */
const rows = (plan: Plan): string[][] =>
  plan.endpoints.map((e) => [endpointTitle(e), e.type, where(e), dns(e), usd(e.monthlyCostUsd), e.reasons[0]?.message ?? ""]);

function totals(plan: Plan): string[] {
  const c = plan.cost;
  const out = [
    `Monthly: ${usd(c.monthlyTotalUsd)} (fixed ${usd(c.monthlyFixedUsd)}, data ${usd(c.monthlyDataUsd)}) ${pricedAt(c, plan.region)}.`,
  ];
  if (c.nat) {
    // Not compared: whole endpoints, the Resolver inbound endpoint (no NAT could stand in for it), and
    // what is left, the compared endpoints' traffic from outside the VPC. All in cents, so exact.
    const wholeUsd = plan.endpoints.filter((e) => !e.cost.nat).reduce((a, e) => a + e.monthlyCostUsd, 0) + (c.resolverMonthlyUsd ?? 0);
    const outside = Math.round((c.nat.notComparedMonthlyUsd - wholeUsd) * 100) > 0;
    const parts = [
      ...c.nat.notCompared,
      ...(c.resolverMonthlyUsd ? ["the Resolver inbound endpoint"] : []),
      ...(outside ? ["traffic from outside the VPC"] : []),
    ];
    const rest = parts.length
      ? ` Not compared (no traffic given, or serving only consumers outside the VPC): ${parts.join(", ")}, ${usd(c.nat.notComparedMonthlyUsd)} a month on top.`
      : "";
    out.push(
      `Against NAT for the same traffic (${usd(c.nat.monthlyUsd)}): the part of the plan with traffic given (${c.nat.endpoints.join(", ")}; ${usd(c.nat.endpointsMonthlyUsd)}) ${savingText(c.nat.savingsUsd)}.${rest}`,
    );
  }
  const r = plan.resolver;
  if (r)
    out.push(`Resolver inbound endpoint in ${r.azs.join(", ")}: ${usd(r.monthlyCostUsd)} a month, included above. ${r.reasons[0].message}`);
  return out;
}

export function planTable(plan: Plan): string {
  const gateways = plan.endpoints.filter((e) => e.type === "Gateway").length;
  const parts = [
    `Plan for ${plan.vpcId} in ${plan.region}: ${count(plan.endpoints.length, "endpoint")} (${gateways} gateway, ${plan.endpoints.length - gateways} interface)`,
    "",
    renderTable(HEADER, rows(plan)),
    "",
  ];
  if (plan.warnings.length) parts.push("Warnings:", ...plan.warnings.map((w) => `  ! ${w.message} [${w.code}]`), "");
  parts.push(...totals(plan));
  return parts.join("\n") + "\n";
}

/** Every decision of every endpoint, one markdown list item per endpoint. */
export const planReasonLines = (plan: Plan, prefix = ""): string[] =>
  plan.endpoints.map(
    (e) => `- **${mdText(prefix + e.name)}**: ${e.reasons.map((r) => `${mdCode(r.code)} ${mdText(r.message)}`).join(" ")}`,
  );

/** Warnings as markdown list items, cut last. */
export const warningBlocks = (warnings: Plan["warnings"]): Block[] =>
  warnings.length
    ? ["**Warnings**", "", { items: warnings.map((w) => `- ${mdCode(w.code)} ${mdText(w.message)}`), more: moreLine("warning(s)") }, ""]
    : [];

/**
 * A cost-review comment: the monthly total and the totals first, the table, the diagram, the
 * warnings, every reason collapsed, cut to `options.limit` characters. `diagram: false` when
 * embedded in a network's comment, which has its own.
 */
export function planMarkdown(plan: Plan, options: MarkdownOptions & { diagram?: boolean } = {}): string {
  const blocks: Block[] = [
    `### VPC endpoints for ${mdCode(plan.vpcId)} (${mdText(plan.region)}): ${mdText(usd(plan.cost.monthlyTotalUsd))} a month`,
    "",
    ...totals(plan).map((t) => `_${mdText(t)}_`),
    "",
    mdTable(HEADER.map(headerTitle), rows(plan), (n) => `${n} more endpoint(s)`),
    "",
    ...(options.diagram !== false
      ? [{ whole: planDiagram(plan), instead: "_The diagram is left out: it does not fit in one comment._" }, ""]
      : []),
    ...warningBlocks(plan.warnings),
    "<details><summary>Every decision</summary>",
    "",
    { items: planReasonLines(plan), more: moreLine("endpoint(s)") },
    "",
    "</details>",
  ];
  return fitComment(blocks, options.limit ?? 0, cutNote);
}

export const planJson = (plan: Plan): string => JSON.stringify(plan, null, 2) + "\n";
