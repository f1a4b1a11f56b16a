/**
 * The traffic query, defined once: which flow rows are read, which DNS answer names each flow's two
 * addresses, and what is summed per group. Engines compile it (dialects/duckdb.ts, dialects/athena.ts)
 * or run it here, in memory, for the reference answer and for small inputs. The attribution rules
 * (attribute.ts) then run on the grouped rows, the same for every engine.
 */
import type { DnsAnswer } from "./dnsLog";
import { FLOW_COLUMNS, type FlowColumn, type FlowRecord } from "./flowLog";

/** The DNS name that answered for an address most recently at or before the flow's end. */
export interface NameLookup {
  as: "dst_name" | "src_name";
  /** The first non-null column is the address (pkt-* first: a NAT gateway's legs carry the far end there). */
  address: readonly FlowColumn[];
  at: FlowColumn;
}

export interface Aggregate {
  as: "bytes" | "packets" | "records" | "first_start" | "last_end";
  fn: "sum" | "count" | "min" | "max";
  of?: FlowColumn;
}

export interface TrafficQuery {
  /** Grouped by, as they are: everything the attribution reads. */
  groupBy: readonly FlowColumn[];
  lookups: readonly NameLookup[];
  aggregates: readonly Aggregate[];
}

export const TRAFFIC_QUERY: TrafficQuery = {
  // Everything but the summed and the time columns: what the attribution reads is what is grouped.
  groupBy: FLOW_COLUMNS.filter((c) => !["bytes", "packets", "start", "end"].includes(c)),
  lookups: [
    { as: "dst_name", address: ["pkt_dstaddr", "dstaddr"], at: "end" },
    { as: "src_name", address: ["pkt_srcaddr", "srcaddr"], at: "end" },
  ],
  aggregates: [
    { as: "bytes", fn: "sum", of: "bytes" },
    { as: "packets", fn: "sum", of: "packets" },
    { as: "records", fn: "count" },
    { as: "first_start", fn: "min", of: "start" },
    { as: "last_end", fn: "max", of: "end" },
  ],
};

/** Records whose capture window touches [since, until] (Unix seconds); either bound optional. */
export interface QueryWindow {
  since?: number;
  until?: number;
}

/** One result row: the group's columns, the two names, the sums. */
export type FlowGroup = Omit<FlowRecord, "bytes" | "packets" | "start" | "end"> & {
  dst_name: string | null;
  src_name: string | null;
  bytes: number;
  packets: number;
  records: number;
  first_start: number;
  last_end: number;
};

/** Answers per address, oldest first, one name per (address, time): the alphabetically first, as every dialect does. */
export function indexAnswers(answers: readonly DnsAnswer[]): Map<string, DnsAnswer[]> {
  const byAddr = new Map<string, DnsAnswer[]>();
  for (const a of answers) {
    const list = byAddr.get(a.addr);
    if (list) list.push(a);
    else byAddr.set(a.addr, [a]);
  }
  for (const [addr, list] of byAddr) {
    list.sort((x, y) => x.ts - y.ts || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    byAddr.set(
      addr,
      list.filter((a, i) => i === 0 || list[i - 1].ts !== a.ts),
    );
  }
  return byAddr;
}

/** The latest answer at or before `at` (binary search over one address's answers). */
function nameAt(list: readonly DnsAnswer[] | undefined, at: number): string | null {
  if (!list) return null;
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].ts <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? null : list[found].name;
}

export const inWindow = (r: Pick<FlowRecord, "start" | "end">, w: QueryWindow): boolean =>
  (w.since === undefined || r.end >= w.since) && (w.until === undefined || r.start <= w.until);

/** The query, in memory: the reference every compiled dialect must equal, row for row. */
export function runQuery(
  records: Iterable<FlowRecord>,
  answers: readonly DnsAnswer[],
  window: QueryWindow = {},
  query: TrafficQuery = TRAFFIC_QUERY,
): FlowGroup[] {
  const index = indexAnswers(answers);
  const groups = new Map<string, FlowGroup>();
  for (const r of records) {
    if (!inWindow(r, window)) continue;
    const names = query.lookups.map((l) => {
      const col = l.address.find((c) => r[c] !== null);
      return col === undefined ? null : nameAt(index.get(r[col] as string), r[l.at] as number);
    });
    const key = JSON.stringify([...query.groupBy.map((c) => r[c]), ...names]);
    let g = groups.get(key);
    if (!g) {
      g = Object.fromEntries(query.groupBy.map((c) => [c, r[c]])) as FlowGroup;
      query.lookups.forEach((l, i) => (g![l.as] = names[i]));
      for (const a of query.aggregates) g[a.as] = a.fn === "min" || a.fn === "max" ? (r[a.of!] as number) : 0;
      groups.set(key, g);
    }
    for (const a of query.aggregates) {
      if (a.fn === "count") g[a.as]++;
      else {
        const v = r[a.of!] as number | null;
        if (v === null) continue;
        if (a.fn === "sum") g[a.as] += v;
        else if (a.fn === "min") g[a.as] = Math.min(g[a.as], v);
        else g[a.as] = Math.max(g[a.as], v);
      }
    }
  }
  return sortGroups([...groups.values()]);
}

/** Rows in one order, whatever the engine returned: by every group column and name. */
export function sortGroups(rows: FlowGroup[], query: TrafficQuery = TRAFFIC_QUERY): FlowGroup[] {
  const cols = [...query.groupBy, ...query.lookups.map((l) => l.as)] as Array<keyof FlowGroup>;
  const cmp = (a: unknown, b: unknown): number =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : typeof a === "number" ? a - (b as number) : String(a) < String(b) ? -1 : 1;
  return rows.sort((x, y) => {
    for (const c of cols) {
      const d = cmp(x[c], y[c]);
      if (d) return d;
    }
    return 0;
  });
}
