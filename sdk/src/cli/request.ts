/** Reads a request file (YAML or JSON). YAML is loaded only when needed, to keep start-up fast. */
import { readFileSync } from "node:fs";
import { readOverlay, type CatalogOverlay } from "../facts/overlay";
import { asTrafficReport } from "../facts/traffic/merge";
import type { TrafficReport } from "../facts/traffic/report";
import { jsonProblem } from "../plan/shape";
import type { Problem } from "../plan/types";
import { EXIT_INVALID } from "./command";

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
    /** For exit code 2: the problems, as `--format json` prints them. */
    readonly problems?: Problem[],
  ) {
    super(message);
  }
}

/** `--file -` reads standard input, as CLI users expect. */
export const STDIN = "-";

/** A file that cannot be read as a request: exit 2, one line naming the file, what is wrong and the fix. */
function unreadable(file: string, code: string, path: string, message: string, hint: string): CliError {
  const label = file === STDIN ? "standard input" : file;
  const problem = { code, path, message: `${label} ${message}`, hint };
  return new CliError(`${problem.message} Fix: ${hint} [${code}]`, 2, [problem]);
}

export function readRequestFile(file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file === STDIN ? 0 : file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === "ENOENT" ? `request file not found: ${file}` : `cannot read ${file}: ${(err as Error).message}`);
  }
  const text = decode(file, bytes);
  const jsonFile = /\.json$/i.test(file);
  if (jsonFile || /^\s*[[{]/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      // A YAML file may start with a flow mapping ({region: ...}); only .json files must be JSON.
      if (jsonFile) throw unreadable(file, "INVALID_JSON", "", `is not valid JSON: ${(err as Error).message}.`, "Correct the JSON syntax.");
    }
    if (value !== undefined) {
      const deep = jsonProblem(value, true);
      if (deep) throw unreadable(file, "INVALID_JSON", "", `${deep}.`, "Nest less deeply.");
      const duplicate = duplicateJsonKey(text);
      if (duplicate)
        throw unreadable(
          file,
          "DUPLICATE_KEY",
          duplicate,
          `has the key ${duplicate} twice; JSON parsers keep only the last one, so the first would be dropped silently.`,
          `Merge the two ${duplicate} entries into one.`,
        );
      return value;
    }
  }
  const value = parseYaml(file, text);
  // YAML can build what JSON cannot: a value that contains itself, which every later walk over it
  // (JSON.stringify, the planner) would follow forever. .nan and .inf are left to the field checks.
  const wrong = jsonProblem(value, true);
  if (wrong && !/^holds/.test(wrong))
    throw unreadable(
      file,
      "INVALID_YAML",
      "",
      `${wrong}.`,
      "Write the values out instead of aliasing a node inside itself, and nest less deeply.",
    );
  return value;
}

/**
 * Text only as UTF-8 (a BOM is allowed): UTF-16 and binary files would otherwise be echoed back as
 * garbage in the "did you mean" messages.
 */
function decode(file: string, bytes: Buffer): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  // UTF-16 without a BOM: ASCII text then has a NUL in every other byte (odd ones for little-endian,
  // even ones for big-endian) and none in the others; binary files have NULs anywhere.
  const nulAt = bytes.indexOf(0);
  const head = bytes.subarray(0, 512);
  const zerosAt = (parity: number): number => head.filter((b, i) => b === 0 && i % 2 === parity).length;
  const pairs = Math.floor(head.length / 2);
  const [even, odd] = [zerosAt(0), zerosAt(1)];
  const utf16NoBom = pairs > 0 && ((odd >= pairs * 0.8 && even === 0) || (even >= pairs * 0.8 && odd === 0));
  if (utf16 || utf16NoBom)
    throw unreadable(
      file,
      "FILE_ENCODING",
      "",
      "is UTF-16 text; request files are UTF-8.",
      "Save the file as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8).",
    );
  // Control characters other than tab, newlines, form feed and ESC never occur in a text request.
  const control = (b: number): boolean => b < 0x20 && ![0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b].includes(b);
  if (nulAt >= 0 || bytes.subarray(0, 4096).some(control))
    throw unreadable(file, "FILE_ENCODING", "", "is a binary file, not YAML or JSON text.", "Pass the request file (YAML or JSON text).");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw unreadable(
      file,
      "FILE_ENCODING",
      "",
      `is not UTF-8 text (byte 0x${bytes[at].toString(16).padStart(2, "0")} at offset ${at}).`,
      "Save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8).",
    );
  }
}

