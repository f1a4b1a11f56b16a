/**
 * Security-group ingress (rule 5): the service's port, only from the consumers the request
 * declares. No egress rules: endpoint ENIs only answer connections.
 */
import { canonicalCidr, parseCidr } from "./cidr";
import type { AccessSpec, IngressRule, VpcSpec } from "./types";

export interface IngressScope {
  /** Admit the VPC's own CIDRs (false when the VPC reaches the service through a gateway). */
  vpc: boolean;
  /** Admit IPv6 blocks too (dualstack / ipv6 endpoints). */
  ipv6: boolean;
  /** Admit IPv4 blocks (not on an ipv6 endpoint, which has no IPv4 address). @default true */
  ipv4?: boolean;
  /** The VPC's consumers by security group: referenced instead of the VPC's CIDRs. */
  securityGroups?: readonly string[];
}

export function ingressRules(port: number, vpc: VpcSpec, access: AccessSpec | undefined, scope: IngressScope): IngressRule[] {
  const sources: Array<[string, string, string[]]> = [];
  if (scope.vpc && !scope.securityGroups)
    sources.push(["vpc", "this VPC", [...(vpc.cidrs ?? []), ...(scope.ipv6 ? (vpc.ipv6Cidrs ?? []) : [])]]);
  if (access?.onPremises) sources.push(["onPremises", "on-premises", access.onPremises.cidrs]);
  for (const peer of access?.peerVpcs ?? []) sources.push([`peer:${peer.name}`, `peer VPC ${peer.name}`, peer.cidrs]);
  if (access?.extraCidrs) sources.push(["extra", "declared extra CIDR", access.extraCidrs]);

  const rules = new Map<string, IngressRule>();
  // A group reference admits the group's members whatever their address family (rule 13).
  for (const id of scope.vpc ? (scope.securityGroups ?? []) : []) {
    rules.set(id, {
      protocol: "tcp",
      fromPort: port,
      toPort: port,
      securityGroupId: id,
      source: "securityGroup",
      description: ruleDescription(port, "security group", id),
    });
  }
  for (const [source, label, cidrs] of sources) {
    for (const cidr of cidrs) {
      const parsed = parseCidr(cidr);
      // One rule per block, however it is spelt (`2001:db8::/32` and `2001:0db8::/32`): AWS refuses duplicates.
      const key = canonicalCidr(cidr);
      if (
        typeof parsed === "string" ||
        (parsed.family === 6 && !scope.ipv6) ||
        (parsed.family === 4 && scope.ipv4 === false) ||
        rules.has(key)
      )
        continue;
      rules.set(key, { protocol: "tcp", fromPort: port, toPort: port, cidr, source, description: ruleDescription(port, label, cidr) });
    }
  }
  return [...rules.values()].sort(compareRules);
}

/** Characters AWS refuses in a security group rule description. */
const NOT_IN_DESCRIPTION = /[^a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g;
const MAX_DESCRIPTION = 255;

/**
 * `TCP 443 from peer VPC spoke-a 10.1.0.0/16`. Peer names are free text, but AWS rejects a rule
 * description with other characters or over 255 of them at apply time: replace and shorten the
 * label, keep the CIDR.
 */
export function ruleDescription(port: number, from: string, target: string): string {
  const tail = ` ${target}`;
  return `TCP ${port} from ${from}`.replace(NOT_IN_DESCRIPTION, "-").slice(0, MAX_DESCRIPTION - tail.length) + tail;
}

/** What a rule admits: its CIDR or its security group; unique per port within a group. */
export const ruleTarget = (rule: IngressRule): string => rule.cidr ?? rule.securityGroupId!;

export function compareRules(a: IngressRule, b: IngressRule): number {
  const ta = ruleTarget(a);
  const tb = ruleTarget(b);
  return a.fromPort - b.fromPort || (ta < tb ? -1 : ta > tb ? 1 : 0);
}

/** A catch-all block in any spelling (`::/0`, `0::/0`, ...): prefix length 0 admits every address. */
export function isOpenCidr(cidr: string): boolean {
  const parsed = parseCidr(cidr);
  return typeof parsed !== "string" && parsed.prefix === 0;
}
