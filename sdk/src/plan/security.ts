/**
 * Security-group ingress (rule 5): the service's ports, only from the consumers the request
 * declares: one rule per port (or range) per source. No egress rules: endpoint ENIs only answer
 * connections.
 */
import { canonicalCidr, parseCidr } from "./cidr";
import type { AccessSpec, IngressRule, PlannedEndpoint, PortRange, VpcSpec } from "./types";

/** What an endpoint listens on: one protocol, one or more ports and ranges (sorted, disjoint). */
export interface PortSet {
  protocol: "tcp" | "udp";
  ranges: readonly PortRange[];
}

export const singlePort = (port: number, protocol: PortSet["protocol"] = "tcp"): PortSet => ({
  protocol,
  ranges: [{ fromPort: port, toPort: port }],
});

/** The ports an endpoint's group admits: `ports` where the plan lists several, else `port`. */
export const endpointPorts = (e: Pick<PlannedEndpoint, "port" | "ports" | "protocol">): PortSet => ({
  protocol: e.protocol ?? "tcp",
  ranges: e.ports ?? [{ fromPort: e.port!, toPort: e.port! }],
});

/** The plan JSON's `ports` and `protocol`: present only when the endpoint listens on more than one TCP port. */
export function planPorts(ports: PortSet | undefined): Pick<PlannedEndpoint, "ports" | "protocol"> {
  if (!ports) return {};
  const one = ports.ranges.length === 1 && ports.ranges[0].fromPort === ports.ranges[0].toPort;
  return {
    ...(one ? {} : { ports: ports.ranges.map((r) => ({ fromPort: r.fromPort, toPort: r.toPort })) }),
    ...(ports.protocol === "udp" ? { protocol: "udp" as const } : {}),
  };
}

const range = (r: PortRange): string => (r.fromPort === r.toPort ? `${r.fromPort}` : `${r.fromPort}-${r.toPort}`);

/** `TCP 443, 2443, 8443-8451`: for messages and rule descriptions. */
export const describePorts = (ports: PortSet): string => `${ports.protocol.toUpperCase()} ${ports.ranges.map(range).join(", ")}`;

/** Equal for port sets that admit the same traffic: groups are shared, and rule lists cached, by it. */
export const portSetKey = (ports: PortSet): string => `${ports.protocol}/${ports.ranges.map(range).join(",")}`;

/** A rule's protocol and ports, `tcp/8443-8451`: unique with its target within a group. */
export const rulePorts = (rule: Pick<IngressRule, "protocol" | "fromPort" | "toPort">): string => `${rule.protocol}/${range(rule)}`;

export interface IngressScope {
  /** Admit the VPC's own CIDRs (false when the VPC reaches the service through a gateway). */
  vpc: boolean;
  /** Admit IPv6 blocks too (dualstack / ipv6 endpoints). */
  ipv6: boolean;
  /** Admit IPv4 blocks (not on an ipv6 endpoint, which has no IPv4 address). @default true */
  ipv4?: boolean;
  /** The VPC's consumers by security group: referenced instead of the VPC's CIDRs. */
  securityGroups?: readonly string[];
  /** The VPC's consumers by block (`access.vpcCidrs`): admitted instead of the VPC's CIDRs. */
  vpcCidrs?: readonly string[];
}

export function ingressRules(ports: PortSet, vpc: VpcSpec, access: AccessSpec | undefined, scope: IngressScope): IngressRule[] {
  const sources: Array<[string, string, string[]]> = [];
  if (scope.vpc && !scope.securityGroups)
    sources.push([
      "vpc",
      "this VPC",
      scope.vpcCidrs ? [...scope.vpcCidrs] : [...(vpc.cidrs ?? []), ...(scope.ipv6 ? (vpc.ipv6Cidrs ?? []) : [])],
    ]);
  if (access?.onPremises) sources.push(["onPremises", "on-premises", access.onPremises.cidrs]);
  for (const peer of access?.peerVpcs ?? []) sources.push([`peer:${peer.name}`, `peer VPC ${peer.name}`, peer.cidrs]);
  if (access?.extraCidrs) sources.push(["extra", "declared extra CIDR", access.extraCidrs]);

  const rules = new Map<string, IngressRule>();
  // A group reference admits the group's members whatever their address family (rule 13).
  const { protocol } = ports;
  for (const r of ports.ranges) {
    const label = describePorts({ protocol, ranges: [r] });
    const base = { protocol, fromPort: r.fromPort, toPort: r.toPort };
    for (const id of scope.vpc ? (scope.securityGroups ?? []) : []) {
      rules.set(`${r.fromPort}/${id}`, {
        ...base,
        securityGroupId: id,
        source: "securityGroup",
        description: ruleDescription(label, "security group", id),
      });
    }
    for (const [source, who, cidrs] of sources) {
      for (const cidr of cidrs) {
        const parsed = parseCidr(cidr);
        // One rule per block, however it is spelt (`2001:db8::/32` and `2001:0db8::/32`): AWS refuses duplicates.
        const key = `${r.fromPort}/${canonicalCidr(cidr)}`;
        if (
          typeof parsed === "string" ||
          (parsed.family === 6 && !scope.ipv6) ||
          (parsed.family === 4 && scope.ipv4 === false) ||
          rules.has(key)
        )
          continue;
        rules.set(key, { ...base, cidr, source, description: ruleDescription(label, who, cidr) });
      }
    }
  }
  return [...rules.values()].sort(compareRules);
}

/** Characters AWS refuses in a security group rule description. */
const NOT_IN_DESCRIPTION = /[^a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g;
const MAX_DESCRIPTION = 255;

/**
 * `TCP 443 from peer VPC spoke-a 10.1.0.0/16` (`ports` is `describePorts` of the rule's range). Peer
 * names are free text, but AWS rejects a rule description with other characters or over 255 of them
 * at apply time: replace and shorten the label, keep the CIDR.
 */
export function ruleDescription(ports: string, from: string, target: string): string {
  const tail = ` ${target}`;
  return `${ports} from ${from}`.replace(NOT_IN_DESCRIPTION, "-").slice(0, MAX_DESCRIPTION - tail.length) + tail;
}

/** What a rule admits: its CIDR or its security group; unique per protocol and port within a group. */
export const ruleTarget = (rule: IngressRule): string => rule.cidr ?? rule.securityGroupId!;

export function compareRules(a: IngressRule, b: IngressRule): number {
  const ta = ruleTarget(a);
  const tb = ruleTarget(b);
  return (
    a.fromPort - b.fromPort ||
    a.toPort - b.toPort ||
    (ta < tb ? -1 : ta > tb ? 1 : 0) ||
    (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0)
  );
}

/** A catch-all block in any spelling (`::/0`, `0::/0`, ...): prefix length 0 admits every address. */
export function isOpenCidr(cidr: string): boolean {
  const parsed = parseCidr(cidr);
  return typeof parsed !== "string" && parsed.prefix === 0;
}
