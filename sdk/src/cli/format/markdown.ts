import type { Problem } from "../../plan/types";

/**
 * Markdown for pull-request comments: text escaped so that it renders as written, and comments cut
 * to fit GitHub's size limit by design (summary first, long lists cut with "N more").
 */

/**
 * Text that renders as written: the characters CommonMark or GitHub give a meaning inside a line
 * (emphasis, code, links, HTML, entities, table cells, strikethrough, math) are backslash-escaped,
 * which CommonMark allows for any ASCII punctuation, so `s3:*` and `"Principal":"*"` never turn into
 * italics. `_` inside a word (`ZONES_CHEAPER`) opens no emphasis and stays as it is.
 */
export const mdText = (text: string): string => text.replace(/[\\`*[\]<|~&$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "\\$&");

/** A code span that holds any text: the fence is longer than the longest run of backticks inside. */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A GitHub-flavoured markdown table as a cuttable list: the header opens it, each row is an item. */
export function mdTable(header: string[], rows: string[][], more: (n: number) => string): Cuttable {
  return {
    open: [`| ${header.map(mdText).join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`],
    items: rows.map((r) => `| ${r.map(mdText).join(" | ")} |`),
    // A row of its own keeps the table a table: GitHub would end it at a line without pipes.
    more: (n) => `| ${[`_${more(n)}_`, ...header.slice(1).map(() => "")].join(" | ")} |`,
  };
}

/** A whole table, never cut (short tables beside a cut one). */
export const renderMarkdownTable = (header: string[], rows: string[][]): string => {
  const table = mdTable(header, rows, () => "");
  return [...table.open!, ...table.items].join("\n");
};

/** A list that may be cut from its end: `more(n)` replaces the `n` items left out. */
export interface Cuttable {
  open?: string[];
  items: string[];
  more(n: number): string;
  close?: string[];
}

/** Text kept whole when it fits, else replaced by `instead`. */
export interface Optional {
  whole: string;
  instead: string;
}

export type Block = string | Cuttable | Optional;

/**
 * GitHub rejects an issue or pull-request comment whose body is longer than 65,536 characters
 * ("body is too long (maximum is 65536 characters)", the REST API's validation error; GitHub's docs
 * do not state it: https://github.com/peter-evans/create-issue-from-file/issues/1049,
 * https://github.com/googleapis/release-please/issues/1034).
 */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room left for what a workflow adds to the comment (the marker it finds its own comment by). */
export const COMMENT_RESERVE = 512;
/** `--comment-limit`'s default. */
export const DEFAULT_COMMENT_LIMIT = GITHUB_COMMENT_LIMIT - COMMENT_RESERVE;

/** The `--comment-limit` flag's help line. */
export const COMMENT_LIMIT_HELP = `      --comment-limit N  with --format markdown: at most N characters (default ${DEFAULT_COMMENT_LIMIT}, under GitHub's
                         ${GITHUB_COMMENT_LIMIT}-character comment limit); summary first, long lists cut with "N more"; 0: the whole comment`;

export interface MarkdownOptions {
  /** At most this many characters (0 or absent: no limit). */
  limit?: number;
}

/** The list item that stands for `n` items cut. */
export const moreLine =
  (what: string) =>
  (n: number): string =>
    `- _… and ${n} more ${what}: see the whole comment_`;

/** The last line of a cut comment: how much is left out and where the whole is. */
export const cutNote = (left: number): string =>
  `_Cut to fit GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit (${left} line(s) left out). The whole comment: the same command with \`--comment-limit 0\` (the example workflow attaches it to the run)._`;

const isCuttable = (b: Block): b is Cuttable => typeof b === "object" && "items" in b;
const lines = (blocks: Block[], take: (b: Block, i: number) => number | boolean): string[] =>
  blocks.flatMap((b, i) => {
    if (typeof b === "string") return [b];
    if (!isCuttable(b)) return [take(b, i) ? b.whole : b.instead];
    const kept = take(b, i) as number;
    return [
      ...(b.open ?? []),
      ...b.items.slice(0, kept),
      ...(kept < b.items.length ? [b.more(b.items.length - kept)] : []),
      ...(b.close ?? []),
    ];
  });
const size = (parts: string[]): number => parts.reduce((n, p) => n + p.length + 1, 0);

/**
 * The comment, at most `limit` characters (0: no limit). When the whole does not fit, blocks keep
 * their order and earlier ones get the room first, so the summary a comment starts with is never cut.
 */
export function fitComment(blocks: Block[], limit: number, note: (left: number) => string): string {
  const whole = lines(blocks, (b) => (isCuttable(b) ? b.items.length : true));
  if (!limit || size(whole) <= limit) return whole.join("\n") + "\n";
  // The smallest comment (every list empty, every optional block replaced) takes its room first.
  const smallest = lines(blocks, (b) => (isCuttable(b) ? 0 : false));
  let room = limit - size(smallest) - note(Number.MAX_SAFE_INTEGER).length - 2;
  let left = 0;
  const kept = blocks.map((b) => {
    if (typeof b === "string") return 0;
    if (!isCuttable(b)) {
      const extra = b.whole.length - b.instead.length;
      if (extra > room) return false;
      room -= extra;
      return true;
    }
    let n = 0;
    // Each item kept costs its line; "N more" is already counted in the smallest comment.
    while (n < b.items.length && b.items[n].length + 1 <= room) room -= b.items[n++].length + 1;
    left += b.items.length - n;
    return n;
  });
  return [...lines(blocks, (_, i) => kept[i]), "", note(left)].join("\n") + "\n";
}

/** Problems of an invalid request as a comment, so that a workflow posting stdout never posts an empty one. */
export function problemsMarkdown(problems: ReadonlyArray<Problem & { input?: string }>, options: MarkdownOptions = {}): string {
  const inputs = problems.some((p) => p.input);
  const header = [...(inputs ? ["Input"] : []), "Path", "Problem", "Fix", "Code"];
  const rows = problems.map((p) => [...(inputs ? [p.input ? `--${p.input}` : "-"] : []), p.path || "(request)", p.message, p.hint, p.code]);
  const blocks: Block[] = [
    `### vpce-plan: invalid input (${problems.length} problem${problems.length === 1 ? "" : "s"})`,
    "",
    "Nothing was planned. Fix these and push again:",
    "",
    mdTable(header, rows, (n) => `${n} more problem(s)`),
  ];
  return fitComment(blocks, options.limit ?? 0, cutNote);
}
