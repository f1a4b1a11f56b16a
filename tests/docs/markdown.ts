/**
 * The little Markdown the docs tests need: the pages (README.md and docs/**), their fenced blocks,
 * the prose outside them, headings as GitHub anchors, and relative links. Kept to what GitHub renders
 * for these pages, so a test reads a page the way a reader's browser does.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT } from "../helpers/requests";

/** README.md and every page under docs/, as paths relative to the repository root. */
export function docPages(): string[] {
  const pages = ["README.md"];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) pages.push(relative(REPO_ROOT, path));
    }
  };
  walk(join(REPO_ROOT, "docs"));
  return pages.sort();
}

export function readPage(page: string): string {
  return readFileSync(join(REPO_ROOT, page), "utf8");
}

export interface FencedBlock {
  /** The info string's first word (`sh`, `text`, `jsonc`), or "". */
  lang: string;
  /** The lines between the fences. */
  body: string[];
  /** 1-based line of the opening fence. */
  line: number;
  /** Index of the opening fence's line and of the closing one, 0-based. */
  from: number;
  to: number;
}

/** Fenced code blocks (``` or ~~~, up to three spaces of indent), in page order. */
export function fencedBlocks(text: string): FencedBlock[] {
  const lines = text.split("\n");
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(lines[j])) j++;
    blocks.push({ lang: open[2], body: lines.slice(i + 1, j), line: i + 1, from: i, to: j });
    i = j;
  }
  return blocks;
}

/** The page with fenced blocks blanked (line numbers kept) and inline code spans removed. */
export function prose(text: string): string {
  const lines = text.split("\n");
  for (const b of fencedBlocks(text)) for (let i = b.from; i <= Math.min(b.to, lines.length - 1); i++) lines[i] = "";
  return lines.join("\n").replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, (span) => span.replace(/[^\n]/g, " "));
}

/**
 * GitHub's anchor for a heading (github-slugger): the rendered text lowercased, punctuation removed
 * (letters, digits, marks, `-` and `_` stay), each space a `-`.
 */
export function slug(heading: string): string {
  const rendered = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[`*]/g, "");
  return rendered
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor the page's headings get, duplicates numbered `-1`, `-2` as GitHub numbers them. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const lines = text.split("\n");
  const inBlock = new Set<number>();
  for (const b of fencedBlocks(text)) for (let i = b.from; i <= b.to; i++) inBlock.add(i);
  lines.forEach((line, i) => {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading || inBlock.has(i)) return;
    const base = slug(heading[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  });
  return result;
}

export interface Link {
  target: string;
  line: number;
}

/**
 * Inline links, images and reference definitions outside code whose target is not a URL (no scheme,
 * not protocol-relative).
 */
export function relativeLinks(text: string): Link[] {
  const links: Link[] = [];
  prose(text)
    .split("\n")
    .forEach((line, i) => {
      const inline = [...line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
      const definition = /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)/.exec(line);
      for (const target of definition ? [...inline, definition[1]] : inline)
        if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(target)) links.push({ target, line: i + 1 });
    });
  return links;
}
