/**
 * Athena (Trino): no ASOF join. The latest answer is found once per distinct (address, time) with
 * `max_by`, then joined back. Answers come from the Resolver query log table's `answers` array.
 * Functions: https://trino.io/docs/current/functions/aggregate.html#max_by ,
 * https://docs.aws.amazon.com/athena/latest/ug/querying-r53-resolver-logs.html
 */
import type { Dialect } from "../sql";

export const athena: Dialect = {
  name: "athena",
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  lookup: (lookup, key, alias) => ({
    ctes: [
      `${alias}_keys AS (SELECT DISTINCT "${key}" AS addr, "${lookup.at}" AS at FROM flows WHERE "${key}" IS NOT NULL)`,
      `${alias} AS (SELECT k.addr, k.at, max_by(a.name, a.ts) AS name FROM ${alias}_keys k JOIN answers a ON a.addr = k.addr AND a.ts <= k.at GROUP BY k.addr, k.at)`,
    ],
    join: `LEFT JOIN ${alias} ON ${alias}.addr = f."${key}" AND ${alias}.at = f."${lookup.at}"`,
    column: `${alias}.name`,
  }),
};

/** Answer rows from a Resolver query log table (AWS's documented columns): A and AAAA answers only. */
export function athenaAnswersSource(table: string): string {
  return (
    `(SELECT a.rdata AS addr, CAST(floor(to_unixtime(from_iso8601_timestamp(query_timestamp))) AS BIGINT) AS ts, ` +
    `lower(regexp_replace(query_name, '\\.$', '')) AS name FROM ${table} CROSS JOIN UNNEST(answers) AS t(a) WHERE a.type IN ('A', 'AAAA'))`
  );
}
