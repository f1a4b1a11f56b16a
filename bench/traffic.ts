/**
 * Traffic benchmark (rules 17, 20): flow records a second through the whole embedded pipeline (the
 * one query on DuckDB, then the attribution) for gzip text and for Parquet, against DuckDB's own bare
 * aggregate (`sum(bytes), count(*)`) over the same file, and peak memory. Goals: within 1.5x of the
 * bare aggregate; under 1 GB RSS for 10 million records.
 *
 * `trafficBench(root)` runs `node bench/dist/traffic.js N` in a child process (so its peak RSS is the
 * benchmark's alone), writes bench/results/traffic.json and returns a markdown table.
 * `TRAFFIC_BENCH_RECORDS` overrides the 10 million records (the goal's size) for a shorter run.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { attribute, catalogNameToKey, DEFAULT_FORMAT, INTEGER_COLUMNS, type TrafficTopology } from "vpce-plan/traffic";
import { runDuckdb } from "vpce-plan/traffic/duckdb";

const FIELDS = [
  ...DEFAULT_FORMAT,
  ...["vpc-id", "pkt-srcaddr", "pkt-dstaddr", "pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction", "traffic-path"],
];
const T0 = 1_765_000_800;
const TOPOLOGY: TrafficTopology = {
  vpcs: [
    {
      vpcId: "vpc-0bench",
      cidrs: ["10.0.0.0/16"],
      natGateways: [{ interfaceId: "eni-nat", privateIps: ["10.0.0.10"] }],
      interfaceEndpoints: [{ interfaceId: "eni-sts", privateIps: ["10.0.1.100"], service: "sts" }],
      gatewayEndpoints: ["s3"],
    },
  ],
};

/** N records: 200 workload interfaces, each talking to 25 of 5,000 destinations (a third S3), over a day. */
const GENERATE = (n: number): string => `SELECT 2 AS "version", '111122223333' AS "account-id",
  'eni-' || (i % 200) AS "interface-id", '10.0.' || (i % 200) || '.5' AS srcaddr,
  CASE WHEN i % 3 = 0 THEN '52.216.' ELSE '3.80.' END || (((i % 200) * 25 + (i // 200) % 25) // 250) || '.' || (((i % 200) * 25 + (i // 200) % 25) % 250) AS dstaddr,
  (40000 + i % 20000) AS srcport, 443 AS dstport, 6 AS protocol, (1 + i % 50) AS packets, (100 + (i * 7919) % 150000) AS bytes,
  (${T0} + (i % 86400)) AS "start", (${T0} + (i % 86400) + 59) AS "end", 'ACCEPT' AS action, 'OK' AS "log-status",
  'vpc-0bench' AS "vpc-id", NULL AS "pkt-srcaddr", NULL AS "pkt-dstaddr",
  CASE WHEN i % 3 = 0 THEN 'S3' ELSE NULL END AS "pkt-src-aws-service", NULL AS "pkt-dst-aws-service",
  'egress' AS "flow-direction", CASE WHEN i % 3 = 0 THEN 7 ELSE 1 END AS "traffic-path"
  FROM range(${n}) t(i)`;

export interface TrafficRun {
  records: number;
  fileMb: number;
  seconds: number;
  recordsPerSecond: number;
  bareSeconds: number;
  ratio: number;
}

async function child(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "vpce-bench-traffic-"));
  try {
    const text = join(dir, "flows.log.gz");
    const parquet = join(dir, "flows.parquet");
    const inst = await DuckDBInstance.create(":memory:");
    const db = await inst.connect();
    await db.run(`COPY (${GENERATE(n)}) TO '${text}' (FORMAT csv, DELIMITER ' ', HEADER, NULLSTR '-', QUOTE '', COMPRESSION gzip)`);
    await db.run(`COPY (${GENERATE(n)}) TO '${parquet}' (FORMAT parquet)`);
    const columns = FIELDS.map(
      (f) => `'${f.replace(/-/g, "_")}': '${INTEGER_COLUMNS.has(f.replace(/-/g, "_") as never) ? "BIGINT" : "VARCHAR"}'`,
    );
    const bare = async (from: string): Promise<number> => {
      const t = process.hrtime.bigint();
      await db.runAndReadAll(`SELECT sum(bytes), count(*) FROM ${from}`);
      return Number(process.hrtime.bigint() - t) / 1e9;
    };
    const textBare = await bare(
      `read_csv('${text}', delim = ' ', header = true, nullstr = '-', auto_detect = false, columns = {${columns.join(", ")}})`,
    );
    const parquetBare = await bare(`read_parquet('${parquet}')`);
    db.closeSync();
    inst.closeSync();
    const run = async (input: Parameters<typeof runDuckdb>[0], bareSeconds: number, file: string): Promise<TrafficRun> => {
      const t = process.hrtime.bigint();
      const { rows } = await runDuckdb(input);
      const a = attribute(rows, { topology: TOPOLOGY, nameToKey: catalogNameToKey("us-east-1") });
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      if (a.records !== n) throw new Error(`read ${a.records} records, wrote ${n}`);
      return {
        records: n,
        fileMb: Math.round(statSync(file).size / 1e5) / 10,
        seconds: Math.round(seconds * 100) / 100,
        recordsPerSecond: Math.round(n / seconds),
        bareSeconds: Math.round(bareSeconds * 100) / 100,
        ratio: Math.round((seconds / bareSeconds) * 100) / 100,
      };
    };
    const gzipText = await run({ text: [{ fields: FIELDS, files: [text] }], parquet: [], answers: [] }, textBare, text);
    const parquetRun = await run({ text: [], parquet: [parquet], answers: [] }, parquetBare, parquet);
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(JSON.stringify({ gzipText, parquet: parquetRun, peakRssMb }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function trafficBench(root: string, records = Number(process.env.TRAFFIC_BENCH_RECORDS ?? 10_000_000)): string {
  const out = execFileSync(process.execPath, [join(__dirname, "traffic.js"), String(records)], { encoding: "utf8", maxBuffer: 1 << 20 });
  const r = JSON.parse(out) as { gzipText: TrafficRun; parquet: TrafficRun; peakRssMb: number };
  const results = join(root, "bench", "results");
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, "traffic.json"),
    JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...r, goals: { ratio: 1.5, peakRssMb: 1024 } }, null, 2) +
      "\n",
  );
  const ok = (pass: boolean): string => (pass ? "met" : "MISSED");
  const row = (name: string, x: TrafficRun): string =>
    `| ${name}, ${x.records.toLocaleString("en-US")} records (${x.fileMb} MB) | ${x.recordsPerSecond.toLocaleString("en-US")} records/s (${x.seconds} s) | ${x.bareSeconds} s = ${x.ratio}x | <= 1.5x | ${ok(x.ratio <= 1.5)} |`;
  return [
    "| Traffic (query + attribution, DuckDB) | Throughput | DuckDB's bare `sum(bytes), count(*)` | Goal | |",
    "| --- | --- | --- | --- | --- |",
    row("gzip text", r.gzipText),
    row("Parquet", r.parquet),
    `| Peak memory, both runs | ${r.peakRssMb} MB RSS | | < 1024 MB | ${ok(r.peakRssMb < 1024)} |`,
  ].join("\n");
}

if (require.main === module) {
  const n = Number(process.argv[2]);
  if (Number.isInteger(n) && n > 0) void child(n);
  else process.stdout.write(trafficBench(join(__dirname, "..", "..")) + "\n");
}
