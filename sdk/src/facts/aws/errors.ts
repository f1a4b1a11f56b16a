/**
 * Turns SDK failures into one sentence that says what went wrong and which flag fixes it. The CLI
 * prints `message`; `flag` lets callers and tests see which knob the user has to turn.
 */

export class AwsFactsError extends Error {
  constructor(
    message: string,
    /** The flag that most likely fixes it (`--profile`, `--region`, `--endpoint-url`, `--vpc-id`). */
    readonly flag: string,
    readonly awsCode?: string,
  ) {
    super(message);
    this.name = "AwsFactsError";
  }
}

export interface CallContext {
  /** The API call, e.g. `DescribeVpcs`. */
  operation: string;
  region: string;
  endpointUrl?: string;
  profile?: string;
  vpcIds?: string[];
}

const CREDENTIAL_CODES = new Set(["AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "RequestExpired"]);
const DENIED_CODES = new Set(["UnauthorizedOperation", "AccessDenied", "AccessDeniedException", "OptInRequired", "Blocked"]);
const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "ECONNREFUSED",
  "ECONNRESET",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export function explainAwsError(err: unknown, ctx: CallContext): AwsFactsError {
  if (err instanceof AwsFactsError) return err;
  const e = err as { name?: string; Code?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = e.Code ?? e.name ?? "";
  const text = e.message ?? String(err);
  const who = ctx.profile ? `profile ${ctx.profile}` : "the default credential chain";
  if (e.name === "CredentialsProviderError" || /could not load credentials/i.test(text)) {
    return new AwsFactsError(
      `no AWS credentials found (${who}). Pass --profile NAME, or set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.`,
      "--profile",
      code,
    );
  }
  if (/region is missing/i.test(text)) {
    return new AwsFactsError("no AWS region: pass --region (e.g. --region us-east-1) or set AWS_REGION.", "--region", code);
  }
  if (CREDENTIAL_CODES.has(code)) {
    return new AwsFactsError(
      `AWS rejected the credentials of ${who} for ${ctx.operation} (${code}): ${text} Check --profile, or that the keys are valid in ${ctx.region}.`,
      "--profile",
      code,
    );
  }
  if (DENIED_CODES.has(code)) {
    return new AwsFactsError(
      `access denied for ec2:${ctx.operation} in ${ctx.region} (${code}). The identity of ${who} needs read-only EC2 access (ec2:Describe*); pass --profile for one that has it.`,
      "--profile",
      code,
    );
  }
  if (code === "InvalidVpcID.NotFound") {
    const ids = ctx.vpcIds?.join(", ") ?? "the VPC";
    return new AwsFactsError(
      `${ids} not found in ${ctx.region}. Check --vpc-id, and --region: a VPC lives in one region.`,
      "--region",
      code,
    );
  }
  const network = e.code ?? e.cause?.code ?? "";
  if (NETWORK_CODES.has(network) || code === "TimeoutError" || /getaddrinfo|ECONNREFUSED|connect ETIMEDOUT/.test(text)) {
    const target = ctx.endpointUrl ? `the EC2 endpoint ${ctx.endpointUrl}` : `the EC2 endpoint of ${ctx.region}`;
    return new AwsFactsError(
      `cannot reach ${target} (${network || code}). ${ctx.endpointUrl ? "Check --endpoint-url (or AWS_ENDPOINT_URL)." : "Check --region: is it a real region name?"}`,
      ctx.endpointUrl ? "--endpoint-url" : "--region",
      network || code,
    );
  }
  return new AwsFactsError(`${ctx.operation} failed in ${ctx.region}: ${code ? `${code}: ` : ""}${text}`, "--region", code);
}
