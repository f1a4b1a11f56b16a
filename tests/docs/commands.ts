/**
 * The commands the docs show. Every shell block carries a marker on the line above it:
 * `<!-- run -->` (or `<!-- run: exit N -->`) runs its one `vpce-plan` command from the repository
 * root and compares its standard output with the `text` block right after it; `<!-- not-run: why -->`
 * says why it is not run (it needs AWS, the Pulumi CLI, or shows placeholders). An output block that
 * no command produces is an error too. `node tests/dist/docs/commands.js --write` rewrites every
 * output block from the current build.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/requests";
import { docPages, fencedBlocks, readPage, type FencedBlock } from "./markdown";

const SHELL = new Set(["sh", "bash", "shell", "console"]);
const MARKER = /^<!-- (?:run(?:: exit (\d+))?|not-run: (\S.*?)) -->$/;
const BIN = join(REPO_ROOT, "sdk", "bin", "vpce-plan.js");

export interface ShownRun {
  /** 1-based line of the command's block. */
  line: number;
  args: string[];
  exit: number;
  /** The output block the page shows, or undefined when none follows. */
  output: FencedBlock | undefined;
}

export interface PageCommands {
  runs: ShownRun[];
  /** Blocks that break the rules: unmarked, several commands, no output, output of nothing. */
  errors: string[];
}

/** Splits one command line into words: spaces separate, '...' and "..." quote; no shell syntax. */
export function words(line: string): string[] {
  const out: string[] = [];
  let current: string | undefined;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      current ??= "";
    } else if (ch === " ") {
      if (current !== undefined) out.push(current);
      current = undefined;
    } else if ("|&;<>$`()*".includes(ch)) throw new Error(`shell syntax (${ch}) is not run: show one plain command`);
    else current = (current ?? "") + ch;
  }
  if (quote) throw new Error("an unclosed quote");
  if (current !== undefined) out.push(current);
  return out;
}

/** The shell blocks of one page with their markers, checked against the rules above. */
export function pageCommands(page: string, text: string): PageCommands {
  const lines = text.split("\n");
  const blocks = fencedBlocks(text);
  const runs: ShownRun[] = [];
  const errors: string[] = [];
  const outputs = new Set<FencedBlock>();
  blocks.forEach((block, i) => {
    if (!SHELL.has(block.lang)) return;
    const where = `${page}:${block.line}`;
    let above = block.from - 1;
    while (above >= 0 && lines[above].trim() === "") above--;
    const marker = MARKER.exec(lines[above]?.trim() ?? "");
    if (!marker) {
      errors.push(`${where}: a shell block needs <!-- run --> or <!-- not-run: why --> on the line above`);
      return;
    }
    if (marker[2] !== undefined) return;
    const commands = block.body.filter((l) => l.trim() !== "" && !l.trim().startsWith("#"));
    if (commands.length !== 1) {
      errors.push(`${where}: a run block holds exactly one command, not ${commands.length}`);
      return;
    }
    let args: string[];
    try {
      args = words(commands[0].trim());
    } catch (err) {
      errors.push(`${where}: ${(err as Error).message}`);
      return;
    }
    if (args[0] === "npx") args.shift();
    if (args.shift() !== "vpce-plan") {
      errors.push(`${where}: only vpce-plan commands are run`);
      return;
    }
    const next = blocks[i + 1];
    const between = next ? lines.slice(block.to + 1, next.from) : [];
    const output = next && next.lang === "text" && between.every((l) => l.trim() === "") ? next : undefined;
    if (output) outputs.add(output);
    else errors.push(`${where}: a run block is followed by a text block with its output`);
    runs.push({ line: block.line, args, exit: marker[1] === undefined ? 0 : Number(marker[1]), output });
  });
  for (const block of blocks)
    if (block.lang === "text" && !outputs.has(block))
      errors.push(`${page}:${block.line}: a text block shows output, so it follows the <!-- run --> command that prints it`);
  return { runs, errors };
}

/** Runs one shown command as a reader would, from the repository root. */
export function runShown(run: ShownRun): { stdout: string; status: number | null } {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("AWS_")) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...run.args], { cwd: REPO_ROOT, encoding: "utf8", env });
  return { stdout: result.stdout.replace(/\s+$/, ""), status: result.status };
}

export function shownOutput(run: ShownRun): string | undefined {
  return run.output?.body.join("\n").replace(/\s+$/, "");
}

if (require.main === module && process.argv.includes("--write")) {
  for (const page of docPages()) {
    const text = readPage(page);
    const lines = text.split("\n");
    const { runs } = pageCommands(page, text);
    // Bottom up, so earlier blocks keep their line numbers.
    for (const run of [...runs].reverse()) {
      if (!run.output) continue;
      lines.splice(run.output.from + 1, run.output.to - run.output.from - 1, ...runShown(run).stdout.split("\n"));
    }
    const updated = lines.join("\n");
    if (updated !== text) writeFileSync(join(REPO_ROOT, page), updated);
  }
}
