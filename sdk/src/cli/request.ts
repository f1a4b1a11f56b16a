/** Reads a request file (YAML or JSON). YAML is loaded only when needed, to keep start-up fast. */
import { readFileSync } from "node:fs";

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}

export function readRequestFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === "ENOENT" ? `request file not found: ${file}` : `cannot read ${file}: ${(err as Error).message}`);
  }
  const jsonFile = /\.json$/i.test(file);
  if (jsonFile || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch (err) {
      // A YAML file may start with a flow mapping ({region: ...}); only .json files must be JSON.
      if (jsonFile) throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`, 2);
    }
  }
  const YAML = require("yaml") as typeof import("yaml");
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) throw new CliError(`${file} is not valid YAML: ${doc.errors[0].message}`, 2);
  return doc.toJS();
}
