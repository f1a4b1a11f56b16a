/**
 * Rule 17: every byte of the grouped flow rows (query.ts) attributed to a VPC, a consumer, a service
 * and a path, counted once, none dropped. Pure: the topology (who is where) and the ranges come in,
 * bytes per (VPC, service, consumer, path) come out, plus counts of everything that was not service
 * traffic, so that the totals always add up to what was read.
 *
 * Counted once: a NAT gateway's network interface logs each flow twice (consumer <-> NAT, NAT <->
 * destination); only the consumer leg counts, and its far end is in `pkt-dstaddr` / `pkt-srcaddr`
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-records-examples.html, "NAT gateway").
 * When a VPC's NAT (or an interface endpoint's) network interfaces are in the logs, a workload's own
 * record of the same flow is left to them.
 * Paths: `traffic-path` 7 is a gateway endpoint, 8 an internet gateway, 1 another resource in the VPC
 * (the NAT gateway for traffic that leaves it), 2 "an internet gateway or a gateway VPC endpoint"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html).
 */
import { blockContains, parseBlock, type Block } from "../../plan/cidr";
import { AWS_SERVICE_KEYS, keyOfAddress, type IpRange } from "./ipRanges";
import type { FlowGroup } from "./query";

export type Consumer = "vpc" | "onPremises" | "peers";
export type TrafficPath = "nat" | "endpoint" | "gateway" | "direct";
export const CONSUMERS: readonly Consumer[] = ["vpc", "onPremises", "peers"];
export const PATHS: readonly TrafficPath[] = ["nat", "endpoint", "gateway", "direct"];

/** A network interface the attribution knows the role of, with its private addresses. */
export interface KnownInterface {
  interfaceId: string;
  privateIps: string[];
}

/** One VPC and who is around it, as the request (or the account) declares. */
export interface TopologyVpc {
  vpcId: string;
  cidrs: string[];
  onPremises?: string[];
  peers?: Array<{ name: string; cidrs: string[] }>;
  natGateways?: KnownInterface[];
  /** Interface endpoints by catalog key. */
  interfaceEndpoints?: Array<KnownInterface & { service: string }>;
  /** Catalog keys of the VPC's gateway endpoints. */
  gatewayEndpoints?: string[];
}

export interface TrafficTopology {
  vpcs: TopologyVpc[];
}

/** Maps a DNS name (lower case, no trailing dot) to a catalog key. */
export type NameToKey = (name: string) => string | undefined;

/** Bytes, and the records that carried them. */
export interface Tally {
  bytes: number;
  records: number;
}

export interface VpcBytes {
  vpcId: string;
  /** bytes[service][consumer][path] */
  services: Record<string, Record<Consumer, Record<TrafficPath, number>>>;
  /** Traffic to an address no lookup named, or from a consumer no declaration covers. */
  unattributed: Tally;
  /** Between addresses of the VPC and its declared networks: no AWS service's traffic. */
  local: Tally;
}

export interface Attribution {
  vpcs: VpcBytes[];
  /** Rows on interfaces, and between addresses, of no declared VPC. */
  outsideVpcs: Tally;
  /** NODATA and SKIPDATA rows (no bytes), and rejected traffic (never processed by NAT or an endpoint). */
  noData: number;
  skipData: number;
  rejected: Tally;
  /** Records left to the interface that logged the same flow as a NAT gateway or an endpoint. */
  countedElsewhere: Tally;
  /** Records of the NAT gateways' far legs (NAT <-> destination), the same bytes as their consumer legs. */
  natFarLegs: Tally;
  /** Every record read, and the capture window they cover. */
  records: number;
  firstStart?: number;
  lastEnd?: number;
}

interface Role {
  vpc: TopologyVpc;
  kind: "nat" | "endpoint";
  service?: string;
  ips: ReadonlySet<string>;
}

const parsed = (cidrs: readonly string[] | undefined): Block[] =>
  (cidrs ?? []).map((c) => parseBlock(c)).filter((b): b is Block => b !== undefined);

class Places {
  private readonly roles = new Map<string, Role>();
  private readonly vpcBlocks: Array<{ vpc: TopologyVpc; blocks: Block[]; onPrem: Block[]; peers: Block[] }>;
  private readonly cache = new Map<string, Block | null>();

  constructor(topology: TrafficTopology) {
    for (const vpc of topology.vpcs) {
      for (const n of vpc.natGateways ?? []) this.roles.set(n.interfaceId, { vpc, kind: "nat", ips: new Set(n.privateIps) });
      for (const e of vpc.interfaceEndpoints ?? [])
        this.roles.set(e.interfaceId, { vpc, kind: "endpoint", service: e.service, ips: new Set(e.privateIps) });
    }
    this.vpcBlocks = topology.vpcs.map((vpc) => ({
      vpc,
      blocks: parsed(vpc.cidrs),
      onPrem: parsed(vpc.onPremises),
      peers: parsed(vpc.peers?.flatMap((p) => p.cidrs)),
    }));
  }

