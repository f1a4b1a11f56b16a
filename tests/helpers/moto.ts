/**
 * The local EC2 emulator (moto) for the aws tests: started once per mocha process when the first
 * test asks for it, on a free port bound to 127.0.0.1, reset between tests, and stopped by its PID
 * when the process exits. Missing moto is a failure with the install command, never a skip.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { EC2Client } from "@aws-sdk/client-ec2";

export const REGION = "us-east-1";
/** moto ignores credentials, but the SDK refuses to sign without some. */
export const DUMMY_ENV = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: REGION } as const;

/**
 * `python3 -m moto.server`, plus a watchdog thread that exits when the parent (mocha) is gone: the
 * exit handler below does not run when mocha is killed by a signal, and an orphaned emulator would
 * hold its port forever.
 */
const WATCHED_SERVER = `
import os, sys, threading, time
parent = os.getppid()
def watch():
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)
threading.Thread(target=watch, daemon=True).start()
from moto.server import main
main(sys.argv[1:])
`;

let server: { child: ChildProcess; url: string } | undefined;
let starting: Promise<string> | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto.server exited with code ${child.exitCode} before it was ready:\n${log()}`);
    try {
      const response = await fetch(`${url}/moto-api/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto.server did not answer on ${url} within ${timeoutMs} ms:\n${log()}`);
}

async function start(): Promise<string> {
  const check = spawnSync("python3", ["-c", "import moto.server"], { encoding: "utf8" });
  if (check.status !== 0) {
    throw new Error(
      `The aws tests need the local EC2 emulator, and \`python3 -c 'import moto.server'\` failed:\n${(check.stderr || check.error?.message || "").trim()}\n` +
        `Install it with: pip install 'moto[server]'   (moto 5.2 is what the tests are written against)`,
    );
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn("python3", ["-c", WATCHED_SERVER, "-p", String(port), "-H", "127.0.0.1"], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  // The emulator must not keep mocha alive, and must not outlive it.
  child.unref();
  (child.stdout as unknown as { unref(): void }).unref();
  (child.stderr as unknown as { unref(): void }).unref();
  process.once("exit", () => {
    if (child.exitCode === null && child.pid) process.kill(child.pid);
  });
  await waitUntilReady(url, child, () => output);
  server = { child, url };
  return url;
}

/** The emulator's URL, starting it on first use. */
export function motoUrl(): Promise<string> {
  if (server) return Promise.resolve(server.url);
  starting ??= start().catch((err) => {
    starting = undefined;
    throw err;
  });
  return starting;
}

/** Clears every resource, so each test starts from an empty account. */
export async function resetMoto(): Promise<string> {
  const url = await motoUrl();
  const response = await fetch(`${url}/moto-api/reset`, { method: "POST" });
  if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
  return url;
}

/** An EC2 client for building fixtures in the emulator. */
export function ec2Client(url: string): EC2Client {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  return new EC2Client({ region: REGION, endpoint: url, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
}

/** Registers per-suite hooks: emulator up before the suite, empty before each test. */
export function useMoto(): { url: () => string } {
  let current = "";
  before(async function () {
    this.timeout(60_000);
    // Library calls in the test process use the standard credential chain, like the CLI does.
    Object.assign(process.env, DUMMY_ENV);
    current = await motoUrl();
  });
  beforeEach(async () => {
    current = await resetMoto();
  });
  return { url: () => current };
}
