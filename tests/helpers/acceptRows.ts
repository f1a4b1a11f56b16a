/**
 * Rows for the "what AWS would reject" families (quotas, groups that fit, IP types, overlaps, policy
 * documents): like rows.ts, but a row can name the path of a warning and check problems' text. Each row is a request and what the
 * planner must say about it. `problems` are the exact [code, path] pairs, in order; `warnings` and
 * `reasons` must be present (other codes may be too); `absent` codes must not appear anywhere.
 */
import assert from "node:assert/strict";
import type { Plan, PlanRequest, Problem } from "vpce-plan/plan";
import { endpoint, plan, problemsOf } from "./build";

export interface Row {
  why: string;
  request: PlanRequest;
  problems?: Array<[code: string, path: string]>;
  warnings?: Array<[code: string, path?: string]>;
  /** [endpoint name, reason code] */
  reasons?: Array<[endpoint: string, code: string]>;
  absent?: string[];
  check?: (p: Plan) => void;
  checkProblems?: (p: Problem[]) => void;
}

const codesOf = (p: Plan): string[] => [...p.warnings.map((w) => w.code), ...p.endpoints.flatMap((e) => e.reasons.map((r) => r.code))];

export function runRows(rows: readonly Row[]): void {
  for (const row of rows) {
    it(row.why, () => {
      if (row.problems) {
        const found = problemsOf(row.request);
        assert.deepEqual(
          found.map((p) => [p.code, p.path]),
          row.problems,
          JSON.stringify(found, null, 1),
        );
        for (const p of found) assert.ok(p.message.length > 10 && p.hint.length > 10, JSON.stringify(p));
        row.checkProblems?.(found);
        return;
      }
      const p = plan(row.request);
      for (const [code, path] of row.warnings ?? [])
        assert.ok(
          p.warnings.some((w) => w.code === code && (path === undefined || w.path === path)),
          `no warning ${code} at ${path}: ${JSON.stringify(p.warnings)}`,
        );
      for (const [name, code] of row.reasons ?? [])
        assert.ok(
          endpoint(p, name).reasons.some((r) => r.code === code),
          `${name} lacks ${code}`,
        );
      for (const code of row.absent ?? []) assert.ok(!codesOf(p).includes(code), `${code} should not appear`);
      row.check?.(p);
    });
  }
}
