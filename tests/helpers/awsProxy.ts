/**
 * A fault-injecting proxy in front of the emulator, on 127.0.0.1 only: it forwards every request to
 * moto unless a rule matches, and then answers as AWS does when it refuses, throttles, or never
 * answers. Rules see the action (from the query body, or the JSON protocols' X-Amz-Target), the
 * signing region and the access key. A `respond` function stands in for an API moto lacks.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface Seen {
  action: string;
  region: string;
  body: string;
}

/** The RoleArn of an STS query-protocol body, however the client encodes it. */
export const roleArn = (body: string): string => new URLSearchParams(body).get("RoleArn") ?? "";

export type Fault = "deny-assume-role" | "throttle" | "hang";
export type Rule = (seen: Seen) => Fault | undefined;

const xmlError = (code: string, message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>0</RequestId></ErrorResponse>`;
const ec2Error = (code: string, message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>0</RequestID></Response>`;

/** An answer the proxy gives itself, for an API the emulator does not implement. */
export interface Answer {
  status: number;
  contentType: string;
  body: string;
}
export type Answerer = (seen: Seen) => Answer | undefined;

export async function startProxy(
  target: string,
  rule: Rule,
  respond?: Answerer,
): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const action = new URLSearchParams(body).get("Action") ?? String(req.headers["x-amz-target"] ?? "");
    const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ""))?.[1] ?? "";
    const entry = { action, region, body };
    seen.push(entry);
    const fault = rule(entry);
    if (fault === "hang") {
      hanging.add(res);
      return;
    }
    if (fault === "deny-assume-role") {
      res.writeHead(403, { "content-type": "text/xml" });
      res.end(xmlError("AccessDenied", "User is not authorized to perform: sts:AssumeRole on resource"));
      return;
    }
    if (fault === "throttle") {
      res.writeHead(503, { "content-type": "text/xml" });
      res.end(ec2Error("RequestLimitExceeded", "Request limit exceeded."));
      return;
    }
    const own = respond?.(entry);
    if (own) {
      res.writeHead(own.status, { "content-type": own.contentType });
      res.end(own.body);
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== "host" && k !== "content-length")) as Record<
      string,
      string
    >;
    const answer = await fetch(target + req.url, { method: req.method, headers, body: req.method === "GET" ? undefined : body });
    const text = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/xml" });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
