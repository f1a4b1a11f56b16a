/** The "existing endpoints" part of a plan made with --from-aws: kept, to create, removable. */
import type { EndpointChange, Plan } from "../../plan/types";
import { mdText, renderMarkdownTable } from "./markdown";
import { renderTable, usd } from "./table";

const HEADER = ["ACTION", "ENDPOINT", "ID", "MONTHLY", "NOTE"];

const change = (c: EndpointChange): string =>
  typeof c.existing === "boolean"
    ? `${c.field} ${c.existing} -> ${c.planned}`
    : `${c.field} ${c.existing.join(",") || "-"} -> ${(c.planned as string[]).join(",") || "-"}`;

function rows(plan: Plan): string[][] {
  const x = plan.existing!;
  const byName = new Map(plan.endpoints.map((e) => [e.name, e]));
  return [
    ...x.kept.map((k) => [
      "keep",
      k.name,
      k.id,
      usd(byName.get(k.name)?.monthlyCostUsd ?? 0),
      k.changes.map(change).join("; ") || "matches the plan",
    ]),
    ...x.create.map((name) => ["create", name, "-", usd(byName.get(name)?.monthlyCostUsd ?? 0), ""]),
    ...x.removable.map((r) => ["remove", r.service ?? r.serviceName, r.id, `-${usd(r.monthlySavingUsd)}`, r.message]),
  ];
}

function summary(plan: Plan): string {
  const x = plan.existing!;
  return `Existing: ${x.kept.length} kept, ${x.create.length} to create (${usd(x.createMonthlyUsd)} a month), ${x.removable.length} removable (saves ${usd(x.removableMonthlySavingUsd)} a month).`;
}

/** Text appended to the plan's table or markdown; empty without --from-aws. */
export function existingText(plan: Plan, format: string): string {
  if (!plan.existing || format === "json") return "";
  if (format === "markdown")
    return [
      "",
      "#### Existing endpoints",
      "",
      renderMarkdownTable(["Action", "Endpoint", "Id", "Monthly", "Note"], rows(plan)),
      "",
      `_${mdText(summary(plan))}_`,
      "",
    ].join("\n");
  return ["", renderTable(HEADER, rows(plan)), "", summary(plan), ""].join("\n");
}
