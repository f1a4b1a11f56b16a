/**
 * Networks that cannot route: CIDR blocks of different networks that are equal or contain one
 * another. AWS fails a VPC peering connection between VPCs with overlapping IPv4 CIDR blocks
 * (https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html, "the status
 * of the VPC peering connection immediately goes to failed"), and a VPC's local route wins over
 * routes that overlap it "even if the propagated routes are more specific"
 * (https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-route-priority.html; longest prefix otherwise:
 * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html), so a consumer inside
 * the VPC's range is never answered. Those are problems; overlaps that only
 * make routing ambiguous (two outside networks, an outside block wider than the VPC) are warnings.
 * One code, `CIDR_OVERLAP`, for both, naming both sides. docs/codes.md row "Overlapping networks".
 */
import { compareBlocks, blockContains, parseBlock, type Block } from "../cidr";
import type { RuleContext } from "./context";

// CIDR_OVERLAP is reported as a problem or a warning: the kind here is the stronger one.
export const CODES = { CIDR_OVERLAP: "problem" } as const;

export type OverlapContext = RuleContext<keyof typeof CODES>;

export interface Network {
  /** `the VPC`, `peer VPC spoke-a`, `on-premises`. */
  label: string;
  /** The VPC whose own route table would hold the blocks (its local route wins). */
  local?: boolean;
  /** Reached over VPC peering (overlap with the VPC is rejected). */
  peering?: boolean;
  /** Request path of each block, e.g. `access.peerVpcs[0].cidrs[1]`. */
  cidrs: Array<{ cidr: string; path: string }>;
}

interface Entry {
  block: Block;
  cidr: string;
  path: string;
  network: number;
}

/** Every pair of blocks of different networks where one contains (or equals) the other; O(n log n + pairs). */
function containments(networks: readonly Network[]): Array<[outer: Entry, inner: Entry]> {
  const entries: Entry[] = networks.flatMap((n, network) =>
    n.cidrs.flatMap(({ cidr, path }) => {
      const block = parseBlock(cidr);
      return block ? [{ block, cidr, path, network }] : [];
    }),
  );
  entries.sort((a, b) => compareBlocks(a.block, b.block) || a.network - b.network);
  // CIDR blocks nest or are disjoint: in address order, the blocks containing one are a stack.
  const stack: Entry[] = [];
  const out: Array<[Entry, Entry]> = [];
  for (const e of entries) {
    while (stack.length && !blockContains(stack[stack.length - 1].block, e.block)) stack.pop();
    for (const outer of stack) if (outer.network !== e.network) out.push([outer, e]);
    stack.push(e);
  }
  return out;
}

/**
 * Reports every overlap between the networks, each pair once. A block of the local VPC overlapping
 * another network's: a problem when the other block lies inside the VPC's (never answered) or is
 * reached by peering (rejected for IPv4), else a warning; overlaps between outside networks: warnings.
 */
export function checkOverlaps(ctx: OverlapContext, networks: readonly Network[]): void {
  const seen = new Set<string>();
  for (const [outer, inner] of containments(networks)) {
    const key = `${outer.path}\u0000${inner.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [a, b] = [networks[outer.network], networks[inner.network]];
    const local = a.local ? a : b.local ? b : undefined;
    const other = local === a ? b : a;
    const otherEntry = local === a ? inner : outer;
    const insideLocal = local === a;
    const rejected = Boolean(local && (insideLocal || (other.peering && outer.block.family === 4)));
    const equal = outer.block.prefix === inner.block.prefix;
    const relation = equal ? "is the same block as" : `contains`;
    const message = `${a.label}'s ${outer.cidr} ${relation} ${b.label}'s ${inner.cidr}: ${
      !local
        ? "traffic to the overlap cannot be routed to both, so one of them is unreachable."
        : rejected
          ? insideLocal
            ? `${other.label} cannot be answered (the VPC's local route wins)${other.peering ? ", and AWS fails VPC peering between overlapping VPCs" : ""}.`
            : "AWS fails VPC peering between VPCs with overlapping IPv4 CIDR blocks."
          : `the addresses inside ${local.label}'s block are unreachable for ${other.label}.`
    }`;
    if (rejected)
      ctx.problem(
        "CIDR_OVERLAP",
        otherEntry.path,
        message,
        `Re-address one of the networks (or declare only ${other.label}'s blocks that do not overlap ${local!.label}).`,
      );
    else ctx.warn("CIDR_OVERLAP", message, { path: local ? otherEntry.path : inner.path });
  }
}
