/**
 * Reads a request: structure (shape.ts), then the cross-field rules that do not depend on a
 * decision (region, CIDRs, subnets, services and bundles). Produces the normalised input the
 * decision modules work on, and every problem found.
 */
import {
  crossRegionServiceKeys,
  findService,
  getBundle,
  getRegion,
  isCrossRegionEnabled,
  parseEndpointServiceName,
  regionCodes,
  serviceNameIn,
  suggestNames,
  didYouMean,
  type CatalogService,
  type EndpointServiceName,
  type Region,
} from "../catalog";
import { blockContains, compareBlocks, mergeBlocks, parseBlock, parseCidr, type Block } from "./cidr";
import { Problems } from "./problems";
import { Report } from "./rules/context";
import { checkServiceRegion, CODES as CROSS_REGION, type CrossRegionContext } from "./rules/crossRegion";
import { withPort, CODES as ENDPOINT_SERVICES, endpointServiceEntry, type EndpointServiceContext } from "./rules/endpointServices";
import { subnetZone, CODES as ZONES } from "./rules/zones";
import { requestShape } from "./schema";
import { checkFields, type Shape } from "./shape";
import type { PlanFacts, PlanRequest, ServiceRequest, SubnetSpec } from "./types";

export interface ResolvedService {
  /**
   * The service's identity in this request (facts, traffic, messages): the catalog key, or the full
   * service name for a service in another region.
   */
  key: string;
  /** Resource-name stem: the key, or `<catalog key>-<service region>` for a service in another region. */
  name: string;
  catalog: CatalogService;
  /** The region the service lives in when it is not the VPC's (a cross-region interface endpoint). */
  serviceRegion?: Region;
  /** An endpoint service outside the catalog (partner, SaaS, your own), by full name. */
  endpointService?: boolean;
  options: ServiceRequest;
  /** Where the service was asked for, for error paths. */
  path: string;
  /** The service was named by its FIPS name (`kms-fips`), which asks for the FIPS endpoint. */
  fipsByName?: boolean;
}

export interface NormalizedRequest {
  request: PlanRequest;
  region: Region;
  subnets: Array<SubnetSpec & { az: string }>;
  services: ResolvedService[];
  facts: PlanFacts;
}

export const SUPPORTED_VERSION = 1;

export interface ReadOptions {
  /** A VPC that only hosts endpoints for others (a hub) may ask for no service itself. */
  servicesOptional?: boolean;
}

export function readRequest(
  input: unknown,
  lookedUp: PlanFacts | undefined,
  problems: Problems,
  options: ReadOptions = {},
): NormalizedRequest | undefined {
  const failed = checkFields(input, requestShape, "", problems);
  if (!failed) return undefined;
  // Fields of the wrong shape (or missing) are left out so that the rules reading the other fields
  // still run and one run reports every problem (a missing vpc and an unknown region alike); no
  // decision is made on such a partial request (see the end).
  const request = Object.fromEntries(Object.entries(input as object).filter(([key]) => !failed.has(key))) as unknown as PlanRequest;
  checkVersion(request.version, problems);
  const region = failed.has("region") ? undefined : readRegion(request.region, "region", problems);
  if (!failed.has("vpc")) checkCidrs(request, problems);
  const subnets = readSubnets(request, region !== undefined, problems);
  const before = problems.list.length;
  const services = region ? readServices(request, region, problems, options) : [];
  if (!failed.has("services") && !failed.has("bundles")) checkTraffic(request, services, problems.list.length > before, problems);
  if (request.access?.peerVpcs) {
    const seen = new Set<string>();
    request.access.peerVpcs.forEach((peer, i) => {
      if (peer.region) readRegion(peer.region, `access.peerVpcs[${i}].region`, problems);
      if (seen.has(peer.name))
        problems.add(
          "DUPLICATE_PEER",
          `access.peerVpcs[${i}].name`,
          `peer VPC "${peer.name}" is listed twice.`,
          "Give each peer VPC a unique name.",
        );
      seen.add(peer.name);
    });
  }
  // With a sound structure and a known region, go on to the decisions even if problems were
  // found, so that one run reports every problem (a bad CIDR and a forced gateway for sts alike).
  if (!region || failed.size) return undefined;
  return { request, region, subnets, services, facts: mergeFacts(lookedUp, request.facts) };
}

/** Requests (single-VPC and network alike) carry an optional `version`; only 1 exists. */
export function checkVersion(version: number | undefined, problems: Problems): void {
  if (version !== undefined && version !== SUPPORTED_VERSION) {
    problems.add(
      "UNSUPPORTED_VERSION",
      "version",
      `version ${version} is not supported by this vpce-plan.`,
      `Use version: ${SUPPORTED_VERSION} or upgrade vpce-plan.`,
    );
  }
}

