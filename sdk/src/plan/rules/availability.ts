/**
 * Rule 10: a region offers only some services, and FIPS endpoint services only in some regions.
 * What the catalog knows comes from AWS pages (catalog/availability.json); where it does not know,
 * the plan says so instead of assuming. Facts looked up from AWS (`facts.serviceAzs`) settle it.
 * docs/codes.md rows "Availability and FIPS".
 */
import { availabilityIn, fipsRegionsOf, hasFipsIn, isRegionless, serviceNameIn } from "../../catalog";
import type { Reason } from "../types";
import type { NormalizedRequest, ResolvedService } from "../validate";
import type { RuleContext } from "./context";

export const CODES = {
  SERVICE_UNAVAILABLE: "problem",
  AVAILABILITY_UNKNOWN: "warning",
  FIPS_UNAVAILABLE: "problem",
  FIPS_ENDPOINT: "reason",
} as const;

type Ctx = RuleContext<keyof typeof CODES>;

/** Every requested service the region does not offer is a problem; one warning lists those it may not. */
export function checkAvailability(ctx: Ctx, input: NormalizedRequest): void {
  const { facts } = input;
  const unknown: string[] = [];
  // The region's whole list, read from the account: it settles every catalog service of this region.
  const listed = facts.regionServiceNames ? new Set(facts.regionServiceNames) : undefined;
  for (const service of input.services) {
    // Endpoint services outside the catalog are the facts' to describe (rules/endpointServices.ts).
    if (service.endpointService) continue;
    if (listed && !service.serviceRegion) {
      if (!service.catalog.types.some((type) => listed.has(serviceNameIn(service.catalog, input.region, type))))
        notListed(ctx, service, input);
      continue;
    }
    // DescribeVpcEndpointServices answered for it: AWS offers it here, whatever the catalog says.
    if (facts.serviceAzs?.[service.key]) continue;
    // A cross-region endpoint needs the service in its own region.
    const region = service.serviceRegion ?? input.region;
    const found = availabilityIn(service.catalog, region);
    if (found.status === "unknown") unknown.push(service.key);
    if (found.status !== "unavailable") continue;
    const name = serviceNameIn(service.catalog, region);
    const where = found.offeredIn.length ? found.offeredIn.join(", ") : "no region of this partition";
    ctx.problem(
      "SERVICE_UNAVAILABLE",
      service.path,
      `${service.key} (${name}) is not offered in ${region.code}${isRegionless(service.catalog) ? ": it is a regionless service that lives in its home region" : ""}; AWS offers it in ${where} (${found.source}).`,
      found.offeredIn.length
        ? `Remove ${service.key}, plan the VPC in ${found.offeredIn.join(" or ")}, or reach ${found.offeredIn[0]} through a cross-region interface endpoint where AWS offers one.`
        : `Remove ${service.key}: no region of ${region.partition} offers it.`,
    );
  }
  if (unknown.length)
    ctx.warn(
      "AVAILABILITY_UNKNOWN",
      `The catalog does not know whether ${input.region.code} offers ${unknown.join(", ")}; they are planned as if it did. Look them up (--from-aws, or the component's lookups) or give facts.serviceAzs.`,
      { path: "region" },
    );
}

function notListed(ctx: Ctx, service: ResolvedService, input: NormalizedRequest, lookedUp = false): void {
  const name = serviceNameIn(service.catalog, input.region, lookedUp ? "Interface" : undefined, lookedUp && wantsFips(service, input));
  ctx.problem(
    "SERVICE_UNAVAILABLE",
    service.path,
    `${service.key} (${name}) is not offered in ${input.region.code}: ${lookedUp ? "AWS reports no such interface endpoint service there (DescribeVpcEndpointServices, or the lookup; facts.serviceAzs is empty)" : "the region's list of endpoint services (facts.regionServiceNames, from DescribeVpcEndpointServices) leaves it out"}.`,
    `Remove ${service.key}, plan the VPC in a region that offers it, or reach one through a cross-region interface endpoint where AWS offers one; if the list is old, read it again (vpce-plan catalog --from-aws --region ${input.region.code} --write FILE).`,
  );
}

/**
 * Looked up and not found: AWS has no interface endpoint service of this name in the region (the
 * readers record such a name with no AZs). The interface endpoint is not planned.
 */
export function notOfferedWhenLookedUp(ctx: Ctx, service: ResolvedService, input: NormalizedRequest): boolean {
  if (service.endpointService || input.facts.serviceAzs?.[service.key]?.length !== 0) return false;
  notListed(ctx, service, input, true);
  return true;
}

/** Whether the request asks for the service's FIPS endpoint service (`useFips` checks that it has one). */
export const wantsFips = (service: ResolvedService | undefined, input: NormalizedRequest): boolean =>
  Boolean(service?.options.fips ?? input.request.defaults?.fips);

/**
 * Whether the service's interface endpoint uses the FIPS endpoint service: asked for by
 * `services[].fips`, a FIPS name, or `defaults.fips`. Asked for where there is none is a problem.
 */
export function useFips(ctx: Ctx, service: ResolvedService, input: NormalizedRequest): Reason | undefined {
  const { options, key, path, catalog } = service;
  if (!wantsFips(service, input)) return undefined;
  // A cross-region endpoint uses the FIPS endpoint service of the service's region.
  const region = service.serviceRegion ?? input.region;
  if (hasFipsIn(catalog, region))
    return ctx.reason("FIPS_ENDPOINT", `${key} uses its FIPS endpoint service ${serviceNameIn(catalog, region, "Interface", true)}.`);
  const at = service.fipsByName ? path : options.fips !== undefined ? `${path}.fips` : "defaults.fips";
  const elsewhere = catalog.fips ? fipsRegionsOf(catalog) : [];
  ctx.problem(
    "FIPS_UNAVAILABLE",
    at,
    catalog.fips
      ? `${key} has no FIPS endpoint service in ${region.code}; AWS offers ${catalog.fips.serviceName.replace("{region}", "<region>")} in ${elsewhere.join(", ")}.`
      : `${key} has no FIPS endpoint service.`,
    at === "defaults.fips"
      ? `Set fips: false on ${key} (services: [{ name: ${key}, fips: false }]), or remove defaults.fips.`
      : catalog.fips
        ? `Plan the VPC in one of those regions, or use the non-FIPS name ${key}.`
        : `Remove fips from ${key}.`,
  );
  return undefined;
}
