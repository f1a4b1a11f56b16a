/**
 * DNS names to catalog keys, from the catalog's private DNS names (the names an interface endpoint's
 * private DNS answers for, so the names clients ask for): `sts.us-east-1.amazonaws.com` is `sts`,
 * `bucket.s3.us-east-1.amazonaws.com` matches `*.s3.{region}.{dnsSuffix}` and is `s3`.
 */
import { getRegion, hasFipsIn, privateDnsNamesIn, services } from "../../catalog";
import type { NameToKey } from "./attribute";

export function catalogNameToKey(region: string): NameToKey {
  const r = getRegion(region);
  const exact = new Map<string, string>();
  const wildcard = new Map<string, string>();
  if (r) {
    // Sorted keys: where two services share a name, the first key wins, the same on every run.
    for (const s of [...services].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      const names = [...privateDnsNamesIn(s, r), ...(hasFipsIn(s, r) ? privateDnsNamesIn(s, r, true) : [])];
      for (const n of names) {
        const name = n.toLowerCase();
        if (name.startsWith("*.")) {
          if (!wildcard.has(name.slice(2))) wildcard.set(name.slice(2), s.key);
        } else if (!exact.has(name)) exact.set(name, s.key);
      }
    }
  }
  return (name) => {
    const hit = exact.get(name);
    if (hit) return hit;
    for (let i = name.indexOf("."); i >= 0; i = name.indexOf(".", i + 1)) {
      const w = wildcard.get(name.slice(i + 1));
      if (w) return w;
    }
    return undefined;
  };
}
