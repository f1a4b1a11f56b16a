/**
 * Reads one thing per (account, region) across an organization: lists the accounts from the
 * management account, assumes a role in each, finds the regions, and runs a one-account reader in
 * every pair through the scheduler. The one-account readers (`readVpcSnapshots`, `readServices`)
 * take an `Ec2Session` and never learn that an organization exists.
 */
import { DescribeRegionsCommand, EC2Client, type DescribeRegionsResult } from "@aws-sdk/client-ec2";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { ConfigServiceClient, SelectAggregateResourceConfigCommand } from "@aws-sdk/client-config-service";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { Ec2Session } from "../aws/client";
import { CONFIG_PAGE_LIMIT, queryAggregator, type ConfigRow } from "./config";
import { accountsNotFound, listAccounts, type OrgAccount, type OrgScope } from "./accounts";
import { CallFailure, runTasks, type FailureKind, type SchedulerOptions, type TaskContext, type TaskKey } from "./scheduler";

export interface OrgAccess {
  /** The role assumed in every account (`--role-name`); docs/organization.md gives its policy. */
  roleName: string;
  /** `--external-id`, when the role's trust policy asks for one. */
  externalId?: string;
  /** Where the organization is read from: the management (or delegated administrator) account's region. */
  homeRegion: string;
  /** `--profile` for the management account's credentials. */
  profile?: string;
  /** Any AWS-compatible endpoint (a local emulator); used for Organizations, STS and EC2 alike. */
  endpointUrl?: string;
  /** Items per Describe page (tests make it small). */
  pageSize?: number;
}

/** Where an AWS Config aggregator says there is something: account id -> its regions. */
export type KnownPairs = ReadonlyMap<string, readonly string[]>;

export interface OrgReadOptions extends OrgScope, OrgAccess {
  scheduler?: SchedulerOptions;
  /** Progress lines (the CLI: stderr). */
  progress?: (line: string) => void;
  /**
   * Only these pairs are read (from `--config-aggregator`): no region discovery, and an account
   * in scope the aggregator holds nothing of is listed unread (`not-in-config`), never skipped silently.
   */
  pairs?: KnownPairs;
}

/** A pair that could not be read, and why. `region` is `*` when the account failed before its regions were known. */
export interface Unread extends TaskKey {
  kind: FailureKind | "not-in-organization" | "not-in-config";
  operation: string;
  message: string;
}

export interface OrgRead<T> {
  accounts: OrgAccount[];
  /** Every pair read, sorted by account then region. */
  read: (TaskKey & { data: T })[];
  /** Every pair, or account, that was not: empty means the picture is whole. */
  unread: Unread[];
}

/** The role session name every assumed role carries, so CloudTrail shows who read the account. */
export const ROLE_SESSION_NAME = "vpce-plan-org-read";

/** The partition of a region, for role ARNs (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). */
export const partitionOf = (region: string): string =>
  region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";

const clientConfig = (access: OrgAccess, region: string) => ({
  region,
  ...(access.profile ? { profile: access.profile } : {}),
  ...(access.endpointUrl ? { endpoint: access.endpointUrl } : {}),
  // The scheduler retries; the SDK's own retries would multiply its attempts and hide throttling.
  maxAttempts: 1,
});

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** An `Ec2Session` whose every call goes through the scheduler's bucket, timeout and retries. */
export function scheduledEc2(ctx: TaskContext, client: EC2Client, region: string, pageSize?: number): Ec2Session {
  return {
    region,
    pageSize: (max) => Math.max(5, Math.min(max, pageSize ?? max)),
    send: <R>(operation: string, command: unknown) =>
      ctx.call(
        `ec2:${operation}`,
        (abortSignal) => client.send(command as Parameters<EC2Client["send"]>[0], { abortSignal }) as Promise<R>,
      ),
    close: () => client.destroy(),
  };
}

