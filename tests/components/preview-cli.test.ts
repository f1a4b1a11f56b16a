import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { scratchDir, vpcePlan } from "../helpers/cli";

describe("vpce-plan preview", function () {
  this.timeout(60_000);

  it("prints the resource tree under the component, then the outputs", () => {
    const run = vpcePlan(["preview", "--file", "examples/requests/on-prem-s3.yaml"]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split("\n");
    assert.ok(lines.includes("+ vpce-plan:index:EndpointPlan demo"));
    assert.ok(lines.includes("    + aws:ec2/vpcEndpoint:VpcEndpoint demo-s3-gateway"));
    assert.ok(lines.includes("    + aws:ec2/vpcEndpoint:VpcEndpoint demo-s3"));
    assert.ok(lines.includes("          dependsOn: demo-s3-gateway"));
    assert.ok(lines.includes("    + aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule demo-s3-443-172.16.0.0-12"));
    assert.match(run.stdout, /Outputs:\n {4}monthlyCostUsd: 14\.6/);
    assert.match(run.stdout, /Resources:\n {4}\+ 6 to create/);
  });

  it("an invalid request exits 2 with the planner's problems, paths as in the file", () => {
    const file = join(scratchDir(), "bad-preview.yaml");
    writeFileSync(file, "region: us-east-1\nvpc: { id: vpc-0abc }\nservices: [{ name: sqs, type: Gateway }]\n");
    const run = vpcePlan(["preview", "--file", file]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /services\[0\]\.type: .*GATEWAY_UNSUPPORTED/);
  });

  it("a hub-and-spoke request exits 2 and points at plan, instead of single-VPC field errors", () => {
    const run = vpcePlan(["preview", "--file", "examples/requests/hub-spoke.yaml"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /hub-and-spoke request/);
    assert.match(run.stderr, /vpce-plan plan --file examples\/requests\/hub-spoke\.yaml/);
    assert.doesNotMatch(run.stderr, /UNKNOWN_FIELD|MISSING_FIELD/);
  });

  it("--format json lists resources with their parents", () => {
    const run = vpcePlan(["preview", "--file", "examples/requests/gateway-only.yaml", "--format", "json", "--name", "gw"]);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    const component = out.resources.find((r: { type: string }) => r.type === "vpce-plan:index:EndpointPlan");
    assert.equal(component.name, "gw");
    const children = out.resources.filter((r: { parent?: string }) => r.parent === component.urn);
    assert.ok(children.length > 0);
    assert.equal(children.length, out.resources.length - 1);
  });
});
