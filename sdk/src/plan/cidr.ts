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
