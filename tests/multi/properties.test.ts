import assert from "node:assert/strict";
import fc from "fast-check";
import { planNetwork } from "vpce-plan/plan";
import { endpointUsd, network, spoke } from "./fixtures";

const SERVICES = ["secretsmanager", "logs", "ecr.dkr"];
const AZS = ["us-east-1a", "us-east-1b", "us-east-1c"];

const spokeArb = fc.record({
  azs: fc.subarray(AZS, { minLength: 1 }),
  services: fc.subarray(SERVICES, { minLength: 1 }),
  gb: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 3, maxLength: 3 }),
});
const networkArb = fc.record({
  spokes: fc.array(spokeArb, { minLength: 1, maxLength: 5 }),
  hubServices: fc.subarray(SERVICES),
});

interface Net {
  spokes: Array<{ azs: string[]; services: string[]; gb: number[] }>;
  hubServices: string[];
}

function build(net: Net) {
  return network(
    net.spokes.map((s, i) =>
      spoke(`s${i}`, i + 1, {
        azs: s.azs,
        services: s.services,
        traffic: Object.fromEntries(s.services.map((k) => [k, s.gb[SERVICES.indexOf(k)]])),
      }),
    ),
    { hubServices: net.hubServices.length ? net.hubServices : undefined },
  );
}

/** The cheapest assignment found by trying all of them, priced from the list prices alone. */
function bruteForce(net: Net, key: string): number {
  const users = net.spokes.filter((s) => s.services.includes(key));
  const hubUses = net.hubServices.includes(key);
  let best = Infinity;
  for (let mask = 0; mask < 2 ** users.length; mask++) {
    let cost = 0;
    let hub = hubUses;
    users.forEach((s, i) => {
      const gb = s.gb[SERVICES.indexOf(key)];
      if (mask & (1 << i)) {
        hub = true;
        cost += (0.01 + 0.02) * gb; // hub endpoint processing + Transit Gateway processing
      } else cost += endpointUsd(s.azs.length, gb);
    });
    best = Math.min(best, cost + (hub ? endpointUsd(2) : 0));
  }
  return best;
}

describe("planNetwork properties", () => {
  it("every service costs what the exhaustive search over hub/local assignments finds", () => {
    fc.assert(
      fc.property(networkArb, (net) => {
        const plan = planNetwork(build(net));
        for (const d of plan.services) assert.ok(Math.abs(d.cost.chosenMonthlyUsd - bruteForce(net, d.service)) < 1e-3, d.service);
        // The plan's endpoints cost what the decisions say: hub-only services aside, nothing is unaccounted for.
        const hubOnly = net.hubServices.filter((k) => !net.spokes.some((s) => s.services.includes(k))).length * endpointUsd(2);
        const decided = plan.services.reduce((sum, d) => sum + d.cost.chosenMonthlyUsd, 0);
        assert.ok(Math.abs(plan.cost.monthlyTotalUsd - hubOnly - decided) < 1e-2);
      }),
      { numRuns: 150 },
    );
  });

  it("never saves less than nothing unless a spoke requires the hub", () => {
    fc.assert(
      fc.property(networkArb, (net) => {
        assert.ok(planNetwork(build(net)).cost.savingsUsd >= -1e-6);
      }),
      { numRuns: 100 },
    );
  });

  it("gives byte-identical JSON for the spokes in reverse order", () => {
    fc.assert(
      fc.property(networkArb, (net) => {
        const reversed = build(net);
        reversed.spokes.reverse();
        assert.equal(JSON.stringify(planNetwork(reversed)), JSON.stringify(planNetwork(build(net))));
      }),
      { numRuns: 50 },
    );
  });
});
