/**
 * CloudWatch sums for `audit --metrics`. Endpoints: `AWS/PrivateLinkEndpoints` `BytesProcessed`,
 * whose dimension names contain spaces (`VPC Endpoint Id`, `VPC Id`, `Endpoint Type`, `Service Name`,
 * and `Subnet Id` for the per-subnet series, skipped here so no byte counts twice):
 * https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-cloudwatch-metrics.html
 * NAT gateways: `AWS/NATGateway` `BytesOutToDestination` and `BytesInFromDestination`, dimension
 * `NatGatewayId`: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway-cloudwatch.html
 */
import type { Dimension } from "@aws-sdk/client-cloudwatch";

export interface MetricsOptions {
  region?: string;
  endpointUrl?: string;
  since: Date;
  until: Date;
}

export const ENDPOINT_NAMESPACE = "AWS/PrivateLinkEndpoints";
export const ENDPOINT_ID_DIMENSION = "VPC Endpoint Id";
export const NAT_NAMESPACE = "AWS/NATGateway";
export const NAT_METRICS = ["BytesOutToDestination", "BytesInFromDestination"] as const;

/** Sum of one metric's datapoints over the window; undefined when there are none. */
async function sum(
  cw: import("@aws-sdk/client-cloudwatch").CloudWatchClient,
  namespace: string,
  metric: string,
  dimensions: Dimension[],
  o: MetricsOptions,
): Promise<number | undefined> {
  const { GetMetricStatisticsCommand } = await import("@aws-sdk/client-cloudwatch");
  const out = await cw.send(
    new GetMetricStatisticsCommand({
      Namespace: namespace,
      MetricName: metric,
      Dimensions: dimensions,
      StartTime: o.since,
      EndTime: o.until,
      Period: 86_400,
      Statistics: ["Sum"],
    }),
  );
  const points = out.Datapoints ?? [];
  return points.length ? points.reduce((s, p) => s + (p.Sum ?? 0), 0) : undefined;
}

export async function readMetricSums(
  endpointIds: readonly string[],
  natIds: readonly string[],
  o: MetricsOptions,
): Promise<{ bytesProcessed: Record<string, number>; natBytes: Record<string, number> }> {
  const { CloudWatchClient, ListMetricsCommand } = await import("@aws-sdk/client-cloudwatch");
  const cw = new CloudWatchClient({ ...(o.region ? { region: o.region } : {}), ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}) });
  const bytesProcessed: Record<string, number> = {};
  const natBytes: Record<string, number> = {};
  try {
    for (const id of endpointIds) {
      let token: string | undefined;
      do {
        const page = await cw.send(
          new ListMetricsCommand({
            Namespace: ENDPOINT_NAMESPACE,
            MetricName: "BytesProcessed",
            Dimensions: [{ Name: ENDPOINT_ID_DIMENSION, Value: id }],
            NextToken: token,
          }),
        );
        for (const m of page.Metrics ?? []) {
          if ((m.Dimensions ?? []).some((d) => d.Name === "Subnet Id")) continue;
          const s = await sum(cw, ENDPOINT_NAMESPACE, "BytesProcessed", m.Dimensions ?? [], o);
          if (s !== undefined) bytesProcessed[id] = (bytesProcessed[id] ?? 0) + s;
        }
        token = page.NextToken;
      } while (token);
    }
    for (const id of natIds)
      for (const metric of NAT_METRICS) {
        const s = await sum(cw, NAT_NAMESPACE, metric, [{ Name: "NatGatewayId", Value: id }], o);
        if (s !== undefined) natBytes[id] = (natBytes[id] ?? 0) + s;
      }
  } finally {
    cw.destroy();
  }
  return { bytesProcessed, natBytes };
}
