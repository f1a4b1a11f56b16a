import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { explainAwsError } from "vpce-plan/aws";
import { REPO_ROOT } from "../helpers/requests";
import { vpcePlan } from "./cli";

describe("AWS errors name the flag that fixes them", function () {
  this.timeout(30_000);

  it("missing credentials -> --profile", async () => {
    const empty = mkdtempSync(join(tmpdir(), "vpce-plan-noaws-"));
    const run = await vpcePlan(["audit", "--vpc-id", "vpc-0abc", "--endpoint-url", "http://127.0.0.1:9"], {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SHARED_CREDENTIALS_FILE: join(empty, "credentials"),
      AWS_CONFIG_FILE: join(empty, "config"),
      AWS_EC2_METADATA_DISABLED: "true",
      HOME: empty,
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no AWS credentials found .* Pass --profile NAME/);
  });

  it("no region -> --region", async () => {
    const empty = mkdtempSync(join(tmpdir(), "vpce-plan-noregion-"));
    const run = await vpcePlan(["audit"], { AWS_REGION: undefined, AWS_CONFIG_FILE: join(empty, "config"), HOME: empty });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no AWS region: pass --region/);
  });

  it("nothing listening at the endpoint -> --endpoint-url", async () => {
    const run = await vpcePlan(["audit", "--endpoint-url", "http://127.0.0.1:9"], { AWS_MAX_ATTEMPTS: "1" });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /cannot reach the EC2 endpoint http:\/\/127\.0\.0\.1:9 .*Check --endpoint-url/);
  });

  it("access denied and rejected keys -> --profile, unknown VPC -> --region", () => {
    const ctx = { operation: "DescribeVpcs", region: "eu-west-1", profile: "ops", vpcIds: ["vpc-1"] };
    const denied = explainAwsError({ name: "UnauthorizedOperation", message: "You are not authorized" }, ctx);
    assert.equal(denied.flag, "--profile");
    assert.match(denied.message, /access denied for ec2:DescribeVpcs in eu-west-1 .*profile ops.*ec2:Describe\*/);
    const keys = explainAwsError({ name: "AuthFailure", message: "AWS was not able to validate the provided access credentials" }, ctx);
    assert.equal(keys.flag, "--profile");
    const missing = explainAwsError({ name: "InvalidVpcID.NotFound", message: "The vpc ID 'vpc-1' does not exist" }, ctx);
    assert.equal(missing.flag, "--region");
    assert.match(missing.message, /vpc-1 not found in eu-west-1\. Check --vpc-id, and --region/);
  });
});

describe("plan without --from-aws never loads the AWS SDK", () => {
  it("keeps @aws-sdk out of require.cache", () => {
    const script = `
      const { main } = require(${JSON.stringify(join(REPO_ROOT, "sdk", "dist", "cli", "main.js"))});
      main(["plan", "--file", ${JSON.stringify(join(REPO_ROOT, "examples", "requests", "example.yaml"))}], { out() {}, err() {} }).then((code) => {
        const loaded = Object.keys(require.cache).filter((k) => k.includes("@aws-sdk") || k.includes("@pulumi"));
        process.stdout.write(JSON.stringify({ code, loaded }));
      });`;
    const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    assert.deepEqual(JSON.parse(result.stdout), { code: 0, loaded: [] });
  });
});
