import { auditVpcs, SEVERITIES, severityRank, toSarif, type Finding } from "../../audit";
import { parseCidr } from "../../plan/cidr";
import { oneOf, parse, type Options } from "../args";
import { AWS_FLAGS, AWS_HELP, awsOptions, commaList, stringFlag, vpcIdFlag, withEc2 } from "../aws";
import { EXIT_INVALID, EXIT_OK, HELP_FLAG_HELP, type Command, type Io } from "../command";
import { renderTable } from "../format/table";
import { CliError } from "../request";
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
    const { findings, vpcs, region } = await withEc2(awsOptions(values, io), async (ec2, aws) => {
      const snapshots = await aws.readVpcSnapshots(ec2, vpcId ? [vpcId] : []);
      const names = [...new Set(snapshots.flatMap((s) => s.endpoints.map((e) => e.serviceName)))];
      const lookup = await aws.readServices(ec2, names);
      return {
        findings: auditVpcs(snapshots, { consumers, services: lookup.found, securityHub: values["security-hub"] === true }),
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
