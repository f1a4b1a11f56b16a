/** Renders a hub-and-spoke plan as a table (terminal), markdown (pull-request comment) or JSON (the contract). */
import type { NetworkPlan, SpokePlan } from "../../plan/multi/types";
import { foldNames } from "../../plan/words";
import { cutNote, fitComment, mdCode, mdTable, mdText, moreLine, type Block, type MarkdownOptions } from "./markdown";
import { networkDiagram } from "./mermaid";
import { planMarkdown, planReasonLines, planTable, warningBlocks } from "./plan";
import { headerTitle, pricedAt, renderTable, savingText, usd } from "./table";

const SERVICE_HEADER = ["SERVICE", "PLACEMENT", "FROM HUB", "LOCAL IN", "EVERY VPC OWN", "CHOSEN", "WHY"];
const SPOKE_HEADER = ["SPOKE", "VPC", "REGION", "FROM HUB", "LOCAL", "ZONES", "MONTHLY", "EVERY VPC OWN"];
const ZONE_HEADER = ["ZONE", "SERVICE", "RECORDS", "ASSOCIATED SPOKES"];

const list = (items: readonly string[]): string => (items.length ? foldNames(items) : "-");

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

const reasonText = (reasons: ReadonlyArray<{ code: string; message: string }>): string =>
  reasons.map((r) => `${mdCode(r.code)} ${mdText(r.message)}`).join(" ");

/** Per service the hub-or-local decision, with each spoke's. */
export const networkDecisionLines = (plan: NetworkPlan): string[] =>
  plan.services.flatMap((s) => [
    `- **${mdText(s.service)}**: ${reasonText(s.reasons)}`,
    ...s.spokes.map((d) => `  - ${mdText(d.spoke)} (${d.placement}): ${reasonText(d.reasons)}`),
  ]);

/** Every reason in a network: the hub-or-local decisions, then each VPC's endpoints. */
export const networkReasonLines = (plan: NetworkPlan): string[] => [
  ...networkDecisionLines(plan),
  ...(plan.hub.plan ? planReasonLines(plan.hub.plan, "hub/") : []),
  ...plan.spokes.flatMap((s) => (s.plan ? planReasonLines(s.plan, `spoke:${s.name}/`) : [])),
];

/** A pull-request comment: the total and the totals first, the tables, the diagram, the warnings, then every decision and each VPC's endpoints folded; cut to `options.limit`. */
export function networkMarkdown(plan: NetworkPlan, options: MarkdownOptions = {}): string {
  const vpcs: Array<[string, NetworkPlan["hub"]["plan"]]> = [
    [`hub ${plan.hub.vpcId}`, plan.hub.plan],
    ...plan.spokes.map((s): [string, SpokePlan["plan"]] => [`spoke ${s.name}`, s.plan]),
  ];
  const vpcDetails = vpcs.flatMap(([name, vpcPlan]) =>
    vpcPlan
      ? [
          [
            `<details><summary>Endpoints of ${mdText(name)}</summary>`,
            "",
            planMarkdown(vpcPlan, { diagram: false }).trimEnd(),
            "",
            "</details>",
            "",
          ].join("\n"),
        ]
      : [],
  );
  const blocks: Block[] = [
    `### ${mdText(`${usd(plan.cost.monthlyTotalUsd)} a month: ${summary(plan)}`)}`,
    "",
    ...totals(plan).map((t) => `_${mdText(t)}_`),
    "",
    mdTable(SERVICE_HEADER.map(headerTitle), serviceRows(plan), (n) => `${n} more service(s)`),
    "",
    "**Spokes**",
    "",
    mdTable(SPOKE_HEADER.map(headerTitle), spokeRows(plan), (n) => `${n} more spoke(s)`),
    "",
    ...(plan.zones.length
      ? ["**Private hosted zones**", "", mdTable(ZONE_HEADER.map(headerTitle), zoneRows(plan), (n) => `${n} more zone(s)`), ""]
      : []),
    { whole: networkDiagram(plan), instead: "_The diagram is left out: it does not fit in one comment._" },
    "",
    ...warningBlocks(plan.warnings),
    "<details><summary>Every hub-or-local decision</summary>",
    "",
    { items: networkDecisionLines(plan), more: moreLine("decision(s)") },
    "",
    "</details>",
    "",
    { items: vpcDetails, more: (n) => `_… and ${n} more VPC(s)' endpoints: see the whole comment._` },
  ];
  return fitComment(blocks, options.limit ?? 0, cutNote);
}

export const networkJson = (plan: NetworkPlan): string => JSON.stringify(plan, null, 2) + "\n";

export function renderNetwork(plan: NetworkPlan, format: "table" | "json" | "markdown", options: MarkdownOptions = {}): string {
  return format === "json" ? networkJson(plan) : format === "markdown" ? networkMarkdown(plan, options) : networkTable(plan);
}
