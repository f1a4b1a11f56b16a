/**
 * The embedded engine: DuckDB in-process runs the compiled traffic query over local files (gzip or
 * plain text with an explicit schema, Parquet) and returns the grouped rows. It never reaches the
 * network: DuckDB's httpfs/aws extensions are not bundled and would download at run time, so S3
 * objects are fetched with the AWS SDK to local files first. `@duckdb/node-api` is an optional
 * dependency, loaded only here.
 */
import type { DnsAnswer } from "../dnsLog";
import { FLOW_COLUMNS, INTEGER_COLUMNS, columnOf } from "../flowLog";
import { sortGroups, type FlowGroup, type QueryWindow } from "../query";
import { compileTrafficQuery } from "../sql";
import { duckdb, duckdbTextSource } from "../dialects/duckdb";

/** Text files that share one format (the fields of their header line). */
export interface TextFiles {
  fields: readonly string[];
  files: readonly string[];
  /** False for files without a header line (CloudWatch Logs events). @default true */
  header?: boolean;
}

export interface DuckdbResult {
  rows: FlowGroup[];
  /** Lines that did not fit their file's format, per file. */
  badLines: Record<string, number>;
}

export interface DuckdbInput {
  text: readonly TextFiles[];
  parquet: readonly string[];
  answers: readonly DnsAnswer[];
  window?: QueryWindow;
}

type DuckModule = typeof import("@duckdb/node-api");

export class EngineUnavailableError extends Error {}

function load(): DuckModule {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("@duckdb/node-api") as DuckModule;
  } catch (err) {
    throw new EngineUnavailableError(
      `The embedded engine needs @duckdb/node-api, an optional dependency that is not installed (${(err as Error).message.split("\n")[0]}). ` +
        "Install it with: npm install @duckdb/node-api, or run the query on Athena with --engine athena.",
    );
  }
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const typeOf = (c: string): string => (INTEGER_COLUMNS.has(c as never) ? "BIGINT" : "VARCHAR");
/** Every flow column, NULL where the source has none, so that all sources union alike. */
const project = (have: ReadonlySet<string>, from: string): string =>
  `SELECT ${FLOW_COLUMNS.map((c) => (have.has(c) ? `CAST("${c}" AS ${typeOf(c)}) AS "${c}"` : `CAST(NULL AS ${typeOf(c)}) AS "${c}"`)).join(", ")} FROM ${from}`;

/** The statement the engine runs, for a given set of sources (exported so tests and --explain see it). */
export function duckdbStatement(input: Omit<DuckdbInput, "answers">, parquetColumns: ReadonlySet<string>): string {
  const parts = [
    ...input.text.map((t) =>
      project(new Set(t.fields.map(columnOf)), duckdbTextSource(t.files, t.fields, INTEGER_COLUMNS, t.header ?? true)),
    ),
    ...(input.parquet.length
      ? [project(parquetColumns, `read_parquet([${input.parquet.map(sqlString).join(", ")}], union_by_name = true)`)]
      : []),
  ];
  return compileTrafficQuery(duckdb, { flows: `(${parts.join("\nUNION ALL\n")})`, answers: "answers" }, input.window);
}

/** Runs the query; rows in the order `runQuery` gives. */
export async function runDuckdb(input: DuckdbInput): Promise<DuckdbResult> {
  if (!input.text.length && !input.parquet.length) return { rows: [], badLines: {} };
  const { DuckDBInstance } = load();
  const instance = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false", autoload_known_extensions: "true" });
  const db = await instance.connect();
  try {
    await db.run("CREATE TABLE answers (addr VARCHAR, ts BIGINT, name VARCHAR)");
    const appender = await db.createAppender("answers");
    for (const a of input.answers) {
      appender.appendVarchar(a.addr);
      appender.appendBigInt(BigInt(a.ts));
      appender.appendVarchar(a.name);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
    let parquetColumns = new Set<string>();
    if (input.parquet.length) {
      const d = await db.runAndReadAll(
        `DESCRIBE SELECT * FROM read_parquet([${input.parquet.map(sqlString).join(", ")}], union_by_name = true)`,
      );
      parquetColumns = new Set(d.getRowObjects().map((r) => String(r.column_name)));
    }
    const result = await db.runAndReadAll(duckdbStatement(input, parquetColumns));
    const rows = result.getRowObjects().map((r) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) out[k] = typeof v === "bigint" ? Number(v) : v;
      return out as unknown as FlowGroup;
    });
    const badLines: Record<string, number> = {};
    if (input.text.length) {
      const rejects = await db.runAndReadAll(
        "SELECT s.file_path AS file, count(DISTINCT e.line) AS n FROM reject_errors e JOIN reject_scans s ON s.scan_id = e.scan_id AND s.file_id = e.file_id GROUP BY s.file_path",
      );
      for (const r of rejects.getRowObjects()) badLines[String(r.file)] = Number(r.n);
    }
    return { rows: sortGroups(rows), badLines };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
