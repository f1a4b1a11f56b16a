/** "Did you mean" suggestions: the closest candidates by edit distance, best first. */
export function suggest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const limit = Math.max(2, Math.floor(needle.length / 3));
  // [distance, length difference (ties: the candidate closest in length), candidate]
  const scored: Array<[number, number, string]> = [];
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    // A candidate that contains the input (or the reverse) is a good hint even when far in edits.
    const contained = needle.length >= 3 && (hay.includes(needle) || needle.includes(hay));
    const distance = contained ? 1 : editDistance(needle, hay, limit);
    if (distance <= limit) scored.push([distance, Math.abs(hay.length - needle.length), candidate]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  return scored.slice(0, max).map(([, , c]) => c);
}

/** Damerau-Levenshtein (optimal string alignment), giving up early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2] + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

/** ` (did you mean a, b?)` or an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const hits = suggest(input, candidates);
  return hits.length ? `did you mean ${hits.join(", ")}?` : "";
}

/** A catalog entry as users name it: its key, and the titles and other names it goes by. */
export interface NamedEntry {
  key: string;
  names: readonly string[];
  /** Other names people type for it (`elb`): as good as the key itself. */
  aliases?: readonly string[];
}

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, "");
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * How well `input` names `entry`, best 0, or undefined: 0 the key itself; 1 a word of a title
 * (`keyspaces`, `ses`) or inside the key (`sessionmanager` in `ssm-session-manager`); 2 inside a
 * title. Spaces, dots and dashes are ignored, so `session manager` finds `Session Manager`.
 */
export function nameRank(input: string, entry: NamedEntry): number | undefined {
  const needle = squash(input);
  if (!needle) return undefined;
  const key = squash(entry.key);
  if (key === needle || entry.aliases?.some((a) => squash(a) === needle)) return 0;
  if (
    [...entry.names, ...(entry.aliases ?? [])].some((n) => words(n).includes(needle) || squash(n) === needle) ||
    (needle.length >= 4 && key.includes(needle))
  )
    return 1;
  if (needle.length >= 4 && entry.names.some((n) => squash(n).includes(needle))) return 2;
  return undefined;
}

/**
 * "Did you mean" over keys and the names users type: the entries `input` names (nameRank), best
 * first; when it names none, keys and title words close in edits (`suggest`).
 */
export function suggestEntries(input: string, entries: readonly NamedEntry[], max = 3): string[] {
  const ranked = entries
    .map((entry) => ({ key: entry.key, rank: nameRank(input, entry) }))
    .filter((r): r is { key: string; rank: number } => r.rank !== undefined)
    .sort(
      (a, b) =>
        a.rank - b.rank || Math.abs(a.key.length - input.length) - Math.abs(b.key.length - input.length) || (a.key < b.key ? -1 : 1),
    )
    .map((r) => r.key);
  // Named entries say what the user meant; edits would only add noise beside them.
  if (ranked.length) return ranked.slice(0, max);
  const byWord = new Map<string, string>();
  for (const entry of entries) {
    byWord.set(entry.key, entry.key);
    for (const name of [...entry.names, ...(entry.aliases ?? [])])
      for (const word of words(name)) if (word.length >= 3 && !byWord.has(word)) byWord.set(word, entry.key);
  }
  const close = suggest(input, byWord.keys(), max * 2).map((word) => byWord.get(word)!);
  return [...new Set(close)].slice(0, max);
}
