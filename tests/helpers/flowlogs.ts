/**
 * Generated flow logs and Resolver query logs with a known answer. A scenario is a list of
 * conversations (who, to what, by which path, how many bytes each way, when); the generator writes
 * the records each logged network interface shows for it, as AWS documents them (a NAT gateway logs
 * both of its legs, the consumer leg carrying the far end in pkt-*; traffic-path on egress only),
 * and sums the expected bytes straight from the conversations, never from the attribution.
 */
import { gzipSync } from "node:zlib";
import { FLOW_LOG_FIELDS, type FlowRecord, type TopologyVpc } from "vpce-plan/traffic";

export type Path = "nat" | "endpoint" | "gateway" | "direct";
export type Consumer = "vpc" | "onPremises" | "peers";

export interface Conversation {
  consumer: Consumer;
  /** The consumer's address, and its interface when it is in the VPC (and logged). */
  from: string;
  fromEni?: string;
  /** The far end's address: a service address, or the endpoint ENI's for the endpoint path. */
  to: string;
  path: Path;
  /** The catalog key the attribution must find (undefined: unattributed). */
  service?: string;
  /** The name a Resolver answer gives `to`, written just before the conversation. */
  dnsName?: string;
  awsService?: string;
  up: number;
  down: number;
  at: number;
}

export const T0 = 1_765_000_800; // a whole hour, Unix seconds
export const HOURS = 2;

export const VPC: TopologyVpc = {
  vpcId: "vpc-0a1b2c3d4e5f60718",
  cidrs: ["10.0.0.0/16", "2600:1f18:aaaa::/56"],
  onPremises: ["192.168.0.0/16"],
  peers: [{ name: "spoke-a", cidrs: ["10.1.0.0/16"] }],
  natGateways: [{ interfaceId: "eni-0nat0000000000001", privateIps: ["10.0.0.10"] }],
  interfaceEndpoints: [
    { interfaceId: "eni-0sts000000000000a", privateIps: ["10.0.1.100"], service: "sts" },
    { interfaceId: "eni-0sts000000000000b", privateIps: ["10.0.2.100"], service: "sts" },
  ],
  gatewayEndpoints: ["s3"],
};
const NAT_IP = "10.0.0.10";
const NAT_ENI = "eni-0nat0000000000001";
const endpointEni = (ip: string): string => VPC.interfaceEndpoints!.find((e) => e.privateIps.includes(ip))!.interfaceId;

/** Address ranges in ip-ranges.json's shape (S3 and DynamoDB of us-east-1, one foreign region, one other service). */
export const IP_RANGES = JSON.stringify({
  syncToken: "1765000000",
  createDate: "2025-12-06-05-53-08",
  prefixes: [
    { ip_prefix: "52.216.0.0/15", region: "us-east-1", service: "S3", network_border_group: "us-east-1" },
    { ip_prefix: "52.94.0.0/22", region: "us-east-1", service: "DYNAMODB", network_border_group: "us-east-1" },
    { ip_prefix: "52.94.0.0/22", region: "us-east-1", service: "AMAZON", network_border_group: "us-east-1" },
    { ip_prefix: "3.5.0.0/16", region: "eu-west-1", service: "S3", network_border_group: "eu-west-1" },
  ],
  ipv6_prefixes: [{ ipv6_prefix: "2600:1fa0:8000::/40", region: "us-east-1", service: "S3", network_border_group: "us-east-1" }],
});

const I1 = "eni-0i10000000000001";
const I2 = "eni-0i20000000000002";
const I3 = "eni-0i30000000000003";

