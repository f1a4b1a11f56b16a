/** Runs the built `vpce-plan` binary the way a user does, and captures what it prints. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./requests";

export const BIN = join(REPO_ROOT, "sdk", "bin", "vpce-plan.js");
const MODULE_LOG_PRELOAD = join(__dirname, "module-log.js");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function vpcePlan(args: string[], opts: { nodeArgs?: string[]; env?: Record<string, string>; input?: string } = {}): Run {
  const result = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    input: opts.input ?? "",
    env: { ...process.env, ...opts.env },
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the binary and returns, besides its output, every module file Node loaded for it. */
export function vpcePlanModules(args: string[]): Run & { modules: string[] } {
  const log = join(scratchDir(), "modules.json");
  const run = vpcePlan(args, { nodeArgs: ["-r", MODULE_LOG_PRELOAD], env: { VPCE_TEST_MODULE_LOG: log } });
  return { ...run, modules: JSON.parse(readFileSync(log, "utf8")) };
}

let scratch: string | undefined;
export function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), "vpce-plan-cli-"));
  return scratch;
}

/** Writes a request file (JSON for objects, the text as is otherwise) and returns its path. */
export function requestFile(name: string, content: unknown): string {
  const path = join(scratchDir(), name);
  writeFileSync(path, typeof content === "string" || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return path;
}

/** A small valid request (two AZs, S3 and STS) for CLI tests. */
export const VALID_REQUEST = {
  region: "us-east-1",
  vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
  subnets: [
    { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
    { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
  ],
  services: ["s3", "sts"],
};