  role(interfaceId: string): Role | undefined {
    return this.roles.get(interfaceId);
  }

  private block(addr: string): Block | null {
    let b = this.cache.get(addr);
    if (b === undefined) {
      b = parseBlock(addr) ?? null;
      this.cache.set(addr, b);
    }
    return b;
  }

  inVpc(addr: string | null, vpc: TopologyVpc): boolean {
    const a = addr === null ? null : this.block(addr);
    return a !== null && this.vpcBlocks.some((v) => v.vpc === vpc && v.blocks.some((b) => blockContains(b, a)));
  }

  /** Who an address is to this VPC: itself, its on-premises networks, its peers, or no declared consumer. */
  consumer(addr: string | null, vpc: TopologyVpc): Consumer | undefined {
    const a = addr === null ? null : this.block(addr);
    const v = this.vpcBlocks.find((x) => x.vpc === vpc)!;
    if (a === null) return undefined;
    if (v.blocks.some((b) => blockContains(b, a))) return "vpc";
    if (v.onPrem.some((b) => blockContains(b, a))) return "onPremises";
    if (v.peers.some((b) => blockContains(b, a))) return "peers";
    return undefined;
  }

  /** The VPC of a workload's record: its `vpc-id`, else the VPC holding one of its addresses. */
  vpcOf(g: FlowGroup): TopologyVpc | undefined {
    if (g.vpc_id) {
      const byId = this.vpcBlocks.find((v) => v.vpc.vpcId === g.vpc_id);
      if (byId) return byId.vpc;
    }
    return this.vpcBlocks.find((v) => this.inVpc(g.srcaddr, v.vpc) || this.inVpc(g.dstaddr, v.vpc))?.vpc;
  }

  endpointAt(addr: string, vpc: TopologyVpc): (KnownInterface & { service: string }) | undefined {
    return vpc.interfaceEndpoints?.find((e) => e.privateIps.includes(addr));
  }
}

const emptyPaths = (): Record<TrafficPath, number> => ({ nat: 0, endpoint: 0, gateway: 0, direct: 0 });
const tally = (): Tally => ({ bytes: 0, records: 0 });
const add = (t: Tally, g: FlowGroup): void => {
  t.bytes += g.bytes;
  t.records += g.records;
};

export interface AttributionInput {
  topology: TrafficTopology;
  nameToKey: NameToKey;
  ipRanges?: readonly IpRange[];
}

