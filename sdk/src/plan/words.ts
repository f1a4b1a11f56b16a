/** Wording shared by messages and reports: counts that agree with their noun, long name lists folded. */

/** `1 endpoint`, `3 endpoints`; `plural` for nouns that do not just take an s. */
export const count = (n: number, singular: string, plural = `${singular}s`): string => `${n} ${n === 1 ? singular : plural}`;

/** Names shown before a list folds into a count. */
const LISTED = 3;

/**
 * `a, b, c`, or past four names `a, b, c and 37 more`: a message or a table cell stays readable
 * however many spokes a network has (the plan JSON's own lists keep every name).
 */
export const foldNames = (names: readonly string[]): string =>
  names.length <= LISTED + 1 ? names.join(", ") : `${names.slice(0, LISTED).join(", ")} and ${names.length - LISTED} more`;
