/**
 * Table-driven rule-family tests (ts-eslint's ruleTester style): each row is a request and what the
 * family must report for it. Only the family's own codes are compared, so a row breaks only when
 * its family's behaviour changes.
 */
import assert from "node:assert/strict";
import { isPlanRequestError, planEndpoints, type Plan, type PlanFacts, type PlanRequest } from "vpce-plan/plan";

export interface Row {
  why: string;
  request: PlanRequest;
  facts?: PlanFacts;
  /** Every problem of the request, as [code, path]; absent: the request plans. */
  problems?: Array<[string, string]>;
  /** The family's warning codes, sorted. */
  warnings?: string[];
  /** Per endpoint name: the family's reason codes in order. */
  reasons?: Record<string, string[]>;
  /** Anything else the row is about. */
  check?(plan: Plan): void;
}

export function runRows(codes: Readonly<Record<string, string>>, rows: Row[]): void {
  const ours = (code: string): boolean => Object.hasOwn(codes, code);
  for (const row of rows) {
    it(row.why, () => {
      let plan: Plan;
      try {
        plan = planEndpoints(row.request, row.facts);
      } catch (err) {
        if (!isPlanRequestError(err)) throw err;
        assert.ok(row.problems, `unexpected problems: ${err.message}`);
        assert.deepEqual(
          err.problems.map((p) => [p.code, p.path]),
          row.problems,
        );
        return;
      }
      assert.equal(row.problems, undefined, "expected problems, but the request was planned");
      assert.deepEqual(plan.warnings.map((w) => w.code).filter(ours), row.warnings ?? []);
      const reasons = Object.fromEntries(
        plan.endpoints.map((e) => [e.name, e.reasons.map((r) => r.code).filter(ours)]).filter(([, list]) => list.length),
      );
      assert.deepEqual(reasons, row.reasons ?? {});
      row.check?.(plan);
    });
  }
}
