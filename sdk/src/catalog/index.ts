/**
 * The service catalog: data files (services, bundles, regions) and the lookups over them.
 * Data lives in JSON so that adding a service is a data change, not a code change.
 */
import servicesFile from "./services.json";
import bundlesFile from "./bundles.json";
import regionsFile from "./regions.json";
import availabilityFile from "./availability.json";
import zonesFile from "./zones.json";
import type { EndpointType, PriceTable } from "./types";
import { suggestEntries, type NamedEntry } from "./suggest";

export type { EndpointType, PriceTable } from "./types";
export { suggest, didYouMean, editDistance, nameRank, type NamedEntry } from "./suggest";

/** Names of one endpoint service: the default pattern and the regions where AWS names it differently. */
export interface ServiceNames {
  /** Pattern with `{region}` (none for a regionless service such as `com.amazonaws.iam`). */
  serviceName: string;
  /** Per region code, the pattern used there instead (China's `cn.com.amazonaws.*` names). */
  serviceNameByRegion?: Record<string, string>;
}

export interface CatalogService extends ServiceNames {
  key: string;
  title: string;
  /** Other names people type for the service (`elb`, `alb`, `cloudwatch`): found by suggestions and `catalog --search`. */
  aliases?: string[];
  types: EndpointType[];
  /** The service's FIPS endpoint service, where it has one; its regions are in availability.json. */
  fips?: ServiceNames & { privateDnsNames: string[] };
  port: number;
  /**
   * Every TCP port AWS documents for the service, where there is more than one (SES SMTP): `port`
   * is the one a plan opens unless the request's `port` names another of these.
   */
  ports?: number[];
  /** Patterns with `{region}` and `{dnsSuffix}`; may start with `*.`. */
  privateDnsNames: string[];
  policy: boolean;
  /** The service's own page on VPC endpoint policies, where it corrects the PrivateLink table. */
  policyDoc?: string;
  doc: string;
}

export interface Bundle {
  key: string;
  title: string;
  services: string[];
  doc: string;
}

export interface Region {
  code: string;
  name: string;
  partition: string;
  dnsSuffix: string;
  prices: PriceTable;
  pricesAssumed?: boolean;
  /** The price fields copied from us-east-1 where the region's own were not found. */
  assumedFields?: string[];
  /** Whether an account must enable the region first (opt-in); absent where no AWS page said. */
  optIn?: boolean;
}

export const services: readonly CatalogService[] = servicesFile.services as CatalogService[];
export const bundles: readonly Bundle[] = bundlesFile.bundles as Bundle[];
// Prices AWS sets alike in every region (tiers, inter-region transfer, Route 53) are written once in the file.
export const regions: readonly Region[] = (regionsFile.regions as Array<Omit<Region, "prices"> & { prices: Partial<PriceTable> }>).map(
  (r) => ({ ...r, prices: { ...regionsFile.allRegions.prices, ...r.prices } as PriceTable }),
);

/** Inter-region data transfer for a pair an AWS page prices (`from`: the region the data leaves). */
export interface InterRegionPrice {
  perGbUsd: number;
  source: string;
}
const interRegionByPair = new Map(
  regionsFile.interRegionPairs.pairs.map((p) => [`${p.from}>${p.to}`, { perGbUsd: p.perGbUsd, source: p.source }]),
);
export const interRegionPrice = (from: string, to: string): InterRegionPrice | undefined => interRegionByPair.get(`${from}>${to}`);

const serviceByKey = new Map(services.map((s) => [s.key, s]));
const crossRegionKeys: ReadonlySet<string> = new Set(servicesFile.crossRegion.services);

/** Whether AWS lists the service as cross-region enabled (an interface endpoint with `serviceRegion`). */
export const isCrossRegionEnabled = (key: string): boolean => crossRegionKeys.has(key);
/** Catalog keys of the cross-region enabled services, sorted. */
export const crossRegionServiceKeys = (): string[] => [...crossRegionKeys].sort();
const bundleByKey = new Map(bundles.map((b) => [b.key, b]));
const regionByCode = new Map(regions.map((r) => [r.code, r]));
// `kms-fips`: the last label of the FIPS service name, as the PrivateLink table writes it.
const fipsByKey = new Map(services.filter((s) => s.fips).map((s) => [s.fips!.serviceName.replace(/^.*\{region\}\./, ""), s]));

export function getService(key: string): CatalogService | undefined {
  return serviceByKey.get(key);
}

export function getBundle(key: string): Bundle | undefined {
  return bundleByKey.get(key);
}

export function getRegion(code: string): Region | undefined {
  return regionByCode.get(code);
}

export const serviceKeys = (): string[] => services.map((s) => s.key);
export const bundleKeys = (): string[] => bundles.map((b) => b.key);
export const regionCodes = (): string[] => regions.map((r) => r.code);

const fill = (pattern: string, region: Region): string =>
  pattern.split("{region}").join(region.code).split("{dnsSuffix}").join(region.dnsSuffix);

