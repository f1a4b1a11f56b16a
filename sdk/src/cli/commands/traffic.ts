/**
 * `vpce-plan traffic`: the request's traffic measured from the account's own flow logs and Resolver
 * query logs (DESIGN rule 17). Reads, attributes, prints a versioned report, or the request with its
 * `traffic` filled in.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { stringify } from "yaml";
import { isNetworkRequest } from "../../plan";
import type { PlanRequest } from "../../plan/types";
import {
  attribute,
  catalogNameToKey,
  parseFlowLog,
  parseFormat,
  parseIpRanges,
  parseQueryLog,
  requestTraffic,
  runQuery,
  topologyVpcFromRequest,
  trafficReport,
  type DnsAnswer,
  type FlowGroup,
  type Interfaces,
  type IpRange,
  type QueryWindow,
  type TrafficReport,
} from "../../facts/traffic";
import { gather, sortFlowFiles, type SourceOptions } from "../../facts/traffic/sources";
import { oneOf, parse, type Options } from "../args";
import { AWS_FLAGS, AWS_HELP, stringFlag } from "../aws";
import { EXIT_INVALID, EXIT_OK, HELP_FLAG_HELP, type Command, type Io } from "../command";
import { CliError, readRequestFile } from "../request";

const FORMATS = ["table", "json", "request"] as const;
const ENGINES = ["duckdb", "memory", "athena"] as const;

const FLAGS = {
  file: { type: "string", short: "f" },
  "flow-logs": { type: "string", multiple: true },
  "flow-log-format": { type: "string" },
  "dns-logs": { type: "string", multiple: true },
  "ip-ranges": { type: "string" },
  interfaces: { type: "string" },
  since: { type: "string" },
  until: { type: "string" },
  engine: { type: "string" },
  "athena-workgroup": { type: "string" },
  "athena-database": { type: "string" },
  "athena-table": { type: "string" },
  "athena-dns-table": { type: "string" },
  "athena-ddl": { type: "boolean" },
  "account-id": { type: "string" },
  format: { type: "string" },
  help: { type: "boolean", short: "h" },
  ...AWS_FLAGS,
} satisfies Options;

export const command: Command = {
  flags: FLAGS,
  name: "traffic",
  summary: "measure each service's traffic from flow logs and Resolver query logs",
  help: `Usage: vpce-plan traffic --file request.yaml --flow-logs PATH... [--dns-logs PATH...] [--ip-ranges FILE]
                         [--interfaces FILE] [--since T --until T] [--format table|json|request]

Attributes every byte of the VPC's flow logs to a service, a consumer (the VPC, on-premises, peers)
and a path (NAT gateway, interface endpoint, gateway endpoint, direct), scaled to GB a month
(730 hours, 2^30 bytes a GB) from the window the logs cover. See docs/traffic.md.

  -f, --file FILE          the request (single VPC): its VPC, CIDRs and declared consumers
      --flow-logs PATH     flow logs: a file, a directory (any layout), s3://bucket/prefix or cwl:GROUP;
                           repeat the flag for more. Gzip or plain text with a header line, or Parquet
      --flow-log-format F  the fields of headerless logs (CloudWatch Logs), as in the flow log's
                           LogFormat: '\${version} \${account-id} ...' (default: AWS's default format)
      --dns-logs PATH      Resolver query logs (JSON lines, gzip or plain): same kinds of PATH
      --ip-ranges FILE     AWS's ip-ranges.json, to name S3 and DynamoDB addresses DNS did not
      --interfaces FILE    JSON { natGateways, interfaceEndpoints, gatewayEndpoints } of the VPC: the
                           network interfaces of its NAT gateways and endpoints, so no flow counts twice
      --since T            the window's start (ISO 8601 or Unix seconds; default: what the logs cover)
      --until T            the window's end (same forms)
      --engine E           duckdb (default, embedded), memory (no DuckDB needed; small logs) or athena
      --athena-workgroup WG  with --engine athena: the query runs on Athena over the tables below (no
                           --flow-logs); only the grouped rows come back
      --athena-database DB the Athena database (default: default)
      --athena-table T     the flow-log table (default: vpc_flow_logs)
      --athena-dns-table T the Resolver query-log table
      --athena-ddl         print the CREATE TABLE statements (partition projection) for those tables:
                           with --flow-logs s3://bucket/prefix [--dns-logs s3://...] --account-id ID
                           [--since T] and the request's region
      --account-id ID      the account whose logs the --athena-ddl tables read
      --format FORMAT      table (default), json (the versioned report) or request (the request with
                           traffic filled in)
${AWS_HELP}
${HELP_FLAG_HELP}

Progress goes to stderr. Files that are not logs are named there and skipped, and counted in the output.`,
  async run(argv, io) {
    const { values } = parse(argv, FLAGS);
    if (values.help) {
      io.out(command.help + "\n");
      return EXIT_OK;
    }
    const flags = values as Record<string, string | string[] | boolean | undefined>;
    const format = oneOf("format", values.format, FORMATS, "table");
    const engine = oneOf("engine", values.engine, ENGINES, "duckdb");
    const problems: string[] = [];
    const file = typeof values.file === "string" ? values.file : undefined;
    if (!file) problems.push("--file is required: the request names the VPC and its consumers.");
    const flowSpecs = (flags["flow-logs"] as string[] | undefined) ?? [];
    const workgroup = stringFlag(values, "athena-workgroup");
    if (engine === "athena" && !workgroup) problems.push("--engine athena needs --athena-workgroup WG.");
    if (engine !== "athena" && !flowSpecs.length)
      problems.push("--flow-logs is required: a file, directory, s3://bucket/prefix or cwl:GROUP.");
    const window: QueryWindow = {};
    for (const flag of ["since", "until"] as const) {
      const v = stringFlag(values, flag);
      if (v === undefined) continue;
      const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v) / 1000;
      if (Number.isNaN(t)) problems.push(`--${flag} ${v} is neither ISO 8601 nor Unix seconds.`);
      else window[flag] = Math.floor(t);
    }
    if (window.since !== undefined && window.until !== undefined && window.until <= window.since)
      problems.push("--until must be after --since.");
    let headerless: readonly string[] | undefined;
    const logFormat = stringFlag(values, "flow-log-format");
    if (logFormat !== undefined) {
      const f = parseFormat(logFormat);
      if (typeof f === "string") problems.push(`--flow-log-format ${f}.`);
      else headerless = f.fields;
    }
    if (values["athena-ddl"] === true) return printDdl(values, flags, window, io);
    if (problems.length) throw invalid(problems);

    const request = readRequestFile(file!) as PlanRequest;
    if (isNetworkRequest(request))
      throw invalid(["--file is a network request (hub and spokes); vpce-plan traffic reads single-VPC requests for now."]);
    if (!request?.vpc?.id || !(request.vpc.cidrs?.length || request.vpc.ipv6Cidrs?.length))
      throw invalid([`${file} needs vpc.id and vpc.cidrs: the attribution tells the VPC's own addresses by them.`]);
    const interfaces = typeof values.interfaces === "string" ? readJson<Interfaces>(values.interfaces, "--interfaces") : {};
    const ipRanges = typeof values["ip-ranges"] === "string" ? readIpRanges(values["ip-ranges"], request.region) : [];

    const region = stringFlag(values, "region") ?? request.region;
    const endpointUrl = stringFlag(values, "endpoint-url") ?? process.env.AWS_ENDPOINT_URL;
    if (engine === "athena") {
      const { runAthena } = require("../../facts/traffic/engines/athena") as typeof import("../../facts/traffic/engines/athena");
      const started = Date.now();
      const rows = await runAthena({
        workgroup: workgroup!,
        database: stringFlag(values, "athena-database") ?? "default",
        flowTable: stringFlag(values, "athena-table") ?? "vpc_flow_logs",
        dnsTable: stringFlag(values, "athena-dns-table"),
        window,
        region,
        endpointUrl,
        progress: (line) => io.err(`traffic: ${line}`),
      });
      return output(rows, request, interfaces, ipRanges, window, 0, started, format, io);
    }
    const scratch = mkdtempSync(join(tmpdir(), "vpce-plan-traffic-"));
    try {
      const source: SourceOptions = {
        region,
        endpointUrl,
        since: window.since,
        until: window.until,
        scratch,
        progress: (line) => io.err(`traffic: ${line}`),
      };
      const started = Date.now();
      const flowFiles = await gatherOrFail(flowSpecs, source);
      const sorted = await sortFlowFiles(flowFiles, headerless);
      const dns = await readAnswers((flags["dns-logs"] as string[] | undefined) ?? [], source, io);
      let skipped = sorted.skipped.length + dns.skippedFiles;
      for (const s of sorted.skipped) io.err(`traffic: skipped ${s.file}: it ${s.why}\n`);
      const bytesIn = flowFiles.reduce((s, f) => s + f.bytes, 0);
      io.err(
        `traffic: reading ${flowFiles.length - sorted.skipped.length} flow log files (${(bytesIn / 1e6).toFixed(1)} MB) with ${engine}\n`,
      );
      const { rows, badLines } = await runEngine(engine, sorted, dns.answers, window);
      for (const [f, n] of Object.entries(badLines)) {
        io.err(`traffic: ${f}: skipped ${n} lines that do not fit its format\n`);
        skipped += n;
      }
      return output(rows, request, interfaces, ipRanges, window, skipped, started, format, io);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};

function output(
  rows: FlowGroup[],
  request: PlanRequest,
  interfaces: Interfaces,
  ipRanges: IpRange[],
  window: QueryWindow,
  skipped: number,
  started: number,
  format: (typeof FORMATS)[number],
  io: Io,
): number {
  const attribution = attribute(rows, {
    topology: { vpcs: [topologyVpcFromRequest(request, interfaces)] },
    nameToKey: catalogNameToKey(request.region),
    ipRanges,
  });
  const secs = Math.max((Date.now() - started) / 1000, 0.001);
  io.err(`traffic: ${attribution.records} records in ${secs.toFixed(1)} s (${Math.round(attribution.records / secs)} records/s)\n`);
  const report = trafficReport(attribution, { start: window.since, end: window.until }, skipped);
  if (typeof report === "string") throw new CliError(`${report}.`, 1);
  io.out(render(report, request, format));
  return EXIT_OK;
}

function printDdl(
  values: Record<string, string | boolean | undefined>,
  flags: Record<string, string | string[] | boolean | undefined>,
  window: QueryWindow,
  io: Io,
): number {
  const flow = ((flags["flow-logs"] as string[] | undefined) ?? []).filter((f) => f.startsWith("s3://"));
  const dns = ((flags["dns-logs"] as string[] | undefined) ?? []).filter((f) => f.startsWith("s3://"));
  const account = stringFlag(values, "account-id");
  const problems: string[] = [];
  if (flow.length !== 1) problems.push("--athena-ddl needs one --flow-logs s3://bucket/prefix (where AWSLogs/ is).");
  if (!account || !/^\d{12}$/.test(account)) problems.push("--athena-ddl needs --account-id, the 12-digit account that delivers the logs.");
  let region = stringFlag(values, "region");
  if (!region && typeof values.file === "string") region = (readRequestFile(values.file) as PlanRequest).region;
  if (!region) problems.push("--athena-ddl needs --region or --file (the request's region).");
  if (problems.length) throw invalid(problems);
  const since = new Date((window.since ?? Date.now() / 1000 - 90 * 86_400) * 1000).toISOString().slice(0, 10).replace(/-/g, "/");
  const { athenaDdl } = require("../../facts/traffic/athenaDdl") as typeof import("../../facts/traffic/athenaDdl");
  io.out(
    athenaDdl({
      flowLogsLocation: flow[0],
      dnsLogsLocation: dns[0],
      accountId: account!,
      regions: [region!],
      since,
      database: stringFlag(values, "athena-database"),
      flowTable: stringFlag(values, "athena-table"),
      dnsTable: stringFlag(values, "athena-dns-table"),
    }),
  );
  return EXIT_OK;
}

const invalid = (problems: string[]): CliError =>
  new CliError(
    problems.join(" "),
    EXIT_INVALID,
    problems.map((message) => ({ code: "INVALID_ARGUMENTS", path: "", message, hint: "Run vpce-plan traffic --help." })),
  );

function readJson<T>(path: string, flag: string): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (err) {
    throw invalid([`${flag} ${path}: ${(err as Error).message}`]);
  }
}

function readIpRanges(path: string, region: string): IpRange[] {
  const r = parseIpRanges(readFileSync(path, "utf8"), region);
  if (typeof r === "string") throw invalid([`--ip-ranges ${path} ${r}.`]);
  return r;
}

async function gatherOrFail(specs: readonly string[], o: SourceOptions): ReturnType<typeof gather> {
  try {
    return await gather(specs, o);
  } catch (err) {
    throw new CliError(`could not read ${specs.join(", ")}: ${(err as Error).message}`, 1);
  }
}

async function readAnswers(specs: readonly string[], o: SourceOptions, io: Io): Promise<{ answers: DnsAnswer[]; skippedFiles: number }> {
  const answers: DnsAnswer[] = [];
  let skippedFiles = 0;
  for (const f of await gatherOrFail(specs, o)) {
    const raw = readFileSync(f.path);
    const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString("utf8");
    const parsed = parseQueryLog(text);
    if (typeof parsed === "string") {
      io.err(`traffic: skipped ${f.origin}: it ${parsed}\n`);
      skippedFiles++;
    } else answers.push(...parsed.answers);
  }
  return { answers, skippedFiles };
}

async function runEngine(
  engine: (typeof ENGINES)[number],
  sorted: Awaited<ReturnType<typeof sortFlowFiles>>,
  answers: readonly DnsAnswer[],
  window: QueryWindow,
): Promise<{ rows: FlowGroup[]; badLines: Record<string, number> }> {
  if (engine === "duckdb") {
    // Loaded here only: the DuckDB binding is an optional dependency.
    const { runDuckdb, EngineUnavailableError } =
      require("../../facts/traffic/engines/duckdb") as typeof import("../../facts/traffic/engines/duckdb");
    try {
      return await runDuckdb({ text: sorted.text, parquet: sorted.parquet, answers, window });
    } catch (err) {
      if (err instanceof EngineUnavailableError) throw new CliError(err.message, 1);
      throw err;
    }
  }
  if (sorted.parquet.length) throw invalid(["--engine memory reads text logs only; Parquet needs --engine duckdb."]);
  const records = [];
  const badLines: Record<string, number> = {};
  for (const group of sorted.text)
    for (const f of group.files) {
      const raw = readFileSync(f);
      const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString("utf8");
      const p = parseFlowLog(group.header ? text : `${group.fields.join(" ")}\n${text}`);
      if (typeof p === "string") badLines[f] = Number.NaN;
      else {
        records.push(...p.records);
        if (p.badLines) badLines[f] = p.badLines;
      }
    }
  return { rows: runQuery(records, answers, window), badLines };
}

function render(report: TrafficReport, request: PlanRequest, format: (typeof FORMATS)[number]): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  if (format === "request") return stringify({ ...request, traffic: { ...request.traffic, ...requestTraffic(report, request.vpc.id) } });
  const lines = [
    `Traffic measured ${report.window.start} .. ${report.window.end} (${report.window.hours} h), GB a month (730 h, 2^30 bytes)`,
    "",
  ];
  const header = ["service", "vpc", "onPremises", "peers", "nat", "endpoint", "gateway", "direct"];
  const rows: string[][] = [];
  for (const v of report.vpcs) {
    for (const [key, s] of Object.entries(v.services))
      rows.push([key, s.vpc, s.onPremises, s.peers, s.byPath.nat, s.byPath.endpoint, s.byPath.gateway, s.byPath.direct].map(String));
    rows.push(["(unattributed)", String(v.unattributedGb), "", "", "", "", "", ""]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  lines.push(fmt(header), ...rows.map(fmt), "");
  const r = report.records;
  lines.push(
    `records: ${r.read} read, ${r.skipped} skipped, ${r.unattributed} unattributed, ${r.noData} NODATA, ${r.skipData} SKIPDATA, ${r.rejected} rejected, ${r.countedElsewhere} counted on a NAT or endpoint interface`,
  );
  return lines.join("\n") + "\n";
}
