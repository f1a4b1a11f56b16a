/** Loads the bundled example requests, the same files `make demo` and the docs use. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

// Compiled to tests/dist/helpers: three levels up is the repository root.
export const REPO_ROOT = join(__dirname, "..", "..", "..");
export const REQUESTS_DIR = join(REPO_ROOT, "examples", "requests");

export function exampleRequestFiles(): string[] {
  return readdirSync(REQUESTS_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
}

export function loadExampleRequest(file: string): Record<string, unknown> {
  return parse(readFileSync(join(REQUESTS_DIR, file), "utf8"));
}
