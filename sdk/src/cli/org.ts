/**
 * Flags shared by the commands that read a whole organization (`inventory`, `audit --org`). The AWS
 * SDK loads only inside `readOrg`, so importing this module is cheap.
 */
import type { OrgReadOptions, OrgRead } from "../facts/org/read";
import type { Ec2Session } from "../facts/aws/client";
import type { VpcSnapshot } from "../facts/aws/snapshot";
import type { Options } from "./args";
import { commaList, stringFlag } from "./aws";
import { EXIT_FAILURE, EXIT_INVALID, type Io } from "./command";
import { CliError } from "./request";

/** A read that could not see everything: distinct from 1 (nothing read), 2 (bad flags), 3 (findings). */
export const EXIT_PARTIAL = 4;

/** The documented read-only role (docs/organization.md gives its policy as a StackSet template). */
export const DEFAULT_ROLE_NAME = "VpcePlanReadOnly";

export const ORG_FLAGS = {
  org: { type: "boolean" },
  accounts: { type: "string" },
  "skip-accounts": { type: "string" },
  ous: { type: "string" },
  regions: { type: "string" },
  "role-name": { type: "string" },
  "external-id": { type: "string" },
  concurrency: { type: "string" },
  // --timeout (AWS_FLAGS, beside these in every command) also bounds each call of --org.
  timeout: { type: "string" },
  "config-aggregator": { type: "string" },
} satisfies Options;

export const ORG_HELP = `      --org               read every active account of the AWS Organization (from the management
                          or a delegated administrator account)
      --accounts LIST     only these account ids (comma-separated)
      --skip-accounts L   leave these account ids out
      --ous LIST          only accounts under these OUs (ou-... or r-...), at any depth
      --regions LIST      these regions (default: each account's enabled regions)
      --role-name NAME    role assumed in each account (default ${DEFAULT_ROLE_NAME}; docs/organization.md)
      --external-id ID    external id the role's trust policy asks for
      --concurrency N     accounts and regions read at once (default 8)
      --config-aggregator NAME
                          read VPCs, subnets, route tables, NAT gateways, security groups and
                          endpoints from this AWS Config aggregator (in the --region account), and
                          per account only what Config lacks (docs/organization.md)`;

type Values = Record<string, string | boolean | undefined>;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** ConfigurationAggregatorName: 1-256 of [\w\-] (https://docs.aws.amazon.com/config/latest/APIReference/API_SelectAggregateResourceConfig.html). */
const AGGREGATOR_NAME = /^[\w-]{1,256}$/;

export interface OrgFlags extends OrgReadOptions {
  /** `--config-aggregator`: the organization's VPCs come from AWS Config. */
  configAggregator?: string;
}

function positiveInt(values: Values, flag: string, max: number): number | undefined {
  const text = stringFlag(values, flag);
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text) || Number(text) > max)
    throw new CliError(`--${flag} must be a whole number from 1 to ${max} (got ${text}).`, EXIT_INVALID);
  return Number(text);
}

