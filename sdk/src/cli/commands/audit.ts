import { auditVpcs, SEVERITIES, severityRank, toSarif, type Finding } from "../../audit";
import { metricFindings } from "../../audit/metrics";
import type { VpcSnapshot } from "../../facts/aws/snapshot";
import type { TrafficReport } from "../../facts/traffic/report";
import { parseCidr } from "../../plan/cidr";
import { oneOf, parse, type Options } from "../args";
import { AWS_FLAGS, AWS_HELP, awsOptions, commaList, stringFlag, vpcIdFlag, withEc2 } from "../aws";
import { EXIT_INVALID, EXIT_OK, HELP_FLAG_HELP, type Command, type Io } from "../command";
import { renderTable } from "../format/table";
import { CliError, readTrafficFile } from "../request";
import { orgReport, renderOrgReport } from "./inventory";
import { ORG_FLAGS, ORG_HELP, partialExit } from "../org";

const FORMATS = ["table", "json", "sarif", "markdown"] as const;
const FAIL_ON = ["none", ...SEVERITIES] as const;
/** Findings at or above --fail-on: distinct from 1 (could not audit) and 2 (bad flags). */
export const EXIT_FINDINGS = 3;

const FLAGS = {
  "vpc-id": { type: "string" },
  consumers: { type: "string" },
  format: { type: "string" },
  "sarif-file": { type: "string" },
  "fail-on": { type: "string" },
  "security-hub": { type: "boolean" },
  metrics: { type: "boolean" },
  since: { type: "string" },
  "idle-gb": { type: "string" },
  traffic: { type: "string" },
  help: { type: "boolean", short: "h" },
  ...ORG_FLAGS,
  hub: { type: "string" },
  ...AWS_FLAGS,
} satisfies Options;

export const command: Command = {
  flags: FLAGS,
  name: "audit",
  summary: "check existing VPC endpoints for waste and risk (table, json or SARIF)",
  help: `Usage: vpce-plan audit [--vpc-id vpc-123] [--format table|json|sarif] [--fail-on SEVERITY]

Reads one VPC (or every VPC in the region without --vpc-id) from EC2 and lists findings, each with
a stable id, severity (high, medium, low), the resource, why it matters and the fix.

      --vpc-id ID         the VPC to audit (default: every VPC in the region)
      --consumers LIST    CIDRs besides the VPC's own that may reach the endpoints (on-premises, peers)
      --format FORMAT     table (default), json, or sarif (SARIF 2.1.0 for code-scanning tools)
      --sarif-file PATH   anchor SARIF results to this file (e.g. the Pulumi program)
      --fail-on SEV       exit 3 when a finding is at or above SEV: low, medium, high, none (default)
      --security-hub      also check the Security Hub endpoint controls EC2.10, EC2.55-58 and EC2.60
      --metrics           also read CloudWatch: ENDPOINT_IDLE, ENDPOINT_BELOW_BREAK_EVEN (BytesProcessed)
      --since T           the metrics window's start (ISO 8601 or Unix seconds; default 30 days ago)
      --idle-gb N         GB a month at or under which an endpoint is idle (default 0: no datapoints)
      --traffic FILE      a vpce-plan traffic --format json report: with --metrics also ENDPOINT_MISSING,
                          NAT_TO_S3 and NAT_TO_DYNAMODB, with the money each is worth
${ORG_HELP}
      --hub VPC_ID        with --org: price centralisation with the network planner for this hub
                          (ORG_CENTRALIZE findings then carry the planner's saving)
${AWS_HELP}
${HELP_FLAG_HELP}

With --org, every VPC of every account and region in scope (markdown is available there too).
Exit codes: 0 no finding at or above --fail-on, 3 there is one, 4 partial organization report
(some account or region not read; takes precedence over 3), 2 invalid flags, 1 AWS errors.`,
  async run(argv, io) {
    const { values } = parse(argv, FLAGS);
    if (values.help) {
      io.out(command.help + "\n");
      return EXIT_OK;
    }
    const format = oneOf("format", values.format, FORMATS, "table");
    const failOn = oneOf("fail-on", values["fail-on"], FAIL_ON, "none");
    const vpcId = vpcIdFlag(values);
    const consumers = commaList("consumers", values.consumers);
    for (const cidr of consumers) {
      const parsed = parseCidr(cidr);
      if (typeof parsed === "string") throw new CliError(`--consumers: "${cidr}" ${parsed}.`, EXIT_INVALID);
    }
    if (values.org) {
      if (vpcId) throw new CliError("--vpc-id names one VPC; --org reads every VPC of the organization: pass one of them.", EXIT_INVALID);
      const report = await orgReport(
        "audit",
        values,
        io,
        { consumers, securityHub: values["security-hub"] === true },
        stringFlag(values, "hub"),
      );
      io.out(renderOrgReport(report, format, typeof values["sarif-file"] === "string" ? values["sarif-file"] : undefined));
      const partial = partialExit(report.unread, io, "audit");
      if (partial !== undefined) return partial;
      return failing(report.findings, failOn, io);
    }
    if (values.hub !== undefined) throw new CliError("--hub prices centralisation across an organization: add --org.", EXIT_INVALID);
    if (format === "markdown")
      throw new CliError("--format markdown is for --org reports; one VPC's audit prints table, json or sarif.", EXIT_INVALID);
    const metrics = values.metrics === true ? metricsFlags(values) : undefined;
    const { findings, vpcs, region } = await withEc2(awsOptions(values, io), async (ec2, aws) => {
      const snapshots = await aws.readVpcSnapshots(ec2, vpcId ? [vpcId] : []);
      const names = [...new Set(snapshots.flatMap((s) => s.endpoints.map((e) => e.serviceName)))];
      const lookup = await aws.readServices(ec2, names);
      const measured = metrics ? await measuredFindings(snapshots, metrics, ec2.region, stringFlag(values, "endpoint-url")) : [];
      return {
        findings: [
          ...auditVpcs(snapshots, { consumers, services: lookup.found, securityHub: values["security-hub"] === true }),
          ...measured,
        ],
        vpcs: snapshots.map((s) => s.vpc.id),
        region: ec2.region,
      };
    });

    if (format === "json") io.out(JSON.stringify({ version: 1, region, vpcs, findings }, null, 2) + "\n");
    else if (format === "sarif") {
      const toolVersion = (require("../../../package.json") as { version: string }).version;
      const sarifFile = typeof values["sarif-file"] === "string" ? values["sarif-file"] : undefined;
      io.out(JSON.stringify(toSarif(findings, { toolVersion, artifactUri: sarifFile }), null, 2) + "\n");
    } else io.out(auditTable(findings, vpcs, region));
    return failing(findings, failOn, io);
  },
};

