/** The cost model (rule 7): list prices per region, overridable; NAT comparison and break-even. */
import type { EndpointCost, PriceTable } from "./types";

export const HOURS_PER_MONTH = 730;

/** Money is reported in USD rounded to 4 decimals, so sums stay exact enough to compare. */
export const money = (usd: number): number => Math.round(usd * 10_000) / 10_000;

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
    perGbUsd: money(perGbUsd),
    dataMonthlyUsd: data,
    monthlyUsd: money(fixed + data),
  };
  if (transferPerGbUsd) cost.transferPerGbUsd = transferPerGbUsd;
  if (expectedGb !== undefined) {
    cost.expectedGb = expectedGb;
    if (natGb !== undefined) {
      const nat = money((prices.natPerGbUsd + transferPerGbUsd) * natGb);
      const margin = prices.natPerGbUsd - perGbUsd;
      cost.nat = {
        natMonthlyUsd: nat,
        savingsUsd: money(nat - fixed - (perGbUsd + transferPerGbUsd) * natGb),
        breakEvenGb: margin > 0 ? Math.ceil(fixed / margin) : null,
      };
    }
  }
  return cost;
}
