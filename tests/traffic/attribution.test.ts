/** Rule 17: flow log and query log parsing, the one query in memory, and the attribution (facts/traffic). */
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import {
  DEFAULT_FORMAT,
  attribute,
  catalogNameToKey,
  gbPerMonth,
  parseFlowLog,
  parseFormat,
  parseIpRanges,
  parseQueryLog,
  runQuery,
  trafficReport,
  type Attribution,
  type FlowRecord,
  type TrafficReport,
} from "vpce-plan/traffic";
import { CONVERSATIONS, HOURS, IP_RANGES, VPC, expectedBytes, flowLogFile, scenarioQueryLog, scenarioRecords } from "../helpers/flowlogs";

/** AWS's example records, as printed on https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-records-examples.html */
const AWS_DEFAULT_EXAMPLES = [
  "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
  "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK",
  "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA",
  "2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA",
  "2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK",
].join("\n");
/** The same page's NAT gateway example: a custom format of six fields, and its records. */
const AWS_NAT_FORMAT = "instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr";
const AWS_NAT_EXAMPLE = [
  "- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5",
  "- eni-1235b8ca123456789 10.0.0.220 203.0.113.5 10.0.0.220 203.0.113.5",
  "- eni-1235b8ca123456789 203.0.113.5 10.0.0.220 203.0.113.5 10.0.0.220",
  "- eni-1235b8ca123456789 10.0.0.220 10.0.1.5 203.0.113.5 10.0.1.5",
  "i-01234567890123456 eni-1111aaaa2222bbbb3 10.0.1.5 203.0.113.5 10.0.1.5 203.0.113.5",
  "i-01234567890123456 eni-1111aaaa2222bbbb3 203.0.113.5 10.0.1.5 203.0.113.5 10.0.1.5",
];

const nameToKey = catalogNameToKey("us-east-1");
const ranges = (): ReturnType<typeof parseIpRanges> => parseIpRanges(IP_RANGES, "us-east-1");

function records(text: string): FlowRecord[] {
  const parsed = parseFlowLog(text);
  assert.ok(typeof parsed !== "string", String(parsed));
  return parsed.records;
}

function bytesByKey(a: Attribution): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of a.vpcs)
    for (const [service, byConsumer] of Object.entries(v.services))
      for (const [consumer, byPath] of Object.entries(byConsumer))
        for (const [path, bytes] of Object.entries(byPath)) if (bytes) out[`${service}/${consumer}/${path}`] = bytes;
  return out;
}

function scenario(text: string, dns = scenarioQueryLog()): { attribution: Attribution; report: TrafficReport } {
  const parsedDns = parseQueryLog(dns);
  assert.ok(typeof parsedDns !== "string");
  const r = ranges();
  assert.ok(typeof r !== "string");
  const attribution = attribute(runQuery(records(text), parsedDns.answers), { topology: { vpcs: [VPC] }, nameToKey, ipRanges: r });
  const report = trafficReport(attribution);
  assert.ok(typeof report !== "string", String(report));
  return { attribution, report };
}

