/**
 * The index of every code in docs/codes.md, generated from the source: the rule modules' `CODES`
 * tables (sdk/src/plan/rules), the audit's `RULES`, and the codes the planners, components and CLI
 * report as literals (their kind read from the call that reports them). tests/docs/codes.test.ts
 * fails when the page's index differs; `node tests/dist/docs/codes.js --write` rewrites it.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ORG_RULES, RULES } from "vpce-plan/audit";
import { REPO_ROOT } from "../helpers/requests";
import { docPages, readPage } from "./markdown";

export type Kind = "reason" | "warning" | "problem" | "finding";
export interface CodeEntry {
  code: string;
  kinds: Set<Kind>;
  /** Files under sdk/src that define or report it. */
  sources: Set<string>;
}

const SRC = join(REPO_ROOT, "sdk", "src");
const RULES_DIR = "plan/rules";
const CODE = /"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"/g;

/**
 * Upper-case literals that are not vpce-plan's codes: Node's network error codes, the state the
 * mocks give a RAM share, and the removal reasons of `existing` (plan-json.md documents those two).
 */
const NOT_CODES: Record<string, string> = {
  "facts/aws/errors.ts": "Node network error codes",
  "preview/mocks.ts": "AWS states the mocks return",
  "plan/reconcile.ts": "existing.removable[].reason values",
  "plan/types.ts": "existing.removable[].reason values",
};
/** Typed elsewhere: the rule modules (their CODES) and the audit and policy pack (RULES). */
const TYPED_DIRS = [RULES_DIR, "audit", "policy"];

/** What call a literal code sits in, read backwards to the start of its statement; undefined for a use (`r.code === "X"`). */
export function kindAt(text: string, index: number): Kind | "use" | undefined {
  const before = text.slice(Math.max(0, index - 300), index);
  const calls: Array<[string, Kind | "use" | "object"]> = [
    [".add(", "problem"],
    ["problem(", "problem"],
    ["unreadable(", "problem"],
    ["reason(", "reason"],
    ["warn(", "warning"],
    ["code ===", "use"],
    ["code !==", "use"],
    ["code:", "object"],
  ];
  let best: [number, Kind | "use" | "object"] = [-1, "use"];
  for (const [token, kind] of calls) {
    const at = before.lastIndexOf(token);
    if (at > best[0]) best = [at, kind];
  }
  const [at, kind] = best;
  if (at < 0 || /;|\n\s*\n/.test(before.slice(at))) return undefined;
  if (kind !== "object") return kind;
  // An object literal: `{ code, path, message, hint }` is a problem, with a path only a warning.
  const rest = text.slice(index, objectEnd(text, index));
  return /\bhint\b/.test(rest) ? "problem" : /\bpath\b/.test(rest) ? "warning" : "reason";
}

/** Where the object literal around `index` closes (template `${...}` braces balance themselves). */
function objectEnd(text: string, index: number): number {
  let depth = 0;
  for (let i = index; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && depth-- === 0) return i;
  }
  return text.length;
}

/** Codes reported as literals in one source file (relative to sdk/src). */
export function literalCodes(file: string, text: string): Array<{ code: string; kind: Kind }> {
  const found: Array<{ code: string; kind: Kind }> = [];
  for (const m of text.matchAll(CODE)) {
    const kind = kindAt(text, m.index);
    if (kind === "use") continue;
    if (kind === undefined)
      throw new Error(
        `${file}: cannot tell what kind of code ${m[1]} is; report it with problem/reason/warn or an object literal, or list the file in NOT_CODES (tests/docs/codes.ts) if it holds no codes`,
      );
    found.push({ code: m[1], kind });
  }
  return found;
}

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [relative(SRC, join(dir, e.name))] : [],
  );
}

/** Every code in the source with its kinds and files, sorted by code. */
export function sourceCodes(): CodeEntry[] {
  const entries = new Map<string, CodeEntry>();
  const add = (code: string, kind: Kind, source: string): void => {
    const entry = entries.get(code) ?? { code, kinds: new Set(), sources: new Set() };
    entry.kinds.add(kind);
    entry.sources.add(source);
    entries.set(code, entry);
  };
  for (const file of sourceFiles()) {
    if (file in NOT_CODES) continue;
    if (file.startsWith(`${RULES_DIR}/`)) {
      // Every module of the directory, by path, so a new rule family is read without a list to update.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(join(REPO_ROOT, "sdk", "dist", file.replace(/\.ts$/, ".js"))) as { CODES?: Record<string, Kind> };
      for (const [code, kind] of Object.entries(module.CODES ?? {})) add(code, kind, file);
      continue;
    }
    if (TYPED_DIRS.some((d) => file.startsWith(`${d}/`))) continue;
    for (const { code, kind } of literalCodes(file, readFileSync(join(SRC, file), "utf8"))) add(code, kind, file);
  }
  for (const id of Object.keys(RULES)) add(id, "finding", "audit/rules.ts");
  for (const id of Object.keys(ORG_RULES)) add(id, "finding", "audit/orgRules.ts");
  return [...entries.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

export const INDEX_START = "<!-- codes:start -->";
export const INDEX_END = "<!-- codes:end -->";
const PAGE = "docs/codes.md";
const KIND_ORDER: Kind[] = ["reason", "warning", "problem", "finding"];

/** A page's text without the generated index, so the index never counts as explaining a code. */
export function withoutIndex(text: string): string {
  const from = text.indexOf(INDEX_START);
  const to = text.indexOf(INDEX_END);
  return from < 0 || to < from ? text : text.slice(0, from) + text.slice(to + INDEX_END.length);
}

/** The index table: one row per code, with the pages whose text explains it. */
export function codeIndex(entries = sourceCodes()): string {
  const pages = docPages().map((page) => ({ page, text: withoutIndex(readPage(page)) }));
  const unexplained: string[] = [];
  const rows = entries.map((e) => {
    const explained = pages.filter((p) => p.text.includes(`\`${e.code}\``)).map((p) => p.page);
    if (explained.length === 0) unexplained.push(e.code);
    const kinds = KIND_ORDER.filter((k) => e.kinds.has(k)).join(", ");
    const sources = [...e.sources]
      .sort()
      .map((s) => `\`${s}\``)
      .join(", ");
    const links = explained.map((p) => `[${p.replace(/^docs\//, "")}](${relative("docs", p)})`).join(", ");
    return `| \`${e.code}\` | ${kinds} | ${sources} | ${links} |`;
  });
  if (unexplained.length > 0) throw new Error(`explain these codes on some docs page: ${unexplained.join(", ")}`);
  return ["| Code | Kind | Source (`sdk/src/`) | Explained in |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** The index block of docs/codes.md as the page has it. */
export function pageIndex(): string | undefined {
  const text = readPage(PAGE);
  const from = text.indexOf(INDEX_START);
  const to = text.indexOf(INDEX_END);
  return from < 0 || to < from ? undefined : text.slice(from + INDEX_START.length, to).trim();
}

if (require.main === module && process.argv.includes("--write")) {
  const text = readPage(PAGE);
  const from = text.indexOf(INDEX_START);
  const to = text.indexOf(INDEX_END);
  if (from < 0 || to < from) throw new Error(`${PAGE} has no ${INDEX_START} ... ${INDEX_END} block`);
  writeFileSync(join(REPO_ROOT, PAGE), `${text.slice(0, from + INDEX_START.length)}\n${codeIndex()}\n${text.slice(to)}`);
}
