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
import { compareBlocks, blockContains, formatBlock, parseBlock, type Block } from "../cidr";
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

/** Blocks that are the same block, whoever declared them. */
interface Group {
  block: Block;
  entries: Entry[];
}

/**
 * Every pair of groups where the first contains (or is) the second: N peers declaring one block are
 * one group, not N(N-1)/2 pairs, so the report stays linear in the input. O(n log n + groups x depth).
 */
function containments(networks: readonly Network[]): Array<[outer: Group, inner: Group]> {
  const entries: Entry[] = networks.flatMap((n, network) =>
    n.cidrs.flatMap(({ cidr, path }) => {
      const block = parseBlock(cidr);
      return block ? [{ block, cidr, path, network }] : [];
    }),
  );
  entries.sort((a, b) => compareBlocks(a.block, b.block) || a.network - b.network);
  const groups: Group[] = [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (last && compareBlocks(last.block, e.block) === 0) last.entries.push(e);
    else groups.push({ block: e.block, entries: [e] });
  }
  // CIDR blocks nest or are disjoint: in address order, the blocks containing one are a stack.
  const stack: Group[] = [];
  const out: Array<[Group, Group]> = [];
  for (const g of groups) {
    while (stack.length && !blockContains(stack[stack.length - 1].block, g.block)) stack.pop();
    out.push([g, g]);
    for (const outer of stack) out.push([outer, g]);
    stack.push(g);
  }
  return out;
}

/** Labels named in one message: enough to find them, never the whole list of a thousand peers. */
const MAX_NAMED = 5;

function named(networks: readonly Network[], entries: readonly Entry[]): string {
  const labels = [...new Set(entries.map((e) => networks[e.network].label))];
  const shown = labels.slice(0, MAX_NAMED).join(", ");
  return labels.length > MAX_NAMED ? `${shown} and ${labels.length - MAX_NAMED} more` : shown;
}

/**
 * Reports every overlap between the networks. A block of the local VPC overlapping another
 * network's, once per such block: a problem when the other block lies inside the VPC's (never
 * answered) or is reached by peering (rejected for IPv4), else a warning. Overlaps between outside
 * networks: one warning per pair of blocks, naming every network that declares them.
 */
export function checkOverlaps(ctx: OverlapContext, networks: readonly Network[]): void {
  const seen = new Set<string>();
  for (const [outerGroup, innerGroup] of containments(networks)) {
    const same = outerGroup === innerGroup;
    const isLocal = (e: Entry): boolean => Boolean(networks[e.network].local);
    // Pairs with the local VPC on either side; within one group, with the VPC's side as the outer one.
    // Only the VPC's few blocks are looped over, so a thousand peers sharing a block stay linear.
    const pairs: Array<[Entry, Entry]> = [];
    for (const outer of outerGroup.entries.filter(isLocal)) for (const inner of innerGroup.entries) pairs.push([outer, inner]);
    if (!same)
      for (const inner of innerGroup.entries.filter(isLocal))
        for (const outer of outerGroup.entries) if (!isLocal(outer)) pairs.push([outer, inner]);
    for (const [outer, inner] of pairs) {
      if (outer.network === inner.network) continue;
      const key = `${outer.path}\u0000${inner.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      reportWithLocal(ctx, networks, outer, inner);
    }
    reportOutside(
      ctx,
      networks,
      outerGroup.entries.filter((e) => !isLocal(e)),
      innerGroup.entries.filter((e) => !isLocal(e)),
      same,
    );
  }
}

function reportWithLocal(ctx: OverlapContext, networks: readonly Network[], outer: Entry, inner: Entry): void {
  const [a, b] = [networks[outer.network], networks[inner.network]];
  const local = a.local ? a : b;
  const other = local === a ? b : a;
  const otherEntry = local === a ? inner : outer;
  const insideLocal = local === a;
  const rejected = insideLocal || Boolean(other.peering && outer.block.family === 4);
  const relation = outer.block.prefix === inner.block.prefix ? "is the same block as" : "contains";
  const message = `${a.label}'s ${outer.cidr} ${relation} ${b.label}'s ${inner.cidr}: ${
    rejected
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
      `Re-address one of the networks (or declare only ${other.label}'s blocks that do not overlap ${local.label}).`,
    );
  else ctx.warn("CIDR_OVERLAP", message, { path: otherEntry.path });
}

const UNROUTABLE = "traffic to the overlap cannot be routed to both, so one of them is unreachable.";

/** Outside networks overlapping one another (never the local VPC): one warning per pair of blocks. */
function reportOutside(ctx: OverlapContext, networks: readonly Network[], outers: Entry[], inners: Entry[], same: boolean): void {
  if (!outers.length || !inners.length) return;
  if (same) {
    const count = new Set(inners.map((e) => e.network)).size;
    if (count < 2) return;
    const [first, second] = inners.filter((e, i) => i === 0 || e.network !== inners[0].network);
    const message =
      count === 2
        ? `${networks[first.network].label}'s ${first.cidr} is the same block as ${networks[second.network].label}'s ${second.cidr}: ${UNROUTABLE}`
        : `${count} networks declare the same block ${formatBlock(first.block)} (${named(networks, inners)}): traffic to it can be routed to only one of them, so the others are unreachable.`;
    ctx.warn("CIDR_OVERLAP", message, { path: second.path });
    return;
  }
  const networksOf = (list: Entry[]): Set<number> => new Set(list.map((e) => e.network));
  const [outerNets, innerNets] = [networksOf(outers), networksOf(inners)];
  // Only one network on both sides: it contains its own block, which routes fine.
  if (outerNets.size === 1 && innerNets.size === 1 && [...outerNets][0] === [...innerNets][0]) return;
  const [outer, inner] = [outers[0], inners.find((e) => e.network !== outers[0].network) ?? inners[0]];
  const message =
    outers.length === 1 && inners.length === 1
      ? `${networks[outer.network].label}'s ${outer.cidr} contains ${networks[inner.network].label}'s ${inner.cidr}: ${UNROUTABLE}`
      : `${named(networks, outers)}'s ${formatBlock(outer.block)} contains ${named(networks, inners)}'s ${formatBlock(inner.block)}: ${UNROUTABLE}`;
  ctx.warn("CIDR_OVERLAP", message, { path: inner.path });
}
