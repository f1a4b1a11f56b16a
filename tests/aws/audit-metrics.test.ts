/** `audit --metrics`: idle, below break-even and missing endpoints in money, from moto's CloudWatch and a traffic report. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type { Finding } from "vpce-plan/audit";
import { getRegion } from "vpce-plan/catalog";
import { ec2Client, REGION, useMoto } from "../helpers/moto";
import { json, vpcePlan } from "./cli";
import { buildBrownfield, svc } from "./scenario";

const P = getRegion("us-east-1")!.prices;
const GB = 2 ** 30;

describe("vpce-plan audit --metrics (emulator)", function () {
  this.timeout(60_000);
  const moto = useMoto();

  it("ENDPOINT_IDLE without datapoints, ENDPOINT_BELOW_BREAK_EVEN with the figure, and the traffic report's NAT findings", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const cw = new CloudWatchClient({
      region: REGION,
      endpoint: moto.url(),
      credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    });
    const day = new Date(Date.now() - 86_400_000);
    const endpointBytes = async (id: string, service: string, bytes: number): Promise<void> => {
      const dims = [
        { Name: "Endpoint Type", Value: "Interface" },
        { Name: "Service Name", Value: svc(service) },
        { Name: "VPC Endpoint Id", Value: id },
        { Name: "VPC Id", Value: w.vpcId },
      ];
      await cw.send(
        new PutMetricDataCommand({
          Namespace: "AWS/PrivateLinkEndpoints",
          MetricData: [{ MetricName: "BytesProcessed", Dimensions: dims, Timestamp: day, Value: bytes, Unit: "Bytes" }],
        }),
      );
    };
    // 30 days: sts carries 3000 GB (pays off), kms 30 GB (below break-even); the others nothing.
    await endpointBytes(w.endpoints.sts, "sts", 3000 * GB);
    await endpointBytes(w.endpoints.kms, "kms", 30 * GB);
    await cw.send(
      new PutMetricDataCommand({
        Namespace: "AWS/NATGateway",
        MetricData: [
          { MetricName: "BytesOutToDestination", Dimensions: [{ Name: "NatGatewayId", Value: w.natId }], Timestamp: day, Value: 1000 * GB },
        ],
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), "vpce-audit-metrics-"));
    const traffic = join(dir, "traffic.json");
    const svcRow = (nat: number) => ({ vpc: nat, onPremises: 0, peers: 0, byPath: { nat, endpoint: 0, gateway: 0, direct: 0 } });
    writeFileSync(
      traffic,
      JSON.stringify({
        version: 1,
        kind: "traffic",
        window: { start: "2025-12-01T00:00:00.000Z", end: "2025-12-08T00:00:00.000Z", hours: 168 },
        vpcs: [
          {
            vpcId: w.vpcId,
            services: { s3: svcRow(500), dynamodb: svcRow(80), "ecr.api": svcRow(2000), ssm: svcRow(1) },
            unattributedGb: 0,
            localGb: 0,
          },
        ],
      }),
    );
    const since = String(Math.floor(Date.now() / 1000) - 30 * 86_400);
    const run = await vpcePlan([
      "audit",
      "--vpc-id",
      w.vpcId,
      "--metrics",
      "--since",
      since,
      "--traffic",
      traffic,
      "--format",
      "json",
      "--endpoint-url",
      moto.url(),
    ]);
    assert.equal(run.code, 0, run.stderr);
    const findings = json<{ findings: Finding[] }>(run).findings.filter((f) =>
      ["ENDPOINT_IDLE", "ENDPOINT_BELOW_BREAK_EVEN", "ENDPOINT_MISSING", "NAT_TO_S3", "NAT_TO_DYNAMODB"].includes(f.rule),
    );
    const ids = findings.map((f) => f.id).sort();
    assert.deepEqual(
      ids,
      [
        `ENDPOINT_BELOW_BREAK_EVEN/${w.endpoints.kms}`,
        `ENDPOINT_IDLE/${w.endpoints.logs}`,
        `ENDPOINT_IDLE/${w.endpoints.secretsmanager}`,
        `ENDPOINT_IDLE/${w.endpoints.stsDuplicate}`,
        `ENDPOINT_MISSING/${w.vpcId}/ecr.api`,
        `NAT_TO_S3/${w.vpcId}/s3`,
      ].sort(),
      "sts pays off; dynamodb has its gateway; 1 GB of ssm is below break-even",
    );
    const kms = findings.find((f) => f.rule === "ENDPOINT_BELOW_BREAK_EVEN")!;
    const hours = 30 * 24;
    const kmsGb = 30 * (730 / hours);
    assert.match(kms.message, new RegExp(`${kmsGb.toFixed(1)} GB a month`));
    const s3 = findings.find((f) => f.rule === "NAT_TO_S3")!;
    assert.match(s3.message, new RegExp(`USD ${(500 * P.natPerGbUsd).toFixed(2)} a month`));
    assert.match(s3.message, new RegExp(`of ${((1000 * 730) / hours).toFixed(1)} GB a month through the VPC's NAT gateways`));
    const idle = findings.find((f) => f.id === `ENDPOINT_IDLE/${w.endpoints.secretsmanager}`)!;
    assert.match(idle.message, /no BytesProcessed datapoints/);
    assert.match(idle.message, /costing USD \d+\.\d\d a month/);
  });

  it("without --metrics nothing is read from CloudWatch and no metric finding appears", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const run = await vpcePlan(["audit", "--vpc-id", w.vpcId, "--format", "json", "--endpoint-url", moto.url()]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!json<{ findings: Finding[] }>(run).findings.some((f) => f.rule.startsWith("ENDPOINT_IDLE")));
  });
});