/** Checks every org flag and returns every problem at once. */
export function orgOptions(
  values: Values,
  io: Io,
  homeRegion: string | undefined,
  endpointUrl: string | undefined,
  profile?: string,
): OrgFlags {
  const problems: string[] = [];
  const ids = (flag: string): string[] => {
    const list = commaList(flag, values[flag]);
    for (const id of list) if (!/^\d{12}$/.test(id)) problems.push(`--${flag}: "${id}" is not an account id (12 digits).`);
    return list;
  };
  const accounts = ids("accounts");
  const skipAccounts = ids("skip-accounts");
  const ous = commaList("ous", values.ous);
  for (const ou of ous)
    if (!/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(ou))
      problems.push(`--ous: "${ou}" is not an OU or root id (ou-xxxx-xxxxxxxx or r-xxxx).`);
  const regions = commaList("regions", values.regions);
  for (const r of regions) if (!REGION.test(r)) problems.push(`--regions: "${r}" is not a region code such as us-east-1.`);
  const roleName = stringFlag(values, "role-name") ?? DEFAULT_ROLE_NAME;
  if (!ROLE_NAME.test(roleName)) problems.push(`--role-name: "${roleName}" is not an IAM role name (1-64 of letters, digits and +=,.@_-).`);
  const configAggregator = stringFlag(values, "config-aggregator");
  if (configAggregator !== undefined && !AGGREGATOR_NAME.test(configAggregator))
    problems.push(
      `--config-aggregator: "${configAggregator}" is not an aggregator name (1-256 of letters, digits, _ and -); aws configservice describe-configuration-aggregators lists them.`,
    );
  let concurrency: number | undefined;
  let timeout: number | undefined;
  try {
    concurrency = positiveInt(values, "concurrency", 256);
  } catch (err) {
    problems.push((err as Error).message);
  }
  try {
    timeout = positiveInt(values, "timeout", 3600);
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (!homeRegion) problems.push("--region: the organization is read from one home region; pass --region (e.g. --region us-east-1).");
  if (problems.length)
    throw new CliError(
      problems.join("\n"),
      EXIT_INVALID,
      problems.map((message) => ({ code: "INVALID_FLAG", path: message.split(":")[0]!, message, hint: "" })),
    );
  return {
    roleName,
    ...(values["external-id"] !== undefined ? { externalId: stringFlag(values, "external-id") } : {}),
    homeRegion: homeRegion!,
    ...(profile ? { profile } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
    ...(accounts.length ? { accounts } : {}),
    ...(skipAccounts.length ? { skipAccounts } : {}),
    ...(ous.length ? { ous } : {}),
    ...(regions.length ? { regions } : {}),
    ...(configAggregator !== undefined ? { configAggregator } : {}),
    scheduler: { ...(concurrency ? { concurrency } : {}), ...(timeout ? { timeoutMs: timeout * 1000 } : {}) },
    progress: (line) => io.err(line),
  };
}

/**
 * Reads the organization; failing to list it at all is exit 1 with the reason. With
 * `--config-aggregator`, the aggregator is queried first and `readRegion` gets Config's snapshots
 * of its pair, to complete per account.
 */
export async function readOrg<T>(
  options: OrgFlags,
  readRegion: (ec2: Ec2Session, fromConfig?: VpcSnapshot[]) => Promise<T>,
): Promise<OrgRead<T>> {
  const org = require("../facts/org") as typeof import("../facts/org");
  try {
    if (!options.configAggregator) return await org.readOrganization(options, (ec2) => readRegion(ec2));
    const known = org.snapshotsFromConfig(await org.readConfigAggregator(options, options.configAggregator));
    const pairs = new Map<string, string[]>();
    for (const key of known.keys()) {
      const [account, region] = key.split(" ") as [string, string];
      pairs.set(account, [...(pairs.get(account) ?? []), region]);
    }
    return await org.readOrganization({ ...options, pairs }, (ec2, key) =>
      readRegion(ec2, known.get(org.pairKey(key.account, key.region)) ?? []),
    );
  } catch (err) {
    if (err instanceof org.ConfigRowError) throw new CliError(err.message, EXIT_FAILURE);
    if (err instanceof org.OrgReadError)
      throw new CliError(
        `${err.message}. Run it with the management account's (or a delegated administrator's) credentials: --profile.`,
        EXIT_FAILURE,
      );
    throw err;
  }
}

/** One line on stderr for a partial report, and its exit code. */
export function partialExit(
  unread: readonly { account: string; region: string; kind: string }[],
  io: Io,
  command: string,
): number | undefined {
  if (!unread.length) return undefined;
  io.err(`vpce-plan ${command}: partial report: ${unread.length} account(s) or region(s) could not be read (listed in the report).\n`);
  return EXIT_PARTIAL;
}
