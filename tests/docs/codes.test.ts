/**
 * docs/codes.md lists exactly the codes the source has: its index is generated from the rule
 * modules' CODES, the audit's RULES and the codes reported directly, and its sentences name no code
 * the source lacks.
 */
import assert from "node:assert/strict";
import { codeIndex, literalCodes, pageIndex, sourceCodes, withoutIndex } from "./codes";
import { readPage } from "./markdown";

describe("docs: codes", () => {
  it("reads each literal code's kind from the call or object that reports it, and skips uses", () => {
    const text = [
      'problems.add("A_PROBLEM", path, "message", "hint");',
      'out.push(reason("A_REASON", `${key} x`));',
      "this.warn(",
      '  "A_WARNING",',
      "  message,",
      ");",
      'const p = { code: "OBJECT_PROBLEM", path: `--${flag}`, message, hint: "h" };',
      'const w = { code: "OBJECT_WARNING", message: `${x} y`, path: "p" };',
      'const r = { code: "OBJECT_REASON", message: "m" };',
      'if (r.code === "ONLY_A_USE") return;',
    ].join("\n");
    assert.deepEqual(literalCodes("x.ts", text), [
      { code: "A_PROBLEM", kind: "problem" },
      { code: "A_REASON", kind: "reason" },
      { code: "A_WARNING", kind: "warning" },
      { code: "OBJECT_PROBLEM", kind: "problem" },
      { code: "OBJECT_WARNING", kind: "warning" },
      { code: "OBJECT_REASON", kind: "reason" },
    ]);
    assert.throws(() => literalCodes("x.ts", 'const LIST = ["STRAY_CODE"];'), /x\.ts: cannot tell what kind of code STRAY_CODE is/);
  });

  it("finds the codes of every family: rule modules, planners, components, CLI and audit", () => {
    const byCode = new Map(sourceCodes().map((e) => [e.code, e]));
    for (const [code, kind, source] of [
      ["QUOTA_EXCEEDED", "problem", "plan/rules/quotas.ts"],
      ["GATEWAY_FREE", "reason", "plan/planner.ts"],
      ["HUB_CHEAPER", "reason", "plan/multi/decide.ts"],
      ["TRAFFIC_UNKNOWN", "warning", "plan/multi/planner.ts"],
      ["CONTRACT_VERSION", "problem", "components/contract.ts"],
      ["INVALID_FLAG", "problem", "cli/args.ts"],
      ["SG_OPEN_INGRESS", "finding", "audit/rules.ts"],
    ] as const) {
      const entry = byCode.get(code);
      assert.ok(entry, code);
      assert.ok(entry.kinds.has(kind) && entry.sources.has(source), `${code}: ${[...entry.kinds]} in ${[...entry.sources]}`);
    }
    assert.ok(!byCode.has("EAI_AGAIN"), "Node's network errors are not vpce-plan codes");
  });

  it("the index in docs/codes.md is the one the source gives (node tests/dist/docs/codes.js --write)", () => {
    const index = pageIndex();
    assert.ok(index !== undefined, "docs/codes.md has the <!-- codes:start --> ... <!-- codes:end --> block");
    assert.equal(index, codeIndex());
  });

  it("the page's sentences name only codes the source has", () => {
    const known = new Set(sourceCodes().map((e) => e.code));
    const named = [...withoutIndex(readPage("docs/codes.md")).matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map((m) => m[1]);
    assert.ok(named.length > 100, `parsed ${named.length} codes`);
    assert.deepEqual([...new Set(named.filter((c) => !known.has(c)))], []);
  });
});
