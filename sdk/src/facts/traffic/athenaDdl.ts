/**
 * `vpce-plan traffic --athena-ddl`: the tables the Athena dialect reads, as AWS documents them, with
 * partition projection so that Athena computes partitions instead of listing them.
 * Flow logs: https://docs.aws.amazon.com/athena/latest/ug/vpc-flow-logs.html (the "partition
 * projection" CREATE TABLE, text with its header line skipped). Resolver query logs:
 * https://docs.aws.amazon.com/athena/latest/ug/querying-r53-resolver-logs.html . Projection:
 * https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html
 */
export interface DdlOptions {
  /** `s3://bucket/prefix` holding `AWSLogs/`. */
  flowLogsLocation: string;
  dnsLogsLocation?: string;
  accountId: string;
  regions: readonly string[];
  /** First day of logs, `yyyy/MM/dd`. */
  since: string;
  database?: string;
  flowTable?: string;
  dnsTable?: string;
}

const trim = (s: string): string => s.replace(/\/+$/, "");

export function athenaDdl(o: DdlOptions): string {
  const db = o.database ? `${o.database}.` : "";
  const flow = `CREATE EXTERNAL TABLE IF NOT EXISTS ${db}${o.flowTable ?? "vpc_flow_logs"} (
  version int,
  account_id string,
  interface_id string,
  srcaddr string,
  dstaddr string,
  srcport int,
  dstport int,
  protocol bigint,
  packets bigint,
  bytes bigint,
  start bigint,
  \`end\` bigint,
  action string,
  log_status string,
  vpc_id string,
  subnet_id string,
  instance_id string,
  tcp_flags int,
  type string,
  pkt_srcaddr string,
  pkt_dstaddr string,
  region string,
  az_id string,
  sublocation_type string,
  sublocation_id string,
  pkt_src_aws_service string,
  pkt_dst_aws_service string,
  flow_direction string,
  traffic_path int
)
PARTITIONED BY (aws_region string, day string)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ' '
LOCATION '${trim(o.flowLogsLocation)}/AWSLogs/${o.accountId}/vpcflowlogs/'
TBLPROPERTIES (
  "skip.header.line.count" = "1",
  "projection.enabled" = "true",
  "projection.aws_region.type" = "enum",
  "projection.aws_region.values" = "${o.regions.join(",")}",
  "projection.day.type" = "date",
  "projection.day.range" = "${o.since},NOW",
  "projection.day.format" = "yyyy/MM/dd",
  "storage.location.template" = "${trim(o.flowLogsLocation)}/AWSLogs/${o.accountId}/vpcflowlogs/\${aws_region}/\${day}"
);
-- The custom format's fields in this order; a flow log in another format needs its own column list.`;
  if (!o.dnsLogsLocation) return flow + "\n";
  const dns = `CREATE EXTERNAL TABLE IF NOT EXISTS ${db}${o.dnsTable ?? "resolver_query_logs"} (
  version string,
  account_id string,
  region string,
  vpc_id string,
  query_timestamp string,
  query_name string,
  query_type string,
  query_class string,
  rcode string,
  answers array<struct<Rdata: string, Type: string, Class: string>>,
  srcaddr string,
  srcport int,
  transport string,
  srcids struct<instance: string, resolver_endpoint: string>
)
PARTITIONED BY (day string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${trim(o.dnsLogsLocation)}/AWSLogs/${o.accountId}/vpcdnsquerylogs/'
TBLPROPERTIES (
  "projection.enabled" = "true",
  "projection.day.type" = "date",
  "projection.day.range" = "${o.since},NOW",
  "projection.day.format" = "yyyy/MM/dd",
  "storage.location.template" = "${trim(o.dnsLogsLocation)}/AWSLogs/${o.accountId}/vpcdnsquerylogs/\${day}"
);`;
  return `${flow}\n\n${dns}\n`;
}
