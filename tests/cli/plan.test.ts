/** `vpce-plan plan` through the built binary: formats, exit codes and messages. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { planEndpoints } from "vpce-plan/plan";
import { VALID_REQUEST as VALID, requestFile, vpcePlan, vpcePlanModules } from "../helpers/cli";
import { markdownText } from "../helpers/markdown";
import { REQUESTS_DIR, loadExampleRequest } from "../helpers/requests";

const EXAMPLE = join(REQUESTS_DIR, "example.yaml");

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
      const text = format === "markdown" ? markdownText(run.stdout) : run.stdout;
      assert.ok(text.includes(`) costs $${extra.toFixed(2)} more a month`), text);
    }
  });

  it("the NAT line says which endpoints it compares and what the rest costs, in table and markdown", () => {
    const file = requestFile("nat-scope.json", { ...VALID, services: ["s3", "sts", "kms", "logs"], traffic: { sts: 4000 } });
    const nat = planEndpoints(JSON.parse(JSON.stringify({ ...VALID, services: ["s3", "sts", "kms", "logs"], traffic: { sts: 4000 } }))).cost
      .nat!;
    for (const format of ["table", "markdown"]) {
      const run = vpcePlan(["plan", "--file", file, "--format", format]);
      assert.equal(run.status, 0, run.stderr);
      const text = format === "markdown" ? markdownText(run.stdout) : run.stdout;
      const line = text.split("\n").find((l) => l.includes("Against NAT"))!;
      assert.ok(line.includes(`the part of the plan with traffic given (sts; $${nat.endpointsMonthlyUsd.toFixed(2)})`), line);
      assert.ok(
        line.includes(`Not compared`) && line.includes(`kms, logs, s3-gateway, $${nat.notComparedMonthlyUsd.toFixed(2)} a month on top`),
        line,
      );
    }
  });

  it("the headline's count agrees with its noun: 1 endpoint, 2 endpoints", () => {
    const one = vpcePlan(["plan", "--file", requestFile("one-endpoint.json", { ...VALID, services: ["s3"] })]);
    assert.match(one.stdout, /^Plan for vpc-0abc in us-east-1: 1 endpoint \(1 gateway, 0 interface\)$/m);
    const two = vpcePlan(["plan", "--file", requestFile("two-endpoints.json", VALID)]);
    assert.match(two.stdout, /: 2 endpoints \(1 gateway, 1 interface\)$/m);
  });

  it("the table marks AZs that were assumed, not looked up (AZS_ASSUMED)", () => {
    const assumed = vpcePlan(["plan", "--file", requestFile("assumed.json", VALID)]);
    assert.match(assumed.stdout, /^sts .* 2 AZ \(assumed\): us-east-1a, us-east-1b/m);
    const known = requestFile("known.json", { ...VALID, facts: { serviceAzs: { sts: ["us-east-1a", "us-east-1b"] } } });
    const looked = vpcePlan(["plan", "--file", known]);
    assert.match(looked.stdout, /^sts .* 2 AZ: us-east-1a, us-east-1b/m);
  });

  it("the largest numbers a request may hold still print finite money in every format", () => {
    const huge = {
      ...VALID,
      traffic: { s3: 100_000_000, sts: 100_000_000 },
      prices: { interfaceHourUsd: 100, interfacePerGbUsd: 100, natPerGbUsd: 100 },
    };
    const file = requestFile("huge.json", huge);
    for (const format of ["table", "markdown", "json"]) {
      const run = vpcePlan(["plan", "--file", file, "--format", format]);
      assert.equal(run.status, 0, run.stderr);
      assert.doesNotMatch(run.stdout, /Infinity|NaN|null,\s*"savings|"monthlyUsd": null/, format);
    }
    const json = JSON.parse(vpcePlan(["plan", "--file", file, "--format", "json"]).stdout);
    const money: number[] = [];
    JSON.stringify(json, (k, v) => (/Usd$/.test(k) && typeof v !== "object" ? (money.push(v), v) : v));
    assert.ok(money.length > 10 && money.every((v) => typeof v === "number" && Number.isFinite(v)), String(money));
    const over = vpcePlan(["plan", "--file", requestFile("over.json", { ...VALID, traffic: { sts: 1e308 } })]);
    assert.equal(over.status, 2);
    assert.match(over.stderr, /traffic\.sts: must be between 0 and 100000000, got 1e\+308/);
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
