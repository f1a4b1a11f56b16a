/**
 * A fault-injecting EC2 endpoint on 127.0.0.1 (a free port): it forwards every call to the moto
 * emulator, except the calls (by Action) given a fault, which it answers the way broken networks and
 * APIs do. The CLI is pointed at it with --endpoint-url, as at any EC2-compatible endpoint.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { AddressInfo } from "node:net";

export type Fault =
  /** Accepts the connection, reads the request, never answers. */
  | "hang"
  /** Answers 200 and then one byte every 500 ms, without end. */
  | "drip"
  /** Every page carries a new NextToken: a listing without end. */
  | "endlessPages"
  /** Every page carries the same NextToken. */
  | "repeatedToken"
  /** An answer of `HUGE_BYTES` (the start of a real response, then padding). */
  | "huge"
  /** HTTP 200 with an empty body. */
  | "empty"
  /** HTTP 200 with an HTML page (a captive portal's login page). */
  | "html";

export const HUGE_BYTES = 80 * 1024 * 1024;

export interface FaultyEndpoint {
  url: string;
  /** Calls seen, by Action. */
  calls: Map<string, number>;
  close(): Promise<void>;
}

const XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";
const page = (action: string, token: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${XMLNS}"><requestId>fault</requestId><nextToken>${token}</nextToken></${action}Response>`;

export async function faultyEndpoint(upstream: string, faults: Record<string, Fault>): Promise<FaultyEndpoint> {
  const calls = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body.toString("utf8"))?.[1] ?? "";
      const n = (calls.get(action) ?? 0) + 1;
      calls.set(action, n);
      const fault = faults[action];
      if (!fault) return forward(upstream, req, body, res);
      answer(fault, action, n, res, timers);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(fault: Fault, action: string, n: number, res: ServerResponse, timers: Set<NodeJS.Timeout>): void {
  const xml = { "content-type": "text/xml;charset=UTF-8" };
  switch (fault) {
    case "hang":
      return;
    case "drip": {
      res.writeHead(200, xml);
      const timer = setInterval(() => res.write("<"), 500);
      timers.add(timer);
      res.on("close", () => clearInterval(timer));
      return;
    }
    case "endlessPages":
      res.writeHead(200, xml).end(page(action, `token-${n}`));
      return;
    case "repeatedToken":
      res.writeHead(200, xml).end(page(action, "the-same-token"));
      return;
    case "huge": {
      res.writeHead(200, xml);
      res.write(`<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${XMLNS}">`);
      const chunk = Buffer.alloc(1024 * 1024, " ");
      let sent = 0;
      const pump = (): void => {
        while (sent < HUGE_BYTES) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end(`</${action}Response>`);
      };
      res.on("error", () => undefined);
      pump();
      return;
    }
    case "empty":
      res.writeHead(200, { ...xml, "content-length": "0" }).end();
      return;
    case "html":
      res
        .writeHead(200, { "content-type": "text/html" })
        .end("<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body><form>Log in</form></body></html>");
      return;
  }
}

function forward(upstream: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const target = new URL(req.url ?? "/", upstream);
  const out = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  out.on("error", () => res.writeHead(502).end());
  out.end(body);
}
