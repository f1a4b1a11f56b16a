/**
 * Route 53 Resolver query logs: one JSON object a line (`query_timestamp` in ISO 8601 UTC,
 * `query_name` with its trailing dot, `answers[]` of `{ Rdata, Type, Class }`).
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logs-format.html
 */

/** One address a name resolved to, at the time it was asked: the rows the attribution joins flows to. */
export interface DnsAnswer {
  addr: string;
  /** Unix seconds, the unit of flow records' `start` and `end`. */
  ts: number;
  /** Lower case, without the trailing dot. */
  name: string;
}

export interface ParsedDnsLog {
  answers: DnsAnswer[];
  /** Queries read (lines that were query log entries). */
  queries: number;
  badLines: number;
  firstProblem?: string;
}

/** Answers of one entry, or why the line is not an entry. Only A and AAAA answers carry addresses. */
export function parseQueryLogEntry(line: string): DnsAnswer[] | string {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return "is not JSON";
  }
  const e = entry as { query_timestamp?: unknown; query_name?: unknown; answers?: unknown };
  if (typeof e !== "object" || e === null || typeof e.query_timestamp !== "string" || typeof e.query_name !== "string")
    return "lacks query_timestamp or query_name";
  const ms = Date.parse(e.query_timestamp);
  if (Number.isNaN(ms)) return `has query_timestamp "${e.query_timestamp}", not an ISO 8601 time`;
  const name = e.query_name.toLowerCase().replace(/\.$/, "");
  const answers = Array.isArray(e.answers) ? (e.answers as Array<{ Rdata?: unknown; Type?: unknown }>) : [];
  return answers
    .filter((a) => (a.Type === "A" || a.Type === "AAAA") && typeof a.Rdata === "string")
    .map((a) => ({ addr: a.Rdata as string, ts: Math.floor(ms / 1000), name }));
}

export function parseQueryLog(text: string): ParsedDnsLog | string {
  const out: ParsedDnsLog = { answers: [], queries: 0, badLines: 0 };
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const r = parseQueryLogEntry(lines[i]);
    if (typeof r === "string") {
      out.badLines++;
      out.firstProblem ??= `line ${i + 1} ${r}`;
      continue;
    }
    out.queries++;
    out.answers.push(...r);
  }
  if (out.queries === 0 && out.badLines > 0) return `has no Resolver query log entries (${out.firstProblem})`;
  return out;
}
