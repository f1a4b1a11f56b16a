/**
 * Which facts a request still needs from AWS: one pure function of the planner's request, read by
 * every source (the components' Pulumi invokes and the CLI's AWS SDK reader). A source answers this
 * list and nothing else, so the CLI and the components look up the same things for the same request.
 * Pure: no I/O, no Pulumi; only the catalog.
 */
import { findService, getBundle, getRegion, hasFipsIn, parseEndpointServiceName, serviceNameIn, type CatalogService } from "../catalog";
import type { PlanRequest, ServiceRequest } from "../plan/types";

/** A service whose interface-endpoint facts (AZs, private DNS, IP types, policy) are worth looking up. */
export interface ServiceNeed {
  /** The planner's key for it: the catalog key, or the full name of a service in another region or outside the catalog. */
  key: string;
  serviceName: string;
  /** The service's region when it is not the VPC's (looked up with `ServiceRegions`). */
  serviceRegion?: string;
  /** The request field that asked for it (`services[1]`, `bundles[0]`). */
  path: string;
  /** An appliance's endpoint service (`type: GatewayLoadBalancer`), looked up as that type. */
  serviceType?: "GatewayLoadBalancer";
}

/** What one listed subnet still lacks. */
export interface SubnetNeed {
  /** Position in `request.subnets`: what is found is keyed by it. */
  index: number;
  id: string;
  path: string;
  /** Its AZ (and AZ id, IPv6 CIDRs) is not given. */
  az: boolean;
  /** Its tags are not given and `subnetTags` selects by them. */
  tags: boolean;
  /** A gateway endpoint may need its route table, which is not given. */
  routeTable: boolean;
  /** Whether it is public (routes to an internet gateway) is not given. */
  public: boolean;
  /** The route table the request names, to read its routes from. */
  routeTableId?: string;
}

export interface FactsNeeded {
  services: ServiceNeed[];
  /** Some service may get a gateway endpoint: subnets need their route tables. */
  gateway: boolean;
  /** The VPC id, when it is known (not a placeholder). */
  vpcId?: string;
  /** The VPC's CIDRs or DNS attributes are not all given. */
  vpc: boolean;
  subnets: SubnetNeed[];
  /** Subnets of the VPC to find by `subnetTags`, besides the listed ones. */
  tagged?: { tags: Record<string, string>; listed: string[] };
  /** Security groups whose VPC the planner checks, with the request field that names each. */
  securityGroups: Array<{ id: string; path: string }>;
  /** An `account-only` policy names no account and no account id is given. */
  accountId: boolean;
}

/** What a source found that completes the request itself (subnets, VPC); what the planner reads beside the request is PlanFacts. */
export interface NetworkFound {
  region: string;
  /** Subnet index -> AZ, IPv6 and tags found with getSubnet, route table (and whether it is public) with getRouteTable. */
  subnets?: Map<number, SubnetFound>;
  /** Subnets found by `subnetTags` that the request does not list. */
  tagged?: Array<SubnetFound & { id: string }>;
  vpc?: { cidrs?: string[]; ipv6Cidrs?: string[]; dnsSupport?: boolean; dnsHostnames?: boolean };
}

export interface SubnetFound {
  az?: string;
  azId?: string;
  ipv6?: boolean;
  ipv6Only?: boolean;
  routeTableId?: string;
  public?: boolean;
  tags?: Record<string, string>;
}

/** A request as far as it is known: the CLI asks before the VPC snapshot completes it. */
export type RequestSoFar = Partial<PlanRequest> & Pick<PlanRequest, "region">;

const asArray = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
const nameOf = (entry: string | ServiceRequest): string => (typeof entry === "string" ? entry : entry?.name);

/**
 * The facts `request` does not give. `pending` holds ids that are placeholders for values unknown
 * until deployment (a component's Outputs): nothing can be looked up by them.
 */
export function factsNeeded(request: RequestSoFar, pending: ReadonlySet<string> = new Set()): FactsNeeded {
  const known = (id: unknown): id is string => typeof id === "string" && !pending.has(id);
  const vpcId = known(request.vpc?.id) ? request.vpc.id : undefined;
  const gateway = requestedServices(request).some(({ service, type }) => service.types.includes("Gateway") && type !== "Interface");
  const subnetTags = Object.keys(request.subnetTags ?? {}).length ? request.subnetTags : undefined;
  const subnets = asArray(request.subnets).flatMap((s, index): SubnetNeed[] => {
    if (!known(s?.id)) return [];
    const need: SubnetNeed = {
      index,
      id: s.id,
      path: `subnets[${index}]`,
      az: !s.az,
      tags: Boolean(subnetTags && !s.tags),
      routeTable: gateway && s.routeTableId === undefined,
      public: s.public === undefined,
      ...(known(s.routeTableId) ? { routeTableId: s.routeTableId } : {}),
    };
    return need.az || need.tags || need.routeTable || need.public ? [need] : [];
  });
  const vpc = request.vpc;
  const policies = [request.defaults?.policy, ...asArray(request.services).map((s) => (typeof s === "string" ? undefined : s?.policy))];
  return {
    services: servicesNeeded(request),
    gateway,
    ...(vpcId ? { vpcId } : {}),
    vpc: Boolean(vpc && vpcId && (vpc.cidrs === undefined || vpc.dnsSupport === undefined || vpc.dnsHostnames === undefined)),
    subnets,
    ...(subnetTags && vpcId ? { tagged: { tags: subnetTags, listed: asArray(request.subnets).map((s) => s?.id) } } : {}),
    securityGroups: namedSecurityGroups(request).filter((g) => known(g.id)),
    accountId: !request.facts?.accountId && policies.some((p) => p?.template === "account-only" && !p.accountIds?.length && !p.document),
  };
}

