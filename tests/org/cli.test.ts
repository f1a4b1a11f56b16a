/**
 * `vpce-plan inventory --org` and `audit --org` as a user runs them, against the emulator's
 * organization: the report's totals, findings placed by account and region, SARIF locations, the
 * partial exit code when a role is denied, and every flag problem at once.
 */
import assert from "node:assert/strict";
import type { OrgReport } from "vpce-plan/audit";
import { json, vpcePlan } from "../aws/cli";
import { buildBrownfield } from "../aws/scenario";
import { roleArn, startProxy } from "../helpers/awsProxy";
import { ec2Client, REGION, useMoto } from "../helpers/moto";
import { buildOrganization } from "./world";

const MANAGEMENT = "123456789012";

const base = (url: string): string[] => ["--org", "--region", REGION, "--role-name", "OrgReader", "--endpoint-url", url];

describe("vpce-plan inventory --org / audit --org (emulator)", function () {
  this.timeout(120_000);
  const moto = useMoto();

  it("inventory: every account's endpoints with cost, totals per account, region and service", async () => {
    const members = await buildOrganization(moto.url());
    const run = await vpcePlan(["inventory", ...base(moto.url()), "--regions", "eu-west-1,us-east-1", "--format", "json"]);
    assert.equal(run.code, 0, run.stderr);
    const report = json<OrgReport>(run);
    assert.equal(report.version, 1);
    assert.equal(report.partial, false);
    assert.deepEqual(report.unread, []);
    assert.deepEqual(report.scope.regions, ["eu-west-1", "us-east-1"]);
    // One S3 gateway per member and region; gateways are free.
    assert.equal(report.totals.endpoints, members.length * 2);
    assert.equal(report.totals.monthlyCostUsd, 0);
    for (const m of members) assert.equal(report.totals.byAccount[m]!.endpoints, 2);
    assert.deepEqual(Object.keys(report.totals.byService), ["s3"]);
    assert.match(run.stderr, /regions 8\/8 read, 0 left, 0 failed/);
  });

  it("audit --org: findings carry account and region, ids stay stable, SARIF locates them, interface cost counted", async () => {
    await buildOrganization(moto.url());
    // The brownfield VPC in the management account, which is in the organization too (its NLB
    // fixture signs as the emulator's default account).
    const first = MANAGEMENT;
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const args = ["audit", ...base(moto.url()), "--regions", "us-east-1", "--accounts", first];
    const one = await vpcePlan([...args, "--format", "json"]);
    assert.equal(one.code, 0, one.stderr);
    const report = json<OrgReport>(one);
    assert.ok(report.findings.length > 0);
    assert.ok(report.findings.every((f) => f.account === first && f.region === REGION && f.id.startsWith(`${first}/${REGION}/`)));
    assert.ok(report.findings.some((f) => f.id === `${first}/${REGION}/SG_OPEN_INGRESS/${w.groups.open}`));
    // Interface endpoints cost their AZ-hours: more than zero in total, equal to the sum of the rows.
    const sum = report.endpoints.reduce((s, e) => s + (e.monthlyCostUsd ?? 0), 0);
    assert.ok(report.totals.monthlyCostUsd > 0);
    assert.equal(Math.round(report.totals.monthlyCostUsd * 100), Math.round(sum * 100));
    const again = json<OrgReport>(await vpcePlan([...args, "--format", "json"]));
    assert.deepEqual(
      again.findings.map((f) => f.id),
      report.findings.map((f) => f.id),
      "ids stable across runs",
    );

    const sarif = json<{
      runs: {
        results: {
          logicalLocations?: unknown;
          locations: { logicalLocations: { fullyQualifiedName: string }[] }[];
          properties: { account: string; region: string };
        }[];
      }[];
    }>(await vpcePlan([...args, "--format", "sarif"]));
    const results = sarif.runs[0]!.results;
    assert.equal(results.length, report.findings.length);
    assert.ok(
      results.every(
        (r) => r.properties.account === first && r.locations[0]!.logicalLocations[0]!.fullyQualifiedName.startsWith(`${first}/${REGION}/`),
      ),
    );

    const failing = await vpcePlan([...args, "--fail-on", "high"]);
    assert.equal(failing.code, 3, "a high finding fails --fail-on high");
    const md = await vpcePlan([...args, "--format", "markdown"]);
    assert.equal(md.code, 0);
    assert.match(md.stdout, /^### Audit of 1 account\(s\)/);
  });

  it("a denied role makes the report partial: exit 4, the account listed with why, the rest whole", async () => {
    const [denied, other] = await buildOrganization(moto.url());
    const proxy = await startProxy(moto.url(), (seen) =>
      seen.action === "AssumeRole" && roleArn(seen.body).includes(`iam::${denied}:role`) ? "deny-assume-role" : undefined,
    );
    try {
      const run = await vpcePlan([
        "inventory",
        ...base(proxy.url),
        "--regions",
        "us-east-1",
        "--accounts",
        `${denied},${other}`,
        "--format",
        "json",
      ]);
      assert.equal(run.code, 4, run.stderr);
      const report = json<OrgReport>(run);
      assert.equal(report.partial, true);
      assert.deepEqual(
        report.unread.map((u) => [u.account, u.region, u.kind]),
        [[denied, "*", "role-denied"]],
      );
      assert.equal(report.totals.byAccount[other!]!.endpoints, 1);
      assert.match(run.stderr, /partial report: 1 account\(s\) or region\(s\) could not be read/);
      const table = await vpcePlan(["inventory", ...base(proxy.url), "--regions", "us-east-1", "--accounts", `${denied},${other}`]);
      assert.match(table.stdout, /PARTIAL: 1 not read/);
      assert.match(table.stdout, new RegExp(`${denied}\\s+\\*\\s+role-denied\\s+sts:AssumeRole`));
    } finally {
      await proxy.close();
    }
  });

  it("bad org flags: every problem at once, exit 2, before any call", async () => {
    const run = await vpcePlan(
      [
        "inventory",
        "--org",
        "--region",
        REGION,
        "--accounts",
        "12345,abc",
        "--ous",
        "ou-x",
        "--regions",
        "mars-1",
        "--concurrency",
        "0",
        "--format",
        "json",
      ],
      { AWS_ENDPOINT_URL: "http://127.0.0.1:9" },
    );
    assert.equal(run.code, 2, run.stderr);
    const { errors } = json<{ errors: { code: string; message: string }[] }>(run);
    const messages = errors.map((e) => e.message).join("\n");
    for (const text of [
      /"12345" is not an account id/,
      /"abc" is not an account id/,
      /"ou-x" is not an OU/,
      /"mars-1" is not a region/,
      /--concurrency must be/,
    ])
      assert.match(messages, text);
    assert.ok(errors.every((e) => e.code === "INVALID_FLAG"));
  });
});
