/**
 * The shipped JSON Schemas (sdk/schema/, `vpce-plan/schema/*`): generated from the planner's
 * Shapes, valid draft 2020-12 for a standard validator (ajv), named by every example request, and
 * rejecting what the planner rejects for its structure (unknown keys, wrong types, bad enum values).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import fc from "fast-check";
import { parse } from "yaml";
import { isPlanRequestError, planEndpoints, planNetwork, SCHEMA_FILES, type Problem } from "vpce-plan/plan";
import { request } from "../helpers/build";
import { arbitraryInput, malformedRequest, validRequest } from "../helpers/arbitraries";
import { exampleRequestFiles, REPO_ROOT, REQUESTS_DIR } from "../helpers/requests";
import { network, spoke } from "../multi/fixtures";

const SCHEMA_DIR = join(REPO_ROOT, "sdk", "schema");
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = new Map<string, ValidateFunction>(
  Object.keys(SCHEMA_FILES).map((file) => [file, ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8")))]),
);
const validator = (file: string): ValidateFunction => validators.get(file)!;
const single = validator("request.schema.json");
const multi = validator("network-request.schema.json");

/** The planner's problems for a request file's content (a network request when it has a hub or spokes). */
function plannerProblems(input: unknown, isNetwork: boolean): Problem[] {
  try {
    if (isNetwork) planNetwork(input);
    else planEndpoints(input);
    return [];
  } catch (err) {
    if (!isPlanRequestError(err)) throw err;
    return err.problems;
  }
}

/** ajv's errors as planner paths: `/subnets/0/ipv6` is `subnets[0].ipv6`; an extra or a missing key is named in the path. */
function schemaPaths(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const parts = e.instancePath.split("/").slice(1);
    if (e.keyword === "additionalProperties") parts.push(String(e.params.additionalProperty));
    if (e.keyword === "required") parts.push(String(e.params.missingProperty));
    return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
  });
}

/** Codes only the structural check (shape.ts) reports: the ones the schema must agree on. */
const STRUCTURAL = new Set(["UNKNOWN_FIELD", "INVALID_TYPE", "MISSING_FIELD", "INVALID_FORMAT"]);

const json = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

describe("JSON Schema: generated from the planner's Shapes", () => {
  for (const [file, build] of Object.entries(SCHEMA_FILES)) {
    it(`sdk/schema/${file} is what the generator writes (run \`make schema\` after changing plan/schema.ts)`, () => {
      assert.deepEqual(JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8")), build());
    });
  }

  it("is draft 2020-12, and the package exports it as vpce-plan/schema/*", () => {
    for (const file of Object.keys(SCHEMA_FILES)) {
      assert.equal(
        validator(file).schema && (validator(file).schema as { $schema: string }).$schema,
        "https://json-schema.org/draft/2020-12/schema",
      );
      assert.equal(require.resolve(`vpce-plan/schema/${file}`), join(SCHEMA_DIR, file));
    }
  });
});

describe("JSON Schema: every example and test request validates", () => {
  for (const file of exampleRequestFiles()) {
    it(`examples/requests/${file} names its schema and validates against it`, () => {
      const text = readFileSync(join(REQUESTS_DIR, file), "utf8");
      const named = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text.split("\n")[0]);
      assert.ok(named, `${file}: the first line must be "# yaml-language-server: $schema=<path>"`);
      const target = resolve(dirname(join(REQUESTS_DIR, file)), named[1]);
      assert.equal(dirname(target), SCHEMA_DIR, `${file} names ${named[1]}, not a file of sdk/schema/`);
      const content = parse(text);
      const expected = "hub" in content || "spokes" in content ? "network-request.schema.json" : "request.schema.json";
      assert.equal(target, join(SCHEMA_DIR, expected), `${file} is a ${expected.replace(".schema.json", "")}`);
      const validate = validator(expected);
      assert.ok(validate(content), `${file}: ${ajv.errorsText(validate.errors)}`);
    });
  }

  it("the tests' baseline requests (tests/helpers/build.ts, tests/multi/fixtures.ts) validate", () => {
    assert.ok(single(request()), ajv.errorsText(single.errors));
    const net = network([spoke("a", 1), spoke("b", 2, { region: "us-west-2", accountId: "111122223333", centralize: "never" })]);
    assert.ok(multi(json(net)), ajv.errorsText(multi.errors));
  });

  it("every generated valid request (tests/helpers/arbitraries.ts) validates", () => {
    fc.assert(
      fc.property(validRequest, (req) => single(json(req)) || assert.fail(ajv.errorsText(single.errors))),
      { numRuns: 200 },
    );
  });
});