/** Where the first byte that is not UTF-8 is, for the message (TextDecoder only says that one is). */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i];
    const length =
      lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (!length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return 0;
}

/**
 * The path of the first key that appears twice in one JSON object (`access`, `subnets[1].az`), or
 * undefined. `text` is valid JSON (JSON.parse accepted it), so a plain scanner suffices.
 */
export function duplicateJsonKey(text: string): string | undefined {
  type Frame = { object: boolean; path: string; keys: Set<string>; index: number; key?: string };
  const stack: Frame[] = [];
  const childPath = (frame: Frame | undefined): string => {
    if (!frame) return "";
    if (!frame.object) return `${frame.path}[${frame.index}]`;
    const key = /^[A-Za-z_$][\w$-]*$/.test(frame.key!) ? frame.key! : JSON.stringify(frame.key);
    return frame.path ? `${frame.path}.${key}` : key;
  };
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (expectKey && top?.object) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) {
          top.key = key;
          return childPath(top);
        }
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === "{" || c === "[") {
      stack.push({ object: c === "{", path: childPath(top), keys: new Set(), index: 0 });
      expectKey = c === "{";
    } else if (c === "}" || c === "]") {
      stack.pop();
      expectKey = false;
    } else if (c === ",") {
      if (top?.object) expectKey = true;
      else if (top) top.index++;
    }
  }
  return undefined;
}

/** Aliases expand to at most this many nodes: enough for any request, far below a "billion laughs" file. */
const MAX_ALIAS_COUNT = 100;

function parseYaml(file: string, text: string): unknown {
  const YAML = require("yaml") as typeof import("yaml");
  // Merge keys (`<<: *defaults`) are common in hand-written YAML: honour them rather than reject `<<`.
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true, merge: true });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const duplicate = error.code === "DUPLICATE_KEY";
    throw unreadable(
      file,
      duplicate ? "DUPLICATE_KEY" : "INVALID_YAML",
      "",
      `is not valid YAML: ${error.message.split("\n")[0]}`,
      duplicate ? "Merge the two entries into one." : "Correct the YAML syntax at that line.",
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // Only a broken document fails here (`<<: *list`, `<<: 5`: "Merge sources must be maps or map aliases").
    if (!(err instanceof ReferenceError) || !/alias/i.test(err.message))
      throw unreadable(
        file,
        "INVALID_YAML",
        "",
        `is not valid YAML: ${(err as Error).message}.`,
        "Correct the YAML at that key (a merge key << takes a map or a list of maps).",
      );
    throw unreadable(
      file,
      "YAML_ALIAS_LIMIT",
      "",
      `uses YAML aliases that expand to more than ${MAX_ALIAS_COUNT} nodes (${err.message}).`,
      "Write the values out, or use fewer aliases (anchors shared by many aliases multiply).",
    );
  }
}

/** `--catalog FILE`: a catalog overlay written by `catalog --from-aws --write`, read in `region` when one is given. */
export function readOverlayFile(file: string, region: string | undefined, what: string): CatalogOverlay {
  const overlay = readOverlay(readRequestFile(file));
  if (typeof overlay === "string") throw new CliError(`--catalog ${file} ${overlay}.`, EXIT_INVALID);
  if (region !== undefined && region !== overlay.region)
    throw new CliError(`--catalog ${file} was read in ${overlay.region}, but ${what} is for ${region}.`, EXIT_INVALID);
  return overlay;
}

/** A `vpce-plan traffic --format json` report named by `--traffic FILE`; exit 2 naming the file when it is none. */
export function readTrafficFile(file: string): TrafficReport {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new CliError(`--traffic ${file}: ${(err as Error).message}`, EXIT_INVALID);
  }
  const report = asTrafficReport(value);
  if (typeof report === "string") throw new CliError(`--traffic ${file} ${report}.`, EXIT_INVALID);
  return report;
}
