/** Table and markdown views of an organization report; every figure comes from the report value. */
import type { OrgReport, Totals } from "../../audit/org";
import { mdText, renderMarkdownTable } from "./markdown";
import { renderTable, usd } from "./table";

const headline = (r: OrgReport): string =>
  `${r.kind === "audit" ? "Audit" : "Inventory"} of ${r.scope.accounts.length} account(s), ${r.scope.pairsRead} account-region(s) read: ` +
  `${r.totals.endpoints} endpoint(s), ${usd(r.totals.monthlyCostUsd)} a month` +
  (r.kind === "audit" ? `, ${r.totals.findings} finding(s)` : "") +
  (r.partial ? ` (PARTIAL: ${r.unread.length} not read)` : "");

const totalsRows = (by: Record<string, Totals>, kind: OrgReport["kind"]): string[][] =>
  Object.entries(by).map(([key, t]) => [
    key,
    String(t.endpoints),
    usd(t.monthlyCostUsd),
    ...(kind === "audit" ? [String(t.findings)] : []),
  ]);

const totalsHeader = (first: string, kind: OrgReport["kind"]): string[] => [
  first,
  "ENDPOINTS",
  "MONTHLY",
  ...(kind === "audit" ? ["FINDINGS"] : []),
];

const unreadRows = (r: OrgReport): string[][] => r.unread.map((u) => [u.account, u.region, u.kind, u.operation, u.message]);

const unpricedLine = (r: OrgReport): string[] =>
  Object.keys(r.unpriced).length
    ? [
        `Not priced: ${Object.entries(r.unpriced)
          .map(([type, n]) => `${n} ${type}`)
          .join(", ")} endpoint(s) (types vpce-plan does not price yet).`,
      ]
    : [];

export function orgTable(r: OrgReport): string {
  const out = [headline(r), ""];
  if (r.unread.length) out.push("Not read:", renderTable(["ACCOUNT", "REGION", "WHY", "CALL", "DETAIL"], unreadRows(r)), "");
  out.push(renderTable(totalsHeader("ACCOUNT", r.kind), totalsRows(r.totals.byAccount, r.kind)), "");
  out.push(renderTable(totalsHeader("REGION", r.kind), totalsRows(r.totals.byRegion, r.kind)), "");
  out.push(renderTable(totalsHeader("SERVICE", r.kind), totalsRows(r.totals.byService, r.kind)), "");
  if (r.kind === "audit" && r.findings.length)
    out.push(
      renderTable(
        ["SEVERITY", "RULE", "ACCOUNT", "REGION", "RESOURCE", "FINDING"],
        r.findings.map((f) => [f.severity, f.rule, f.account, f.region, f.resource, f.message]),
      ),
      "",
    );
  out.push(...unpricedLine(r));
  return out.join("\n").trimEnd() + "\n";
}

export function orgMarkdown(r: OrgReport): string {
  // Cells are escaped by renderMarkdownTable, so ids and messages render as written.
  const out = [`### ${mdText(headline(r))}`, ""];
  if (r.unread.length)
    out.push(
      "**Not read** (the report is partial):",
      "",
      renderMarkdownTable(["Account", "Region", "Why", "Call", "Detail"], unreadRows(r)),
      "",
    );
  out.push(
    renderMarkdownTable(
      ["Account", "Endpoints", "Monthly", ...(r.kind === "audit" ? ["Findings"] : [])],
      totalsRows(r.totals.byAccount, r.kind),
    ),
    "",
  );
  out.push(
    renderMarkdownTable(
      ["Service", "Endpoints", "Monthly", ...(r.kind === "audit" ? ["Findings"] : [])],
      totalsRows(r.totals.byService, r.kind),
    ),
    "",
  );
  if (r.kind === "audit" && r.findings.length)
    out.push(
      renderMarkdownTable(
        ["Severity", "Rule", "Where", "Finding"],
        r.findings.map((f) => [f.severity, f.rule, `${f.account}/${f.region}/${f.resource}`, f.message]),
      ),
      "",
    );
  out.push(...unpricedLine(r));
  return out.join("\n").trimEnd() + "\n";
}
