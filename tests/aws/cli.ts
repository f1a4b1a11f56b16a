/** Runs the built `vpce-plan` binary against the emulator, as a user would. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/requests";
import { DUMMY_ENV } from "../helpers/moto";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function vpcePlan(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, "sdk", "bin", "vpce-plan.js"), ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...DUMMY_ENV, ...env } as NodeJS.ProcessEnv, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

export const json = <T = Record<string, unknown>>(run: Run): T => {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
};
