/** Plain-text tables: columns padded to the widest cell, no colour, stable for snapshots and diffs. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** ` (FIPS)` for an endpoint on its service's FIPS endpoint service, so that tables and diagrams show it. */
export const fipsMark = (e: { reasons: ReadonlyArray<{ code: string }> }): string =>
  e.reasons.some((r) => r.code === "FIPS_ENDPOINT") ? " (FIPS)" : "";

export const usd = (n: number): string => `$${n.toFixed(2)}`;

/**
 * `at <region> list prices`, and under PRICES_ASSUMED which of the VPC region's prices are
 * us-east-1's stand-ins, so the line names the region whose prices were used.
 */
export const pricedAt = (cost: { priceRegion: string; pricesAssumed?: string[] }, region: string): string =>
  cost.pricesAssumed
    ? `at ${cost.priceRegion} list prices (none published for ${region} in the catalog: ${cost.pricesAssumed.join(", ")})`
    : `at ${cost.priceRegion} list prices`;

/** A plan's saving against an alternative; a negative saving is what the plan costs on top of it. */
export const savingText = (savingsUsd: number): string =>
  savingsUsd >= 0 ? `saves ${usd(savingsUsd)} a month` : `costs ${usd(-savingsUsd)} more a month`;

const ACRONYMS = new Set(["AZ", "DNS", "VPC"]);

/** A terminal header (`PRIVATE DNS`) as a markdown header (`Private DNS`): sentence case, acronyms kept. */
export const headerTitle = (header: string): string =>
  header
    .split(" ")
    .map((word, i) => (ACRONYMS.has(word) ? word : i === 0 ? word.charAt(0) + word.slice(1).toLowerCase() : word.toLowerCase()))
    .join(" ");
