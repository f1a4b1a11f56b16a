/**
 * What the CLI does with input that is not a well-formed request: every file that cannot be read as
 * one is exit 2 with one line (the file, what is wrong, the fix), and with `--format json` every
 * exit-2 path prints `{"version": 1, "errors": [...]}` on stdout.
 */
import assert from "node:assert/strict";
import { planEndpoints } from "vpce-plan/plan";
import { VALID_REQUEST as VALID, requestFile, vpcePlan } from "../helpers/cli";

const VALID_YAML = `region: us-east-1
vpc: { id: vpc-0abc, cidrs: [10.0.0.0/16], dnsSupport: true, dnsHostnames: true }
subnets:
  - { id: subnet-a, az: us-east-1a, routeTableId: rtb-a }
  - { id: subnet-b, az: us-east-1b, routeTableId: rtb-b }
services: [s3, sts]
`;

/** Nine levels of aliases, each ten times the last ("billion laughs"). */
function aliasBomb(): string {
  const lines = ['a0: &a0 ["x"]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
  return `region: us-east-1\nvpc: { id: vpc-0abc }\n${lines.join("\n")}\n`;
}

interface Row {
  why: string;
  file: () => string;
  code: string;
  message: RegExp;
  path?: string;
}

const rows: Row[] = [
  { why: "a YAML alias bomb", file: () => requestFile("bomb.yaml", aliasBomb()), code: "YAML_ALIAS_LIMIT", message: /aliases/ },
  {
    why: "UTF-16 with a byte-order mark",
    file: () => requestFile("utf16.yaml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID_YAML, "utf16le")])),
    code: "FILE_ENCODING",
    message: /UTF-16/,
  },
  {
    why: "UTF-16 without a byte-order mark",
    file: () => requestFile("utf16-nobom.yaml", Buffer.from(VALID_YAML, "utf16le")),
    code: "FILE_ENCODING",
    message: /UTF-16/,
  },
  {
    why: "a binary file",
    file: () => requestFile("image.yaml", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])),
    code: "FILE_ENCODING",
    message: /binary/,
  },
  {
    why: "a binary file full of NULs (not mistaken for UTF-16)",
    file: () => requestFile("zeros.bin", Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(200), Buffer.from([1, 2, 3])])),
    code: "FILE_ENCODING",
    message: /binary/,
  },
  {
    why: "Latin-1 text",
    file: () => requestFile("latin1.yaml", Buffer.from(VALID_YAML.replace("vpc-0abc", "vpc-0abc # café"), "latin1")),
    code: "FILE_ENCODING",
    message: /not UTF-8 text \(byte 0xe9 at offset \d+\)/,
  },
  {
    why: "a JSON request with two access blocks",
    file: () =>
      requestFile(
        "dup.json",
        `{"region":"us-east-1","vpc":{"id":"vpc-0abc"},"access":{"onPremises":{"cidrs":["192.168.0.0/16"]}},"services":["sts"],"access":{"fromVpc":true}}`,
      ),
    code: "DUPLICATE_KEY",
    message: /the key access twice/,
    path: "access",
  },
  {
    why: "a duplicate key inside a list item",
    file: () =>
      requestFile(
        "dup-nested.json",
        `{"region":"us-east-1","subnets":[{"id":"subnet-a"},{"id":"subnet-b","az":"us-east-1a","az":"us-east-1b"}]}`,
      ),
    code: "DUPLICATE_KEY",
    message: /subnets\[1\]\.az/,
    path: "subnets[1].az",
  },
  { why: "invalid JSON", file: () => requestFile("broken.json", "{ region: "), code: "INVALID_JSON", message: /not valid JSON/ },
  { why: "invalid YAML", file: () => requestFile("broken.yaml", "region: [us-east-1\n"), code: "INVALID_YAML", message: /not valid YAML/ },
  {
    why: "a YAML alias inside its own anchor (a cyclic document)",
    file: () => requestFile("cycle.yaml", `${VALID_YAML}defaults:\n  policy: &p { document: { Statement: [*p] } }\n`),
    code: "INVALID_YAML",
    message: /contains itself \(a YAML alias inside its own anchor\)/,
  },
  {
    why: "a YAML merge key whose value is a list of scalars",
    file: () => requestFile("merge-list.yaml", `${VALID_YAML}l: &l [1]\naccess:\n  <<: *l\n`),
    code: "INVALID_YAML",
    message: /Merge sources must be maps/,
  },
  {
    why: "a YAML merge key whose value is a number",
    file: () => requestFile("merge-number.yaml", `${VALID_YAML}access:\n  <<: 5\n`),
    code: "INVALID_YAML",
    message: /Merge sources must be maps/,
  },
  {
    why: "a duplicate YAML key",
    file: () => requestFile("dup.yaml", `${VALID_YAML}region: us-west-2\n`),
    code: "DUPLICATE_KEY",
    message: /not valid YAML/,
  },
];

