/**
 * Flags and session handling shared by the commands that read a live account (`plan --from-aws`,
 * `import`, `audit`). The AWS SDK loads only inside `openSession`, so importing this module is cheap.
 */
import type { AwsOptions, Ec2Session } from "../facts/aws/client";
import type { Options } from "./args";
import { EXIT_FAILURE, EXIT_INVALID, type Io } from "./command";
import { CliError } from "./request";

export const AWS_FLAGS = {
  region: { type: "string" },
  profile: { type: "string" },
  "endpoint-url": { type: "string" },
  "page-size": { type: "string" },
  timeout: { type: "string" },
} satisfies Options;

export const AWS_HELP = `      --region R          AWS region (default: AWS_REGION or the profile's region)
      --profile P         named profile from ~/.aws/config (default: the standard credential chain)
      --endpoint-url URL  any EC2-compatible endpoint, e.g. a local emulator (or AWS_ENDPOINT_URL)
      --page-size N       items per Describe page (default: each API's maximum)
      --timeout SECONDS   each AWS call, retries included, fails after this long (default 30)`;

/** AWS_HELP without the lines of `omit` (a command that documents one of these flags its own way). */
export const awsHelpWithout = (...omit: string[]): string =>
  AWS_HELP.split("\n")
    .filter((line) => !omit.some((flag) => line.trimStart().startsWith(`--${flag} `)))
    .join("\n");

type Values = Record<string, string | boolean | undefined>;

/** `a,b, c` -> [a, b, c]; repeated commas and blanks are ignored. */
export function commaList(flag: string, value: string | boolean | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value !== "string") throw new CliError(`--${flag} needs a comma-separated list.`, EXIT_INVALID);
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function stringFlag(values: Values, flag: string): string | undefined {
  const value = values[flag];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !value) throw new CliError(`--${flag} needs a value.`, EXIT_INVALID);
  return value;
}

export function vpcIdFlag(values: Values): string | undefined {
  const id = stringFlag(values, "vpc-id");
  if (id !== undefined && !/^vpc-[0-9a-f]+$/.test(id))
    throw new CliError(`--vpc-id ${id} is not a VPC id (vpc- and hex digits).`, EXIT_INVALID);
  return id;
}

export function awsOptions(values: Values, io: Io, region?: string): AwsOptions {
  const pageSize = stringFlag(values, "page-size");
  if (pageSize !== undefined && !/^[1-9]\d*$/.test(pageSize))
    throw new CliError(`--page-size must be a positive integer (got ${pageSize}).`, EXIT_INVALID);
  const timeout = stringFlag(values, "timeout");
  if (timeout !== undefined && !(/^\d+(\.\d+)?$/.test(timeout) && Number(timeout) > 0))
    throw new CliError(`--timeout must be a positive number of seconds (got ${timeout}).`, EXIT_INVALID);
  const endpointUrl = stringFlag(values, "endpoint-url");
  if (endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(endpointUrl))
    throw new CliError(`--endpoint-url must be an http(s) URL such as http://127.0.0.1:5000 (got ${endpointUrl}).`, EXIT_INVALID);
  return {
    region: stringFlag(values, "region") ?? region,
    profile: stringFlag(values, "profile"),
    endpointUrl,
    ...(pageSize ? { pageSize: Number(pageSize) } : {}),
    ...(timeout ? { timeoutMs: Number(timeout) * 1000 } : {}),
    progress: (line) => io.err(line),
  };
}

/** Runs `work` with an EC2 session; AWS failures become CLI errors that name the flag to fix. */
export async function withEc2<T>(
  options: AwsOptions,
  work: (ec2: Ec2Session, aws: typeof import("../facts/aws")) => Promise<T>,
): Promise<T> {
  const aws = require("../facts/aws") as typeof import("../facts/aws");
  let ec2: Ec2Session | undefined;
  try {
    ec2 = await aws.openEc2(options);
    return await work(ec2, aws);
  } catch (err) {
    if (err instanceof aws.AwsFactsError) throw new CliError(err.message, EXIT_FAILURE);
    throw err;
  } finally {
    ec2?.close();
  }
}
