/** CIDR containment for the audit ("is this ingress source inside what was declared?"), IPv4 and IPv6. */

interface Block {
  family: 4 | 6;
  /** The network address as a number, host bits cleared. */
  network: bigint;
  prefix: number;
}

function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  if (text.includes(".") && !text.includes(":")) {
    const parts = text.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    return { family: 4, value: parts.reduce((acc, p) => acc * 256n + BigInt(p), 0n) };
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = halves.map((h) => (h ? h.split(":") : []));
  const count = groups[0].length + (groups[1]?.length ?? 0);
  if ((halves.length === 1 && count !== 8) || count > 8 || groups.flat().some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const words = halves.length === 1 ? groups[0] : [...groups[0], ...Array<string>(8 - count).fill("0"), ...groups[1]];
  return { family: 6, value: words.reduce((acc, w) => acc * 65536n + BigInt(parseInt(w, 16)), 0n) };
}

export function parseBlock(cidr: string): Block | undefined {
  const [addr, len, extra] = cidr.split("/");
  const parsed = parseAddress(addr);
  if (!parsed || extra !== undefined) return undefined;
  const bits = parsed.family === 4 ? 32 : 128;
  const prefix = len === undefined ? bits : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { family: parsed.family, network: (parsed.value >> hostBits) << hostBits, prefix };
}

/** True when every address of `inner` is inside `outer`. */
export function containsCidr(outer: string, inner: string): boolean {
  const a = parseBlock(outer);
  const b = parseBlock(inner);
  if (!a || !b || a.family !== b.family || b.prefix < a.prefix) return false;
  const bits = BigInt((a.family === 4 ? 32 : 128) - a.prefix);
  return b.network >> bits === a.network >> bits;
}

export const isOpen = (cidr: string): boolean => parseBlock(cidr)?.prefix === 0;
