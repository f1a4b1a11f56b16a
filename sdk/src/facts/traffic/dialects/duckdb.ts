/** DuckDB: an ASOF join finds the latest answer at or before the flow's end in one pass. */
import type { Dialect } from "../sql";

export const duckdb: Dialect = {
  name: "duckdb",
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  lookup: (lookup, key, alias) => ({
    ctes: [],
    join: `ASOF LEFT JOIN answers ${alias} ON ${alias}.addr = f."${key}" AND f."${lookup.at}" >= ${alias}.ts`,
    column: `${alias}.name`,
  }),
};

/**
 * DuckDB text for one format's gzip (or plain) text files: explicit schema, `-` as NULL, the header
 * skipped where the files have one (S3 delivery; CloudWatch Logs events have none); lines that do not
 * fit the schema go to DuckDB's reject tables, to be counted and named.
 */
export function duckdbTextSource(
  files: readonly string[],
  fields: readonly string[],
  integerColumns: ReadonlySet<string>,
  header = true,
): string {
  const columns = fields.map((f) => {
    const c = f.replace(/-/g, "_");
    return `'${c}': '${integerColumns.has(c) ? "BIGINT" : "VARCHAR"}'`;
  });
  const list = files.map((f) => `'${f.replace(/'/g, "''")}'`).join(", ");
  return `read_csv([${list}], delim = ' ', header = ${header}, nullstr = '-', auto_detect = false, store_rejects = true, columns = {${columns.join(", ")}})`;
}