function readRegion(code: string, path: string, problems: Problems): Region | undefined {
  const region = getRegion(code);
  if (!region) {
    const hint = didYouMean(code, regionCodes());
    problems.add(
      "UNKNOWN_REGION",
      path,
      `"${code}" is not an AWS region this catalog knows.`,
      hint ? hint.charAt(0).toUpperCase() + hint.slice(1) : "Use a region code such as us-east-1.",
    );
  }
  return region;
}

function checkCidrs(request: PlanRequest, problems: Problems): void {
  const lists: Array<[string, string[] | undefined, 4 | 6 | undefined]> = [
    ["vpc.cidrs", request.vpc.cidrs, 4],
    ["vpc.ipv6Cidrs", request.vpc.ipv6Cidrs, 6],
    ["access.onPremises.cidrs", request.access?.onPremises?.cidrs, undefined],
    ["access.extraCidrs", request.access?.extraCidrs, undefined],
    ...(request.access?.peerVpcs ?? []).map((p, i): [string, string[], undefined] => [`access.peerVpcs[${i}].cidrs`, p.cidrs, undefined]),
  ];
  const declared: Array<{ cidr: string; path: string }> = [];
  for (const [path, cidrs, family] of lists) {
    (cidrs ?? []).forEach((text, i) => {
      const parsed = parseCidr(text);
      if (typeof parsed === "string") {
        problems.add("INVALID_CIDR", `${path}[${i}]`, `"${text}" ${parsed}.`, "Write a network CIDR such as 10.0.0.0/16.");
      } else if (family && parsed.family !== family) {
        problems.add(
          "INVALID_CIDR",
          `${path}[${i}]`,
          `"${text}" is not an IPv${family} CIDR.`,
          family === 4 ? "Put IPv6 blocks in vpc.ipv6Cidrs." : "Put IPv4 blocks in vpc.cidrs.",
        );
      } else if (parsed.prefix === 0 && path !== "access.extraCidrs") {
        problems.add(
          "OPEN_CIDR_NOT_EXPLICIT",
          `${path}[${i}]`,
          `"${text}" admits the whole internet.`,
          "Declare narrower networks; if you really mean everyone, list it in access.extraCidrs.",
        );
      } else if (path !== "access.extraCidrs") declared.push({ cidr: text, path: `${path}[${i}]` });
    });
  }
  // The guard judges what the rules admit, not how it is spelt: 0.0.0.0/1 and 128.0.0.0/1 merge
  // (security groups merge exact halves to fit the rules quota) into a literal 0.0.0.0/0.
  for (const merged of mergeBlocks(declared.map((d) => d.cidr))) {
    if (!merged.cidr.endsWith("/0")) continue;
    // Name the widest blocks only: those inside another (the VPC's own, say) add nothing to the union.
    const covers = new Set(merged.covers);
    const widest: Array<{ cidr: string; path: string; block: Block }> = [];
    for (const d of declared
      .filter((d) => covers.has(d.cidr))
      .map((d) => ({ ...d, block: parseBlock(d.cidr)! }))
      .sort((a, b) => compareBlocks(a.block, b.block)))
      if (!widest.length || !blockContains(widest[widest.length - 1].block, d.block)) widest.push(d);
    problems.add(
      "OPEN_CIDR_NOT_EXPLICIT",
      widest[0].path,
      `${widest.map((d) => `"${d.cidr}" (${d.path})`).join(", ")} together admit the whole internet (${merged.cidr}).`,
      "Declare narrower networks; if you really mean everyone, list it in access.extraCidrs.",
    );
  }
}

function readSubnets(request: PlanRequest, regionKnown: boolean, problems: Problems): NormalizedRequest["subnets"] {
  const zones = new Report(problems).for(ZONES);
  const seen = new Set<string>();
  const out: NormalizedRequest["subnets"] = [];
  (request.subnets ?? []).forEach((subnet, i) => {
    const path = `subnets[${i}]`;
    if (seen.has(subnet.id)) {
      problems.add("DUPLICATE_SUBNET", `${path}.id`, `subnet ${subnet.id} is listed twice.`, "List each subnet once.");
      return;
    }
    seen.add(subnet.id);
    const az = subnetZone(zones, subnet, path, regionKnown ? request.region : undefined);
    if (az) out.push({ ...subnet, az });
  });
  return out;
}

