/**
 * The service catalog: data files (services, bundles, regions) and the lookups over them.
 * Data lives in JSON so that adding a service is a data change, not a code change.
 */
import servicesFile from "./services.json";
import bundlesFile from "./bundles.json";
import regionsFile from "./regions.json";
import type { EndpointType, PriceTable } from "../plan/types";
import { suggestEntries, type NamedEntry } from "./suggest";

export { suggest, didYouMean, editDistance, nameRank, type NamedEntry } from "./suggest";

export interface CatalogService {
  key: string;
  title: string;
  types: EndpointType[];
  /** Pattern with `{region}`. */
  serviceName: string;
  /** Pattern used in China regions, where it differs. */
  serviceNameCn?: string;
  port: number;
  /** Patterns with `{region}` and `{dnsSuffix}`; may start with `*.`. */
  privateDnsNames: string[];
  policy: boolean;
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
}

export const services: readonly CatalogService[] = servicesFile.services as CatalogService[];
export const bundles: readonly Bundle[] = bundlesFile.bundles as Bundle[];
export const regions: readonly Region[] = regionsFile.regions as Region[];

const serviceByKey = new Map(services.map((s) => [s.key, s]));
const bundleByKey = new Map(bundles.map((b) => [b.key, b]));
const regionByCode = new Map(regions.map((r) => [r.code, r]));

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

// Names per (service, region) are asked for once per endpoint of every plan: memoised, since the
// catalog never changes at run time.
type Names = { serviceName: string; gatewayServiceName: string; privateDnsNames: readonly string[] };
const namesCache = new WeakMap<CatalogService, Map<string, Names>>();

function namesIn(service: CatalogService, region: Region): Names {
  let byRegion = namesCache.get(service);
  if (!byRegion) namesCache.set(service, (byRegion = new Map()));
  let names = byRegion.get(region.code);
  if (!names) {
    const pattern = region.partition === "aws-cn" && service.serviceNameCn ? service.serviceNameCn : service.serviceName;
    names = {
      serviceName: fill(pattern, region),
      gatewayServiceName: fill(service.serviceName, region),
      privateDnsNames: Object.freeze(service.privateDnsNames.map((p) => fill(p, region))),
    };
    byRegion.set(region.code, names);
  }
  return names;
}

/**
 * The service name AWS uses for this service in this region. China's `cn.com.amazonaws.*` names are
 * PrivateLink (interface) names: gateway endpoints keep `com.amazonaws.<region>.<service>` there.
 */
export function serviceNameIn(service: CatalogService, region: Region, type: EndpointType = "Interface"): string {
  const names = namesIn(service, region);
  return type === "Gateway" ? names.gatewayServiceName : names.serviceName;
}

/** The private DNS names the service's endpoints create in this region (shared; do not mutate). */
export function privateDnsNamesIn(service: CatalogService, region: Region): readonly string[] {
  return namesIn(service, region).privateDnsNames;
}

/**
 * Resolves a catalog key or a full service name (of any region) to the catalog entry.
 * `region` is the region named inside a full service name, when there is one.
 */
export function findService(name: string): { service: CatalogService; region?: string } | undefined {
  const byKey = serviceByKey.get(name);
  if (byKey) return { service: byKey };
  for (const service of services) {
    for (const pattern of [service.serviceName, service.serviceNameCn]) {
      if (!pattern) continue;
      const region = matchPattern(pattern, name);
      if (region !== undefined) return { service, region: region || undefined };
    }
  }
  return undefined;
}

/** Matches `name` against a `{region}` pattern; returns the region ("" if none), else undefined. */
function matchPattern(pattern: string, name: string): string | undefined {
  const at = pattern.indexOf("{region}");
  if (at < 0) return pattern === name ? "" : undefined;
  const head = pattern.slice(0, at);
  const tail = pattern.slice(at + "{region}".length);
  if (!name.startsWith(head) || !name.endsWith(tail) || name.length <= head.length + tail.length) return undefined;
  const region = name.slice(head.length, name.length - tail.length);
  return /^[a-z]{2}(-[a-z]+)+-\d$/.test(region) ? region : undefined;
}

/** Services and bundles under the names users type: keys, titles (`Amazon Keyspaces`, `SES`) and bundle titles. */
export const namedEntries: readonly NamedEntry[] = [
  ...services.map((s) => ({ key: s.key, names: [s.title] })),
  ...bundles.map((b) => ({ key: b.key, names: [b.title] })),
];

/** Closest catalog keys and bundle keys to a name the catalog does not know, by key, title and edits. */
export function suggestNames(name: string): string[] {
  const tail = name.includes(".amazonaws.") ? name.replace(/^.*\.amazonaws\.[a-z0-9-]+\./, "") : name;
  return suggestEntries(tail, namedEntries);
}