async function assumeRole(ctx: TaskContext, access: OrgAccess, account: string): Promise<Credentials> {
  const sts = new STSClient(clientConfig(access, access.homeRegion));
  try {
    const r = await ctx.call("sts:AssumeRole", (abortSignal) =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:${partitionOf(access.homeRegion)}:iam::${account}:role/${access.roleName}`,
          RoleSessionName: ROLE_SESSION_NAME,
          ...(access.externalId ? { ExternalId: access.externalId } : {}),
        }),
        { abortSignal },
      ),
    );
    const c = r.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw new CallFailure({ kind: "error", operation: "sts:AssumeRole", message: "the answer carried no credentials", attempts: 1 });
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  } finally {
    sts.destroy();
  }
}

/**
 * The scheduler's bucket paces calls, so requests waiting for one of the SDK's sockets are expected
 * here: its "socket usage at capacity" notice would be noise on stderr.
 */
const ec2For = (access: OrgAccess, region: string, credentials: Credentials): EC2Client =>
  new EC2Client({
    ...clientConfig(access, region),
    profile: undefined,
    credentials,
    requestHandler: { socketAcquisitionWarningTimeout: 600_000 },
  });

const unreadOf = (key: TaskKey, failure: { kind: FailureKind; operation: string; message: string }): Unread => ({
  account: key.account,
  region: key.region,
  kind: failure.kind,
  operation: failure.operation,
  message: failure.message,
});

/**
 * Runs `readRegion` in every (account, region) of the scope. Never throws for one account or region:
 * what could not be read is in `unread`; only a failure to list the organization itself throws.
 */
export async function readOrganization<T>(
  options: OrgReadOptions,
  readRegion: (ec2: Ec2Session, key: TaskKey) => Promise<T>,
): Promise<OrgRead<T>> {
  // As in openEc2: the SDK's Node-version notice is noise on the CLI's stderr (the lock file pins it).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const scheduler = options.scheduler ?? {};
  const progress = options.progress;
  const [listing] = await runTasks(
    [
      {
        account: "management",
        region: options.homeRegion,
        run: (ctx) => {
          const client = new OrganizationsClient(clientConfig(options, options.homeRegion));
          return listAccounts(client, ctx, options).finally(() => client.destroy());
        },
      },
    ],
    scheduler,
  );
  if (!listing!.ok) {
    const f = listing!.failure;
    throw new OrgReadError(`could not list the organization's accounts (${f.operation}, ${f.kind}): ${f.message}`, f.kind);
  }
  const accounts = listing!.data;
  const unread: Unread[] = accountsNotFound(options, accounts).map((account) => ({
    account,
    region: "*",
    kind: "not-in-organization",
    operation: "organizations:ListAccounts",
    message: "the organization lists no active account with this id (--accounts)",
  }));

  const known = options.pairs;
  const regionsIn = (account: string): string[] | undefined => {
    const regions = known?.get(account);
    return regions && (options.regions?.length ? regions.filter((r) => options.regions!.includes(r)) : [...regions]).sort();
  };
  const opened = known ? accounts.filter((a) => regionsIn(a.id)?.length) : accounts;
  for (const a of accounts)
    if (known && !regionsIn(a.id)?.length)
      unread.push({
        account: a.id,
        region: "*",
        kind: "not-in-config",
        operation: "config:SelectAggregateResourceConfig",
        message:
          "the aggregator holds no VPC of this account in the regions asked for: check that the aggregator covers it and Config records AWS::EC2::VPC there, or read it without --config-aggregator",
      });

  // Phase 1, per account: the role, then its regions.
  const sessions = await runTasks(
    opened.map((a) => ({
      account: a.id,
      region: options.homeRegion,
      async run(ctx: TaskContext) {
        const credentials = await assumeRole(ctx, options, a.id);
        if (known) return { credentials, regions: regionsIn(a.id)! };
        if (options.regions?.length) return { credentials, regions: [...options.regions] };
        const ec2 = ec2For(options, options.homeRegion, credentials);
        try {
          const r: DescribeRegionsResult = await ctx.call("ec2:DescribeRegions", (abortSignal) =>
            ec2.send(new DescribeRegionsCommand({}), { abortSignal }),
          );
          return { credentials, regions: (r.Regions ?? []).flatMap((x) => (x.RegionName ? [x.RegionName] : [])).sort() };
        } finally {
          ec2.destroy();
        }
      },
    })),
    {
      ...scheduler,
      onTaskDone: (done, total, failed) => progress?.(`vpce-plan: accounts ${done}/${total} opened, ${failed} failed\n`),
    },
  );
  for (const s of sessions) if (!s.ok) unread.push(unreadOf({ account: s.account, region: "*" }, s.failure));

  // Phase 2, per (account, region): the reader.
  const pairs = sessions.flatMap((s) =>
    s.ok ? s.data.regions.map((region) => ({ account: s.account, region, credentials: s.data.credentials })) : [],
  );
  const results = await runTasks(
    pairs.map((p) => ({
      account: p.account,
      region: p.region,
      async run(ctx: TaskContext) {
        const ec2 = scheduledEc2(ctx, ec2For(options, p.region, p.credentials), p.region, options.pageSize);
        try {
          return await readRegion(ec2, { account: p.account, region: p.region });
        } finally {
          ec2.close();
        }
      },
    })),
    {
      ...scheduler,
      onTaskDone: (done, total, failed) => progress?.(`vpce-plan: regions ${done}/${total} read, ${total - done} left, ${failed} failed\n`),
    },
  );
  const read: OrgRead<T>["read"] = [];
  for (const r of results) {
    if (r.ok) read.push({ account: r.account, region: r.region, data: r.data });
    else unread.push(unreadOf(r, r.failure));
  }
  const order = (a: TaskKey, b: TaskKey): number =>
    a.account < b.account ? -1 : a.account > b.account ? 1 : a.region < b.region ? -1 : a.region > b.region ? 1 : 0;
  return { accounts, read: read.sort(order), unread: unread.sort(order) };
}

/**
 * Every row the aggregator holds of the resource types vpce-plan reads, from the home region.
 * Failing here (no such aggregator, access denied) throws: nothing about the organization is known.
 */
export async function readConfigAggregator(options: OrgReadOptions, aggregator: string): Promise<ConfigRow[]> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const [result] = await runTasks(
    [
      {
        account: "management",
        region: options.homeRegion,
        run: (ctx) => {
          const client = new ConfigServiceClient(clientConfig(options, options.homeRegion));
          return queryAggregator((Expression, NextToken) =>
            ctx.call("config:SelectAggregateResourceConfig", (abortSignal) =>
              client.send(
                new SelectAggregateResourceConfigCommand({
                  ConfigurationAggregatorName: aggregator,
                  Expression,
                  Limit: CONFIG_PAGE_LIMIT,
                  ...(NextToken ? { NextToken } : {}),
                }),
                { abortSignal },
              ),
            ),
          ).finally(() => client.destroy());
        },
      },
    ],
    options.scheduler ?? {},
  );
  if (!result!.ok) {
    const f = result!.failure;
    throw new OrgReadError(`could not query the AWS Config aggregator ${aggregator} (${f.operation}, ${f.kind}): ${f.message}`, f.kind);
  }
  return result!.data;
}

export class OrgReadError extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
  ) {
    super(message);
    this.name = "OrgReadError";
  }
}