interface Row {
  why: string;
  input: unknown;
  code: string;
  path: string;
}

const base = (): Record<string, unknown> => json(request()) as Record<string, unknown>;
const withService = (service: Record<string, unknown>) => ({ ...base(), services: [{ name: "sts", ...service }] });
const net = (): Record<string, unknown> => json(network([spoke("a", 1)])) as Record<string, unknown>;
const hub = (): Record<string, unknown> => net().hub as Record<string, unknown>;

const SINGLE_ROWS: Row[] = [
  { why: "a misspelt root key", input: { ...base(), regoin: "us-east-1" }, code: "UNKNOWN_FIELD", path: "regoin" },
  {
    why: "a misspelt VPC key",
    input: { ...base(), vpc: { id: "vpc-0abc", dnsSuport: true } },
    code: "UNKNOWN_FIELD",
    path: "vpc.dnsSuport",
  },
  { why: "an unknown service option", input: withService({ privateDNS: true }), code: "UNKNOWN_FIELD", path: "services[0].privateDNS" },
  {
    why: "a list written as a string",
    input: { ...base(), vpc: { id: "vpc-0abc", cidrs: "10.0.0.0/16" } },
    code: "INVALID_TYPE",
    path: "vpc.cidrs",
  },
  { why: "a number written as a string", input: { ...base(), ha: { minAzs: "2" } }, code: "INVALID_TYPE", path: "ha.minAzs" },
  {
    why: "a boolean written as a word",
    input: { ...base(), subnets: [{ id: "subnet-a", ipv6: "yes" }] },
    code: "INVALID_TYPE",
    path: "subnets[0].ipv6",
  },
  { why: "traffic as a list", input: { ...base(), traffic: [100] }, code: "INVALID_TYPE", path: "traffic" },
  {
    why: "a misspelt security group mode",
    input: { ...base(), securityGroup: { mode: "per-endpoint" } },
    code: "INVALID_VALUE",
    path: "securityGroup.mode",
  },
  { why: "an endpoint type in lower case", input: withService({ type: "gateway" }), code: "INVALID_VALUE", path: "services[0].type" },
  {
    why: "an unknown policy template",
    input: withService({ policy: { template: "org-only" } }),
    code: "INVALID_VALUE",
    path: "services[0].policy.template",
  },
  { why: "a fractional count", input: { ...base(), ha: { minAzs: 1.5 } }, code: "INVALID_VALUE", path: "ha.minAzs" },
  { why: "a VPC ID of the wrong form", input: { ...base(), vpc: { id: "vpc_0abc" } }, code: "INVALID_FORMAT", path: "vpc.id" },
  { why: "a subnet without an ID", input: { ...base(), subnets: [{ az: "us-east-1a" }] }, code: "MISSING_FIELD", path: "subnets[0].id" },
];

