/**
 * The one place that constructs the EC2 client. Everything else receives an `Ec2Session`, which adds
 * what the raw client lacks: a progress line when a call is slow, and errors that name the flag to fix.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { explainAwsError } from "./errors";

export interface AwsOptions {
  /** Default: the SDK's chain (AWS_REGION, the profile's region). */
  region?: string;
  /** Named profile from ~/.aws/config; default: AWS_PROFILE or `default`. */
  profile?: string;
  /** Any EC2-compatible endpoint (a local emulator). AWS_ENDPOINT_URL(_EC2) is honoured by the SDK. */
  endpointUrl?: string;
  /** Items per page for every Describe call (tests make it small to exercise NextToken). */
  pageSize?: number;
  /** After this many ms a call prints a progress line (default 1000). */
  slowMs?: number;
  /** Where progress lines go (the CLI: stderr). */
  progress?: (line: string) => void;
}

export interface Ec2Session {
  region: string;
  endpointUrl?: string;
  profile?: string;
  /** Page size for an API whose own limit is `max`. */
  pageSize(max: number): number;
  /** Sends one command, with progress and error translation; `vpcIds` sharpen "not found" errors. */
  send<T>(operation: string, command: unknown, vpcIds?: string[]): Promise<T>;
  close(): void;
}

export async function openEc2(options: AwsOptions = {}): Promise<Ec2Session> {
  // The SDK warns on every run under Node 20 about versions published after January 2027; this
  // package pins the SDK in its lock file, so the notice is noise on the CLI's stderr.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const endpointUrl = options.endpointUrl ?? process.env.AWS_ENDPOINT_URL_EC2 ?? process.env.AWS_ENDPOINT_URL;
  const client = new EC2Client({
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(endpointUrl ? { endpoint: endpointUrl } : {}),
    maxAttempts: 3,
  });
  let region: string;
  try {
    region = await client.config.region();
  } catch (err) {
    client.destroy();
    throw explainAwsError(err, { operation: "configuration", region: "(no region)", endpointUrl, profile: options.profile });
  }
  const slowMs = options.slowMs ?? 1000;
  return {
    region,
    endpointUrl,
    profile: options.profile,
    pageSize: (max) => Math.max(5, Math.min(max, options.pageSize ?? max)),
    async send<T>(operation: string, command: unknown, vpcIds?: string[]): Promise<T> {
      const started = Date.now();
      const timer =
        options.progress &&
        setTimeout(() => options.progress!(`vpce-plan: waiting for EC2 ${operation} in ${region}...\n`), slowMs).unref();
      try {
        return (await client.send(command as Parameters<EC2Client["send"]>[0])) as T;
      } catch (err) {
        throw explainAwsError(err, { operation, region, endpointUrl, profile: options.profile, vpcIds });
      } finally {
        if (timer) {
          clearTimeout(timer);
          if (Date.now() - started >= slowMs) options.progress!(`vpce-plan: EC2 ${operation} took ${Date.now() - started} ms\n`);
        }
      }
    },
    close: () => client.destroy(),
  };
}