/** Attributes grouped flow rows. */
export function attribute(groups: readonly FlowGroup[], input: AttributionInput): Attribution {
  const places = new Places(input.topology);
  const keyCache = new Map<string, string | undefined>();
  const rangeKey = (addr: string): string | undefined => {
    if (!keyCache.has(addr)) keyCache.set(addr, keyOfAddress(input.ipRanges ?? [], addr));
    return keyCache.get(addr);
  };
  // Which NAT and endpoint interfaces are in the logs: their records are the ones that count.
  const logged = new Set(groups.filter((g) => g.log_status === "OK").map((g) => g.interface_id));
  const natLogged = (vpc: TopologyVpc): boolean => (vpc.natGateways ?? []).some((n) => logged.has(n.interfaceId));

  const out: Attribution = {
    vpcs: [],
    outsideVpcs: tally(),
    noData: 0,
    skipData: 0,
    rejected: tally(),
    countedElsewhere: tally(),
    natFarLegs: tally(),
    records: 0,
  };
  const byVpc = new Map<string, VpcBytes>();
  const vpcOut = (vpc: TopologyVpc): VpcBytes => {
    let v = byVpc.get(vpc.vpcId);
    if (!v) {
      v = { vpcId: vpc.vpcId, services: {}, unattributed: tally(), local: tally() };
      byVpc.set(vpc.vpcId, v);
    }
    return v;
  };
  const count = (vpc: TopologyVpc, g: FlowGroup, service: string | undefined, consumer: Consumer | undefined, path: TrafficPath): void => {
    const v = vpcOut(vpc);
    if (!service || !consumer) return add(v.unattributed, g);
    const s = (v.services[service] ??= { vpc: emptyPaths(), onPremises: emptyPaths(), peers: emptyPaths() });
    s[consumer][path] += g.bytes;
  };
  /** The far end's service: its DNS name first, then the record's AWS service, then AWS's ranges. */
  const serviceOf = (name: string | null, awsService: string | null, addr: string | null): string | undefined =>
    (name ? input.nameToKey(name) : undefined) ??
    (awsService ? AWS_SERVICE_KEYS[awsService] : undefined) ??
    (addr ? rangeKey(addr) : undefined);

  // traffic-path is only recorded for egress: a reply takes the path its request took.
  const requestPath = new Map<string, number>();
  for (const g of groups)
    if (g.log_status === "OK" && g.traffic_path !== null) requestPath.set(`${g.interface_id}|${g.srcaddr}|${g.dstaddr}`, g.traffic_path);

  for (const g of groups) {
    out.records += g.records;
    out.firstStart = Math.min(out.firstStart ?? g.first_start, g.first_start);
    out.lastEnd = Math.max(out.lastEnd ?? g.last_end, g.last_end);
    if (g.log_status === "NODATA") {
      out.noData += g.records;
      continue;
    }
    if (g.log_status !== "OK") {
      out.skipData += g.records;
      continue;
    }
    if (g.action !== "ACCEPT") {
      add(out.rejected, g);
      continue;
    }
    const role = places.role(g.interface_id);
    if (role?.kind === "nat") {
      const { vpc, ips } = role;
      const toNat = g.dstaddr !== null && ips.has(g.dstaddr);
      const fromNat = g.srcaddr !== null && ips.has(g.srcaddr);
      const consumerAddr = toNat ? g.srcaddr : fromNat ? g.dstaddr : null;
      const consumer = consumerAddr === null ? undefined : places.consumer(consumerAddr, vpc);
      if ((toNat || fromNat) && !consumer && !places.inVpc(consumerAddr, vpc)) {
        add(out.natFarLegs, g);
        continue;
      }
      // The far end: pkt-dstaddr on the way in, pkt-srcaddr on the way back; absent in the default format.
      const far = toNat ? g.pkt_dstaddr : g.pkt_srcaddr;
      const known = far !== null && !ips.has(far);
      const service = !known
        ? undefined
        : toNat
          ? serviceOf(g.dst_name, g.pkt_dst_aws_service, far)
          : serviceOf(g.src_name, g.pkt_src_aws_service, far);
      count(vpc, g, service, consumer, "nat");
      continue;
    }
    if (role?.kind === "endpoint") {
      const { vpc, ips } = role;
      const other = g.dstaddr !== null && ips.has(g.dstaddr) ? g.srcaddr : g.dstaddr;
      count(vpc, g, role.service, places.consumer(other, vpc), "endpoint");
      continue;
    }
    const vpc = places.vpcOf(g);
    if (!vpc) {
      add(out.outsideVpcs, g);
      continue;
    }
    const srcIn = places.inVpc(g.srcaddr, vpc);
    const dstIn = places.inVpc(g.dstaddr, vpc);
    const endpointDst = g.dstaddr === null ? undefined : places.endpointAt(g.dstaddr, vpc);
    const endpointSrc = g.srcaddr === null ? undefined : places.endpointAt(g.srcaddr, vpc);
    const egress =
      g.flow_direction === "egress" ||
      (g.flow_direction !== "ingress" && ((srcIn && !dstIn) || (srcIn && dstIn && endpointDst !== undefined)));
    const ingress = !egress && (g.flow_direction === "ingress" || (!srcIn && dstIn) || (srcIn && dstIn && endpointSrc !== undefined));
    if (!egress && !ingress) {
      add(vpcOut(vpc).local, g);
      continue;
    }
    const far = egress ? (g.pkt_dstaddr ?? g.dstaddr) : (g.pkt_srcaddr ?? g.srcaddr);
    const endpoint = egress ? endpointDst : endpointSrc;
    if (endpoint) {
      if (logged.has(endpoint.interfaceId)) add(out.countedElsewhere, g);
      else count(vpc, g, endpoint.service, "vpc", "endpoint");
      continue;
    }
    if (places.consumer(far, vpc) !== undefined) {
      add(vpcOut(vpc).local, g);
      continue;
    }
    const service = egress ? serviceOf(g.dst_name, g.pkt_dst_aws_service, far) : serviceOf(g.src_name, g.pkt_src_aws_service, far);
    const trafficPath = egress ? g.traffic_path : (requestPath.get(`${g.interface_id}|${g.dstaddr}|${g.srcaddr}`) ?? null);
    const path = pathOf(trafficPath, service, vpc);
    if (path === "nat" && natLogged(vpc)) {
      add(out.countedElsewhere, g);
      continue;
    }
    count(vpc, g, service, "vpc", path);
  }
  out.vpcs = [...byVpc.values()].sort((a, b) => (a.vpcId < b.vpcId ? -1 : 1));
  return out;
}

/**
 * The path of a workload's flow. Without traffic-path (the default format): the route table's
 * choice, the gateway endpoint first (its prefix list is the more specific route), then the NAT.
 */
function pathOf(trafficPath: number | null, service: string | undefined, vpc: TopologyVpc): TrafficPath {
  const hasGateway = service !== undefined && (vpc.gatewayEndpoints ?? []).includes(service);
  const hasNat = (vpc.natGateways ?? []).length > 0;
  switch (trafficPath) {
    case null:
      return hasGateway ? "gateway" : hasNat ? "nat" : "direct";
    case 7:
      return "gateway";
    case 1:
      return hasNat ? "nat" : "direct";
    case 2:
      return hasGateway ? "gateway" : "direct";
    default:
      return "direct";
  }
}
