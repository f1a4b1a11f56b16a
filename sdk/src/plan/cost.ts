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
 * `comparesWithNat` is false for endpoints that exist only for consumers outside the VPC: a NAT
 * gateway could not serve them, so there is nothing to compare.
 */
export function interfaceCost(prices: PriceTable, azCount: number, expectedGb: number | undefined, comparesWithNat: boolean): EndpointCost {
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
    if (comparesWithNat) {
      const nat = money(prices.natPerGbUsd * expectedGb);
      const margin = prices.natPerGbUsd - prices.interfacePerGbUsd;
      cost.nat = {
        natMonthlyUsd: nat,
        savingsUsd: money(nat - cost.monthlyUsd),
        breakEvenGb: margin > 0 ? Math.ceil(fixed / margin) : null,
      };
    }
  }
  return cost;
}
