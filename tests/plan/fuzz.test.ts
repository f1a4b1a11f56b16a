/**
 * The fuzzer of issue 17 item 29, kept: valid inputs (requests, networks, catalog overlays, plan
 * JSON given to `diff`) with one value anywhere in them replaced by something hostile (what YAML
 * builds: Map, Set, Date, Buffer, a node containing itself, 3,000 levels of nesting, NaN, a long
 * string; or any JSON). Each must end in a plan or a typed error, within a time and heap bound that
 * only a runaway (a hang, a quadratic report) breaks. Sizes stay small here; bench/ runs the big ones.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { overlayFacts, readOverlay } from "vpce-plan/aws";
import { isPlanRequestError, planEndpoints, planNetwork } from "vpce-plan/plan";
import { validRequest } from "../helpers/arbitraries";
import { REPO_ROOT } from "../helpers/requests";
import { network, spoke } from "../multi/fixtures";

const RUNS = { numRuns: 120 };
/** Per input: far above any plan here (milliseconds), far below a hang. */
const MAX_MS = 3000;
/** Over a whole property: a quadratic report of a few thousand entries would pass it. */
const MAX_HEAP_GROWTH = 512 * 1024 * 1024;

type Json = Record<string, unknown> | unknown[];

function nest(depth: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
  return v;
}

/** Something YAML (or a caller) can hand over that JSON cannot, or any JSON value. */
const hostile: fc.Arbitrary<() => unknown> = fc.oneof(
  fc.constant(() => new Map([["fromVpc", true]])),
  fc.constant(() => new Set(["a"])),
  fc.constant(() => new Date(0)),
  fc.constant(() => Buffer.from("hello")),
  fc.constant(() => {
    const o: Record<string, unknown> = { Statement: [] };
    (o.Statement as unknown[]).push(o);
    return o;
  }),
  fc.constant(() => {
    const a: unknown[] = [];
    a.push(a);
    return a;
  }),
  fc.integer({ min: 60, max: 3000 }).map((d) => () => nest(d)),
  fc.constantFrom(NaN, Infinity, -Infinity).map((n) => () => n),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => () => "0".repeat(n)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => () => v),
);

/** Every place a value can sit in `value` (object fields and list items), as key paths. */
function slots(value: unknown, path: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (typeof value !== "object" || value === null) return out;
  for (const [key, v] of Object.entries(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    out.push(at);
    slots(v, at, out);
  }
  return out;
}

/** `base` (plain JSON) with the value at a chosen slot replaced; `pick` chooses the slot. */
function mutate(base: unknown, pick: number, make: () => unknown): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as Json;
  const all = slots(copy);
  if (!all.length) return make();
  const at = all[pick % all.length];
  let parent = copy as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[at[at.length - 1]] = make();
  return copy;
}

/** Runs `check` for every generated input, each within MAX_MS, the whole within MAX_HEAP_GROWTH. */
function bounded<T>(arb: fc.Arbitrary<T>, check: (input: T) => void): void {
  const before = process.memoryUsage().heapUsed;
  fc.assert(
    fc.property(arb, (input) => {
      const start = performance.now();
      check(input);
      const ms = performance.now() - start;
      assert.ok(ms < MAX_MS, `took ${Math.round(ms)} ms`);
    }),
    RUNS,
  );
  const growth = process.memoryUsage().heapUsed - before;
  assert.ok(growth < MAX_HEAP_GROWTH, `heap grew ${Math.round(growth / 1e6)} MB`);
}

/** A plan (serialisable) or a PlanRequestError whose problems are short lines; anything else fails. */
function planOrTypedError(run: () => unknown): void {
  try {
    assert.ok(JSON.stringify(run()).length > 0);
  } catch (err) {
    assert.ok(isPlanRequestError(err), `not a typed error: ${err instanceof Error ? err.stack : String(err)}`);
    for (const p of err.problems) {
      assert.match(p.code, /^[A-Z][A-Z0-9_]+$/);
      for (const text of [p.message, p.path, p.hint])
        assert.ok(typeof text === "string" && text.length < 1100, `${p.code}: ${String(text).length}`);
    }
  }
}

const NETWORK = network([spoke("a", 1), spoke("b", 2, { services: ["logs", { name: "s3" }] })], { hubServices: ["sts"] });
const OVERLAY = {
  version: 1,
  kind: "vpce-plan/catalog-overlay",
  region: "us-east-1",
  services: [
    {
      serviceName: "com.amazonaws.us-east-1.sts",
      types: ["Interface"],
      azs: ["us-east-1a"],
      privateDnsNames: ["sts.us-east-1.amazonaws.com"],
      policySupported: true,
    },
    { serviceName: "com.amazonaws.us-east-1.s3", types: ["Gateway", "Interface"], azs: ["us-east-1a", "us-east-1b"], privateDnsNames: [] },
  ],
};

describe("fuzz: hostile values anywhere end in a plan or a typed error, in bounded time and memory", () => {
  it("requests", () => {
    bounded(fc.tuple(validRequest, fc.nat(), hostile), ([req, pick, make]) =>
      planOrTypedError(() => planEndpoints(mutate(req, pick, make))),
    );
  });

  it("network requests", () => {
    bounded(fc.tuple(fc.nat(), hostile), ([pick, make]) => planOrTypedError(() => planNetwork(mutate(NETWORK, pick, make))));
  });

  it("catalog overlays: refused with a message, or read into facts", () => {
    bounded(fc.tuple(fc.nat(), hostile), ([pick, make]) => {
      const overlay = readOverlay(mutate(OVERLAY, pick, make));
      if (typeof overlay === "string") assert.ok(overlay.length > 0 && overlay.length < 1100, overlay.slice(0, 200));
      else assert.ok(JSON.stringify(overlayFacts(overlay)));
    });
  });

  it("plan JSON given to diff: exit 0 or 2, never 1 (unexpected error), in every format", async () => {
    const { main } = (await import(join(REPO_ROOT, "sdk", "dist", "cli", "main.js"))) as {
      main: (argv: string[], io: { out: (t: string) => void; err: (t: string) => void }) => Promise<number>;
    };
    const dir = mkdtempSync(join(tmpdir(), "vpce-plan-fuzz-"));
    const base = join(dir, "base.json");
    const plans = [planEndpoints(fc.sample(validRequest, { numRuns: 1, seed: 7 })[0]), planNetwork(NETWORK)];
    const before = process.memoryUsage().heapUsed;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), hostile, fc.constantFrom("table", "markdown", "json"), async (which, pick, make, format) => {
        const plan = plans[which % plans.length];
        writeFileSync(base, JSON.stringify(plan));
        const head = join(dir, "head.json");
        // Through a file, as a user gives it: what JSON cannot hold becomes what it turns into.
        const mutated = mutate(plan, pick, make);
        let text: string;
        try {
          text = JSON.stringify(mutated) ?? "null";
        } catch {
          return; // a cycle cannot be written to a plan file
        }
        writeFileSync(head, text);
        let output = "";
        const io = { out: (t: string) => void (output += t), err: (t: string) => void (output += t) };
        const start = performance.now();
        const code = await main(["diff", "--base", base, "--head", head, "--format", format], io);
        assert.ok(performance.now() - start < MAX_MS);
        assert.ok(code === 0 || code === 2, `exit ${code}: ${output.slice(0, 2000)}`);
        assert.doesNotMatch(output, /unexpected error/);
      }),
      RUNS,
    );
    assert.ok(process.memoryUsage().heapUsed - before < MAX_HEAP_GROWTH);
  });
});