describe("traffic: flow log records as AWS documents them", () => {
  it("reads the default format's examples: values, '-' as no value, NODATA and SKIPDATA, IPv6", () => {
    const r = records(AWS_DEFAULT_EXAMPLES);
    assert.equal(r.length, 5);
    assert.deepEqual(
      [r[0].interface_id, r[0].srcaddr, r[0].dstaddr, r[0].bytes, r[0].packets, r[0].start, r[0].end, r[0].action, r[0].log_status],
      ["eni-1235b8ca123456789", "172.31.16.139", "172.31.16.21", 4249, 20, 1418530010, 1418530070, "ACCEPT", "OK"],
    );
    assert.deepEqual([r[2].srcaddr, r[2].bytes, r[2].action, r[2].log_status], [null, null, null, "NODATA"]);
    assert.equal(r[3].log_status, "SKIPDATA");
    assert.equal(r[4].srcaddr, "2001:db8:1234:a100:8d6e:3477:df66:f105");
    assert.equal(r[0].pkt_dstaddr, null, "the default format has no pkt-* fields");
    assert.deepEqual(DEFAULT_FORMAT.slice(0, 3), ["version", "account-id", "interface-id"]);
  });

  it("counts AWS's examples: the accepted bytes outside any declared VPC, one REJECT, one NODATA, one SKIPDATA", () => {
    const a = attribute(runQuery(records(AWS_DEFAULT_EXAMPLES), []), { topology: { vpcs: [] }, nameToKey });
    assert.equal(a.records, 5);
    assert.deepEqual([a.noData, a.skipData, a.rejected.records, a.rejected.bytes], [1, 1, 1, 4249]);
    assert.deepEqual(a.outsideVpcs, { bytes: 4249 + 8855, records: 2 });
  });

  it("refuses AWS's six-field NAT example format by name: without bytes and times there is nothing to attribute", () => {
    assert.equal(parseFormat(AWS_NAT_FORMAT), "lacks the fields bytes, start, end, log-status, which the attribution needs");
    assert.match(String(parseFlowLog(`${AWS_NAT_FORMAT}\n${AWS_NAT_EXAMPLE.join("\n")}\n`)), /lacks the fields bytes/);
  });

  it("counts AWS's NAT example once: the consumer legs on the NAT's interface, not its far legs or the instance's copy", () => {
    const fields = `${AWS_NAT_FORMAT} bytes start end action log-status`;
    const text = [fields, ...AWS_NAT_EXAMPLE.map((l) => `${l} 1000 1418530010 1418530070 ACCEPT OK`)].join("\n");
    const a = attribute(runQuery(records(text), []), {
      topology: {
        vpcs: [
          {
            vpcId: "vpc-1",
            cidrs: ["10.0.0.0/16"],
            natGateways: [{ interfaceId: "eni-1235b8ca123456789", privateIps: ["10.0.0.220"] }],
          },
        ],
      },
      nameToKey,
    });
    assert.deepEqual(a.vpcs[0].unattributed, { bytes: 2000, records: 2 }, "203.0.113.5 is no AWS service: kept, unattributed");
    assert.deepEqual(a.natFarLegs, { bytes: 2000, records: 2 });
    assert.deepEqual(a.countedElsewhere, { bytes: 2000, records: 2 });
  });

  it("names a foreign file and counts bad lines", () => {
    assert.match(String(parseFlowLog("hello world this is not\nit at all")), /not a flow log header/);
    const parsed = parseFlowLog(`${AWS_DEFAULT_EXAMPLES}\n2 123 eni-1 too few\n`);
    assert.ok(typeof parsed !== "string");
    assert.deepEqual([parsed.records.length, parsed.badLines], [5, 1]);
    assert.match(parsed.firstProblem!, /line 6 has 5 fields, the format has 14/);
    assert.match(String(parseQueryLog("not json\n")), /no Resolver query log entries/);
  });
});

