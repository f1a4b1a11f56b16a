import assert from "node:assert/strict";
import { RULES, type Finding } from "vpce-plan/audit";
import { ec2Client, useMoto } from "../helpers/moto";
import { json, vpcePlan } from "./cli";
import { buildBrownfield } from "./scenario";
import { CreateVpcCommand } from "@aws-sdk/client-ec2";

interface SarifResult {
  level: string;
  ruleIndex: number;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: Array<{ name: string }> }>;
  partialFingerprints: Record<string, string>;
}

interface AuditJson {
  version: number;
  region: string;
  vpcs: string[];
  findings: Finding[];
}

describe("vpce-plan audit (emulator)", function () {
  this.timeout(60_000);
  const moto = useMoto();

  it("finds every problem of the brownfield VPC, with stable ids, resources and fixes", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const run = await vpcePlan(["audit", "--vpc-id", w.vpcId, "--format", "json", "--endpoint-url", moto.url(), "--page-size", "5"]);
    assert.equal(run.code, 0, run.stderr);
    const out = json<AuditJson>(run);
    assert.deepEqual(out.vpcs, [w.vpcId]);
    const e = w.endpoints;
    const [stsFirst, stsSecond] = [e.sts, e.stsDuplicate].sort();
    const got = out.findings.map((f) => [f.id, f.severity, f.resource]);
    assert.deepEqual(
      got,
      [
        [`SG_OPEN_INGRESS/${w.groups.open}`, "high", w.groups.open],
        [`DUPLICATE_ENDPOINT/${stsSecond}`, "medium", stsSecond],
        [`ENDPOINT_SINGLE_AZ/${e.secretsmanager}`, "medium", e.secretsmanager],
        [`NAT_WITHOUT_GATEWAY_ENDPOINT/${w.privateRtb}/dynamodb`, "medium", w.privateRtb],
        [`NAT_WITHOUT_GATEWAY_ENDPOINT/${w.privateRtb}/s3`, "medium", w.privateRtb],
        [`PRIVATE_DNS_OFF/${e.sts}`, "medium", e.sts],
        [`PRIVATE_DNS_OFF/${e.stsDuplicate}`, "medium", e.stsDuplicate],
        [`SG_BROADER_THAN_CONSUMERS/${w.groups.broad}`, "medium", w.groups.broad],
        [`POLICY_FULL_ACCESS/${e.dynamodbGateway}`, "low", e.dynamodbGateway],
        [`POLICY_FULL_ACCESS/${e.secretsmanager}`, "low", e.secretsmanager],
        [`POLICY_FULL_ACCESS/${e.sts}`, "low", e.sts],
        [`POLICY_FULL_ACCESS/${e.stsDuplicate}`, "low", e.stsDuplicate],
        [`SG_EXTRA_PORTS/${w.groups.broad}`, "low", w.groups.broad],
      ].sort((a, b) => ["high", "medium", "low"].indexOf(a[1]) - ["high", "medium", "low"].indexOf(b[1]) || (a[0] < b[0] ? -1 : 1)),
    );
    const byId = Object.fromEntries(out.findings.map((f) => [f.id, f]));
    assert.match(byId[`DUPLICATE_ENDPOINT/${stsSecond}`].message, new RegExp(`also ${stsFirst}`));
    assert.match(byId[`SG_BROADER_THAN_CONSUMERS/${w.groups.broad}`].message, /admits 172\.16\.0\.0\/12, outside/);
    assert.match(byId[`NAT_WITHOUT_GATEWAY_ENDPOINT/${w.privateRtb}/s3`].message, new RegExp(w.natId));
    // There is a DynamoDB gateway endpoint, just not on this table: the fix extends it.
    assert.match(
      byId[`NAT_WITHOUT_GATEWAY_ENDPOINT/${w.privateRtb}/dynamodb`].fix,
      new RegExp(`--vpc-endpoint-id ${e.dynamodbGateway} --add-route-table-ids ${w.privateRtb}`),
    );
    assert.match(
      byId[`NAT_WITHOUT_GATEWAY_ENDPOINT/${w.privateRtb}/s3`].fix,
      /create-vpc-endpoint .*--service-name com\.amazonaws\.us-east-1\.s3/,
    );
    assert.match(byId[`ENDPOINT_SINGLE_AZ/${e.secretsmanager}`].fix, /--add-subnet-ids subnet-/);
    for (const f of out.findings) assert.ok(f.why.length > 40 && f.fix.length > 10, f.id);

    // Declaring 172.16.0.0/12 as a consumer makes that rule legitimate.
    const declared = json<AuditJson>(
      await vpcePlan(["audit", "--vpc-id", w.vpcId, "--format", "json", "--consumers", "172.16.0.0/12", "--endpoint-url", moto.url()]),
    );
    assert.ok(!declared.findings.some((f) => f.rule === "SG_BROADER_THAN_CONSUMERS"));
    assert.equal(declared.findings.length, out.findings.length - 1);
  });

  it("audits every VPC in the region without --vpc-id: VPC DNS off, and subnets in AZs the service lacks", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const out = json<AuditJson>(await vpcePlan(["audit", "--format", "json", "--endpoint-url", moto.url()]));
    assert.ok(out.vpcs.includes(w.vpcId) && out.vpcs.includes(w.dnsOff.vpcId));
    const other = out.findings.filter((f) => f.vpcId === w.dnsOff.vpcId);
    assert.deepEqual(
      other.map((f) => [f.id, f.severity]),
      [
        [`VPC_DNS_DISABLED/${w.dnsOff.vpcId}`, "high"],
        [`SUBNET_AZ_UNSUPPORTED/${w.custom.endpoint}/${other.find((f) => f.rule === "SUBNET_AZ_UNSUPPORTED")!.id.split("/")[2]}`, "medium"],
      ],
    );
    assert.match(other[0].message, /enableDnsHostnames is off .* expects private DNS/);
    assert.equal(other[1].serviceName, w.custom.serviceName);
    assert.match(other[1].message, /in us-east-1b, where .* offers no endpoint \(it does in us-east-1a\)/);
    // The brownfield VPC's findings are the same as when it is audited alone.
    assert.equal(out.findings.filter((f) => f.vpcId === w.vpcId).length, 13);
  });

  it("emits SARIF 2.1.0 with one rule per finding type and exits 3 at or above --fail-on", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const run = await vpcePlan([
      "audit",
      "--vpc-id",
      w.vpcId,
      "--format",
      "sarif",
      "--fail-on",
      "high",
      "--sarif-file",
      "infra/index.ts",
      "--endpoint-url",
      moto.url(),
    ]);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /1 finding\(s\) at or above high/);
    const sarif = json<{
      version: string;
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; help: { text: string } }> } }; results: Array<Record<string, unknown>> }>;
    }>(run);
    assert.equal(sarif.version, "2.1.0");
    const [sarifRun] = sarif.runs;
    const ruleIds = sarifRun.tool.driver.rules.map((r) => r.id);
    assert.deepEqual(ruleIds, Object.keys(RULES));
    for (const r of sarifRun.tool.driver.rules) assert.ok(r.help.text.length > 40, r.id);
    assert.equal(sarifRun.results.length, 13);
    const open = sarifRun.results.find((r) => r.ruleId === "SG_OPEN_INGRESS") as unknown as SarifResult;
    assert.equal(open.level, "error");
    assert.equal(ruleIds[open.ruleIndex], "SG_OPEN_INGRESS");
    assert.equal(open.locations[0].physicalLocation.artifactLocation.uri, "infra/index.ts");
    assert.equal(open.locations[0].logicalLocations[0].name, w.groups.open);
    assert.equal(open.partialFingerprints.vpcePlanFinding, `SG_OPEN_INGRESS/${w.groups.open}`);

    assert.equal((await vpcePlan(["audit", "--vpc-id", w.vpcId, "--fail-on", "medium", "--endpoint-url", moto.url()])).code, 3);
    const none = await vpcePlan(["audit", "--vpc-id", w.vpcId, "--endpoint-url", moto.url()]);
    assert.equal(none.code, 0);
    assert.match(none.stdout, new RegExp(`Audit of ${w.vpcId} in us-east-1: 13 finding\\(s\\)`));
    assert.match(none.stdout, /Why it matters:\n {2}SG_OPEN_INGRESS: /);
  });

  it("exits 0 with --fail-on low for a VPC without findings, and 2 for bad flags", async () => {
    const vpc = await ec2Client(moto.url()).send(new CreateVpcCommand({ CidrBlock: "10.7.0.0/16" }));
    const clean = await vpcePlan(["audit", "--vpc-id", vpc.Vpc!.VpcId!, "--fail-on", "low", "--endpoint-url", moto.url()]);
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, /: 0 finding\(s\)/);
    const bad = await vpcePlan(["audit", "--fail-on", "critical"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--fail-on must be one of none, low, medium, high/);
    const badCidr = await vpcePlan(["audit", "--consumers", "10.0.0.1/8"]);
    assert.equal(badCidr.code, 2);
    assert.match(badCidr.stderr, /--consumers: "10\.0\.0\.1\/8" has host bits set/);
  });
});
