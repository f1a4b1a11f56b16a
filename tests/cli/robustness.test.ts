/**
 * Issue 17 item 29 through the CLI: YAML that builds non-plain objects, `.nan`, and plan JSON given
 * to `diff` are exit 2 with the field named, never a silently dropped field or a crash.
 */
import assert from "node:assert/strict";
import { requestFile, VALID_REQUEST, vpcePlan } from "../helpers/cli";

const YAML_HEAD = `region: us-east-1
vpc: { id: vpc-0abc, cidrs: [10.0.0.0/16], dnsSupport: true, dnsHostnames: true }
subnets:
  - { id: subnet-a, az: us-east-1a, routeTableId: rtb-a, tags: { tier: private } }
  - { id: subnet-b, az: us-east-1b, routeTableId: rtb-b, tags: { tier: dmz } }
`;

const errorsOf = (args: string[]): Array<{ code: string; path: string; message: string }> => {
  const run = vpcePlan([...args, "--format", "json"]);
  assert.equal(run.status, 2, run.stdout + run.stderr);
  return JSON.parse(run.stdout).errors;
};

describe("cli: bad input ends in a typed error naming the field (issue 17 item 29)", () => {
  it("access: !!omap on a service and subnetTags: !!omap are INVALID_TYPE, not dropped (which widened access and placement)", () => {
    const file = requestFile(
      "omap.yaml",
      `${YAML_HEAD}access: { onPremises: { cidrs: [192.168.0.0/16] } }
services:
  - name: sts
    access: !!omap [ { onPremises: false } ]
subnetTags: !!omap [ { tier: private } ]
`,
    );
    const errors = errorsOf(["plan", "--file", file]);
    assert.deepEqual(
      errors.map((e) => [e.code, e.path]),
      [
        ["INVALID_TYPE", "services[0].access"],
        ["INVALID_TYPE", "subnetTags"],
      ],
    );
    assert.match(errors[0].message, /got a Map \(a YAML tag such as !!omap/);
  });

  it("!!set and !!timestamp are refused too", () => {
    const file = requestFile("set.yaml", `${YAML_HEAD}services: [sts]\ntags: !!set { a }\nfacts: { serviceAzs: !!timestamp 2001-12-14 }\n`);
    assert.deepEqual(
      errorsOf(["plan", "--file", file]).map((e) => [e.code, e.path]),
      [
        ["INVALID_TYPE", "tags"],
        ["INVALID_TYPE", "facts.serviceAzs"],
      ],
    );
  });

  it("YAML .nan is 'got number NaN'", () => {
    const file = requestFile("nan.yaml", `${YAML_HEAD}services: [sts]\nha: { minAzs: .nan }\n`);
    const [error] = errorsOf(["plan", "--file", file]);
    assert.equal(error.path, "ha.minAzs");
    assert.match(error.message, /got number NaN\./);
  });

  it('diff validates plan JSON like a request: azs [null] and subnetIds "x" are exit 2 naming both fields, no crash in the diagram', () => {
    const planned = vpcePlan(["plan", "--file", requestFile("valid.json", VALID_REQUEST), "--format", "json"]);
    assert.equal(planned.status, 0, planned.stderr);
    const plan = JSON.parse(planned.stdout);
    const sts = plan.endpoints.findIndex((e: { service: string }) => e.service === "sts");
    plan.endpoints[sts].azs = [null];
    plan.endpoints[sts].subnetIds = "x";
    const base = requestFile("base-plan.json", planned.stdout);
    const head = requestFile("bad-plan.json", plan);
    for (const format of ["markdown", "table"]) {
      const run = vpcePlan(["diff", "--base", base, "--head", head, "--format", format]);
      assert.equal(run.status, 2, run.stderr);
      assert.doesNotMatch(run.stderr, /unexpected error/);
      assert.match(run.stderr, new RegExp(`endpoints\\[${sts}\\]\\.azs\\[0\\]: must be a non-empty string, got null`));
      assert.match(run.stderr, new RegExp(`endpoints\\[${sts}\\]\\.subnetIds: must be a list, got string "x"`));
    }
    const errors = errorsOf(["diff", "--base", base, "--head", head]);
    assert.deepEqual(
      errors.map((e) => [e.code, e.path, (e as { input?: string }).input]),
      [
        ["INVALID_TYPE", `endpoints[${sts}].subnetIds`, "head"],
        ["INVALID_TYPE", `endpoints[${sts}].azs[0]`, "head"],
      ],
    );
  });

  it("a plan JSON file diffed against itself still reads (the check accepts what plan writes, nulls included)", () => {
    const planned = vpcePlan(["plan", "--file", requestFile("valid2.json", VALID_REQUEST), "--format", "json"]);
    const file = requestFile("same-plan.json", planned.stdout);
    const run = vpcePlan(["diff", "--base", file, "--head", file, "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
  });
});
