/** `vpce-plan traffic` and `plan --traffic`: local layouts, S3 and CloudWatch Logs (moto), bad files, the merge. */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { S3Client, CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { stringify, parse as parseYaml } from "yaml";
import { gbPerMonth, type TrafficReport } from "vpce-plan/traffic";
import { vpcePlan } from "../helpers/cli";
import { DUMMY_ENV, REGION, useMoto } from "../helpers/moto";
import {
  HOURS,
  IP_RANGES,
  T0,
  V5_FIELDS,
  VPC,
  expectedBytes,
  flowLogFile,
  renderRecord,
  scenarioQueryLog,
  scenarioRecords,
} from "../helpers/flowlogs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const dir = mkdtempSync(join(tmpdir(), "vpce-traffic-cli-"));
const REQUEST = join(dir, "request.yaml");
const INTERFACES = join(dir, "interfaces.json");
const RANGES = join(dir, "ip-ranges.json");
const DNS = join(dir, "dns.log.gz");
const request = {
  region: "us-east-1",
  vpc: { id: VPC.vpcId, cidrs: ["10.0.0.0/16"], ipv6Cidrs: ["2600:1f18:aaaa::/56"], dnsSupport: true, dnsHostnames: true },
  subnets: [
    { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
    { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
  ],
  services: ["s3", "sts", "dynamodb", "kms", "secretsmanager"],
  access: { onPremises: { cidrs: VPC.onPremises }, peerVpcs: [{ name: "spoke-a", cidrs: ["10.1.0.0/16"] }] },
};
writeFileSync(REQUEST, stringify(request));
writeFileSync(
  INTERFACES,
  JSON.stringify({ natGateways: VPC.natGateways, interfaceEndpoints: VPC.interfaceEndpoints, gatewayEndpoints: VPC.gatewayEndpoints }),
);
writeFileSync(RANGES, IP_RANGES);
writeFileSync(DNS, gzipSync(scenarioQueryLog()));

/** The scenario split over AWS's two S3 layouts (Hive-compatible partitions and per-hour prefixes), plus a stray file. */
function layouts(root: string): void {
  const records = scenarioRecords();
  const hive = join(
    root,
    "AWSLogs/aws-account-id=111122223333/aws-service=vpcflowlogs/aws-region=us-east-1/year=2025/month=12/day=06/hour=06",
  );
  const hourly = join(root, "AWSLogs/111122223333/vpcflowlogs/us-east-1/2025/12/06/07");
  mkdirSync(hive, { recursive: true });
  mkdirSync(hourly, { recursive: true });
  const half = Math.floor(records.length / 2);
  writeFileSync(join(hive, "111122223333_vpcflowlogs_us-east-1_fl-1_20251206T0600Z_a1.log.gz"), flowLogFile(records.slice(0, half)));
  writeFileSync(join(hourly, "111122223333_vpcflowlogs_us-east-1_fl-1_20251206T0700Z_b2.log.gz"), flowLogFile(records.slice(half)));
  writeFileSync(join(root, "AWSLogs/README.txt"), "not a log\n");
}
const LOCAL = join(dir, "bucket");
layouts(LOCAL);

const baseArgs = ["--file", REQUEST, "--dns-logs", DNS, "--ip-ranges", RANGES, "--interfaces", INTERFACES];

function report(args: string[]): { report: TrafficReport; stderr: string } {
  const run = vpcePlan(["traffic", ...baseArgs, ...args, "--format", "json"]);
  assert.equal(run.status, 0, run.stderr);
  return { report: JSON.parse(run.stdout) as TrafficReport, stderr: run.stderr };
}

function assertScenario(r: TrafficReport): void {
  const { byKey, unattributed } = expectedBytes();
  const services = r.vpcs[0].services;
  for (const [key, bytes] of Object.entries(byKey)) {
    const [service, consumer, path] = key.split("/") as [string, "vpc" | "onPremises" | "peers", "nat" | "endpoint" | "gateway" | "direct"];
    const perConsumer = Object.entries(byKey)
      .filter(([k]) => k.startsWith(`${service}/${consumer}/`))
      .reduce((s, [, b]) => s + b, 0);
    assert.equal(services[service][consumer], gbPerMonth(perConsumer, HOURS), key);
    if (Object.keys(byKey).filter((k) => k.startsWith(`${service}/`) && k.endsWith(`/${path}`)).length === 1)
      assert.equal(services[service].byPath[path], gbPerMonth(bytes, HOURS), key);
  }
  assert.equal(r.vpcs[0].unattributedGb, gbPerMonth(unattributed, HOURS));
  assert.equal(r.window.hours, HOURS);
}

describe("vpce-plan traffic", function () {
  this.timeout(60_000);

  it("reads both S3 layouts from a local copy, names and skips the stray file, and attributes exactly (json, version 1)", () => {
    const { report: r, stderr } = report(["--flow-logs", join(LOCAL, "AWSLogs")]);
    assert.equal(r.version, 1);
    assert.equal(r.kind, "traffic");
    assertScenario(r);
    assert.match(stderr, /skipped .*README\.txt: it is not a flow log header/);
    assert.equal(r.records.skipped, 1);
    assert.equal(r.records.read, scenarioRecords().length);
    assert.match(stderr, /records in .* s \(\d+ records\/s\)/);
  });

  it("--engine memory gives the same report as DuckDB", () => {
    const duck = report(["--flow-logs", LOCAL]).report;
    const memory = report(["--flow-logs", LOCAL, "--engine", "memory"]).report;
    assert.deepEqual(memory, duck);
  });

  it("--since/--until narrow the window and scale to it", () => {
    const since = new Date(T0 * 1000).toISOString();
    const { report: r } = report(["--flow-logs", LOCAL, "--since", since, "--until", String(T0 + 4 * 3600)]);
    assert.equal(r.window.hours, 4);
    assert.equal(r.vpcs[0].unattributedGb, gbPerMonth(expectedBytes().unattributed, 4));
  });

  it("--format request prints the request with traffic filled in", () => {
    const run = vpcePlan(["traffic", ...baseArgs, "--flow-logs", LOCAL, "--format", "request"]);
    assert.equal(run.status, 0, run.stderr);
    const out = parseYaml(run.stdout) as { traffic: Record<string, { vpc: number; onPremises: number; peers: number }>; vpc: unknown };
    assert.deepEqual(out.vpc, request.vpc);
    assert.equal(out.traffic.sts.onPremises, gbPerMonth(300_700, HOURS));
    assert.deepEqual(Object.keys(out.traffic).sort(), ["dynamodb", "kms", "s3", "secretsmanager", "sts"]);
  });

  it("the table says the window, the unit and the record counts", () => {
    const run = vpcePlan(["traffic", ...baseArgs, "--flow-logs", LOCAL]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\(2 h\), GB a month \(730 h, 2\^30 bytes\)/);
    assert.match(run.stdout, /^sts +/m);
    assert.match(run.stdout, /records: \d+ read, 1 skipped/);
  });

  it("bad flags: every problem at once, exit 2, JSON errors under --format json", () => {
    const run = vpcePlan(["traffic", "--since", "yesterday", "--format", "json"]);
    assert.equal(run.status, 2);
    const errors = (JSON.parse(run.stdout) as { errors: Array<{ message: string }> }).errors.map((e) => e.message);
    assert.equal(errors.length, 3);
    assert.match(errors.join("\n"), /--file is required[\s\S]*--flow-logs is required[\s\S]*--since yesterday is neither/);
  });

  describe("from S3 and CloudWatch Logs (moto)", () => {
    const moto = useMoto();
    const env = (): Record<string, string> => ({ AWS_ENDPOINT_URL: moto.url(), ...DUMMY_ENV });
    const creds = { accessKeyId: "testing", secretAccessKey: "testing" };

    it("lists and fetches s3://bucket/prefix with the AWS SDK, both layouts, and attributes as from local files", async () => {
      const s3 = new S3Client({ region: REGION, endpoint: moto.url(), forcePathStyle: true, credentials: creds });
      await s3.send(new CreateBucketCommand({ Bucket: "flow-logs" }));
      const root = mkdtempSync(join(tmpdir(), "vpce-traffic-s3-"));
      layouts(root);
      const { readdirSync, statSync } = await import("node:fs");
      const walk = (d: string): string[] =>
        readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
      for (const f of walk(root))
        await s3.send(new PutObjectCommand({ Bucket: "flow-logs", Key: f.slice(root.length + 1), Body: readFileSync(f) }));
      const run = vpcePlan(["traffic", ...baseArgs, "--flow-logs", "s3://flow-logs/AWSLogs/", "--format", "json"], { env: env() });
      assert.equal(run.status, 0, run.stderr);
      assertScenario(JSON.parse(run.stdout) as TrafficReport);
      assert.match(run.stderr, /fetched 3\/3 objects/);
      assert.match(run.stderr, /skipped s3:\/\/flow-logs\/AWSLogs\/README\.txt/);
    });

    it("reads cwl:GROUP events (headerless, the flow log's LogFormat given) like the same records from S3", async () => {
      const logs = new CloudWatchLogsClient({ region: REGION, endpoint: moto.url(), credentials: creds });
      await logs.send(new CreateLogGroupCommand({ logGroupName: "vpc-flow-logs" }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: "vpc-flow-logs", logStreamName: "eni-all" }));
      // CloudWatch Logs refuses events older than 14 days: the same records, moved to the last hours.
      const shift = Math.floor(Date.now() / 1000) - T0 - 3 * 3600;
      const records = scenarioRecords()
        .map((r) => ({ ...r, start: r.start + shift, end: r.end + shift }))
        .sort((a, b) => a.start - b.start);
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: "vpc-flow-logs",
          logStreamName: "eni-all",
          logEvents: records.map((r) => ({ timestamp: r.start * 1000, message: renderRecord(r, V5_FIELDS) })),
        }),
      );
      const format = V5_FIELDS.map((f) => `\${${f}}`).join(" ");
      const noDns = ["--file", REQUEST, "--ip-ranges", RANGES, "--interfaces", INTERFACES, "--format", "json"];
      const run = vpcePlan(["traffic", ...noDns, "--flow-logs", "cwl:vpc-flow-logs", "--flow-log-format", format], { env: env() });
      assert.equal(run.status, 0, run.stderr);
      const fromLogs = JSON.parse(run.stdout) as TrafficReport;
      const local = vpcePlan(["traffic", ...noDns, "--flow-logs", LOCAL]);
      const fromFiles = JSON.parse(local.stdout) as TrafficReport;
      assert.deepEqual(fromLogs.vpcs, fromFiles.vpcs);
      assert.equal(fromLogs.records.read, fromFiles.records.read);
      assert.match(run.stderr, new RegExp(`read ${records.length} events from CloudWatch Logs group vpc-flow-logs`));
    });
  });
});

