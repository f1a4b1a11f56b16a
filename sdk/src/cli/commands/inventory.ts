import { buildOrgReport, toSarif, type OrgReport, type RegionRead } from "../../audit";
import type { Ec2Session } from "../../facts/aws/client";
import type { VpcSnapshot } from "../../facts/aws/snapshot";
import { oneOf, parse, type Options } from "../args";
import { AWS_FLAGS, AWS_HELP, awsOptions } from "../aws";
import type { OrgRead } from "../../facts/org/read";
import { factsFromServices } from "../../facts/services";
import { planNetwork } from "../../plan";
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, HELP_FLAG_HELP, type Command, type Io } from "../command";
import { orgMarkdown, orgTable } from "../format/org";
import { ORG_FLAGS, ORG_HELP, orgOptions, partialExit, readOrg } from "../org";
import { CliError } from "../request";

type Format = "table" | "json" | "markdown" | "sarif";

/**
 * One (account, region): every VPC with its endpoints, and the endpoint services they use. With
 * Config's snapshots of the pair, only what Config lacks is read from EC2.
 */
export async function readRegion(ec2: Ec2Session, fromConfig?: VpcSnapshot[]): Promise<RegionRead> {
  const aws = require("../../facts/aws") as typeof import("../../facts/aws");
  const snapshots = fromConfig
    ? await (require("../../facts/org") as typeof import("../../facts/org")).completeFromEc2(ec2, fromConfig)
    : await aws.readVpcSnapshots(ec2, []);
  const names = [...new Set(snapshots.flatMap((s) => s.endpoints.map((e) => e.serviceName)))];
  const lookup = await aws.readServices(ec2, names);
  return { snapshots, services: lookup.found };
}

/** Reads the organization and builds the report; shared by `inventory` and `audit --org`. */
export async function orgReport(
  kind: OrgReport["kind"],
  values: Record<string, string | boolean | undefined>,
  io: Io,
  audit: { consumers?: string[]; securityHub?: boolean } = {},
  hub?: string,
): Promise<OrgReport> {
  if (hub !== undefined && !/^vpc-[0-9a-f]+$/.test(hub))
    throw new CliError(`--hub ${hub} is not a VPC id (vpc- and hex digits).`, EXIT_INVALID);
  const aws = awsOptions(values, io);
  const org = await readOrg(orgOptions(values, io, aws.region ?? process.env.AWS_REGION, aws.endpointUrl, aws.profile), readRegion);
  const network = hub ? orgNetworkPlan(org, hub, "transitGateway").plan : undefined;
  return buildOrgReport({ kind, accounts: org.accounts.map((a) => a.id), read: org.read, unread: org.unread, audit, network });
}

/** The network request from what was read, planned with the hub account's service facts. */
export function orgNetworkPlan(org: OrgRead<RegionRead>, hub: string, transit: "transitGateway" | "peering") {
  const { networkFromOrg, HubNotFoundError } = require("../../facts/org") as typeof import("../../facts/org");
  let network;
  try {
    network = networkFromOrg(org.read, hub, transit);
  } catch (err) {
    if (err instanceof HubNotFoundError) throw new CliError(err.message, org.unread.length ? EXIT_FAILURE : EXIT_INVALID);
    throw err;
  }
  // Service AZs as the hub's account names them: AZ names differ per account, so only the hub's own count.
  const hubPair = org.read.find((r) => r.data.snapshots.some((s) => s.vpc.id === hub));
  const facts = hubPair ? factsFromServices({ found: hubPair.data.services, missing: [] }, undefined, hubPair.region) : undefined;
  return { network, plan: planNetwork(network.request, facts) };
}

export function renderOrgReport(report: OrgReport, format: Format, sarifFile?: string): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  if (format === "markdown") return orgMarkdown(report);
  if (format === "sarif") {
    const toolVersion = (require("../../../package.json") as { version: string }).version;
    return JSON.stringify(toSarif(report.findings, { toolVersion, artifactUri: sarifFile }), null, 2) + "\n";
  }
  return orgTable(report);
}

const FLAGS = { format: { type: "string" }, help: { type: "boolean", short: "h" }, ...ORG_FLAGS, ...AWS_FLAGS } satisfies Options;

export const command: Command = {
  flags: FLAGS,
  name: "inventory",
  summary: "list every VPC endpoint across an organization's accounts and regions, with cost",
  help: `Usage: vpce-plan inventory --org --region HOME [--regions LIST] [--format table|json|markdown]

Reads the organization's accounts from AWS Organizations, assumes a read-only role in each, and
lists every VPC endpoint in every region with its monthly cost, totalled per account, region, VPC
and service. What could not be read (a role missing or denied, a region disabled, throttled out, a
call that timed out) is listed with why, and the report says it is partial.

      --format FORMAT     table (default), json, markdown (sarif is audit --org's)
${ORG_HELP}
${AWS_HELP}
${HELP_FLAG_HELP}

Exit codes: 0 everything read, 4 partial (some account or region not read), 2 invalid flags,
1 the organization could not be listed.`,
  async run(argv, io) {
    const { values } = parse(argv, FLAGS);
    if (values.help) {
      io.out(command.help + "\n");
      return EXIT_OK;
    }
    const format = oneOf("format", values.format, ["table", "json", "markdown"] as const, "table");
    if (!values.org) throw new CliError("inventory reads an organization: pass --org (and --region for its home region).", EXIT_INVALID);
    const report = await orgReport("inventory", values, io);
    io.out(renderOrgReport(report, format));
    return partialExit(report.unread, io, "inventory") ?? EXIT_OK;
  },
};
