/** Renders a hub-and-spoke plan as a table (terminal), markdown (pull-request comment) or JSON (the contract). */
import type { NetworkPlan, SpokePlan } from "../../plan/multi/types";
import { networkDiagram } from "./mermaid";
import { planMarkdown, planReasonLines, planTable } from "./plan";
import { headerTitle, pricedAt, renderMarkdownTable, renderTable, savingText, usd } from "./table";

const SERVICE_HEADER = ["SERVICE", "PLACEMENT", "FROM HUB", "LOCAL IN", "EVERY VPC OWN", "CHOSEN", "WHY"];
const SPOKE_HEADER = ["SPOKE", "VPC", "REGION", "FROM HUB", "LOCAL", "ZONES", "MONTHLY", "EVERY VPC OWN"];
const ZONE_HEADER = ["ZONE", "SERVICE", "RECORDS", "ASSOCIATED SPOKES"];

const list = (items: readonly string[]): string => (items.length ? items.join(", ") : "-");

const serviceRows = (plan: NetworkPlan): string[][] =>
  plan.services.map((s) => [
    s.service,
    s.placement,
    list(s.consumers),
    list(s.localIn),
    usd(s.cost.localMonthlyUsd),
    usd(s.cost.chosenMonthlyUsd),
    s.reasons[0]?.message ?? "",
  ]);

const spokeRegion = (s: SpokePlan): string => `${s.region}${s.crossRegion ? " (other region)" : ""}`;

const spokeRows = (plan: NetworkPlan): string[][] =>
  plan.spokes.map((s) => [
    s.name,
    `${s.vpcId}${s.crossAccount ? ` (account ${s.accountId ?? "unknown"})` : ""}`,
    spokeRegion(s),
    list(s.fromHub),
    list(s.local),
    String(s.zoneAssociations.length),
    usd(s.cost.monthlyUsd),
    usd(s.cost.everyVpcOwnMonthlyUsd),
  ]);

const zoneRows = (plan: NetworkPlan): string[][] =>
  plan.zones.map((z) => [
    z.name,
    z.service,
    z.records.map((r) => `${r.name} ${r.types.join("/")}${r.wildcard ? " (wildcard)" : ""}`).join("; "),
    list(z.associations.map((a) => `${a.spoke}${a.authorizationRequired ? " (authorization)" : ""}`)),
  ]);

function summary(plan: NetworkPlan): string {
  return `Network plan for hub ${plan.hub.vpcId} in ${plan.region} over ${plan.transit.type === "transitGateway" ? "a Transit Gateway" : "VPC peering"}: ${plan.spokes.length} spoke(s), ${plan.hub.centralized.length} service(s) shared by the hub`;
}

function totals(plan: NetworkPlan): string[] {
  const c = plan.cost;
  return [
    `Monthly: ${usd(c.monthlyTotalUsd)} (hub ${usd(c.hubMonthlyUsd)}, spokes' own endpoints ${usd(c.spokesMonthlyUsd)}, transit ${usd(c.transitMonthlyUsd)}) ${pricedAt(c, plan.region)}.`,
    `Against every VPC having its own endpoints (${usd(c.everyVpcOwnMonthlyUsd)}): the plan ${savingText(c.savingsUsd)}.`,
    ...(plan.hub.centralized.length
      ? [`DNS sharing by ${plan.dnsSharing.mode}: ${plan.dnsSharing.reasons[0].message} [${plan.dnsSharing.reasons[0].code}]`]
      : []),
    ...(plan.profile
      ? [
          `Route 53 Profile: ${plan.profile.endpoints.length} hub endpoint(s), associated by ${plan.profile.associations.length} spoke VPC(s)${plan.profile.sharedWith.length ? `, shared through AWS RAM with ${plan.profile.sharedWith.join(", ")}` : ""}; ${usd(plan.profile.cost.monthlyUsd)} a month, billed to the Profile's owner, the hub's account, for every association.`,
        ]
      : []),
  ];
}