describe("vpce-plan plan --traffic", function () {
  this.timeout(60_000);
  const measured = join(dir, "traffic.json");
  before(() => {
    const run = vpcePlan(["traffic", ...baseArgs, "--flow-logs", LOCAL, "--format", "json"]);
    writeFileSync(measured, run.stdout);
  });

  it("fills the request's traffic from the measurement; the plan prices it", () => {
    const run = vpcePlan(["plan", "--file", REQUEST, "--traffic", measured, "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    const plan = JSON.parse(run.stdout) as { endpoints: Array<{ service: string; cost: { expectedGb?: number } }> };
    const sts = plan.endpoints.find((e) => e.service === "sts")!;
    const r = JSON.parse(readFileSync(measured, "utf8")) as TrafficReport;
    const s = r.vpcs[0].services.sts;
    assert.ok(Math.abs(sts.cost.expectedGb! - (s.vpc + s.onPremises + s.peers)) < 1e-9);
  });

  it("a figure the request gives wins; more than 20% off the measurement warns, naming both", () => {
    const r = JSON.parse(readFileSync(measured, "utf8")) as TrafficReport;
    const kms = r.vpcs[0].services.kms.vpc;
    const file = join(dir, "declared.yaml");
    writeFileSync(file, stringify({ ...request, traffic: { kms: kms * 2, secretsmanager: r.vpcs[0].services.secretsmanager.vpc * 1.1 } }));
    const run = vpcePlan(["plan", "--file", file, "--traffic", measured, "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(
        `warning: traffic\\.kms: the request says ${kms * 2} GB a month, .*traffic\\.json measured ${kms} GB over 2 h; the request's ${kms * 2} is used`,
      ),
    );
    assert.doesNotMatch(run.stderr, /traffic\.secretsmanager/, "10% off is no warning");
  });

  it("a file that is not a traffic report is refused by name", () => {
    const run = vpcePlan(["plan", "--file", REQUEST, "--traffic", REQUEST]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--traffic .*request\.yaml/);
  });
});