interface MetricsFlags {
  since: Date;
  until: Date;
  idleGb: number;
  traffic?: TrafficReport;
}

function metricsFlags(values: Record<string, string | boolean | undefined>): MetricsFlags {
  const until = new Date();
  const sinceText = stringFlag(values, "since");
  const since =
    sinceText === undefined
      ? new Date(until.getTime() - 30 * 86_400_000)
      : new Date(/^\d+$/.test(sinceText) ? Number(sinceText) * 1000 : sinceText);
  if (Number.isNaN(since.getTime()) || since >= until)
    throw new CliError(`--since ${sinceText} must be a past time (ISO 8601 or Unix seconds).`, EXIT_INVALID);
  const idle = stringFlag(values, "idle-gb") ?? "0";
  if (!/^\d+(\.\d+)?$/.test(idle)) throw new CliError(`--idle-gb must be a number of GB a month (got ${idle}).`, EXIT_INVALID);
  const file = stringFlag(values, "traffic");
  const traffic = file === undefined ? undefined : readTrafficFile(file);
  return { since, until, idleGb: Number(idle), traffic };
}

async function measuredFindings(
  snapshots: VpcSnapshot[],
  m: MetricsFlags,
  region: string,
  endpointUrl: string | undefined,
): Promise<Finding[]> {
  const { readMetricSums } = require("../../facts/aws/metrics") as typeof import("../../facts/aws/metrics");
  const sums = await readMetricSums(
    snapshots.flatMap((s) => s.endpoints.map((e) => e.id)),
    snapshots.flatMap((s) => s.natGateways.map((n) => n.id)),
    { region, endpointUrl: endpointUrl ?? process.env.AWS_ENDPOINT_URL, since: m.since, until: m.until },
  );
  const hours = (m.until.getTime() - m.since.getTime()) / 3_600_000;
  return snapshots.flatMap((s) =>
    metricFindings(s, {
      ...sums,
      natBytes: Object.fromEntries(s.natGateways.map((n) => [n.id, sums.natBytes[n.id] ?? 0])),
      hours,
      idleGb: m.idleGb,
      traffic: m.traffic,
    }),
  );
}

function failing(findings: readonly Pick<Finding, "severity">[], failOn: (typeof FAIL_ON)[number], io: Io): number {
  const at = failOn === "none" ? [] : findings.filter((f) => severityRank(f.severity) >= severityRank(failOn));
  if (at.length) io.err(`vpce-plan audit: ${at.length} finding(s) at or above ${failOn}.\n`);
  return at.length ? EXIT_FINDINGS : EXIT_OK;
}

function auditTable(findings: Finding[], vpcs: string[], region: string): string {
  const head = `Audit of ${vpcs.length === 1 ? vpcs[0] : `${vpcs.length} VPCs`} in ${region}: ${findings.length} finding(s)`;
  if (!findings.length) return `${head}\n`;
  const table = renderTable(
    ["SEVERITY", "RULE", "RESOURCE", "FINDING"],
    findings.map((f) => [f.severity, f.rule, f.resource, f.message]),
  );
  const fixes = findings.map((f) => `  ${f.id}: ${f.fix}`);
  const why = [...new Map(findings.map((f) => [f.rule, f.why])).entries()].map(([rule, text]) => `  ${rule}: ${text}`);
  return [head, "", table, "", "Fixes:", ...fixes, "", "Why it matters:", ...why, ""].join("\n");
}