// Names per (service, region, FIPS) are asked for once per endpoint of every plan: memoised, since
// the catalog never changes at run time. Keyed by the objects themselves (no key strings to build);
// a WeakMap, since endpoint services outside the catalog get an entry per request.
type Names = { serviceName: string; gatewayServiceName: string; privateDnsNames: readonly string[] };
const namesCache = { plain: new WeakMap<CatalogService, Map<Region, Names>>(), fips: new WeakMap<CatalogService, Map<Region, Names>>() };

const patternIn = (names: ServiceNames, region: Region): string => names.serviceNameByRegion?.[region.code] ?? names.serviceName;

function namesIn(service: CatalogService, region: Region, fips: boolean): Names {
  const cache = fips ? namesCache.fips : namesCache.plain;
  let byRegion = cache.get(service);
  if (!byRegion) cache.set(service, (byRegion = new Map()));
  let names = byRegion.get(region);
  if (!names) {
    const source = fips && service.fips ? service.fips : service;
    names = {
      serviceName: fill(patternIn(source, region), region),
      gatewayServiceName: fill(service.serviceName, region),
      privateDnsNames: Object.freeze(source.privateDnsNames.map((p) => fill(p, region))),
    };
    byRegion.set(region, names);
  }
  return names;
}

/**
 * The service name AWS uses for this service in this region (its FIPS endpoint service when `fips`).
 * China's `cn.com.amazonaws.*` names are PrivateLink (interface) names: gateway endpoints keep
 * `com.amazonaws.<region>.<service>` there.
 */
export function serviceNameIn(service: CatalogService, region: Region, type: EndpointType = "Interface", fips = false): string {
  const names = namesIn(service, region, fips);
  return type === "Gateway" ? names.gatewayServiceName : names.serviceName;
}

/** The private DNS names the service's endpoints create in this region (shared; do not mutate). */
export function privateDnsNamesIn(service: CatalogService, region: Region, fips = false): readonly string[] {
  return namesIn(service, region, fips).privateDnsNames;
}

/** A regionless service (`com.amazonaws.iam`) has one endpoint service, in its home region. */
export const isRegionless = (service: CatalogService): boolean => !service.serviceName.includes("{region}");

const CDK_NAMES = "https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-ec2/lib/vpc-endpoint.ts";

/** availability.json's shape (see its notes). */
export interface AvailabilityFile {
  /** Regions whose whole list is known: the catalog (us-east-1's table) or the catalog keys a page lists. */
  regions: Record<string, { offers: "catalog" | string[]; source: string }>;
  /** Per service and partition, the only regions that offer its endpoint service. */
  services: Record<string, { partitions: Record<string, string[]>; source: string }>;
  /** Per service and partition, the only regions the service itself runs in (its endpoint service may not). */
  serviceRegions: Record<string, { partitions: Record<string, string[]>; source: string }>;
  offeredIn: Record<string, { regions: string[]; source: string }>;
  fipsRegions: { regions: string[]; source: string };
  fipsByService: Record<string, { partitions: string[]; source: string }>;
}
const availability = availabilityFile as AvailabilityFile;

/** Whether a region offers a service: known either way only where AWS material says so. */
export type Availability =
  { status: "offered"; source: string } | { status: "unavailable"; offeredIn: readonly string[]; source: string } | { status: "unknown" };

/** Availability as one availability table says it (the built-in one is `availabilityIn`). */
export function availabilityFrom(table: AvailabilityFile): (service: CatalogService, region: Region) => Availability {
  // The page that says the region offers the service, if one does.
  const offeredBy = (service: CatalogService, region: Region): string | undefined => {
    if (service.serviceNameByRegion?.[region.code]) return CDK_NAMES;
    // A page listing where a service is offered says nothing of the regions it leaves out.
    const named = table.offeredIn[service.key];
    if (named?.regions.includes(region.code)) return named.source;
    const whole = table.regions[region.code];
    return whole && (whole.offers === "catalog" || whole.offers.includes(service.key)) ? whole.source : undefined;
  };
  return (service, region) => {
    for (const only of [table.services[service.key], table.serviceRegions[service.key]]) {
      const listed = only?.partitions[region.partition];
      if (!listed || listed.includes(region.code)) continue;
      return { status: "unavailable", offeredIn: listed, source: only.source };
    }
    if (table.services[service.key]?.partitions[region.partition]) return { status: "offered", source: table.services[service.key].source };
    const source = offeredBy(service, region);
    if (source) return { status: "offered", source };
    const whole = table.regions[region.code];
    if (!whole) return { status: "unknown" };
    // A region's whole list leaves the service out: other regions of the partition may offer it.
    const elsewhere = regions.filter((r) => r.partition === region.partition && r.code !== region.code && offeredBy(service, r));
    return { status: "unavailable", offeredIn: elsewhere.map((r) => r.code), source: whole.source };
  };
}

