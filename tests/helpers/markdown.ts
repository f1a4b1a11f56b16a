/** Markdown as a reader sees it: rendered by a real CommonMark renderer (markdown-it, with GitHub's tables), never compared as source text. */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: true });

export const renderMarkdown = (source: string): string => md.render(source);

type Token = ReturnType<MarkdownIt["parse"]>[number];

/** What an inline token shows: text and code spans as written, markup left out. */
const inlineText = (token: Token): string =>
  (token.children ?? [])
    .map((c) => (c.type === "text" || c.type === "code_inline" ? c.content : c.type === "softbreak" ? "\n" : ""))
    .join("");

/** Every paragraph, heading, list item and table cell as plain text, in order, one per line. */
export function markdownText(source: string): string {
  return md
    .parse(source, {})
    .filter((t) => t.type === "inline")
    .map(inlineText)
    .join("\n");
}

/** Each table's rows (the header first) as the cells' plain text. */
export function markdownTables(source: string): string[][][] {
  const tables: string[][][] = [];
  let row: string[] | undefined;
  let inCell = false;
  for (const t of md.parse(source, {})) {
    if (t.type === "table_open") tables.push([]);
    else if (t.type === "tr_open") row = [];
    else if (t.type === "tr_close") tables[tables.length - 1].push(row!);
    else if (t.type === "th_open" || t.type === "td_open") inCell = true;
    else if (t.type === "th_close" || t.type === "td_close") inCell = false;
    else if (t.type === "inline" && inCell) row!.push(inlineText(t));
  }
  return tables;
}

/** The emphasis, links and HTML a text renders with: none for text that should read as written. */
export function markupIn(source: string): string[] {
  return md
    .parse(source, {})
    .flatMap((t) => t.children ?? [])
    .filter((c) => /^(em|strong|s|link)_open$|^html_inline$/.test(c.type))
    .map((c) => c.type);
}