/** The scenario every generated layout carries. */
export const CONVERSATIONS: Conversation[] = [
  // sts from the VPC's workloads through the endpoint: both ENIs logged, the endpoint's count.
  { consumer: "vpc", from: "10.0.1.5", fromEni: I1, to: "10.0.1.100", path: "endpoint", service: "sts", up: 4000, down: 9000, at: T0 + 60 },
  {
    consumer: "vpc",
    from: "10.0.2.7",
    fromEni: I2,
    to: "10.0.2.100",
    path: "endpoint",
    service: "sts",
    up: 1000,
    down: 2000,
    at: T0 + 4000,
  },
  // sts from on-premises and from the peer: only the endpoint's ENI sees them.
  {
    consumer: "onPremises",
    from: "192.168.4.20",
    to: "10.0.1.100",
    path: "endpoint",
    service: "sts",
    up: 700,
    down: 300_000,
    at: T0 + 900,
  },
  { consumer: "peers", from: "10.1.3.3", to: "10.0.2.100", path: "endpoint", service: "sts", up: 500, down: 120_000, at: T0 + 1500 },
  // S3 through the gateway endpoint (traffic-path 7), named by pkt-dst-aws-service; IPv6 too.
  {
    consumer: "vpc",
    from: "10.0.1.5",
    fromEni: I1,
    to: "52.216.10.10",
    path: "gateway",
    service: "s3",
    awsService: "S3",
    up: 2_000_000,
    down: 80_000_000,
    at: T0 + 300,
  },
  {
    consumer: "vpc",
    from: "2600:1f18:aaaa:1::5",
    fromEni: I1,
    to: "2600:1fa0:8000::1",
    path: "gateway",
    service: "s3",
    awsService: "S3",
    up: 10_000,
    down: 5_000_000,
    at: T0 + 3700,
  },
  // DynamoDB through the NAT gateway, named by its DNS answer; the NAT's ENI and the instance's are both logged.
  {
    consumer: "vpc",
    from: "10.0.2.7",
    fromEni: I2,
    to: "52.94.0.10",
    path: "nat",
    service: "dynamodb",
    dnsName: "dynamodb.us-east-1.amazonaws.com",
    up: 300_000,
    down: 7_000_000,
    at: T0 + 1200,
  },
  // One address answers for Secrets Manager, later for KMS: each flow takes the name of its time.
  {
    consumer: "vpc",
    from: "10.0.1.5",
    fromEni: I1,
    to: "3.80.0.1",
    path: "nat",
    service: "secretsmanager",
    dnsName: "secretsmanager.us-east-1.amazonaws.com",
    up: 5000,
    down: 15_000,
    at: T0 + 1000,
  },
  {
    consumer: "vpc",
    from: "10.0.1.5",
    fromEni: I1,
    to: "3.80.0.1",
    path: "nat",
    service: "kms",
    dnsName: "kms.us-east-1.amazonaws.com",
    up: 6000,
    down: 16_000,
    at: T0 + 5000,
  },
  // A destination nothing names: kept as unattributed.
  { consumer: "vpc", from: "10.0.2.7", fromEni: I2, to: "198.51.100.7", path: "nat", up: 12_345, down: 67_890, at: T0 + 2000 },
  // A public-subnet instance to S3 over the internet gateway (traffic-path 8), named only by ip-ranges.
  {
    consumer: "vpc",
    from: "10.0.3.9",
    fromEni: I3,
    to: "52.217.0.9",
    path: "direct",
    service: "s3",
    up: 1_111,
    down: 2_222_222,
    at: T0 + 6000,
  },
];

const blank = (): FlowRecord => ({
  interface_id: "",
  vpc_id: VPC.vpcId,
  srcaddr: null,
  dstaddr: null,
  pkt_srcaddr: null,
  pkt_dstaddr: null,
  bytes: null,
  packets: null,
  start: 0,
  end: 0,
  action: "ACCEPT",
  log_status: "OK",
  flow_direction: null,
  traffic_path: null,
  pkt_src_aws_service: null,
  pkt_dst_aws_service: null,
});

function rec(eni: string, src: string, dst: string, bytes: number, at: number, extra: Partial<FlowRecord>): FlowRecord {
  return {
    ...blank(),
    interface_id: eni,
    srcaddr: src,
    dstaddr: dst,
    pkt_srcaddr: src,
    pkt_dstaddr: dst,
    bytes,
    packets: Math.max(1, Math.ceil(bytes / 1400)),
    start: at,
    end: at + 45,
    ...extra,
  };
}

const TP: Record<Path, number> = { nat: 1, gateway: 7, direct: 8, endpoint: 1 };

/** The records every interface logs for one conversation, in two capture windows (the flow repeats). */
export function recordsOf(c: Conversation): FlowRecord[] {
  const out: FlowRecord[] = [];
  for (const [share, at] of [
    [0.25, c.at],
    [0.75, c.at + 60],
  ] as const) {
    const up = Math.round(c.up * share);
    const down = (share === 0.25 ? Math.round(c.down * 0.25) : c.down - Math.round(c.down * 0.25)) as number;
    const upPart = share === 0.25 ? up : c.up - Math.round(c.up * 0.25);
    const outService = { pkt_dst_aws_service: c.awsService ?? null };
    const inService = { pkt_src_aws_service: c.awsService ?? null };
    if (c.fromEni) {
      out.push(rec(c.fromEni, c.from, c.to, upPart, at, { flow_direction: "egress", traffic_path: TP[c.path], ...outService }));
      out.push(rec(c.fromEni, c.to, c.from, down, at, { flow_direction: "ingress", ...inService }));
    }
    if (c.path === "endpoint") {
      const eni = endpointEni(c.to);
      out.push(rec(eni, c.from, c.to, upPart, at, { flow_direction: "ingress" }));
      out.push(rec(eni, c.to, c.from, down, at, { flow_direction: "egress", traffic_path: 1 }));
    }
    if (c.path === "nat") {
      // Consumer legs (counted), then the far legs (the same bytes again, not counted).
      out.push(rec(NAT_ENI, c.from, NAT_IP, upPart, at, { pkt_dstaddr: c.to, flow_direction: "ingress", ...outService }));
      out.push(rec(NAT_ENI, NAT_IP, c.from, down, at, { pkt_srcaddr: c.to, flow_direction: "egress", traffic_path: 1, ...inService }));
      out.push(rec(NAT_ENI, NAT_IP, c.to, upPart, at, { flow_direction: "egress", traffic_path: 8, ...outService }));
      out.push(rec(NAT_ENI, c.to, NAT_IP, down, at, { flow_direction: "ingress", ...inService }));
    }
  }
  return out;
}

