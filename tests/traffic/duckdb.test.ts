/** Rule 20: the traffic query's DuckDB text, run by DuckDB itself on the fixtures, equals the in-memory query. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  DEFAULT_FORMAT,
  athena,
  compileTrafficQuery,
  duckdbTextSource,
  INTEGER_COLUMNS,
  parseFlowLog,
  parseQueryLog,
  runQuery,
  sortGroups,
  type DnsAnswer,
  type FlowRecord,
} from "vpce-plan/traffic";
import { duckdbStatement, runDuckdb } from "vpce-plan/traffic/duckdb";
import { DuckDBInstance } from "@duckdb/node-api";
import { T0, V5_FIELDS, flowLogFile, scenarioQueryLog, scenarioRecords } from "../helpers/flowlogs";

const answers = (): DnsAnswer[] => {
  const p = parseQueryLog(scenarioQueryLog());
  assert.ok(typeof p !== "string");
  return p.answers;
};
const parse = (buf: Buffer): FlowRecord[] => {
  const p = parseFlowLog(gunzipSync(buf).toString());
  assert.ok(typeof p !== "string");
  return p.records;
};

describe("traffic: DuckDB runs the one query", function () {
  this.timeout(60_000);
  let dir: string;
  const records = scenarioRecords();
  // Two files of the custom format, one of the default format (only what v2 carries), as AWS writes them.
  const half = Math.floor(records.length / 2);
  const v5a = flowLogFile(records.slice(0, half));
  const v5b = flowLogFile(records.slice(half));
  const v2Records = records.filter((r) => r.interface_id.startsWith("eni-0i"));
  const v2 = flowLogFile(v2Records, DEFAULT_FORMAT);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "vpce-traffic-"));
    writeFileSync(join(dir, "a.log.gz"), v5a);
    writeFileSync(join(dir, "b.log.gz"), v5b);
    writeFileSync(join(dir, "v2.log.gz"), v2);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("gzip text with an explicit schema and '-' as NULL: the same rows as the in-memory query", async () => {
    const text = [{ fields: V5_FIELDS, files: [join(dir, "a.log.gz"), join(dir, "b.log.gz")] }];
    const { rows } = await runDuckdb({ text, parquet: [], answers: answers() });
    const expected = runQuery([...parse(v5a), ...parse(v5b)], answers());
    assert.ok(
      expected.some((g) => g.dst_name === "kms.us-east-1.amazonaws.com"),
      "the fixture exercises the DNS lookup",
    );
    assert.ok(expected.some((g) => g.log_status === "NODATA" && g.bytes === 0));
    assert.deepEqual(rows, expected);
  });

  it("files of two formats (v5 custom and v2 default) in one run, the v2 file's missing columns NULL", async () => {
    const text = [
      { fields: V5_FIELDS, files: [join(dir, "a.log.gz")] },
      { fields: DEFAULT_FORMAT, files: [join(dir, "v2.log.gz")] },
    ];
    const { rows } = await runDuckdb({ text, parquet: [], answers: answers() });
    assert.deepEqual(rows, runQuery([...parse(v5a), ...parse(v2)], answers()));
  });

  it("Parquet (written by DuckDB from the text, as AWS's Parquet delivery names the columns) gives the same rows", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const db = await instance.connect();
    const parquet = join(dir, "flows.parquet");
    const cols = V5_FIELDS.map(
      (f) =>
        `'${f.replace(/-/g, "_")}': '${["bytes", "packets", "start", "end", "traffic_path", "version", "srcport", "dstport", "protocol", "tcp_flags"].includes(f.replace(/-/g, "_")) ? "BIGINT" : "VARCHAR"}'`,
    );
    await db.run(
      `COPY (SELECT * FROM read_csv(['${join(dir, "a.log.gz")}', '${join(dir, "b.log.gz")}'], delim=' ', header=true, nullstr='-', auto_detect=false, columns={${cols.join(", ")}})) TO '${parquet}' (FORMAT parquet)`,
    );
    db.closeSync();
    instance.closeSync();
    const { rows } = await runDuckdb({ text: [], parquet: [parquet], answers: answers() });
    assert.deepEqual(rows, runQuery([...parse(v5a), ...parse(v5b)], answers()));
  });

  it("filters the window in SQL as the in-memory query does", async () => {
    const window = { since: T0 + 1100, until: T0 + 4500 };
    const text = [{ fields: V5_FIELDS, files: [join(dir, "a.log.gz"), join(dir, "b.log.gz")] }];
    const { rows } = await runDuckdb({ text, parquet: [], answers: answers(), window });
    const expected = runQuery([...parse(v5a), ...parse(v5b)], answers(), window);
    assert.ok(expected.length > 0 && expected.length < runQuery(records, answers()).length);
    assert.deepEqual(rows, expected);
  });

  it("counts the lines that do not fit the format, per file, and reads the rest", async () => {
    const broken = join(dir, "broken.log");
    const good = gunzipSync(v5a).toString().split("\n");
    writeFileSync(broken, [...good.slice(0, 3), "2 111122223333 eni-x too few fields", ...good.slice(3)].join("\n"));
    const { rows, badLines } = await runDuckdb({ text: [{ fields: V5_FIELDS, files: [broken] }], parquet: [], answers: [] });
    assert.deepEqual(badLines, { [broken]: 1 });
    assert.deepEqual(rows, runQuery(parse(v5a), []));
  });

  it("the Athena dialect's text (max_by per address and time instead of ASOF), run on DuckDB, gives the same rows", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const db = await instance.connect();
    await db.run("CREATE TABLE answers_in (addr VARCHAR, ts BIGINT, name VARCHAR)");
    for (const a of answers()) await db.run(`INSERT INTO answers_in VALUES ('${a.addr}', ${a.ts}, '${a.name}')`);
    const flows = duckdbTextSource([join(dir, "a.log.gz"), join(dir, "b.log.gz")], V5_FIELDS, INTEGER_COLUMNS);
    const sql = compileTrafficQuery(athena, { flows, answers: "answers_in" });
    assert.doesNotMatch(sql, /ASOF/);
    const rows = (await db.runAndReadAll(sql))
      .getRowObjects()
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
    db.closeSync();
    instance.closeSync();
    assert.deepEqual(sortGroups(rows as never), runQuery([...parse(v5a), ...parse(v5b)], answers()));
  });

  it("the statement reads local files only, never httpfs or s3://", () => {
    const sql = duckdbStatement({ text: [{ fields: V5_FIELDS, files: ["/tmp/x.log.gz"] }], parquet: [] }, new Set());
    assert.match(sql, /read_csv\(\['\/tmp\/x\.log\.gz'\], delim = ' ', header = true, nullstr = '-', auto_detect = false/);
    assert.match(sql, /ASOF LEFT JOIN answers/);
    assert.doesNotMatch(sql, /s3:\/\/|httpfs/);
  });
});