describe("cli: request files that cannot be read", () => {
  for (const row of rows) {
    it(`${row.why}: exit 2, one line naming the file and the fix [${row.code}]`, () => {
      const file = row.file();
      const run = vpcePlan(["plan", "--file", file]);
      assert.equal(run.status, 2, run.stderr);
      const lines = run.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, run.stderr);
      assert.ok(lines[0].includes(file), lines[0]);
      assert.match(lines[0], row.message);
      assert.match(lines[0], new RegExp(`Fix: .+\\[${row.code}\\]$`));
      assert.doesNotMatch(run.stderr, /unexpected error|at .+\.js:\d+/);
      assert.doesNotMatch(run.stderr, /\uFFFD/, "no garbage echoed back");

      const json = vpcePlan(["plan", "--file", file, "--format", "json"]);
      assert.equal(json.status, 2);
      const out = JSON.parse(json.stdout);
      assert.equal(out.version, 1);
      assert.equal(out.errors.length, 1);
      assert.equal(out.errors[0].code, row.code);
      assert.equal(out.errors[0].path, row.path ?? "");
      assert.ok(out.errors[0].hint, "every problem has a hint");
    });
  }

  it("YAML merge keys work: the merged request plans like the one written out", () => {
    const merged = requestFile(
      "merge.yaml",
      `region: us-east-1
vpc: { id: vpc-0abc, cidrs: [10.0.0.0/16], dnsSupport: true, dnsHostnames: true }
subnets:
  - &first { id: subnet-a, az: us-east-1a, routeTableId: rtb-a }
  - { <<: *first, id: subnet-b, az: us-east-1b }
services: [s3, sts]
`,
    );
    const run = vpcePlan(["plan", "--file", merged, "--format", "json"]);
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const expected = planEndpoints({
      ...VALID,
      subnets: [
        { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
        { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-a" },
      ],
    });
    assert.deepEqual(JSON.parse(run.stdout), JSON.parse(JSON.stringify(expected)));
  });

  it("--file - reads the request from standard input (YAML or JSON)", () => {
    const expected = JSON.parse(JSON.stringify(planEndpoints(VALID)));
    for (const input of [VALID_YAML, JSON.stringify(VALID)]) {
      const run = vpcePlan(["plan", "--file", "-", "--format", "json"], { input });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), expected);
    }
    const bad = vpcePlan(["plan", "-f", "-"], { input: '{"region": "us-east-1", "region": "x"}' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /standard input has the key region twice/);
  });

  it("with --format json every exit-2 path prints {version: 1, errors} on stdout", () => {
    const valid = requestFile("valid.json", VALID);
    const hub = requestFile("hub.json", { region: "us-east-1", hub: {}, spokes: [] });
    const cases: Array<[string, string[]]> = [
      ["an unknown flag", ["plan", "--file", valid, "--format", "json", "--nope"]],
      ["no --file", ["plan", "--format", "json"]],
      ["an invalid request", ["plan", "--file", requestFile("invalid.json", { ...VALID, services: ["nope"] }), "--format", "json"]],
      [
        "preview of an invalid request",
        ["preview", "--file", requestFile("invalid2.json", { ...VALID, services: ["nope"] }), "--format", "json"],
      ],
      ["preview of a hub-and-spoke request", ["preview", "--file", hub, "--format", "json"]],
      ["preview with a bad --name", ["preview", "--file", valid, "--name", "a::b", "--format", "json"]],
      ["catalog with an unknown region", ["catalog", "--region", "mars-1", "--format", "json"]],
    ];
    for (const [why, args] of cases) {
      const run = vpcePlan(args);
      assert.equal(run.status, 2, `${why}: ${run.stderr}`);
      const out = JSON.parse(run.stdout);
      assert.equal(out.version, 1, why);
      assert.ok(out.errors.length >= 1, why);
      for (const e of out.errors)
        for (const field of ["code", "path", "message", "hint"]) assert.equal(typeof e[field], "string", `${why}: ${field}`);
    }
  });
});
