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
