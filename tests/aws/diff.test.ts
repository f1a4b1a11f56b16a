import assert from "node:assert/strict";
import type { PlanDiff } from "vpce-plan/diff";
import type { Plan } from "vpce-plan/plan";
import { requestFile } from "../helpers/cli";
import { ec2Client, useMoto } from "../helpers/moto";
import { json, vpcePlan } from "./cli";
import { markdownText } from "../helpers/markdown";
import { buildBrownfield } from "./scenario";

describe("vpce-plan diff --from-aws (emulator)", function () {
  this.timeout(60_000);
  const moto = useMoto();

  it("compares a live VPC's endpoints with the head request's plan", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const head = requestFile("live-head.json", { region: "us-east-1", vpc: { id: w.vpcId }, services: ["s3", "secretsmanager", "sts"] });
    const flags = ["--from-aws", "--vpc-id", w.vpcId, "--endpoint-url", moto.url()];
    const run = await vpcePlan(["diff", ...flags, "--head", head, "--format", "json"]);
    assert.equal(run.code, 0, run.stderr);
    const d = json<PlanDiff>(run);
    const [stsKept, stsDup] = [w.endpoints.sts, w.endpoints.stsDuplicate].sort();
    assert.ok(stsKept);
    assert.deepEqual(
      d.endpoints.added.map((e) => e.name),
      ["s3-gateway"],
    );
    assert.deepEqual(d.endpoints.removed.map((e) => e.name).sort(), ["dynamodb-gateway", "kms", "logs", `sts-${stsDup}`].sort());
    const changed = Object.fromEntries(d.endpoints.changed.map((c) => [c.name, c.changes.map((f) => f.field)]));
    // Live secretsmanager sits in one subnet; the plan spreads it over the three AZs. sts has private DNS off live.
    assert.deepEqual(changed.secretsmanager, ["azs", "subnetIds"]);
    assert.deepEqual(changed.sts, ["azs", "privateDns", "subnetIds"]);
    assert.ok(d.endpoints.changed.every((c) => !c.replaces));
    // The live open group's 0.0.0.0/0 rule is revoked; the plan admits the VPC's CIDR.
    assert.ok(d.securityGroupRules.removed.some((r) => r.endpoint === "secretsmanager" && r.cidr === "0.0.0.0/0"));
    assert.ok(d.securityGroupRules.added.some((r) => r.endpoint === "secretsmanager" && r.cidr === "10.0.0.0/16"));

    const planned = json<Plan>(await vpcePlan(["plan", ...flags, "--file", head, "--format", "json"]));
    assert.equal(d.cost.headMonthlyUsd, planned.cost.monthlyTotalUsd);
    // Live: secretsmanager 1 AZ, sts x2, kms, logs in 2 AZs each at 7.30 per AZ; gateways free.
    const liveAzs = 1 + 2 + 2 + 2 + 2;
    assert.ok(Math.abs(d.cost.baseMonthlyUsd - liveAzs * 7.3) < 1e-6, String(d.cost.baseMonthlyUsd));
    assert.ok(Math.abs(d.cost.deltaMonthlyUsd - (d.cost.headMonthlyUsd - d.cost.baseMonthlyUsd)) < 1e-4);

    const md = await vpcePlan(["diff", ...flags, "--head", head, "--format", "markdown"]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(markdownText(md.stdout), /^vpce-plan: [+-]\$\d+\.\d{2} a month/);
    assert.equal((await vpcePlan(["diff", ...flags, "--head", head, "--fail-on", "change"])).code, 3);
    assert.equal((await vpcePlan(["diff", ...flags, "--base", head, "--head", head])).code, 2);
  });
});
