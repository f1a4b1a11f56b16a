import assert from "node:assert/strict";
import fc from "fast-check";
import { assignmentCost, exhaustiveAssignment, optimalAssignment, type ServiceChoice } from "vpce-plan/plan";

const cost = fc.option(
  fc.integer({ min: 0, max: 5000 }).map((c) => c / 100),
  { nil: null, freq: 4 },
);
const choice: fc.Arbitrary<ServiceChoice> = fc.record({
  hubFixed: fc.integer({ min: 0, max: 5000 }).map((c) => c / 100),
  hubNeeded: fc.boolean(),
  spokes: fc.array(fc.record({ local: cost, hub: cost }), { minLength: 0, maxLength: 9 }),
});
const feasible = choice.filter((c) => c.spokes.every((s) => s.local !== null || s.hub !== null));

describe("centralisation optimum", () => {
  it("costs exactly what the exhaustive search over every assignment finds", () => {
    fc.assert(
      fc.property(feasible, (c) => {
        const fast = optimalAssignment(c)!;
        const brute = exhaustiveAssignment(c)!;
        assert.ok(Math.abs(fast.monthlyUsd - brute.monthlyUsd) < 1e-9, `${fast.monthlyUsd} vs ${brute.monthlyUsd}`);
        assert.ok(Math.abs(assignmentCost(c, fast.fromHub) - fast.monthlyUsd) < 1e-9);
      }),
      { numRuns: 2000 },
    );
  });

  it("never uses an option a constraint removed", () => {
    fc.assert(
      fc.property(feasible, (c) => {
        const { fromHub } = optimalAssignment(c)!;
        c.spokes.forEach((s, i) => assert.notEqual(fromHub[i] ? s.hub : s.local, null));
      }),
    );
  });

  it("reports a stranded spoke instead of choosing for it", () => {
    assert.equal(optimalAssignment({ hubFixed: 1, hubNeeded: false, spokes: [{ local: null, hub: null }] }), undefined);
  });

  it("pays for the hub endpoint once, only when the savings cover it", () => {
    const spokes = [
      { local: 7.3, hub: 0 },
      { local: 7.3, hub: 0 },
    ];
    assert.deepEqual(optimalAssignment({ hubFixed: 14.6, hubNeeded: false, spokes })!.fromHub, [false, false]);
    assert.deepEqual(optimalAssignment({ hubFixed: 14.6, hubNeeded: false, spokes: [...spokes, { local: 7.3, hub: 0 }] })!.fromHub, [
      true,
      true,
      true,
    ]);
    // When the hub uses the service itself, its endpoint is paid anyway: one spoke is enough.
    assert.deepEqual(optimalAssignment({ hubFixed: 14.6, hubNeeded: true, spokes: [spokes[0]] })!.fromHub, [true]);
  });

  it("refuses an exhaustive search that would not finish", () => {
    assert.throws(() => exhaustiveAssignment({ hubFixed: 0, hubNeeded: false, spokes: Array(30).fill({ local: 1, hub: 1 }) }), RangeError);
  });
});
