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

/**
 * `natGb` is the part of the traffic a NAT gateway could carry instead (the VPC's own); undefined
 * for endpoints that exist only for consumers outside the VPC, where there is nothing to compare.
 * The comparison weighs NAT against the endpoint's AZ-hours and that part's processing: traffic
 * from outside pays processing here whatever the VPC does, so it is in the cost, not the comparison.
 */
export function interfaceCost(
  prices: PriceTable,
  azCount: number,
  expectedGb: number | undefined,
  natGb: number | undefined,
): EndpointCost {
  const fixed = money(prices.interfaceHourUsd * HOURS_PER_MONTH * azCount);
  const data = money(prices.interfacePerGbUsd * (expectedGb ?? 0));
  const cost: EndpointCost = {
    fixedMonthlyUsd: fixed,
    perGbUsd: prices.interfacePerGbUsd,
    dataMonthlyUsd: data,
    monthlyUsd: money(fixed + data),
  };
  if (expectedGb !== undefined) {
    cost.expectedGb = expectedGb;
    if (natGb !== undefined) {
      const nat = money(prices.natPerGbUsd * natGb);
      const margin = prices.natPerGbUsd - prices.interfacePerGbUsd;
      cost.nat = {
        natMonthlyUsd: nat,
        savingsUsd: money(nat - fixed - prices.interfacePerGbUsd * natGb),
        breakEvenGb: margin > 0 ? Math.ceil(fixed / margin) : null,
      };
    }
  }
  return cost;
}
