/**
 * The audit's findings from measurement: CloudWatch's `BytesProcessed` per endpoint, NAT gateway
 * bytes, and the traffic attribution (`vpce-plan traffic`). Pure: the sums come in, findings with
 * their money go out.
 *
 * `AWS/PrivateLinkEndpoints` `BytesProcessed` is "the number of bytes billed to the owner of the
 * endpoint", reported only for a minute "the endpoint received traffic": an idle endpoint has no
 * datapoints, not zeros (https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-cloudwatch-metrics.html).
 */
import { findService, getRegion } from "../catalog";
import { HOURS_PER_MONTH, money } from "../plan/cost";
import type { PriceTable } from "../plan/types";
import { BYTES_PER_GB, type TrafficReport } from "../facts/traffic/report";
import { isLiveEndpoint, type VpcSnapshot } from "../facts/aws/snapshot";
import { RULES, type RuleId } from "./rules";
import type { Finding } from "./engine";

export interface MetricsInput {
  /** BytesProcessed summed over the window, per endpoint id; an endpoint without datapoints is absent. */
  bytesProcessed: Readonly<Record<string, number>>;
  /** Bytes through each NAT gateway over the window (to and from destinations), per NAT gateway id. */
  natBytes: Readonly<Record<string, number>>;
  /** Hours the window covers. */
  hours: number;
  /** GB a month at or under which an endpoint counts as idle. @default 0 */
  idleGb?: number;
  traffic?: TrafficReport;
}

const keyOf = (serviceName: string): string | undefined => findService(serviceName)?.service.key;
const usd = (x: number): string => `USD ${x.toFixed(2)}`;

export function metricFindings(snapshot: VpcSnapshot, input: MetricsInput): Finding[] {
  const prices: PriceTable = (getRegion(snapshot.region) ?? getRegion("us-east-1")!).prices;
  const gbMonth = (bytes: number): number => (bytes / BYTES_PER_GB) * (HOURS_PER_MONTH / input.hours);
  const saved = prices.natPerGbUsd - prices.interfacePerGbUsd;
  const findings: Finding[] = [];
  const finding = (
    rule: RuleId,
    resource: string,
    resourceType: Finding["resourceType"],
    message: string,
    fix: string,
    serviceName?: string,
  ): void => {
    findings.push({
      id: `${rule}/${resource}${serviceName && resourceType === "vpc" ? `/${keyOf(serviceName) ?? serviceName}` : ""}`,
      rule,
      severity: RULES[rule].severity,
      vpcId: snapshot.vpc.id,
      resource,
      resourceType,
      ...(serviceName ? { serviceName } : {}),
      message,
      why: RULES[rule].help,
      fix,
    });
  };
  const hasNat = snapshot.natGateways.length > 0;
  const live = snapshot.endpoints.filter(isLiveEndpoint);
  for (const e of live) {
    if (e.type !== "Interface" && e.type !== "GatewayLoadBalancer") continue;
    const fixed = money(e.subnetIds.length * HOURS_PER_MONTH * prices.interfaceHourUsd);
    const bytes = input.bytesProcessed[e.id];
    const gb = bytes === undefined ? 0 : gbMonth(bytes);
    if (bytes === undefined || gb <= (input.idleGb ?? 0)) {
      finding(
        "ENDPOINT_IDLE",
        e.id,
        "vpc-endpoint",
        `${e.serviceName}: ${bytes === undefined ? "no BytesProcessed datapoints" : `${gb.toFixed(3)} GB a month`} over ${input.hours} h, costing ${usd(fixed)} a month in ${e.subnetIds.length} AZ(s).`,
        `Delete ${e.id} if nothing needs it (vpce-plan diff shows what the request change does); it saves ${usd(fixed)} a month.`,
        e.serviceName,
      );
      continue;
    }
    // Below break-even only matters where a NAT gateway could carry the traffic instead.
    const breakEven = fixed / saved;
    if (e.type === "Interface" && hasNat && gb < breakEven)
      finding(
        "ENDPOINT_BELOW_BREAK_EVEN",
        e.id,
        "vpc-endpoint",
        `${e.serviceName}: ${gb.toFixed(1)} GB a month, below the ${breakEven.toFixed(1)} GB at which it beats NAT: it costs ${usd(fixed)} a month and saves ${usd(gb * saved)} of NAT data processing (USD ${saved.toFixed(3)}/GB).`,
        `Keep it where private access is required; otherwise route ${keyOf(e.serviceName) ?? e.serviceName} through the NAT gateway and delete ${e.id}.`,
        e.serviceName,
      );
  }
  const measured = input.traffic?.vpcs.find((v) => v.vpcId === snapshot.vpc.id);
  if (!measured) return findings;
  const natTotal = Object.values(input.natBytes).reduce((s, b) => s + b, 0);
  const natNote = Object.keys(input.natBytes).length
    ? ` (of ${gbMonth(natTotal).toFixed(1)} GB a month through the VPC's NAT gateways, CloudWatch)`
    : "";
  const have = (key: string, type: string): boolean => live.some((e) => e.type === type && keyOf(e.serviceName) === key);
  const azs = new Set(snapshot.subnets.map((s) => s.az)).size || 2;
  for (const [key, s] of Object.entries(measured.services)) {
    const gb = s.byPath.nat;
    if (!gb) continue;
    if ((key === "s3" || key === "dynamodb") && !have(key, "Gateway")) {
      finding(
        key === "s3" ? "NAT_TO_S3" : "NAT_TO_DYNAMODB",
        snapshot.vpc.id,
        "vpc",
        `${gb} GB a month of ${key} traffic goes through NAT${natNote}: ${usd(gb * prices.natPerGbUsd)} a month of NAT data processing.`,
        `Add a ${key} gateway endpoint (free) on the NAT route tables (vpce-plan: services: [${key}]); it saves ${usd(gb * prices.natPerGbUsd)} a month.`,
        key,
      );
      continue;
    }
    if (have(key, "Interface") || have(key, "Gateway")) continue;
    const fixed = azs * HOURS_PER_MONTH * prices.interfaceHourUsd;
    const saving = gb * saved - fixed;
    if (saving > 0)
      finding(
        "ENDPOINT_MISSING",
        snapshot.vpc.id,
        "vpc",
        `${gb} GB a month of ${key} traffic goes through NAT${natNote}, above the ${(fixed / saved).toFixed(1)} GB at which an interface endpoint in ${azs} AZ(s) pays off.`,
        `Add an interface endpoint for ${key} (vpce-plan: services: [${key}]); it saves ${usd(saving)} a month. The NAT gateway's hourly charge stays while other traffic needs it.`,
        key,
      );
  }
  return findings;
}
