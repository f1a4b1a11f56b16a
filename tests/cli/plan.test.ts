/** `vpce-plan plan` through the built binary: formats, exit codes and messages. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { planEndpoints } from "vpce-plan/plan";
import { requestFile, vpcePlan, vpcePlanModules } from "../helpers/cli";
import { REQUESTS_DIR, loadExampleRequest } from "../helpers/requests";

const EXAMPLE = join(REQUESTS_DIR, "example.yaml");
const VALID = {
  region: "us-east-1",
  vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
  subnets: [
    { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
    { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
  ],
  services: ["s3", "sts"],
};

describe("cli: vpce-plan plan", () => {
  const expected = planEndpoints(loadExampleRequest("example.yaml"));

  it("--format json prints the plan contract (version 1), the same as planEndpoints", () => {
    const run = vpcePlan(["plan", "--file", EXAMPLE, "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    const plan = JSON.parse(run.stdout);
    assert.equal(plan.version, 1);
    assert.deepEqual(plan, JSON.parse(JSON.stringify(expected)));
  });

  it("table (default) has one row per endpoint, then warnings and totals", () => {
    const run = vpcePlan(["plan", "-f", EXAMPLE]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split("\n");
    const header = lines.findIndex((l) => l.startsWith("SERVICE"));
    assert.ok(header > 0, run.stdout);
    assert.match(lines[header + 1], /^-+ /);
    const rows = lines.slice(header + 2, lines.indexOf("", header));
    assert.equal(rows.length, expected.endpoints.length);
    rows.forEach((row, i) => {
      const e = expected.endpoints[i];
      assert.ok(row.startsWith(`${e.service} `), row);
      assert.ok(row.includes(e.type), row);
      assert.ok(row.includes(e.reasons[0].message), row);
    });
    for (const w of expected.warnings) assert.ok(run.stdout.includes(`[${w.code}]`), w.code);
    assert.match(run.stdout, new RegExp(`Monthly: \\$${expected.cost.monthlyTotalUsd.toFixed(2)}`));
  });

  it("markdown has a table row per endpoint and every reason in a collapsed section", () => {
    const run = vpcePlan(["plan", "--file", EXAMPLE, "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    const rows = run.stdout.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Service") && !l.startsWith("| ---"));
    assert.equal(rows.length, expected.endpoints.length);
    assert.match(run.stdout, /<details><summary>Every decision<\/summary>/);
    for (const e of expected.endpoints) for (const r of e.reasons) assert.ok(run.stdout.includes(`\`${r.code}\``), r.code);
  });

  it("markdown headers keep acronyms upper-case", () => {
    const run = vpcePlan(["plan", "--file", EXAMPLE, "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\| Service \| Type \| Where \| Private DNS \| Monthly \| Why \|$/m);
  });

  it("every bundled example plans with exit 0 in every format", () => {
    for (const file of ["gateway-only.yaml", "on-prem-s3.yaml", "single-az-dev.yaml"]) {
      for (const format of ["table", "json", "markdown"]) {
        const run = vpcePlan(["plan", "--file", join(REQUESTS_DIR, file), "--format", format]);
        assert.equal(run.status, 0, `${file} ${format}: ${run.stderr}`);
      }
    }
  });

  it("says 'more' when the endpoints cost more than NAT for the same traffic, in table and markdown", () => {
    const plan = planEndpoints(loadExampleRequest("ecs-fargate.yaml"));
    const extra = -plan.cost.nat!.savingsUsd;
    assert.ok(extra > 0, "ecs-fargate.yaml should cost more than NAT for its traffic");
    for (const format of ["table", "markdown"]) {
      const run = vpcePlan(["plan", "--file", join(REQUESTS_DIR, "ecs-fargate.yaml"), "--format", format]);
      assert.equal(run.status, 0, run.stderr);
      assert.ok(run.stdout.includes(`) costs $${extra.toFixed(2)} more a month`), run.stdout);
    }
  });

  it("reads JSON request files, and YAML written in flow style", () => {
    assert.equal(vpcePlan(["plan", "--file", requestFile("valid.json", VALID)]).status, 0);
    const flow = requestFile(
      "flow.yaml",
      "{region: us-east-1, vpc: {id: vpc-0abc, cidrs: [10.0.0.0/16]}, subnets: [{id: subnet-a, az: us-east-1a, routeTableId: rtb-a}], services: [s3]}\n",
    );
    const run = vpcePlan(["plan", "--file", flow]);
    assert.equal(run.status, 0, run.stderr);
  });

  it("an invalid request exits 2 with every problem on stderr", () => {
    const file = requestFile("typo.json", { ...VALID, servcies: ["kms"], region: "us-esat-1" });
    const run = vpcePlan(["plan", "--file", file]);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /2 problems/);
    assert.match(run.stderr, /servcies: is not a known field\. Fix: Did you mean services\? \[UNKNOWN_FIELD\]/);
    assert.match(run.stderr, /\[UNKNOWN_REGION\]/);
  });

  it("with --format json an invalid request prints {version: 1, errors} on stdout", () => {
    const file = requestFile("typo2.json", { ...VALID, servcies: ["kms"] });
    const run = vpcePlan(["plan", "--file", file, "--format", "json"]);
    assert.equal(run.status, 2);
    const out = JSON.parse(run.stdout);
    assert.equal(out.version, 1);
    assert.deepEqual(out.errors, [
      { code: "UNKNOWN_FIELD", path: "servcies", message: "is not a known field.", hint: "Did you mean services?" },
    ]);
  });

  it("invalid YAML or JSON exits 2 and names the file", () => {
    for (const [name, text] of [
      ["broken.yaml", "region: [us-east-1\n"],
      ["broken.json", '{"region": '],
      ["dupe.yaml", "region: us-east-1\nregion: eu-west-1\n"],
    ]) {
      const run = vpcePlan(["plan", "--file", requestFile(name, text)]);
      assert.equal(run.status, 2, name);
      assert.ok(run.stderr.includes(name), run.stderr);
    }
  });

  it("a missing file exits 1 with a clear message", () => {
    const run = vpcePlan(["plan", "--file", "no/such/request.yaml"]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /request file not found: no\/such\/request\.yaml/);
  });

  it("flags: unknown flag, bad --format and no --file exit 2 and say what is allowed", () => {
    const unknown = vpcePlan(["plan", "--file", EXAMPLE, "--bogus"]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--bogus/);
    assert.match(unknown.stderr, /--format/);
    const format = vpcePlan(["plan", "--file", EXAMPLE, "--format", "xml"]);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /--format must be one of table, json, markdown \(got xml\)/);
    const noFile = vpcePlan(["plan"]);
    assert.equal(noFile.status, 2);
    assert.match(noFile.stderr, /--file/);
  });

  it("never loads @pulumi/* or the AWS SDK", () => {
    const run = vpcePlanModules(["plan", "--file", EXAMPLE, "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    // The log must show the planner itself, or the hook did not work and the test proves nothing.
    assert.ok(
      run.modules.some((m) => /[\\/]dist[\\/]plan[\\/]planner\.js$/.test(m)),
      "planner not in the module log",
    );
    assert.deepEqual(
      run.modules.filter((m) => /[\\/]@pulumi[\\/]|[\\/]@aws-sdk[\\/]|[\\/]aws-sdk[\\/]/.test(m)),
      [],
    );
  });
});