/** What a subnet found by `subnetTags` needs: everything but the tags it was found by. */
export function taggedSubnetNeed(needs: FactsNeeded, id: string): SubnetNeed {
  return { index: -1, id, path: "subnetTags", az: true, tags: false, routeTable: needs.gateway, public: true };
}

/** The service names to look up, by the region that hosts them (`""` for the VPC's own). */
export function serviceNamesByRegion(services: readonly ServiceNeed[]): Record<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const s of services) {
    const region = s.serviceRegion ?? "";
    if (!groups.has(region)) groups.set(region, new Set());
    groups.get(region)!.add(s.serviceName);
  }
  return Object.fromEntries([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([r, names]) => [r, [...names].sort()]));
}

/** Security group ids the request names as consumers or attached groups, with their request paths. */
export function namedSecurityGroups(request: Pick<PlanRequest, "access" | "services">): Array<{ id: string; path: string }> {
  return [
    ...asArray(request.access?.securityGroups).map((id, i) => ({ id, path: `access.securityGroups[${i}]` })),
    ...asArray(request.services).flatMap((s, i) =>
      typeof s === "string" ? [] : asArray(s?.securityGroupIds).map((id, j) => ({ id, path: `services[${i}].securityGroupIds[${j}]` })),
    ),
  ];
}

/**
 * Services that may get an interface endpoint and have no `facts.serviceAzs` entry. Pure S3/DynamoDB
 * gateways need no lookup; names the catalog does not know are left to the planner's error.
 */
function servicesNeeded(request: RequestSoFar): ServiceNeed[] {
  const region = request.region;
  const catalogRegion = getRegion(region);
  if (!catalogRegion) return [];
  const access = request.access ?? {};
  const external = Boolean(asArray(access.onPremises?.cidrs).length || asArray(access.peerVpcs).length || access.fromVpc === false);
  const given = request.facts?.serviceAzs;
  const out = new Map<string, ServiceNeed>();
  for (const { service, type, path, fips, serviceRegion } of requestedServices(request)) {
    const canInterface = service.types.includes("Interface");
    const remote = serviceRegion ? getRegion(serviceRegion) : undefined;
    if (serviceRegion && !remote) continue;
    const mayInterface =
      canInterface && type !== "Gateway" && (remote || type === "Interface" || !service.types.includes("Gateway") || external);
    // A FIPS endpoint's facts are those of the FIPS endpoint service.
    const hosted = remote ?? catalogRegion;
    const useFips = (fips ?? request.defaults?.fips ?? false) && hasFipsIn(service, hosted);
    const serviceName = serviceNameIn(service, hosted, "Interface", useFips);
    // The planner keys a service of another region by its full (non-FIPS) name.
    const key = remote ? serviceNameIn(service, remote) : service.key;
    if (!mayInterface || given?.[key] || out.has(key)) continue;
    out.set(key, { key, serviceName, path, ...(remote ? { serviceRegion } : {}) });
  }
  // Endpoint services outside the catalog: everything the planner knows of them comes from here.
  asArray(request.services).forEach((entry, i) => {
    const name = nameOf(entry);
    const found = typeof name === "string" ? parseEndpointServiceName(name) : undefined;
    if (!found || given?.[name] || out.has(name)) return;
    out.set(name, {
      key: name,
      serviceName: name,
      path: `services[${i}]`,
      ...(found.region !== region ? { serviceRegion: found.region } : {}),
      ...(typeof entry !== "string" && entry?.type === "GatewayLoadBalancer" ? { serviceType: "GatewayLoadBalancer" as const } : {}),
    });
  });
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Every service the request asks for (listed, then bundle members) that the catalog knows, with its
 * requested type, FIPS choice and region (when not the VPC's).
 */
function requestedServices(
  request: RequestSoFar,
): Array<{ service: CatalogService; type: string; path: string; fips?: boolean; serviceRegion?: string }> {
  const entries = asArray(request.services);
  const options = new Map<string, ServiceRequest>();
  for (const entry of entries) {
    const found = typeof entry === "object" && entry !== null && typeof entry.name === "string" ? findService(entry.name) : undefined;
    if (found && !options.has(found.service.key)) options.set(found.service.key, entry as ServiceRequest);
  }
  const names: Array<[string, string]> = [
    ...entries.map((entry, i): [string, string] => [nameOf(entry), `services[${i}]`]),
    ...asArray(request.bundles).flatMap((b, i) => (getBundle(b)?.services ?? []).map((name): [string, string] => [name, `bundles[${i}]`])),
  ];
  return names.flatMap(([name, path]) => {
    const found = typeof name === "string" ? findService(name) : undefined;
    if (!found) return [];
    const option = options.get(found.service.key);
    const serviceRegion = option?.region ?? found.region;
    return [
      {
        service: found.service,
        type: option?.type ?? "Auto",
        path,
        fips: option?.fips ?? found.fips,
        ...(serviceRegion && serviceRegion !== request.region ? { serviceRegion } : {}),
      },
    ];
  });
}
