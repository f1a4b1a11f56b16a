/**
 * VPC Flow Logs records as AWS delivers them in text: space-separated fields, `-` for a field with no
 * value (NODATA and SKIPDATA rows, pkt-* fields that do not apply), a header line naming the fields in
 * S3 files, the default (version 2) format or any custom format.
 * Fields and versions: https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
 * Example records: https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-records-examples.html
 */

/** Every field AWS documents, with the flow log version that introduced it. */
export const FLOW_LOG_FIELDS: Readonly<Record<string, number>> = {
  version: 2,
  "account-id": 2,
  "interface-id": 2,
  srcaddr: 2,
  dstaddr: 2,
  srcport: 2,
  dstport: 2,
  protocol: 2,
  packets: 2,
  bytes: 2,
  start: 2,
  end: 2,
  action: 2,
  "log-status": 2,
  "vpc-id": 3,
  "subnet-id": 3,
  "instance-id": 3,
  "tcp-flags": 3,
  type: 3,
  "pkt-srcaddr": 3,
  "pkt-dstaddr": 3,
  region: 4,
  "az-id": 4,
  "sublocation-type": 4,
  "sublocation-id": 4,
  "pkt-src-aws-service": 5,
  "pkt-dst-aws-service": 5,
  "flow-direction": 5,
  "traffic-path": 5,
  "ecs-cluster-arn": 7,
  "ecs-cluster-name": 7,
  "ecs-container-instance-arn": 7,
  "ecs-container-instance-id": 7,
  "ecs-container-id": 7,
  "ecs-second-container-id": 7,
  "ecs-service-name": 7,
  "ecs-task-definition-arn": 7,
  "ecs-task-arn": 7,
  "ecs-task-id": 7,
  "reject-reason": 8,
};

/** "With the default format, the flow log records include the version 2 fields, in the order shown in the available fields table." */
export const DEFAULT_FORMAT: readonly string[] = Object.keys(FLOW_LOG_FIELDS).filter((f) => FLOW_LOG_FIELDS[f] === 2);

/** The fields the attribution reads, as columns (snake case, the names AWS's Parquet files use). */
export interface FlowRecord {
  interface_id: string;
  vpc_id: string | null;
  srcaddr: string | null;
  dstaddr: string | null;
  pkt_srcaddr: string | null;
  pkt_dstaddr: string | null;
  bytes: number | null;
  packets: number | null;
  start: number;
  end: number;
  action: string | null;
  log_status: string;
  flow_direction: string | null;
  traffic_path: number | null;
  pkt_src_aws_service: string | null;
  pkt_dst_aws_service: string | null;
}

export type FlowColumn = keyof FlowRecord;
/** The integer columns; every other column is text. */
export const INTEGER_COLUMNS: ReadonlySet<FlowColumn> = new Set(["bytes", "packets", "start", "end", "traffic_path"]);
export const FLOW_COLUMNS: readonly FlowColumn[] = [
  "interface_id",
  "vpc_id",
  "srcaddr",
  "dstaddr",
  "pkt_srcaddr",
  "pkt_dstaddr",
  "bytes",
  "packets",
  "start",
  "end",
  "action",
  "log_status",
  "flow_direction",
  "traffic_path",
  "pkt_src_aws_service",
  "pkt_dst_aws_service",
];

/** The column a log field fills (`pkt-dst-aws-service` -> `pkt_dst_aws_service`). */
export const columnOf = (field: string): string => field.replace(/-/g, "_");

/** A format: field names in order, and where each column the attribution reads sits (or -1). */
export interface FlowLogFormat {
  fields: readonly string[];
  positions: Readonly<Record<FlowColumn, number>>;
}

export function flowLogFormat(fields: readonly string[]): FlowLogFormat {
  const positions = Object.fromEntries(FLOW_COLUMNS.map((c) => [c, fields.findIndex((f) => columnOf(f) === c)])) as Record<
    FlowColumn,
    number
  >;
  return { fields, positions };
}

export const DEFAULT_FLOW_LOG_FORMAT = flowLogFormat(DEFAULT_FORMAT);

/**
 * A format from a header line, or from a flow log's `LogFormat` (`${version} ${srcaddr} ...`); a
 * string when it is not one: unknown names or a format without the fields the attribution needs.
 */
export function parseFormat(line: string): FlowLogFormat | string {
  const fields = line
    .trim()
    .split(/\s+/)
    .map((f) => f.replace(/^\$\{(.*)\}$/, "$1"));
  const unknown = fields.filter((f) => !(f in FLOW_LOG_FIELDS));
  // AWS adds fields over time: a header that is mostly known names is a newer format, not a foreign file.
  if (unknown.length > fields.length / 2) return `is not a flow log header (unknown fields: ${unknown.slice(0, 5).join(", ")})`;
  const missing = ["interface-id", "bytes", "start", "end", "log-status"].filter((f) => !fields.includes(f));
  if (missing.length) return `lacks the fields ${missing.join(", ")}, which the attribution needs`;
  return flowLogFormat(fields);
}

/** True when a line names fields rather than carrying values. */
export const isHeader = (line: string): boolean => /^\s*(\$\{)?[a-z][a-z-]*\}?(\s|$)/.test(line) && !/^\s*\d/.test(line);

/** One record, or why the line is not one. */
export function parseRecord(line: string, format: FlowLogFormat): FlowRecord | string {
  const values = line.trim().split(/\s+/);
  if (values.length !== format.fields.length) return `has ${values.length} fields, the format has ${format.fields.length}`;
  const record = {} as Record<FlowColumn, string | number | null>;
  for (const column of FLOW_COLUMNS) {
    const at = format.positions[column];
    const raw = at < 0 ? "-" : values[at];
    if (raw === "-") record[column] = null;
    else if (INTEGER_COLUMNS.has(column)) {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) return `has ${format.fields[at]} "${raw}", not a whole number`;
      record[column] = n;
    } else record[column] = raw;
  }
  if (record.interface_id === null || record.start === null || record.end === null || record.log_status === null)
    return "lacks interface-id, start, end or log-status";
  return record as unknown as FlowRecord;
}

/** What reading one file's lines gave: its records and the lines that were not records. */
export interface ParsedFlowLog {
  records: FlowRecord[];
  badLines: number;
  firstProblem?: string;
}

/**
 * A whole text file (already decompressed). A first line that names fields is the header; without
 * one (CloudWatch Logs events) `format` applies, by default AWS's default format.
 */
export function parseFlowLog(text: string, format: FlowLogFormat = DEFAULT_FLOW_LOG_FORMAT): ParsedFlowLog | string {
  const lines = text.split("\n");
  let current = format;
  let start = 0;
  if (lines.length && isHeader(lines[0])) {
    const header = parseFormat(lines[0]);
    if (typeof header === "string") return header;
    current = header;
    start = 1;
  }
  const out: ParsedFlowLog = { records: [], badLines: 0 };
  for (let i = start; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const r = parseRecord(lines[i], current);
    if (typeof r === "string") {
      out.badLines++;
      out.firstProblem ??= `line ${i + 1} ${r}`;
    } else out.records.push(r);
  }
  if (out.records.length === 0 && out.badLines > 0) return `has no flow log records (${out.firstProblem})`;
  return out;
}
