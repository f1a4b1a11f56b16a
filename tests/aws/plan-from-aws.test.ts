import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "vpce-plan/plan";
import { ec2Client, useMoto } from "../helpers/moto";
import { REQUESTS_DIR } from "../helpers/requests";
import { json, vpcePlan } from "./cli";
import { buildBrownfield } from "./scenario";

describe("vpce-plan plan --from-aws (emulator)", function () {
  this.timeout(60_000);
  const moto = useMoto();

  it("plans from live facts and sorts existing endpoints into kept, to create and removable", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const run = await vpcePlan([
      "plan",
      "--from-aws",
      "--vpc-id",
      w.vpcId,
      "--services",
      "s3,secretsmanager,sts,ssm",
      "--endpoint-url",
      moto.url(),
      "--page-size",
      "5",
      "--format",
      "json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const plan = json<Plan>(run);
    assert.equal(plan.vpcId, w.vpcId);
    const byName = Object.fromEntries(plan.endpoints.map((e) => [e.name, e]));
    // Facts from the VPC: every subnet (one per AZ), route tables incl. the main one, CIDRs.
    assert.deepEqual(byName["s3-gateway"].routeTableIds, [w.mainRtb, w.privateRtb].sort());
    assert.deepEqual([...byName.secretsmanager.subnetIds!].sort(), [w.subnets.a, w.subnets.b, w.subnets.c].sort());
    assert.deepEqual(
      byName.secretsmanager.securityGroup!.ingress.map((r) => r.cidr),
      ["10.0.0.0/16"],
    );
    assert.ok(byName.sts.reasons.some((r) => r.code === "AZS_FROM_FACTS"));

    const x = plan.existing!;
    const stsKept = [w.endpoints.sts, w.endpoints.stsDuplicate].sort()[0];
    const stsDup = [w.endpoints.sts, w.endpoints.stsDuplicate].sort()[1];
    assert.deepEqual(
      x.kept.map((k) => [k.name, k.id]),
      [
        ["secretsmanager", w.endpoints.secretsmanager],
        ["sts", stsKept],
      ],
    );
    assert.deepEqual(x.kept[0].changes, [
      { field: "subnetIds", existing: [w.subnets.a], planned: [w.subnets.a, w.subnets.b, w.subnets.c].sort() },
    ]);
    assert.deepEqual(
      x.kept[1].changes.map((c) => c.field),
      ["subnetIds", "privateDns"],
    );
    assert.deepEqual(x.create, ["s3-gateway", "ssm"]);
    assert.equal(x.createMonthlyUsd, byName.ssm.monthlyCostUsd);
    const removable = Object.fromEntries(x.removable.map((r) => [r.id, [r.reason, r.monthlySavingUsd]]));
    assert.deepEqual(removable, {
      [stsDup]: ["DUPLICATE", 14.6],
      [w.endpoints.dynamodbGateway]: ["NOT_REQUESTED", 0],
      [w.endpoints.kms]: ["NOT_REQUESTED", 14.6],
      [w.endpoints.logs]: ["NOT_REQUESTED", 14.6],
    });
    assert.equal(x.removableMonthlySavingUsd, 43.8);
  });

  it("shows kept, create and remove rows in the table and markdown formats", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const base = ["plan", "--from-aws", "--vpc-id", w.vpcId, "--services", "s3,secretsmanager", "--endpoint-url", moto.url()];
    const table = await vpcePlan(base);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, new RegExp(`keep\\s+secretsmanager\\s+${w.endpoints.secretsmanager}`));
    assert.match(table.stdout, /create\s+s3-gateway/);
    assert.match(table.stdout, new RegExp(`remove\\s+kms\\s+${w.endpoints.kms}\\s+-\\$14\\.60`));
    assert.match(table.stdout, /Existing: 1 kept, 1 to create \(\$0\.00 a month\), 5 removable \(saves \$58\.40 a month\)\./);
    const md = await vpcePlan([...base, "--format", "markdown"]);
    assert.match(md.stdout, /#### Existing endpoints/);
    assert.match(md.stdout, new RegExp(`\\| keep \\| secretsmanager \\| ${w.endpoints.secretsmanager} \\|`));
  });

  it("completes a request file: the file wins, live facts fill the rest", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const dir = mkdtempSync(join(tmpdir(), "vpce-plan-"));
    const file = join(dir, "request.json");
    writeFileSync(
      file,
      JSON.stringify({
        region: "us-east-1",
        vpc: { id: w.vpcId },
        subnets: [{ id: w.subnets.b }],
        services: ["sts"],
        traffic: { sts: 10 },
      }),
    );
    const run = await vpcePlan([
      "plan",
      "--from-aws",
      "--file",
      file,
      "--services",
      "kms",
      "--endpoint-url",
      moto.url(),
      "--format",
      "json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const plan = json<Plan>(run);
    assert.deepEqual(
      plan.endpoints.map((e) => [e.name, e.subnetIds, e.azs]),
      [
        ["kms", [w.subnets.b], ["us-east-1b"]],
        ["sts", [w.subnets.b], ["us-east-1b"]],
      ],
    );
    assert.equal(plan.endpoints[1].cost.expectedGb, 10);

    writeFileSync(
      file,
      JSON.stringify({ region: "us-east-1", vpc: { id: w.vpcId }, subnets: [{ id: "subnet-0000000000000000f" }], services: ["sts"] }),
    );
    const bad = await vpcePlan(["plan", "--from-aws", "--file", file, "--endpoint-url", moto.url(), "--format", "json"]);
    assert.equal(bad.code, 2);
    assert.deepEqual(
      json<{ errors: Array<{ code: string; path: string }> }>(bad).errors.map((e) => [e.code, e.path]),
      [["SUBNET_NOT_IN_VPC", "subnets[0].id"]],
    );
  });

  it("looks a cross-region endpoint's service up in its service region, and trusts what AWS answers", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const dir = mkdtempSync(join(tmpdir(), "vpce-plan-"));
    const file = join(dir, "request.json");
    writeFileSync(file, JSON.stringify({ region: "us-east-1", vpc: { id: w.vpcId }, services: [{ name: "kms", region: "eu-west-1" }] }));
    const run = await vpcePlan(["plan", "--from-aws", "--file", file, "--endpoint-url", moto.url(), "--format", "json"]);
    // moto predates cross-region PrivateLink: asked with ServiceRegions it does not list the name, so
    // the plan says the region pair does not offer it rather than assuming it does.
    assert.equal(run.code, 2, run.stdout + run.stderr);
    const { errors } = json<{ errors: Array<{ code: string; path: string }> }>(run);
    assert.deepEqual(
      errors.map((e) => [e.code, e.path]),
      [["CROSS_REGION_NOT_OFFERED", "services[0]"]],
    );
  });

  it("rejects contradictory or missing flags with exit 2, before calling AWS", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["plan", "--from-aws", "--services", "s3"], /--from-aws needs --vpc-id/],
      [["plan", "--from-aws", "--vpc-id", "vpc-0abc"], /--from-aws needs --services/],
      [["plan", "--from-aws", "--vpc-id", "nope", "--services", "s3"], /--vpc-id nope is not a VPC id/],
      [["plan", "--file", join(REQUESTS_DIR, "example.yaml"), "--vpc-id", "vpc-0abc"], /--vpc-id only work with --from-aws/],
      [
        ["plan", "--from-aws", "--vpc-id", "vpc-0abc", "--services", "s3", "--endpoint-url", "localhost:1"],
        /--endpoint-url must be an http\(s\) URL/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await vpcePlan(args);
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
  });
});
