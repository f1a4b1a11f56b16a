/**
 * The one place that constructs the EC2 client. Everything else receives an `Ec2Session`, which adds
 * what the raw client lacks: a progress line when a call is slow, and errors that name the flag to fix.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { AwsFactsError, explainAwsError } from "./errors";

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
  /** Each call (retries included) fails after this many ms (default DEFAULT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** A response body larger than this many bytes fails the call (default MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
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

/** Per call: far above a healthy Describe page (well under a second), far below "hung until killed". */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** A Describe page of 1,000 items is a few MB of XML; hundreds of MB is no answer to read into memory. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

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
  // Inside the SDK's deserializer: sees the raw HTTP answer before it is parsed into a result.
  type Middleware = Parameters<typeof client.middlewareStack.addRelativeTo>[0];
  client.middlewareStack.addRelativeTo(checkAnswer(options.maxResponseBytes ?? MAX_RESPONSE_BYTES) as unknown as Middleware, {
    relation: "after",
    toMiddleware: "deserializerMiddleware",
    name: "vpcePlanCheckAnswer",
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
      const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const abort = new AbortController();
      const deadline = setTimeout(() => abort.abort(), timeoutMs).unref();
      try {
        return (await client.send(command as Parameters<EC2Client["send"]>[0], { abortSignal: abort.signal })) as T;
      } catch (err) {
        if (abort.signal.aborted)
          throw new AwsFactsError(
            `EC2 ${operation} in ${region} did not answer within ${timeoutMs / 1000} s${endpointUrl ? ` (${endpointUrl})` : ""}. Pass --timeout SECONDS to wait longer, or check --endpoint-url and the network.`,
            "--timeout",
            "Timeout",
          );
        throw explainAwsError(err, { operation, region, endpointUrl, profile: options.profile, vpcIds });
      } finally {
        clearTimeout(deadline);
        if (timer) {
          clearTimeout(timer);
          if (Date.now() - started >= slowMs) options.progress!(`vpce-plan: EC2 ${operation} took ${Date.now() - started} ms\n`);
        }
      }
    },
    close: () => client.destroy(),
  };
}

interface RawResponse {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/**
 * What makes an HTTP answer the EC2 API's: an XML document whose root is `<ActionResponse>` (or an
 * error document, which the SDK reads). An empty 200 or an HTML page (a captive portal, a proxy's
 * login page) would otherwise parse as a result with no items, and pass for "no endpoints".
 */
function checkAnswer(maxBytes: number) {
  return (next: (args: { request: unknown }) => Promise<{ response: unknown; output?: unknown }>) =>
    async (args: { request: unknown }): Promise<{ response: unknown; output?: unknown }> => {
      const out = await next(args);
      const response = out.response as RawResponse;
      const action = /(?:^|&)Action=([A-Za-z]+)/.exec(String((args.request as { body?: unknown }).body ?? ""))?.[1] ?? "the call";
      const body = await readBounded(response.body, maxBytes, action);
      response.body = body;
      if (response.statusCode >= 200 && response.statusCode < 300) {
        const text = body
          .subarray(0, 512)
          .toString("utf8")
          .replace(/^\uFEFF/, "")
          .trimStart()
          .replace(/^<\?xml[^>]*\?>\s*/, "");
        if (!text.startsWith(`<${action}Response`)) {
          const seen = !body.length
            ? "an empty body"
            : /^<(!doctype\s+html|html)/i.test(text)
              ? "an HTML page"
              : `"${text.slice(0, 40).replace(/\s+/g, " ")}"`;
          throw new AwsFactsError(
            `EC2 ${action} answered HTTP ${response.statusCode} with ${seen}, not an EC2 API response; nothing is read from it. Check --endpoint-url (or AWS_ENDPOINT_URL): a proxy or captive portal may be answering.`,
            "--endpoint-url",
            "NotAnApiResponse",
          );
        }
      }
      return out;
    };
}

/** The whole body as bytes, failing (and dropping the connection) past `maxBytes`. */
async function readBounded(body: unknown, maxBytes: number, action: string): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body === undefined || body === null) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = body as AsyncIterable<Uint8Array> & { destroy?: () => void };
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy?.();
      throw new AwsFactsError(
        `EC2 ${action} answered more than ${Math.round(maxBytes / 1024 / 1024)} MB; stopped reading. Pass a smaller --page-size, or check --endpoint-url.`,
        "--page-size",
        "ResponseTooLarge",
      );
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
