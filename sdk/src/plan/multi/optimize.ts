/**
 * The centralisation decision for one service, as a pure cost problem. Each spoke is served either
 * by its own endpoint or by the hub's; the hub endpoint's fixed cost is paid once, if any spoke
 * uses it or the hub needs it for itself. Constraints arrive as `null` options.
 */

export interface SpokeOption {
  /** Monthly USD of the spoke's own endpoint; null when it cannot have one. */
  local: number | null;
  /** Monthly USD the spoke adds when the hub serves it (per-GB processing + transit); null when it cannot. */
  hub: number | null;
}

export interface ServiceChoice {
  /** Monthly USD of the hub endpoint itself (AZ-hours, plus the hub's own traffic when it uses the service). */
  hubFixed: number;
  /** The hub uses the service itself, so its endpoint exists whatever the spokes do. */
  hubNeeded: boolean;
  spokes: SpokeOption[];
}

export interface Assignment {
  /** Per spoke, in input order: true when the hub serves it. */
  fromHub: boolean[];
  hubEndpoint: boolean;
  monthlyUsd: number;
}

export const assignmentCost = (choice: ServiceChoice, fromHub: readonly boolean[]): number => {
  const hubEndpoint = choice.hubNeeded || fromHub.some(Boolean);
  return (hubEndpoint ? choice.hubFixed : 0) + choice.spokes.reduce((sum, s, i) => sum + (fromHub[i] ? s.hub! : s.local!), 0);
};

/** Indexes of spokes that can be served neither way; the caller reports them as errors. */
export const stranded = (choice: ServiceChoice): number[] =>
  choice.spokes.flatMap((s, i) => (s.local === null && s.hub === null ? [i] : []));

/**
 * The exact optimum in O(spokes): with a hub endpoint each spoke independently takes its cheaper
 * side; without one every spoke is local. The total is the cheaper of the two (ties stay local,
 * the simpler network). Undefined when a spoke is stranded.
 */
export function optimalAssignment(choice: ServiceChoice): Assignment | undefined {
  if (stranded(choice).length) return undefined;
  const withHub = choice.spokes.map((s) => s.local === null || (s.hub !== null && s.hub < s.local));
  const withHubCost = assignmentCost(choice, withHub);
  const allLocal = choice.spokes.every((s) => s.local !== null);
  if (allLocal) {
    const none = choice.spokes.map(() => false);
    const noneCost = assignmentCost(choice, none);
    // Compared in micro-dollars: a tie must stay a tie whatever order the floating-point sums ran in.
    if (Math.round(noneCost * 1e6) <= Math.round(withHubCost * 1e6))
      return { fromHub: none, hubEndpoint: choice.hubNeeded, monthlyUsd: noneCost };
  }
  return { fromHub: withHub, hubEndpoint: true, monthlyUsd: withHubCost };
}

/** Every feasible assignment tried (2^spokes): the reference the optimum is tested and benchmarked against. */
export function exhaustiveAssignment(choice: ServiceChoice, maxSpokes = 20): Assignment | undefined {
  const n = choice.spokes.length;
  if (n > maxSpokes)
    throw new RangeError(`exhaustive search over ${n} spokes (2^${n} assignments) is too large; the limit is ${maxSpokes}.`);
  let best: Assignment | undefined;
  for (let mask = 0; mask < 2 ** n; mask++) {
    const fromHub = choice.spokes.map((_, i) => Math.floor(mask / 2 ** i) % 2 === 1);
    if (choice.spokes.some((s, i) => (fromHub[i] ? s.hub === null : s.local === null))) continue;
    const monthlyUsd = assignmentCost(choice, fromHub);
    if (!best || monthlyUsd < best.monthlyUsd) best = { fromHub, hubEndpoint: choice.hubNeeded || fromHub.some(Boolean), monthlyUsd };
  }
  return best;
}