export function networkTable(plan: NetworkPlan): string {
  const parts = [
    summary(plan),
    "",
    renderTable(SERVICE_HEADER, serviceRows(plan)),
    "",
    "Spokes:",
    renderTable(SPOKE_HEADER, spokeRows(plan)),
    "",
  ];
  if (plan.zones.length) parts.push("Private hosted zones (created with the hub VPC):", renderTable(ZONE_HEADER, zoneRows(plan)), "");
  if (plan.warnings.length) parts.push("Warnings:", ...plan.warnings.map((w) => `  ! ${w.message} [${w.code}]`), "");
  parts.push(...totals(plan), "");
  if (plan.hub.plan) parts.push(`Hub ${plan.hub.vpcId}:`, planTable(plan.hub.plan));
  for (const s of plan.spokes) if (s.plan) parts.push(`Spoke ${s.name}:`, planTable(s.plan));
  return parts.join("\n").trimEnd() + "\n";
}

/** Per service the hub-or-local decision, with each spoke's. */
export const networkDecisionLines = (plan: NetworkPlan): string[] =>
  plan.services.flatMap((s) => [
    `- **${s.service}**: ${s.reasons.map((r) => `\`${r.code}\` ${r.message}`).join(" ")}`,
    ...s.spokes.map((d) => `  - ${d.spoke} (${d.placement}): ${d.reasons.map((r) => `\`${r.code}\` ${r.message}`).join(" ")}`),
  ]);

/** Every reason in a network: the hub-or-local decisions, then each VPC's endpoints. */
export const networkReasonLines = (plan: NetworkPlan): string[] => [
  ...networkDecisionLines(plan),
  ...(plan.hub.plan ? planReasonLines(plan.hub.plan, "hub/") : []),
  ...plan.spokes.flatMap((s) => (s.plan ? planReasonLines(s.plan, `spoke:${s.name}/`) : [])),
];

export function networkMarkdown(plan: NetworkPlan): string {
  const parts = [
    `### ${usd(plan.cost.monthlyTotalUsd)} a month: ${summary(plan)}`,
    "",
    renderMarkdownTable(SERVICE_HEADER.map(headerTitle), serviceRows(plan)),
    "",
    networkDiagram(plan),
    "",
    "**Spokes**",
    "",
    renderMarkdownTable(SPOKE_HEADER.map(headerTitle), spokeRows(plan)),
    "",
  ];
  if (plan.zones.length) parts.push("**Private hosted zones**", "", renderMarkdownTable(ZONE_HEADER.map(headerTitle), zoneRows(plan)), "");
  if (plan.warnings.length) parts.push("**Warnings**", "", ...plan.warnings.map((w) => `- \`${w.code}\` ${w.message}`), "");
  parts.push(...totals(plan).map((t) => `_${t}_`));
  parts.push("", "<details><summary>Every hub-or-local decision</summary>", "", ...networkDecisionLines(plan), "", "</details>");
  const vpcs: Array<[string, NetworkPlan["hub"]["plan"]]> = [
    [`hub ${plan.hub.vpcId}`, plan.hub.plan],
    ...plan.spokes.map((s): [string, SpokePlan["plan"]] => [`spoke ${s.name}`, s.plan]),
  ];
  for (const [name, vpcPlan] of vpcs) {
    if (vpcPlan)
      parts.push(
        "",
        `<details><summary>Endpoints of ${name}</summary>`,
        "",
        planMarkdown(vpcPlan, { diagram: false }).trimEnd(),
        "",
        "</details>",
      );
  }
  return parts.join("\n") + "\n";
}

export const networkJson = (plan: NetworkPlan): string => JSON.stringify(plan, null, 2) + "\n";

export function renderNetwork(plan: NetworkPlan, format: "table" | "json" | "markdown"): string {
  return format === "json" ? networkJson(plan) : format === "markdown" ? networkMarkdown(plan) : networkTable(plan);
}