describe("traffic: attribution of generated logs with a known answer", () => {
  const text = gunzipSync(flowLogFile(scenarioRecords())).toString();

  it("attributes every conversation's bytes exactly, by service, consumer and path (v5 custom format, gzip, header)", () => {
    const { attribution } = scenario(text);
    const expected = expectedBytes();
    assert.deepEqual(bytesByKey(attribution), expected.byKey);
    assert.equal(attribution.vpcs[0].unattributed.bytes, expected.unattributed);
    assert.equal(attribution.vpcs[0].local.bytes, 57_000);
    assert.deepEqual([attribution.noData, attribution.skipData, attribution.rejected.bytes], [1, 1, 9_999]);
  });

  it("reports GB a month scaled from the window to 730 hours, 2^30 bytes a GB", () => {
    const { report } = scenario(text);
    assert.deepEqual(report.window, { start: "2025-12-06T06:00:00.000Z", end: "2025-12-06T08:00:00.000Z", hours: HOURS });
    const s3 = report.vpcs[0].services.s3;
    const gatewayBytes = expectedBytes().byKey["s3/vpc/gateway"];
    const directBytes = expectedBytes().byKey["s3/vpc/direct"];
    assert.equal(s3.byPath.gateway, gbPerMonth(gatewayBytes, HOURS));
    assert.equal(s3.byPath.gateway, Math.round((gatewayBytes / 2 ** 30) * 365 * 1000) / 1000);
    assert.equal(s3.byPath.direct, gbPerMonth(directBytes, HOURS));
    assert.equal(s3.vpc, gbPerMonth(gatewayBytes + directBytes, HOURS));
    assert.deepEqual(Object.keys(report.vpcs[0].services), ["dynamodb", "kms", "s3", "secretsmanager", "sts"]);
    assert.equal(report.vpcs[0].services.sts.onPremises, gbPerMonth(300_700, HOURS));
    assert.equal(report.records.read, scenarioRecords().length);
  });

  it("takes the DNS name of the flow's time: one address answers for Secrets Manager, then for KMS", () => {
    const { attribution } = scenario(text);
    const b = bytesByKey(attribution);
    assert.equal(b["secretsmanager/vpc/nat"], 20_000);
    assert.equal(b["kms/vpc/nat"], 22_000);
  });

  it("without query logs, names what AWS's ranges can (DynamoDB, S3) and keeps the rest unattributed", () => {
    const { attribution } = scenario(text, "");
    const b = bytesByKey(attribution);
    assert.equal(b["dynamodb/vpc/nat"], expectedBytes().byKey["dynamodb/vpc/nat"], "52.94.0.10 is in DYNAMODB's us-east-1 range");
    assert.equal(b["secretsmanager/vpc/nat"], undefined);
    const unnamed = CONVERSATIONS.filter((c) => c.service === "secretsmanager" || c.service === "kms" || !c.service);
    assert.equal(
      attribution.vpcs[0].unattributed.bytes,
      unnamed.reduce((s, c) => s + c.up + c.down, 0),
    );
  });

  it("in the default format (workloads' interfaces only, no pkt-* or traffic-path) counts what v2 can tell", () => {
    const workloads = scenarioRecords().filter((r) => r.interface_id.startsWith("eni-0i"));
    const v2 = [DEFAULT_FORMAT.join(" "), ...workloads.map((r) => renderV2(r))].join("\n");
    const { attribution } = scenario(v2);
    const expected: Record<string, number> = {};
    for (const c of CONVERSATIONS.filter((x) => x.fromEni && x.service)) {
      // Without traffic-path, a flow to S3 takes the gateway endpoint's route, as the route table would.
      const path = c.service === "s3" ? "gateway" : c.path;
      expected[`${c.service}/${c.consumer}/${path}`] = (expected[`${c.service}/${c.consumer}/${path}`] ?? 0) + c.up + c.down;
    }
    assert.deepEqual(bytesByKey(attribution), expected);
  });

  it("prefers the DNS name over pkt-dst-aws-service, and that over ip-ranges", () => {
    const base = scenarioRecords().find((r) => r.interface_id === "eni-0i30000000000003" && r.traffic_path === 8)!;
    const group = (dst_name: string | null, aws: string | null): Attribution =>
      attribute([{ ...runQuery([{ ...base, pkt_dst_aws_service: aws }], [])[0], dst_name }], {
        topology: { vpcs: [VPC] },
        nameToKey,
        ipRanges: ranges() as never,
      });
    assert.deepEqual(Object.keys(group("sts.us-east-1.amazonaws.com", "S3").vpcs[0].services), ["sts"]);
    assert.deepEqual(Object.keys(group(null, "DYNAMODB").vpcs[0].services), ["dynamodb"]);
    assert.deepEqual(Object.keys(group(null, null).vpcs[0].services), ["s3"]);
    assert.deepEqual(Object.keys(group("bucket.s3.us-east-1.amazonaws.com", null).vpcs[0].services), ["s3"]);
  });
});

function renderV2(r: FlowRecord): string {
  const v = (x: unknown): string => (x === null ? "-" : String(x));
  return [
    2,
    "111122223333",
    r.interface_id,
    v(r.srcaddr),
    v(r.dstaddr),
    443,
    51514,
    6,
    v(r.packets),
    v(r.bytes),
    r.start,
    r.end,
    v(r.action),
    r.log_status,
  ].join(" ");
}
