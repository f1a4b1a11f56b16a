/**
 * The traffic query (query.ts) compiled to SQL. The statement's shape is written once here; a
 * dialect module says only how its engine spells the parts that differ (identifiers, how the latest
 * DNS answer at or before a time is found, how query logs become answer rows).
 */
import { TRAFFIC_QUERY, type NameLookup, type QueryWindow, type TrafficQuery } from "./query";

export interface Dialect {
  name: "duckdb" | "athena";
  ident(name: string): string;
  /**
   * CTEs and a join that give `flows` (aliased `f`) the column `lookup.as`, from `answers(addr, ts, name)`.
   * `key` is the column of `flows` holding the address to look up.
   */
  lookup(lookup: NameLookup, key: string, alias: string): { ctes: string[]; join: string; column: string };
}

export interface SqlSources {
  /** A relation with the flow columns (a table, or a table function over files). */
  flows: string;
  /** A relation `(addr, ts, name)`; the Athena dialect builds it from the query log table. */
  answers: string;
}

/** The statement: window filter, the answers deduplicated per (address, time), the lookups, the group. */
export function compileTrafficQuery(
  dialect: Dialect,
  sources: SqlSources,
  window: QueryWindow = {},
  query: TrafficQuery = TRAFFIC_QUERY,
): string {
  const q = (c: string): string => dialect.ident(c);
  const where = [
    window.since === undefined ? "" : `${q("end")} >= ${Math.floor(window.since)}`,
    window.until === undefined ? "" : `${q("start")} <= ${Math.floor(window.until)}`,
  ].filter(Boolean);
  const keys = query.lookups.map((l) => `coalesce(${l.address.map(q).join(", ")}) AS ${q(`${l.as}_key`)}`);
  const lookups = query.lookups.map((l, i) => dialect.lookup(l, `${l.as}_key`, `n${i}`));
  const flowColumns = [...new Set([...query.groupBy, ...query.aggregates.flatMap((a) => (a.of ? [a.of] : []))])];
  const aggregate = query.aggregates.map((a) => {
    const expr = a.fn === "count" ? "count(*)" : `${a.fn}(f.${q(a.of!)})`;
    return `${a.fn === "sum" ? `coalesce(${expr}, 0)` : expr} AS ${q(a.as)}`;
  });
  const groupCols = [...query.groupBy.map((c) => `f.${q(c)}`), ...lookups.map((l) => l.column)];
  return [
    "WITH",
    [
      `flows AS (SELECT ${flowColumns.map(q).join(", ")}, ${keys.join(", ")} FROM ${sources.flows}${where.length ? ` WHERE ${where.join(" AND ")}` : ""})`,
      `answers AS (SELECT addr, ts, min(name) AS name FROM ${sources.answers} GROUP BY addr, ts)`,
      ...lookups.flatMap((l) => l.ctes),
    ].join(",\n"),
    `SELECT ${[...groupCols.map((c, i) => (i < query.groupBy.length ? c : `${c} AS ${q(query.lookups[i - query.groupBy.length].as)}`)), ...aggregate].join(", ")}`,
    `FROM flows f`,
    ...lookups.map((l) => l.join),
    `GROUP BY ${groupCols.join(", ")}`,
  ].join("\n");
}
