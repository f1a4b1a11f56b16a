/** CIDR containment for the audit ("is this ingress source inside what was declared?"), IPv4 and IPv6. */
import { blockContains, parseBlock } from "../plan/cidr";

/** True when every address of `inner` is inside `outer`. */
export function containsCidr(outer: string, inner: string): boolean {
  const a = parseBlock(outer);
  const b = parseBlock(inner);
  return Boolean(a && b && blockContains(a, b));
}

export const isOpen = (cidr: string): boolean => parseBlock(cidr)?.prefix === 0;
