/** CIDR parsing for ingress rules; both families, strict (no host bits, canonical form). */

export interface Cidr {
  family: 4 | 6;
  text: string;
  prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseCidr(text: unknown): Cidr | string {
  if (typeof text !== "string") return "is not a string";
  const v4 = IPV4.exec(text);
  if (v4) {
    const octets = v4.slice(1, 5).map(Number);
    const prefix = Number(v4[5]);
    if (octets.some((o, i) => o > 255 || String(o) !== v4[i + 1])) return "has an invalid IPv4 address";
    if (prefix > 32) return "has a prefix length over 32";
    const value = octets.reduce((acc, o) => acc * 256 + o, 0);
    const size = 2 ** (32 - prefix);
    if (value % size !== 0) return `has host bits set (the network is ${networkV4(value - (value % size))}/${prefix})`;
    return { family: 4, text, prefix };
  }
  if (text.includes(":")) return parseV6(text);
  return "is not a CIDR block like 10.0.0.0/16 or 2600:1f18::/56";
}

function networkV4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

function parseV6(text: string): Cidr | string {
  const [addr, len, extra] = text.split("/");
  if (extra !== undefined || len === undefined || !/^\d{1,3}$/.test(len)) return "is not a CIDR block (address/prefix)";
  const prefix = Number(len);
  if (prefix > 128) return "has a prefix length over 128";
  const halves = addr.split("::");
  if (halves.length > 2) return "has an invalid IPv6 address";
  const groups = halves.map((h) => (h === "" ? [] : h.split(":")));
  if (groups.flat().some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return "has an invalid IPv6 address";
  const count = groups.flat().length;
  if ((halves.length === 1 && count !== 8) || (halves.length === 2 && count > 7)) return "has an invalid IPv6 address";
  const words = halves.length === 1 ? groups[0] : [...groups[0], ...Array(8 - count).fill("0"), ...groups[1]];
  const bits = words.map((w) => parseInt(w, 16).toString(2).padStart(16, "0")).join("");
  if (bits.slice(prefix).includes("1")) return "has host bits set";
  return { family: 6, text, prefix };
}

/** A CIDR block as numbers: network address (host bits cleared) and prefix length. */
export interface Block {
  family: 4 | 6;
  network: bigint;
  prefix: number;
}

const bitsOf = (family: 4 | 6): number => (family === 4 ? 32 : 128);

function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  if (text.includes(".") && !text.includes(":")) {
    const parts = text.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    // One BigInt per address: planning a hub parses every spoke's CIDRs.
    return { family: 4, value: BigInt(parts.reduce((acc, p) => acc * 256 + Number(p), 0)) };
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = halves.map((h) => (h ? h.split(":") : []));
  const count = groups[0].length + (groups[1]?.length ?? 0);
  if ((halves.length === 1 && count !== 8) || count > 8 || groups.flat().some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const words = halves.length === 1 ? groups[0] : [...groups[0], ...Array<string>(8 - count).fill("0"), ...groups[1]];
  return { family: 6, value: words.reduce((acc, w) => acc * 65536n + BigInt(parseInt(w, 16)), 0n) };
}

/** Any spelling of a block (host bits are cleared, a bare address is a /32 or /128); undefined when it is no CIDR. */
export function parseBlock(cidr: string): Block | undefined {
  const [addr, len, extra] = cidr.split("/");
  const parsed = parseAddress(addr);
  if (!parsed || extra !== undefined) return undefined;
  const bits = bitsOf(parsed.family);
  const prefix = len === undefined ? bits : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { family: parsed.family, network: (parsed.value >> hostBits) << hostBits, prefix };
}

const words = (b: Block): string[] => Array.from({ length: 8 }, (_, i) => ((b.network >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));

/** The block as text: dotted IPv4, or IPv6 in RFC 5952 form (lower case, longest zero run as `::`). */
export function formatBlock(b: Block): string {
  if (b.family === 4) return `${[24, 16, 8, 0].map((s) => Number((b.network >> BigInt(s)) & 255n)).join(".")}/${b.prefix}`;
  const w = words(b);
  let best = [-1, 0];
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && w[j] === "0") j++;
    if (j - i > best[1] && j - i > 1) best = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const text = best[0] < 0 ? w.join(":") : `${w.slice(0, best[0]).join(":")}::${w.slice(best[0] + best[1]).join(":")}`;
  return `${text}/${b.prefix}`;
}

/**
 * One spelling per block, unambiguous in resource names: IPv4 as written, IPv6 fully expanded
 * (`2001:db8::100/120` -> `2001:0db8:0000:0000:0000:0000:0000:0100/120`), so two blocks never share
 * a name once `:` and `/` are replaced.
 */
export function canonicalCidr(cidr: string): string {
  if (!cidr.includes(":")) return cidr;
  const b = parseBlock(cidr);
  if (!b || b.family === 4) return cidr;
  return `${words(b)
    .map((x) => x.padStart(4, "0"))
    .join(":")}/${b.prefix}`;
}

/** True when every address of `inner` is inside `outer` (same family). */
export function blockContains(outer: Block, inner: Block): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const host = BigInt(bitsOf(outer.family) - outer.prefix);
  return inner.network >> host === outer.network >> host;
}

/** Orders blocks by family, network address, then widest first: a block sorts before those it contains. */
export function compareBlocks(a: Block, b: Block): number {
  return a.family - b.family || (a.network < b.network ? -1 : a.network > b.network ? 1 : a.prefix - b.prefix);
}

export interface MergedBlock {
  cidr: string;
  /** The declared blocks this one stands for; their union is exactly this block. */
  covers: string[];
}

/**
 * The fewest blocks whose union is exactly the union of `cidrs`: blocks inside another are
 * dropped, and two halves of a larger block become that block. Never admits an address that no
 * declared block admits.
 */
export function mergeBlocks(cidrs: readonly string[]): MergedBlock[] {
  const parsed = cidrs.flatMap((cidr) => {
    const block = parseBlock(cidr);
    return block ? [{ block, covers: [cidr] }] : [];
  });
  parsed.sort((a, b) => compareBlocks(a.block, b.block));
  // A stack of disjoint blocks in address order; each new one is folded in with its left neighbours.
  const out: Array<{ block: Block; covers: string[] }> = [];
  for (const next of parsed) {
    const last = out[out.length - 1];
    if (last && blockContains(last.block, next.block)) {
      last.covers.push(...next.covers);
      continue;
    }
    out.push(next);
    for (;;) {
      const [a, b] = out.slice(-2);
      if (!a || !b || a.block.family !== b.block.family || a.block.prefix !== b.block.prefix || a.block.prefix === 0) break;
      const size = 1n << BigInt(bitsOf(a.block.family) - a.block.prefix);
      if (a.block.network % (size * 2n) !== 0n || a.block.network + size !== b.block.network) break;
      out.splice(-2, 2, { block: { ...a.block, prefix: a.block.prefix - 1 }, covers: [...a.covers, ...b.covers] });
    }
  }
  return out.map(({ block, covers }) => ({ cidr: formatBlock(block), covers: covers.sort() }));
}