function readServices(request: PlanRequest, region: Region, problems: Problems, options: ReadOptions): ResolvedService[] {
  // Precedence when a service is asked for more than once: an entry with options beats a bare
  // name, which beats a bundle member. Two entries with options are a conflict.
  const byKey = new Map<string, { service: ResolvedService; rank: number }>();
  const contexts = resolveContexts(problems);
  // `options` is undefined for a bare name (or a bundle member): nothing to copy then.
  const add = (name: string, options: ServiceRequest | undefined, path: string, rank: number): void => {
    const resolved = resolveName(name, region, path, contexts, options);
    if (!resolved) return;
    const { service: found, fips: fipsByName } = resolved;
    const previous = byKey.get(found.key);
    if (previous && rank === 2 && previous.rank === 2) {
      problems.add(
        "DUPLICATE_SERVICE",
        path,
        `${found.key} is configured twice (also at ${previous.service.path}).`,
        "Merge the two entries into one.",
      );
      return;
    }
    if (!previous || rank > previous.rank) {
      // A FIPS name asks for the FIPS endpoint under the service's key, so re-planning (hub, spokes) keeps it.
      const fips = fipsByName && options?.fips === undefined;
      // Built field by field (no spreads): this runs for every service of every plan.
      const service = found as ResolvedService;
      service.options = options
        ? fips
          ? { ...options, fips: true, name: found.key }
          : { ...options, name: found.key }
        : fips
          ? { name: found.key, fips: true }
          : { name: found.key };
      service.path = path;
      if (fipsByName) service.fipsByName = true;
      byKey.set(found.key, { service, rank });
    }
  };
  (request.bundles ?? []).forEach((name, i) => {
    const bundle = getBundle(name);
    if (!bundle) {
      const hints = suggestNames(name);
      problems.add(
        "UNKNOWN_BUNDLE",
        `bundles[${i}]`,
        `"${name}" is not a bundle.`,
        hints.length ? `Did you mean ${hints.join(", ")}?` : "Run `vpce-plan catalog --bundles` for the list.",
      );
      return;
    }
    for (const key of bundle.services) add(key, undefined, `bundles[${i}]`, 0);
  });
  (request.services ?? []).forEach((entry, i) => {
    if (typeof entry === "string") add(entry, undefined, `services[${i}]`, 1);
    else add(entry.name, entry, `services[${i}]`, 2);
  });
  if (byKey.size === 0 && problems.empty && !options.servicesOptional) {
    problems.add(
      "NO_SERVICES",
      "services",
      "no services were requested.",
      "List services (e.g. [s3, secretsmanager]) or bundles (e.g. [ecs-fargate]).",
    );
  }
  return Array.from(byKey.values(), (e) => e.service).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

interface ResolveContexts {
  problems: Problems;
  endpointServices: EndpointServiceContext;
  crossRegion: CrossRegionContext;
}

/** Made once per request: every service name is resolved against the same report. */
function resolveContexts(problems: Problems): ResolveContexts {
  const report = new Report(problems);
  return { problems, endpointServices: report.for(ENDPOINT_SERVICES), crossRegion: report.for(CROSS_REGION) };
}

function resolveName(
  name: string,
  region: Region,
  path: string,
  contexts: ResolveContexts,
  options: ServiceRequest | undefined,
): { service: Omit<ResolvedService, "options" | "path">; fips: boolean } | undefined {
  const { problems } = contexts;
  const serviceRegion = options?.region;
  const found = findService(name);
  const endpointService = found ? undefined : parseEndpointServiceName(name);
  if (endpointService) {
    const resolved = resolveEndpointService(endpointService, region, path, contexts, options);
    return resolved && { service: resolved, fips: false };
  }
  if (!found) {
    if (getBundle(name)) {
      problems.add("BUNDLE_AS_SERVICE", path, `"${name}" is a bundle, not a service.`, `Move it to bundles: [${name}].`);
      return undefined;
    }
    const hints = suggestNames(name);
    problems.add(
      "UNKNOWN_SERVICE",
      path,
      `"${name}" is not a service in the catalog.`,
      hints.length ? `Did you mean ${hints.join(", ")}?` : "Run `vpce-plan catalog --search TEXT` to find the key.",
    );
    return undefined;
  }
  const catalog = withPort(contexts.endpointServices, found.service, options, path);
  const fips = Boolean(found.fips);
  const named = found.region && found.region !== region.code ? found.region : undefined;
  if (serviceRegion && found.region && serviceRegion !== found.region) {
    problems.add(
      "SERVICE_REGION_MISMATCH",
      `${path}.region`,
      `${name} is a service of ${found.region}, but region says ${serviceRegion}.`,
      `Give the service's region once: the key ${catalog.key} with region, or the full name alone.`,
    );
    return undefined;
  }
  const remoteCode = serviceRegion ?? named;
  if (!remoteCode || remoteCode === region.code) return { service: { key: catalog.key, name: catalog.key, catalog }, fips };
  const enabled = isCrossRegionEnabled(catalog.key);
  if (!serviceRegion && !enabled) {
    problems.add(
      "SERVICE_REGION_MISMATCH",
      path,
      `${name} is a service of ${found.region}, but the VPC is in ${region.code}, and ${catalog.key} is not cross-region enabled.`,
      `Use the key ${catalog.key}, or the ${region.code} service name. Cross-region enabled: ${crossRegionServiceKeys().join(", ")}.`,
    );
    return undefined;
  }
  const regionPath = serviceRegion ? `${path}.region` : path;
  const remote = readRegion(remoteCode, regionPath, problems);
  if (!remote) return undefined;
  const reachable = checkServiceRegion(contexts.crossRegion, {
    key: catalog.key,
    vpcRegion: region,
    serviceRegion: remote,
    enabled,
    enabledKeys: crossRegionServiceKeys(),
    path: regionPath,
  });
  if (!reachable) return undefined;
  return { service: { key: serviceNameIn(catalog, remote), name: `${catalog.key}-${remote.code}`, catalog, serviceRegion: remote }, fips };
}

/** An endpoint service by full name: its own region's, or a cross-region one when its provider allows. */
function resolveEndpointService(
  name: EndpointServiceName,
  region: Region,
  path: string,
  contexts: ResolveContexts,
  options: ServiceRequest | undefined,
): Omit<ResolvedService, "options" | "path"> | undefined {
  const { problems } = contexts;
  const catalog = endpointServiceEntry(name, options?.port);
  const resolved = { key: name.serviceName, name: name.id, catalog, endpointService: true };
  if (options?.region && options.region !== name.region) {
    problems.add(
      "SERVICE_REGION_MISMATCH",
      `${path}.region`,
      `${name.serviceName} is hosted in ${name.region}, but region says ${options.region}.`,
      "Remove region: the service name says where it lives.",
    );
    return undefined;
  }
  if (name.region === region.code) return resolved;
  const remote = readRegion(name.region, path, problems);
  if (!remote) return undefined;
  // Only the provider knows whether it enabled cross-region access: the planner warns until facts say.
  const reachable = checkServiceRegion(contexts.crossRegion, {
    key: name.serviceName,
    vpcRegion: region,
    serviceRegion: remote,
    enabled: undefined,
    enabledKeys: crossRegionServiceKeys(),
    path,
  });
  return reachable ? { ...resolved, serviceRegion: remote } : undefined;
}

function checkTraffic(request: PlanRequest, services: ResolvedService[], someRejected: boolean, problems: Problems): void {
  const keys = new Set(services.map((s) => s.key));
  // When every listed service was rejected, traffic keys cannot be judged: those errors come first.
  const allRejected = services.length === 0 && Boolean(request.services?.length || request.bundles?.length);
  for (const key of Object.keys(request.traffic ?? {})) {
    // A catalog key is most likely the service whose misspelled name was just rejected: that error says what to fix.
    if (keys.has(key) || allRejected || (someRejected && findService(key))) continue;
    const hint = didYouMean(key, keys);
    problems.add(
      "TRAFFIC_UNKNOWN_SERVICE",
      `traffic.${key}`,
      `traffic is given for ${key}, which the request does not ask for.`,
      hint ? hint.charAt(0).toUpperCase() + hint.slice(1) : "Use the catalog key of a requested service.",
    );
  }
}

const factShapes = (requestShape.fields.facts as Shape & { kind: "object" }).fields;

/**
 * Every key of `facts`, as the request schema declares them: readers that pass facts on (the
 * network planner's per-VPC facts above all) walk this list, so a new fact cannot be dropped.
 */
export const FACT_KEYS = Object.keys(factShapes) as ReadonlyArray<keyof PlanFacts>;

/** `given` over `lookedUp`: maps key by key, lists and values whole. */
export function mergeFacts(lookedUp: PlanFacts | undefined, given: PlanFacts | undefined): PlanFacts {
  const out: Record<string, unknown> = {};
  for (const field of FACT_KEYS) {
    const found = lookedUp?.[field];
    const written = given?.[field];
    if (factShapes[field].kind !== "record") {
      if ((written ?? found) !== undefined) out[field] = written ?? found;
      continue;
    }
    if (!found && !written) continue;
    const merged = { ...(found as object | undefined), ...(written as object | undefined) };
    if (Object.keys(merged).length) out[field] = merged;
  }
  return out as PlanFacts;
}