/** Records that carry no service traffic: local, rejected, NODATA, SKIPDATA. */
export const NOISE: FlowRecord[] = [
  rec(I1, "10.0.1.5", "10.0.2.7", 50_000, T0 + 100, { flow_direction: "egress", traffic_path: 1 }),
  rec(I1, "10.0.1.5", "192.168.4.20", 7_000, T0 + 100, { flow_direction: "egress", traffic_path: 3 }),
  rec(I2, "203.0.113.50", "10.0.2.7", 9_999, T0 + 200, { action: "REJECT", flow_direction: "ingress" }),
  { ...blank(), interface_id: I3, vpc_id: VPC.vpcId, action: null, log_status: "NODATA", start: T0, end: T0 + HOURS * 3600 },
  { ...blank(), interface_id: I3, vpc_id: VPC.vpcId, action: null, log_status: "SKIPDATA", start: T0 + 10, end: T0 + 70 },
];

export function scenarioRecords(): FlowRecord[] {
  return [...CONVERSATIONS.flatMap(recordsOf), ...NOISE];
}

/** Resolver query log lines, each a few seconds before its conversation. */
export function scenarioQueryLog(): string {
  return CONVERSATIONS.filter((c) => c.dnsName)
    .map((c) =>
      JSON.stringify({
        version: "1.100000",
        account_id: "111122223333",
        region: "us-east-1",
        vpc_id: VPC.vpcId,
        query_timestamp: new Date((c.at - 5) * 1000).toISOString(),
        query_name: `${c.dnsName}.`,
        query_type: "A",
        query_class: "IN",
        rcode: "NOERROR",
        answers: [{ Rdata: c.to, Type: "A", Class: "IN" }],
        srcaddr: c.from,
        srcport: "53124",
        transport: "UDP",
        srcids: { instance: "i-0123456789abcdef0" },
      }),
    )
    .join("\n");
}

/** Expected bytes: `${service}/${consumer}/${path}`, and the unattributed bytes. */
export function expectedBytes(): { byKey: Record<string, number>; unattributed: number } {
  const byKey: Record<string, number> = {};
  let unattributed = 0;
  for (const c of CONVERSATIONS) {
    if (!c.service) unattributed += c.up + c.down;
    else byKey[`${c.service}/${c.consumer}/${c.path}`] = (byKey[`${c.service}/${c.consumer}/${c.path}`] ?? 0) + c.up + c.down;
  }
  return { byKey, unattributed };
}

/** Every field of flow log versions 2 to 5, in AWS's order: a custom format with all of them. */
export const V5_FIELDS = Object.keys(FLOW_LOG_FIELDS).filter((f) => FLOW_LOG_FIELDS[f] <= 5);

/** One record as a text line of the given fields ("-" where it has no value). */
export function renderRecord(r: FlowRecord, fields: readonly string[]): string {
  const values: Record<string, unknown> = {
    version: Math.max(
      ...fields.map((f) => (f.startsWith("pkt-src-aws") || f === "traffic-path" || f === "flow-direction" ? 5 : f === "vpc-id" ? 3 : 2)),
    ),
    "account-id": "111122223333",
    srcport: r.srcaddr ? 443 : null,
    dstport: r.srcaddr ? 51514 : null,
    protocol: r.srcaddr ? 6 : null,
    "subnet-id": "subnet-0aaa",
    "instance-id": null,
    "tcp-flags": r.srcaddr ? 19 : null,
    type: r.srcaddr ? (r.srcaddr.includes(":") ? "IPv6" : "IPv4") : null,
    region: "us-east-1",
    "az-id": "use1-az1",
    "sublocation-type": null,
    "sublocation-id": null,
  };
  return fields
    .map((f) => {
      const col = f.replace(/-/g, "_") as keyof FlowRecord;
      const v = col in r ? r[col] : values[f];
      return v === null || v === undefined ? "-" : String(v);
    })
    .join(" ");
}

/** A file as AWS writes it to S3: header line, records, gzip. */
export function flowLogFile(records: readonly FlowRecord[], fields: readonly string[] = V5_FIELDS, gzip = true): Buffer {
  const text = [fields.join(" "), ...records.map((r) => renderRecord(r, fields))].join("\n") + "\n";
  return gzip ? gzipSync(text) : Buffer.from(text);
}
