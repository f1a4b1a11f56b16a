/** The cost model (rule 7): list prices per region, overridable; NAT comparison and break-even. */
import type { EndpointCost, Plan, PlannedEndpoint, PriceTable } from "./types";

export const HOURS_PER_MONTH = 730;

/**
 * Money is reported in whole cents everywhere in the JSON, and every total and difference is made of
 * rounded figures, so the figures a reader sees add up (a saving is the NAT figure minus the
 * endpoints' figure, to the cent). Rates (USD per GB) are not money: `rate` keeps them.
 */
export const money = (usd: number): number => Math.round(usd * 100) / 100;

/** A per-GB price, such as the tiered average: 6 decimals, as AWS prices processing. */
export const rate = (usdPerGb: number): number => Math.round(usdPerGb * 1_000_000) / 1_000_000;

export function gatewayCost(prices: PriceTable, expectedGb: number | undefined): EndpointCost {
  const cost: EndpointCost = { fixedMonthlyUsd: 0, perGbUsd: 0, dataMonthlyUsd: 0, monthlyUsd: 0 };
  if (expectedGb !== undefined) {
    cost.expectedGb = expectedGb;
    cost.nat = {
      natMonthlyUsd: money(prices.natPerGbUsd * expectedGb),
      savingsUsd: money(prices.natPerGbUsd * expectedGb),
      breakEvenGb: 0,
    };
  }
  return cost;
}

/** AWS's data-processing tiers are per PB a month; AWS bills in GB of 1024^3 bytes, so a PB is 1024 x 1024 GB. */
export const PB_IN_GB = 1024 * 1024;

/**
 * The average per-GB processing price when the region's interface endpoints process `totalGb` a
 * month: the first PB at interfacePerGbUsd, the next 4 PB at tier 2, the rest at tier 3.
 */
export function tieredPerGbUsd(prices: PriceTable, totalGb: number): number {
  if (totalGb <= PB_IN_GB) return prices.interfacePerGbUsd;
  const tier2 = Math.min(totalGb - PB_IN_GB, 4 * PB_IN_GB);
  const tier3 = Math.max(totalGb - 5 * PB_IN_GB, 0);
  const usd = PB_IN_GB * prices.interfacePerGbUsd + tier2 * prices.interfacePerGbTier2Usd + tier3 * prices.interfacePerGbTier3Usd;
  return usd / totalGb;
}

/**
 * `natGb` is the part of the traffic a NAT gateway could carry instead (the VPC's own); undefined
 * for endpoints that exist only for consumers outside the VPC, where there is nothing to compare.
 * The comparison weighs NAT against the endpoint's AZ-hours and that part's processing: traffic
 * from outside pays processing here whatever the VPC does, so it is in the cost, not the comparison.
 * `transferPerGbUsd` (inter-region transfer of a cross-region endpoint) is paid on the NAT path too,
 * so it is on both sides. `perGbUsd` is the processing price (the tiered average past the first PB).
 */
export function interfaceCost(
  prices: PriceTable,
  azCount: number,
  expectedGb: number | undefined,
  natGb: number | undefined,
  transferPerGbUsd = 0,
  perGbUsd = prices.interfacePerGbUsd,
): EndpointCost {
  const fixed = money(prices.interfaceHourUsd * HOURS_PER_MONTH * azCount);
  const data = money((perGbUsd + transferPerGbUsd) * (expectedGb ?? 0));
  const cost: EndpointCost = {
    fixedMonthlyUsd: fixed,
    perGbUsd: rate(perGbUsd),
    dataMonthlyUsd: data,
    monthlyUsd: money(fixed + data),
  };
  if (transferPerGbUsd) cost.transferPerGbUsd = transferPerGbUsd;
  if (expectedGb !== undefined) {
    cost.expectedGb = expectedGb;
    if (natGb !== undefined) {
      const nat = money((prices.natPerGbUsd + transferPerGbUsd) * natGb);
      const margin = prices.natPerGbUsd - perGbUsd;
      // What the endpoint costs for the traffic NAT could carry, in cents like the NAT figure it is weighed against.
      const compared = money(fixed + money((perGbUsd + transferPerGbUsd) * natGb));
      cost.nat = {
        natMonthlyUsd: nat,
        savingsUsd: money(nat - compared),
        breakEvenGb: margin > 0 ? Math.ceil(fixed / margin) : null,
      };
    }
  }
  return cost;
}

/**
 * A plan's totals: the endpoints' and the Resolver's figures, and the NAT comparison named by its
 * scope (the endpoints with traffic a NAT gateway could carry; the rest, and traffic from outside the
 * VPC, is "not compared"). Every figure is a sum of cents.
 */
export function planCost(
  endpoints: ReadonlyArray<Pick<PlannedEndpoint, "name" | "cost" | "monthlyCostUsd">>,
  prices: PriceTable,
  source: { priceRegion: string; pricesAssumed?: string[] },
  resolverUsd = 0,
): Plan["cost"] {
  const sum = (f: (e: (typeof endpoints)[number]) => number): number => money(endpoints.reduce((acc, e) => acc + f(e), resolverUsd));
  const compared = endpoints.filter((e) => e.cost.nat);
  const cost: Plan["cost"] = {
    currency: "USD",
    ...source,
    prices,
    monthlyFixedUsd: sum((e) => e.cost.fixedMonthlyUsd),
    monthlyDataUsd: money(endpoints.reduce((acc, e) => acc + e.cost.dataMonthlyUsd, 0)),
    monthlyTotalUsd: sum((e) => e.monthlyCostUsd),
    ...(resolverUsd ? { resolverMonthlyUsd: resolverUsd } : {}),
  };
  if (compared.length) {
    const natUsd = money(compared.reduce((acc, e) => acc + e.cost.nat!.natMonthlyUsd, 0));
    const savingsUsd = money(compared.reduce((acc, e) => acc + e.cost.nat!.savingsUsd, 0));
    const part = money(natUsd - savingsUsd);
    cost.nat = {
      monthlyUsd: natUsd,
      savingsUsd,
      endpoints: compared.map((e) => e.name),
      endpointsMonthlyUsd: part,
      notCompared: endpoints.filter((e) => !e.cost.nat).map((e) => e.name),
      notComparedMonthlyUsd: money(cost.monthlyTotalUsd - part),
    };
  }
  return cost;
}
