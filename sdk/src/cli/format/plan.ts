/** Renders a plan as a table (terminal), markdown (pull-request comment) or JSON (the contract). */
import type { Plan, PlannedEndpoint } from "../../plan/types";
import { planDiagram } from "./mermaid";
import { headerTitle, pricedAt, renderMarkdownTable, renderTable, savingText, usd } from "./table";

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

/** The reason that explains the type decision is always first in `reasons`. */
const rows = (plan: Plan): string[][] =>
  plan.endpoints.map((e) => [
    e.serviceRegion ? `${e.name} (${e.serviceRegion})` : e.service,
    e.type,
    where(e),
    dns(e),
    usd(e.monthlyCostUsd),
    e.reasons[0]?.message ?? "",
  ]);

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
    `Plan for ${plan.vpcId} in ${plan.region}: ${plan.endpoints.length} endpoints (${gateways} gateway, ${plan.endpoints.length - gateways} interface)`,
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
  plan.endpoints.map((e) => `- **${prefix}${e.name}**: ${e.reasons.map((r) => `\`${r.code}\` ${r.message}`).join(" ")}`);

/** A cost-review comment: the monthly total first, the table, the diagram, every reason collapsed. `diagram: false` when embedded in a network's comment, which has its own. */
export function planMarkdown(plan: Plan, options: { diagram?: boolean } = {}): string {
  const parts = [
    `### VPC endpoints for \`${plan.vpcId}\` (${plan.region}): ${usd(plan.cost.monthlyTotalUsd)} a month`,
    "",
    renderMarkdownTable(HEADER.map(headerTitle), rows(plan)),
    "",
  ];
  if (options.diagram !== false) parts.push(planDiagram(plan), "");
  if (plan.warnings.length) parts.push("**Warnings**", "", ...plan.warnings.map((w) => `- \`${w.code}\` ${w.message}`), "");
  parts.push(...totals(plan).map((t) => `_${t}_`));
  parts.push("", "<details><summary>Every decision</summary>", "", ...planReasonLines(plan), "", "</details>");
  return parts.join("\n") + "\n";
}

export const planJson = (plan: Plan): string => JSON.stringify(plan, null, 2) + "\n";
