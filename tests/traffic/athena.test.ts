/**
 * `--engine athena`: the call sequence against moto's Athena (start, poll, read pages), whose results
 * are queued through its moto-api because moto does not evaluate SQL; and `--athena-ddl`.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { AthenaClient, GetQueryExecutionCommand, ListQueryExecutionsCommand } from "@aws-sdk/client-athena";
import { stringify } from "yaml";
import { parseQueryLog, runQuery, TRAFFIC_QUERY, type TrafficReport } from "vpce-plan/traffic";
import { vpcePlan } from "../helpers/cli";
import { DUMMY_ENV, REGION, useMoto } from "../helpers/moto";
import { IP_RANGES, VPC, flowLogFile, scenarioQueryLog, scenarioRecords } from "../helpers/flowlogs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const dir = mkdtempSync(join(tmpdir(), "vpce-traffic-athena-"));
const REQUEST = join(dir, "request.yaml");
const INTERFACES = join(dir, "interfaces.json");
const RANGES = join(dir, "ip-ranges.json");
writeFileSync(
  REQUEST,
  stringify({
    region: "us-east-1",
    vpc: { id: VPC.vpcId, cidrs: ["10.0.0.0/16"], ipv6Cidrs: ["2600:1f18:aaaa::/56"] },
    access: { onPremises: { cidrs: VPC.onPremises }, peerVpcs: [{ name: "spoke-a", cidrs: ["10.1.0.0/16"] }] },
  }),
);
writeFileSync(
  INTERFACES,
  JSON.stringify({ natGateways: VPC.natGateways, interfaceEndpoints: VPC.interfaceEndpoints, gatewayEndpoints: VPC.gatewayEndpoints }),
);
writeFileSync(RANGES, IP_RANGES);
const common = ["--file", REQUEST, "--interfaces", INTERFACES, "--ip-ranges", RANGES, "--format", "json"];

describe("vpce-plan traffic --engine athena (moto)", function () {
  this.timeout(60_000);
  const moto = useMoto();
  const env = (): Record<string, string> => ({ AWS_ENDPOINT_URL: moto.url(), ...DUMMY_ENV });

  it("starts the Athena text, polls, reads the result pages and attributes them as the embedded engine does", async () => {
    const dns = parseQueryLog(scenarioQueryLog());
    assert.ok(typeof dns !== "string");
    const groups = runQuery(scenarioRecords(), dns.answers);
    const columns = [...TRAFFIC_QUERY.groupBy, ...TRAFFIC_QUERY.lookups.map((l) => l.as), ...TRAFFIC_QUERY.aggregates.map((a) => a.as)];
    const cell = (v: unknown): { VarCharValue?: string } => (v === null || v === undefined ? {} : { VarCharValue: String(v) });
    const rows = [
      { Data: columns.map((c) => ({ VarCharValue: c })) },
      ...groups.map((g) => ({ Data: columns.map((c) => cell((g as unknown as Record<string, unknown>)[c])) })),
    ];
    const queued = await fetch(`${moto.url()}/moto-api/static/athena/query-results`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ account_id: "123456789012", region: REGION, results: [{ rows, column_info: [] }] }),
    });
    assert.equal(queued.status, 201, await queued.text());
    const run = vpcePlan(
      [
        "traffic",
        ...common,
        "--engine",
        "athena",
        "--athena-workgroup",
        "primary",
        "--athena-database",
        "logs",
        "--athena-dns-table",
        "resolver_query_logs",
      ],
      { env: env() },
    );
    assert.equal(run.status, 0, run.stderr);
    const fromAthena = JSON.parse(run.stdout) as TrafficReport;

    const local = join(dir, "f.log.gz");
    writeFileSync(local, flowLogFile(scenarioRecords()));
    const dnsFile = join(dir, "dns.log.gz");
    writeFileSync(dnsFile, gzipSync(scenarioQueryLog()));
    const embedded = JSON.parse(vpcePlan(["traffic", ...common, "--flow-logs", local, "--dns-logs", dnsFile]).stdout) as TrafficReport;
    assert.deepEqual(fromAthena, embedded);

    const athena = new AthenaClient({
      region: REGION,
      endpoint: moto.url(),
      credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    });
    const [id] = (await athena.send(new ListQueryExecutionsCommand({}))).QueryExecutionIds ?? [];
    const q = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!;
    assert.equal(q.WorkGroup, "primary");
    assert.equal(q.QueryExecutionContext?.Database, "logs");
    assert.match(q.Query!, /FROM "logs"\."vpc_flow_logs"/);
    assert.match(q.Query!, /CROSS JOIN UNNEST\(answers\)/);
    assert.match(q.Query!, /max_by\(a\.name, a\.ts\)/);
    assert.doesNotMatch(q.Query!, /ASOF/);
  });

  it("--engine athena without a workgroup is a flag error", () => {
    const run = vpcePlan(["traffic", ...common, "--engine", "athena"]);
    assert.equal(run.status, 2);
    assert.match(run.stdout, /--engine athena needs --athena-workgroup WG/);
  });
});

describe("vpce-plan traffic --athena-ddl", () => {
  it("prints AWS's CREATE TABLE with partition projection for the flow log and query log tables", () => {
    const run = vpcePlan([
      "traffic",
      "--athena-ddl",
      "--file",
      REQUEST,
      "--flow-logs",
      "s3://my-flow-logs/org",
      "--dns-logs",
      "s3://my-query-logs",
      "--account-id",
      "111122223333",
      "--since",
      "2025-11-01T00:00:00Z",
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /CREATE EXTERNAL TABLE IF NOT EXISTS vpc_flow_logs \(/);
    assert.match(run.stdout, /"projection.day.range" = "2025\/11\/01,NOW"/);
    assert.match(
      run.stdout,
      /"storage.location.template" = "s3:\/\/my-flow-logs\/org\/AWSLogs\/111122223333\/vpcflowlogs\/\$\{aws_region\}\/\$\{day\}"/,
    );
    assert.match(run.stdout, /"projection.aws_region.values" = "us-east-1"/);
    assert.match(run.stdout, /answers array<struct<Rdata: string, Type: string, Class: string>>/);
    assert.match(run.stdout, /"skip.header.line.count" = "1"/);
  });

  it("names what is missing", () => {
    const run = vpcePlan(["traffic", "--athena-ddl", "--format", "json"]);
    assert.equal(run.status, 2);
    assert.match(run.stdout, /needs one --flow-logs s3:\/\/bucket\/prefix[\s\S]*--account-id[\s\S]*--region or --file/);
  });
});