export const availabilityIn = availabilityFrom(availability);

/** The AWS page saying which regions have FIPS endpoints. */
export const FIPS_REGIONS_SOURCE = availability.fipsRegions.source;

/** Whether the service has a FIPS endpoint service in this region. */
export function hasFipsIn(service: CatalogService, region: Region): boolean {
  if (!service.fips || availabilityIn(service, region).status === "unavailable") return false;
  const own = availability.fipsByService[service.key];
  if (own) return own.partitions.includes(region.partition);
  return Boolean(service.fips.serviceNameByRegion?.[region.code]) || availability.fipsRegions.regions.includes(region.code);
}

/** Regions (of the catalog) that have the service's FIPS endpoint service. */
export const fipsRegionsOf = (service: CatalogService): string[] => regions.filter((r) => hasFipsIn(service, r)).map((r) => r.code);

const zones = zonesFile.regions as Record<string, { azIds: string[]; source: string }>;
const regionByAzId = new Map(Object.entries(zones).flatMap(([region, z]) => z.azIds.map((id) => [id, region] as const)));

/** The AZ IDs AWS documents for a region (zones.json); undefined where no AWS page lists them all. */
export const documentedAzIds = (region: string): readonly string[] | undefined => zones[region]?.azIds;

/** The region whose documented AZ IDs include this one. */
export const regionOfAzId = (azId: string): string | undefined => regionByAzId.get(azId);

/**
 * Resolves a catalog key, a FIPS key (`kms-fips`) or a full service name (of any region, FIPS
 * names included) to the catalog entry. `region` is the region named inside a full service name,
 * when there is one; `fips` says the name was a FIPS one.
 */
export function findService(name: string): { service: CatalogService; region?: string; fips?: true } | undefined {
  const byKey = serviceByKey.get(name) ?? fipsByKey.get(name);
  if (byKey) return { service: byKey, ...(byKey.key === name ? {} : { fips: true as const }) };
  const regionless = byPattern.get(name)?.[0];
  if (regionless) return { service: regionless.service, ...(regionless.fips ? { fips: true as const } : {}) };
  // Each dot-separated label that looks like a region code may be the `{region}` of a pattern.
  for (const m of name.matchAll(REGION_LABEL)) {
    const region = m[1];
    const pattern = `${name.slice(0, m.index)}{region}${name.slice(m.index + region.length)}`;
    // A region's own name (China's cn.com.amazonaws.*) names only that region.
    const found = byPattern.get(pattern)?.find((e) => !e.onlyIn || e.onlyIn === region);
    if (found) return { service: found.service, region, ...(found.fips ? { fips: true as const } : {}) };
  }
  return undefined;
}

const REGION_LABEL = /(?<=^|\.)([a-z]{2}(?:-[a-z]+)+-\d)(?=\.|$)/g;

// Every service-name pattern (default, per region, FIPS) to its entry: one map lookup per name.
type NameEntry = { service: CatalogService; fips: boolean; onlyIn?: string };
const byPattern = new Map<string, NameEntry[]>();
for (const service of services) {
  for (const [names, fips] of [
    [service, false],
    [service.fips, true],
  ] as const) {
    if (!names) continue;
    const add = (pattern: string, onlyIn?: string): void => {
      byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), { service, fips, ...(onlyIn ? { onlyIn } : {}) }]);
    };
    add(names.serviceName);
    for (const [region, pattern] of Object.entries(names.serviceNameByRegion ?? {})) add(pattern, region);
  }
}

/** An endpoint service outside the catalog (partner, SaaS, AWS Marketplace, your own), by its full name. */
export interface EndpointServiceName {
  serviceName: string;
  /** The region that hosts it. */
  region: string;
  /** `vpce-svc-...`: the endpoint service id. */
  id: string;
}

/**
 * `com.amazonaws.vpce.<region>.vpce-svc-<hex>`, the name AWS gives every endpoint service
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html).
 */
export function parseEndpointServiceName(name: string): EndpointServiceName | undefined {
  const m = /^com\.amazonaws\.vpce\.([a-z]{2}(?:-[a-z]+)+-\d)\.(vpce-svc-[0-9a-f]{8,17})$/.exec(name);
  return m ? { serviceName: name, region: m[1], id: m[2] } : undefined;
}

/** Services and bundles under the names users type: keys, titles (`Amazon Keyspaces`, `SES`) and bundle titles. */
export const namedEntries: readonly NamedEntry[] = [
  ...services.map((s) => ({ key: s.key, names: [s.title], aliases: s.aliases ?? [] })),
  ...bundles.map((b) => ({ key: b.key, names: [b.title] })),
];

/** Closest catalog keys and bundle keys to a name the catalog does not know, by key, title and edits. */
export function suggestNames(name: string): string[] {
  const tail = name.includes(".amazonaws.") ? name.replace(/^.*\.amazonaws\.[a-z0-9-]+\./, "") : name;
  return suggestEntries(tail, namedEntries);
}
