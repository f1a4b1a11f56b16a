/**
 * The traffic report: a value with a version (`kind: "traffic"`), GB a month per service, consumer
 * and path, scaled to 730 hours from the window the logs cover.
 *
 * Which GB: AWS prices data processing per GB and counts a GB as 2^30 bytes (the S3 FAQ's worked
 * example divides byte-hours by 1,073,741,824: https://aws.amazon.com/s3/faqs/). No PrivateLink or
 * NAT gateway page defines the unit, so vpce-plan uses AWS's one written definition everywhere.
 */
import { CONSUMERS, PATHS, type Attribution, type Consumer, type TrafficPath } from "./attribute";

export const BYTES_PER_GB = 2 ** 30;
export const GB_SOURCE = "https://aws.amazon.com/s3/faqs/";
/** The month every vpce-plan price uses (DESIGN rule 7). */
export const HOURS_PER_MONTH = 730;

export type ConsumerGb = Record<Consumer, number>;
export interface ServiceTraffic extends ConsumerGb {
  byPath: Record<TrafficPath, number>;
}

export interface VpcTraffic {
  vpcId: string;
  services: Record<string, ServiceTraffic>;
  unattributedGb: number;
  /** Between the VPC and its declared networks, no service's traffic (shown so totals add up). */
  localGb: number;
}

export interface TrafficReport {
  version: 1;
  kind: "traffic";
  window: { start: string; end: string; hours: number };
  gb: { bytes: number; source: string };
  vpcs: VpcTraffic[];
  /** Records on interfaces, or between addresses, of no declared VPC. */
  outsideVpcsGb: number;
  records: {
    read: number;
    /** Lines and files that were not records (named on stderr as they are skipped). */
    skipped: number;
    noData: number;
    skipData: number;
    rejected: number;
    unattributed: number;
    /** The same flow logged on a NAT gateway's or an endpoint's interface, counted there. */
    countedElsewhere: number;
    natFarLegs: number;
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** GB a month for bytes seen over `hours`. */
export const gbPerMonth = (bytes: number, hours: number): number => round((bytes / BYTES_PER_GB) * (HOURS_PER_MONTH / hours));

export interface ReportWindow {
  /** Unix seconds; the data's own first start and last end where not given. */
  start?: number;
  end?: number;
}

/** The report, or why there is none (no records, or a window of no time). */
export function trafficReport(a: Attribution, window: ReportWindow = {}, skipped = 0): TrafficReport | string {
  const start = window.start ?? a.firstStart;
  const end = window.end ?? a.lastEnd;
  if (start === undefined || end === undefined) return "no flow log records were read";
  if (end <= start) return `the window from ${start} to ${end} covers no time; give --since and --until`;
  const hours = (end - start) / 3600;
  const gb = (bytes: number): number => gbPerMonth(bytes, hours);
  const vpcs = a.vpcs.map((v): VpcTraffic => {
    const services: Record<string, ServiceTraffic> = {};
    for (const key of Object.keys(v.services).sort()) {
      const b = v.services[key];
      const byPath = Object.fromEntries(PATHS.map((p) => [p, gb(CONSUMERS.reduce((s, c) => s + b[c][p], 0))])) as Record<
        TrafficPath,
        number
      >;
      const per = Object.fromEntries(CONSUMERS.map((c) => [c, gb(PATHS.reduce((s, p) => s + b[c][p], 0))])) as ConsumerGb;
      services[key] = { ...per, byPath };
    }
    return { vpcId: v.vpcId, services, unattributedGb: gb(v.unattributed.bytes), localGb: gb(v.local.bytes) };
  });
  return {
    version: 1,
    kind: "traffic",
    window: { start: new Date(start * 1000).toISOString(), end: new Date(end * 1000).toISOString(), hours: round(hours) },
    gb: { bytes: BYTES_PER_GB, source: GB_SOURCE },
    vpcs,
    outsideVpcsGb: gb(a.outsideVpcs.bytes),
    records: {
      read: a.records,
      skipped,
      noData: a.noData,
      skipData: a.skipData,
      rejected: a.rejected.records,
      unattributed: a.vpcs.reduce((s, v) => s + v.unattributed.records, 0),
      countedElsewhere: a.countedElsewhere.records,
      natFarLegs: a.natFarLegs.records,
    },
  };
}

/** A request's `traffic` for one VPC: `{ vpc, onPremises, peers }` per service. */
export function requestTraffic(report: TrafficReport, vpcId: string): Record<string, ConsumerGb> {
  const v = report.vpcs.find((x) => x.vpcId === vpcId);
  return Object.fromEntries(
    Object.entries(v?.services ?? {}).map(([k, s]) => [k, { vpc: s.vpc, onPremises: s.onPremises, peers: s.peers }]),
  );
}
