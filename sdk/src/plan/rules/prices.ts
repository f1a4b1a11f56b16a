/**
 * Which region's list prices a plan uses. The catalog copies us-east-1's figures into a region
 * whose own are not published there (catalog/regions.json `assumedFields`); a plan that uses such a
 * copy says so (PRICES_ASSUMED) and names us-east-1 as its price region, listing the copied fields,
 * so that neither the JSON nor the totals line passes us-east-1's figures off as the VPC region's.
 * Overriding a field in the request's `prices` takes it off the list. README row "Cost".
 */
import type { Region } from "../../catalog";
import type { PriceTable } from "../types";
import type { RuleContext } from "./context";

export const CODES = { PRICES_ASSUMED: "warning" } as const;

/** The region whose prices the catalog copies where a region's own are missing. */
export const BASE_PRICE_REGION = "us-east-1";

export interface PriceSource {
  /** The region whose list prices were used: the VPC's, or us-east-1 when any copied field remains. */
  priceRegion: string;
  /** The copied fields still in use (not overridden), when there are any. */
  pricesAssumed?: string[];
}

/** Where the prices in use come from, without a warning (the network's totals; its VPC plans warn). */
export function describePrices(region: Region, overrides: Partial<PriceTable> | undefined): PriceSource {
  const copied = region.pricesAssumed ? (region.assumedFields ?? Object.keys(region.prices)) : [];
  const assumed = copied.filter((f) => overrides?.[f as keyof PriceTable] === undefined).sort();
  return assumed.length ? { priceRegion: BASE_PRICE_REGION, pricesAssumed: assumed } : { priceRegion: region.code };
}

export function priceSource(ctx: RuleContext<keyof typeof CODES>, region: Region, overrides: Partial<PriceTable> | undefined): PriceSource {
  const source = describePrices(region, overrides);
  const assumed = source.pricesAssumed;
  if (!assumed) return source;
  ctx.warn(
    "PRICES_ASSUMED",
    `No published ${region.code} prices in the catalog for ${assumed.join(", ")}: the plan uses ${BASE_PRICE_REGION} list prices for them (set prices.<field> to use your own).`,
    { path: "prices" },
  );
  return source;
}