const NETWORK_ROWS: Row[] = [
  { why: "a misspelt root key", input: { ...net(), dnsShare: "zones" }, code: "UNKNOWN_FIELD", path: "dnsShare" },
  {
    why: "a single-VPC field on the hub",
    input: { ...net(), hub: { ...hub(), ha: { minAzs: 2 } } },
    code: "UNKNOWN_FIELD",
    path: "hub.ha",
  },
  {
    why: "a misspelt spoke key",
    input: { ...net(), spokes: [{ ...spoke("a", 1), centralise: "never" }] },
    code: "UNKNOWN_FIELD",
    path: "spokes[0].centralise",
  },
  { why: "spokes as a map", input: { ...net(), spokes: { a: spoke("a", 1) } }, code: "INVALID_TYPE", path: "spokes" },
  {
    why: "a spoke's CIDRs as a string",
    input: { ...net(), spokes: [{ ...spoke("a", 1), vpc: { id: "vpc-a", cidrs: "10.1.0.0/16" } }] },
    code: "INVALID_TYPE",
    path: "spokes[0].vpc.cidrs",
  },
  { why: "an unknown transit type", input: { ...net(), transit: { type: "tgw" } }, code: "INVALID_VALUE", path: "transit.type" },
  { why: "an unknown DNS sharing", input: { ...net(), dnsSharing: "zone" }, code: "INVALID_VALUE", path: "dnsSharing" },
  {
    why: "an unknown centralize mode",
    input: { ...net(), spokes: [{ ...spoke("a", 1), centralize: "always" }] },
    code: "INVALID_VALUE",
    path: "spokes[0].centralize",
  },
  { why: "a transit without a type", input: { ...net(), transit: {} }, code: "MISSING_FIELD", path: "transit.type" },
];

type Json = Record<string, unknown> | unknown[];

/** Every place a value sits in `value`: its container and its key. */
function slots(value: unknown, found: Array<[Json, string | number]> = []): Array<[Json, string | number]> {
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : typeof value === "object" && value !== null
      ? Object.entries(value)
      : [];
  for (const [key, item] of entries) {
    found.push([value as Json, key]);
    slots(item, found);
  }
  return found;
}

/** The network fixture with one of its values replaced by any JSON value, or a key added beside it. */
const mutatedNetwork: fc.Arbitrary<unknown> = fc.tuple(fc.nat(), fc.jsonValue(), fc.boolean()).map(([pick, value, add]) => {
  const out = net();
  const all = slots(out);
  const [container, key] = all[pick % all.length];
  if (add && !Array.isArray(container)) container[`${key}s`] = value;
  else (container as Record<string | number, unknown>)[key] = value;
  return out;
});

describe("JSON Schema and planner reject the same malformed requests", () => {
  const table = (rows: Row[], validate: ValidateFunction, isNetwork: boolean) => {
    for (const row of rows) {
      it(`${row.why}: ${row.code} at ${row.path}`, () => {
        const input = json(row.input);
        const problems = plannerProblems(input, isNetwork);
        assert.ok(
          problems.some((p) => p.code === row.code && p.path === row.path),
          `planner: expected ${row.code} at ${row.path}, got ${JSON.stringify(problems)}`,
        );
        assert.equal(validate(input), false, "the schema accepted it");
        assert.ok(schemaPaths(validate.errors).includes(row.path), `schema errors: ${ajv.errorsText(validate.errors)}`);
      });
    }
  };
  describe("request", () => table(SINGLE_ROWS, single, false));
  describe("network request", () => table(NETWORK_ROWS, multi, true));

  it("on any JSON input: the schema's rejection is the planner's, and a structural problem is the schema's", () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryInput, malformedRequest, mutatedNetwork), (raw) => {
        const input = json(raw);
        const isNetwork = typeof input === "object" && input !== null && ("hub" in input || "spokes" in input);
        const validate = isNetwork ? multi : single;
        const problems = plannerProblems(input, isNetwork);
        const valid = validate(input);
        if (!valid) assert.ok(problems.length > 0, `the schema rejects (${ajv.errorsText(validate.errors)}); the planner planned`);
        const structural = problems.filter((p) => STRUCTURAL.has(p.code));
        if (valid) assert.deepEqual(structural, [], "the schema accepts what the planner's structure check rejects");
      }),
      { numRuns: 500 },
    );
  });
});
