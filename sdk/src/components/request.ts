/**
 * Turns `EndpointPlanArgs` into the planner's request, and the planner's field paths back into arg
 * names. Ids that are Outputs get readable placeholders (`subnet-pending-us-east-1a`) for the
 * planner; the maps returned here swap the real Inputs back in when resources are created.
 * No Pulumi runtime import: `vpce-plan preview` and the tests use this without the engine.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  findService,
  getBundle,
  getRegion,
  hasFipsIn,
  parseEndpointServiceName,
  serviceNameIn,
  suggestNames,
  type CatalogService,
} from "../catalog";
import type { PlanRequest, Problem, ServiceRequest, SubnetSpec } from "../plan/types";
import type { EndpointPlanArgs, ServiceOptionsArgs } from "./args";
import { toPolicy, toServiceRequest, toTraffic, type GroupId } from "./mapping";

/** A route table as the component names it: by id when the id is plain, else by a stable label. */
export interface RouteTableRef {
  input: pulumi.Input<string>;
  key: string;
}

export interface PreparedRequest {
  request: PlanRequest;
  vpcId: pulumi.Input<string>;
  /** Planner subnet id -> the subnet id Input. */
  subnets: Map<string, pulumi.Input<string>>;
  /** Planner route table id -> the Input and its naming key. */
  routeTables: Map<string, RouteTableRef>;
  /** Planner security group id -> Input (mode existing). */
  securityGroups: Map<string, pulumi.Input<string>>;
  /** Problems found in the args before planning (e.g. policy JSON, options for unrequested services). */
  problems: Problem[];
  /** Rewrites a planner path (`services[2].type`) to the arg the caller wrote (`serviceOptions.s3.type`). */
  argPath(path: string): string;
}

/** Facts found by lookups before the request is built. */
export interface LookedUpArgs {
  region: string;
  /** Subnet index -> AZ, IPv6 and tags found with getSubnet, route table (and whether it is public) with getRouteTable. */
  subnets?: Map<number, SubnetFound>;
  /** Subnets found by `subnetTags` that the args do not list. */
  tagged?: Array<SubnetFound & { id: string }>;
  /** Per security group id: its VPC. */
  securityGroupVpcs?: Record<string, string>;
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

export const isPlain = (value: unknown): value is string => typeof value === "string";
const asArray = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
const clean = (text: string): string => text.replace(/[^A-Za-z0-9-]+/g, "-");

export function prepareRequest(args: EndpointPlanArgs, found: LookedUpArgs): PreparedRequest {
  const problems: Problem[] = [];
  const subnets = new Map<string, pulumi.Input<string>>();
  const routeTables = new Map<string, RouteTableRef>();
  const securityGroups = new Map<string, pulumi.Input<string>>();
  const taken = new Set<string>();
  // Placeholders carry the AZ, so messages stay readable; a counter only breaks ties within an AZ.
  const unique = (base: string): string => {
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
    taken.add(candidate);
    return candidate;
  };
  const routeTableByInput = new Map<unknown, string>();

  const listed = args.subnets === undefined ? [] : args.subnets;
  const subnetArgs = Array.isArray(listed)
    ? [...listed, ...(found.tagged ?? []).filter((t) => !listed.some((s) => s?.id === t.id))]
    : listed;
  const subnetSpecs: SubnetSpec[] | unknown = Array.isArray(subnetArgs)
    ? subnetArgs.map((subnet, i): SubnetSpec => {
        const lookedUp = found.subnets?.get(i);
        const az = subnet?.az ?? lookedUp?.az;
        const azId = subnet?.azId ?? lookedUp?.azId;
        const id = isPlain(subnet?.id) ? subnet.id : unique(`subnet-pending-${clean(az ?? azId ?? `index-${i}`)}`);
        subnets.set(id, subnet?.id);
        const spec: SubnetSpec = { id };
        if (az !== undefined) spec.az = az;
        if (azId !== undefined) spec.azId = azId;
        const ipv6 = subnet?.ipv6 ?? lookedUp?.ipv6;
        if (ipv6 !== undefined) spec.ipv6 = ipv6;
        const ipv6Only = subnet?.ipv6Only ?? lookedUp?.ipv6Only;
        if (ipv6Only !== undefined) spec.ipv6Only = ipv6Only;
        const isPublic = subnet?.public ?? lookedUp?.public;
        if (isPublic !== undefined) spec.public = isPublic;
        const tags = subnet?.tags ?? lookedUp?.tags;
        if (tags !== undefined) spec.tags = tags;
        const rtb = subnet?.routeTableId ?? lookedUp?.routeTableId;
        if (rtb !== undefined) {
          let rtbId = isPlain(rtb) ? rtb : routeTableByInput.get(rtb);
          if (!rtbId) {
            const label = unique(clean(az ?? `subnet-${i}`));
            rtbId = `rtb-pending-${label}`;
            routeTableByInput.set(rtb, rtbId);
            routeTables.set(rtbId, { input: rtb, key: label });
          } else if (isPlain(rtb)) {
            routeTables.set(rtbId, { input: rtb, key: rtb });
          }
          spec.routeTableId = rtbId;
        }
        return spec;
      })
    : subnetArgs;

  const vpcArgs = args.vpc ?? ({} as EndpointPlanArgs["vpc"]);
  const vpcId = isPlain(vpcArgs.id) ? vpcArgs.id : "vpc-pending";
  const vpc: PlanRequest["vpc"] = { id: vpcId };
  const cidrs = vpcArgs.cidrs ?? found.vpc?.cidrs;
  const ipv6Cidrs = vpcArgs.ipv6Cidrs ?? found.vpc?.ipv6Cidrs;
  const dnsSupport = vpcArgs.dnsSupport ?? found.vpc?.dnsSupport;
  const dnsHostnames = vpcArgs.dnsHostnames ?? found.vpc?.dnsHostnames;
  if (cidrs !== undefined) vpc.cidrs = cidrs;
  if (ipv6Cidrs?.length) vpc.ipv6Cidrs = ipv6Cidrs;
  if (dnsSupport !== undefined) vpc.dnsSupport = dnsSupport;
  if (dnsHostnames !== undefined) vpc.dnsHostnames = dnsHostnames;

  const groupId: GroupId = (id, label) => {
    const plannerId = isPlain(id) ? id : unique(`sg-pending-${clean(label)}`);
    securityGroups.set(plannerId, id);
    return plannerId;
  };
  const services = buildServices(args, problems, groupId);
  const request: PlanRequest = { version: 1, region: found.region, vpc, subnets: subnetSpecs as SubnetSpec[], services: services.entries };
  if (args.bundles !== undefined) request.bundles = args.bundles;
  if (args.access !== undefined) request.access = args.access;
  if (args.ha !== undefined) request.ha = args.ha;
  const traffic = toTraffic(args, problems);
  if (traffic !== undefined) request.traffic = traffic;
  if (args.subnetTags !== undefined) request.subnetTags = args.subnetTags;
  if (args.prices !== undefined) request.prices = args.prices;
  if (args.tags !== undefined) request.tags = args.tags;
  if (args.quotas !== undefined) request.quotas = args.quotas;
  if (args.facts !== undefined || found.securityGroupVpcs) {
    request.facts = { ...(args.facts ?? {}) };
    if (found.securityGroupVpcs) request.facts.securityGroupVpcs = { ...found.securityGroupVpcs, ...(args.facts?.securityGroupVpcs ?? {}) };
  }
  if (args.defaults !== undefined) {
    const { policy, ...rest } = args.defaults;
    request.defaults = { ...rest, ...(policy ? { policy: toPolicy(policy, "defaults.policy", problems) } : {}) };
  }
  if (args.securityGroup !== undefined) {
    const { ids, ...rest } = args.securityGroup;
    request.securityGroup = rest;
    if (ids !== undefined) {
      request.securityGroup.ids = Array.isArray(ids) ? ids.map((id, i) => groupId(id, String(i))) : ids;
    }
  }

  const pathOf = services.paths;
  const argPath = (path: string): string => {
    // Subnets found by subnetTags follow the listed ones: a problem with one names the tags.
    const subnet = /^subnets\[(\d+)\]/.exec(path);
    if (subnet && Array.isArray(listed) && Number(subnet[1]) >= listed.length) return "subnetTags";
    const match = /^services\[(\d+)\](.*)$/.exec(path);
    const option = match && pathOf.get(Number(match[1]));
    if (!match || !option) return path;
    const [, index, rest] = match;
    if (rest === "" || rest === ".name") return option.listed ? `services[${index}]` : `serviceOptions.${option.name}`;
    return `serviceOptions.${option.name}${rest}`;
  };
  return { request, vpcId: vpcArgs.id, subnets, routeTables, securityGroups, problems, argPath };
}

/**
 * `services` plus `serviceOptions` as the planner's `services[]`: an entry with options replaces the
 * bare name at the same index (so planner paths map back), and options for a bundle's service are
 * appended. Options for a service nobody asked for are a problem, not a silent extra endpoint.
 */
function buildServices(
  args: EndpointPlanArgs,
  problems: Problem[],
  groupId: GroupId,
): { entries: Array<string | ServiceRequest>; paths: Map<number, { name: string; listed: boolean }> } {
  const paths = new Map<number, { name: string; listed: boolean }>();
  if (args.services !== undefined && !Array.isArray(args.services)) return { entries: args.services, paths };
  const listed = asArray(args.services);
  const keyOf = (name: string): string => (typeof name === "string" ? (findService(name)?.service.key ?? name) : name);
  const options = new Map<string, { name: string; options: ServiceOptionsArgs }>();
  for (const [name, value] of Object.entries(args.serviceOptions ?? {})) options.set(keyOf(name), { name, options: value ?? {} });

  const entries: Array<string | ServiceRequest> = listed.map((name, i) => {
    const key = keyOf(name);
    const option = options.get(key);
    if (!option) return name;
    options.delete(key);
    paths.set(i, { name: option.name, listed: true });
    return { name, ...toServiceRequest(option.options, `serviceOptions.${option.name}`, problems, groupId) };
  });
  const bundled = new Set(asArray(args.bundles).flatMap((b) => getBundle(b)?.services ?? []));
  for (const [key, option] of options) {
    const path = `serviceOptions.${option.name}`;
    if (bundled.has(key)) {
      paths.set(entries.length, { name: option.name, listed: false });
      entries.push({ name: key, ...toServiceRequest(option.options, path, problems, groupId) });
    } else if (!findService(option.name)) {
      const hints = suggestNames(option.name);
      problems.push({
        code: "UNKNOWN_SERVICE",
        path,
        message: `"${option.name}" is not a service in the catalog.`,
        hint: hints.length ? `Did you mean ${hints.join(", ")}?` : "Run `vpce-plan catalog --search TEXT` to find the key.",
      });
    } else {
      problems.push({
        code: "SERVICE_NOT_REQUESTED",
        path,
        message: `options are given for ${option.name}, which neither services nor bundles request.`,
        hint: `Add ${option.name} to services, or remove serviceOptions.${option.name}.`,
      });
    }
  }
  return { entries, paths };
}

/** A service whose interface-endpoint facts (AZs, private DNS, IP types, policy) are worth looking up. */
export interface ServiceLookup {
  key: string;
  serviceName: string;
  /** The service's region when it is not the VPC's (looked up with `serviceRegions`). */
  serviceRegion?: string;
  /** The arg that asked for it (`services[1]`, `bundles[0]`). */
  path: string;
  /** An appliance's endpoint service (`serviceOptions.<name>.type: GatewayLoadBalancer`), looked up as that type. */
  serviceType?: "GatewayLoadBalancer";
}

/**
 * Services that may get an interface endpoint and have no `facts.serviceAzs` entry. Pure S3/DynamoDB
 * gateways need no lookup; names the catalog does not know are left to the planner's error.
 */
export function servicesToLookUp(args: EndpointPlanArgs, region: string): ServiceLookup[] {
  const catalogRegion = getRegion(region);
  if (!catalogRegion) return [];
  const access = args.access ?? {};
  const external = Boolean(asArray(access.onPremises?.cidrs).length || asArray(access.peerVpcs).length || access.fromVpc === false);
  const out = new Map<string, ServiceLookup>();
  for (const { service, type, path, fips, serviceRegion } of requestedServices(args, region)) {
    const canInterface = service.types.includes("Interface");
    const remote = serviceRegion ? getRegion(serviceRegion) : undefined;
    if (serviceRegion && !remote) continue;
    const mayInterface =
      canInterface && type !== "Gateway" && (remote || type === "Interface" || !service.types.includes("Gateway") || external);
    // A FIPS endpoint's facts are those of the FIPS endpoint service.
    const hosted = remote ?? catalogRegion;
    const useFips = (fips ?? args.defaults?.fips ?? false) && hasFipsIn(service, hosted);
    const serviceName = serviceNameIn(service, hosted, "Interface", useFips);
    // The planner keys a service of another region by its full (non-FIPS) name.
    const key = remote ? serviceNameIn(service, remote) : service.key;
    if (!mayInterface || args.facts?.serviceAzs?.[key] || out.has(key)) continue;
    out.set(key, { key, serviceName, path, ...(remote ? { serviceRegion } : {}) });
  }
  // Endpoint services outside the catalog: everything the planner knows of them comes from here.
  asArray(args.services).forEach((name, i) => {
    const found = typeof name === "string" ? parseEndpointServiceName(name) : undefined;
    if (!found || args.facts?.serviceAzs?.[name] || out.has(name)) return;
    out.set(name, {
      key: name,
      serviceName: name,
      path: `services[${i}]`,
      ...(found.region !== region ? { serviceRegion: found.region } : {}),
      ...(args.serviceOptions?.[name]?.type === "GatewayLoadBalancer" ? { serviceType: "GatewayLoadBalancer" as const } : {}),
    });
  });
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Whether any requested service may get a gateway endpoint, which needs the subnets' route tables. */
export function mayUseGateway(args: EndpointPlanArgs, region: string): boolean {
  return requestedServices(args, region).some(({ service, type }) => service.types.includes("Gateway") && type !== "Interface");
}

/** Every service the args ask for (listed, then bundle members) that the catalog knows in `region`. */
function requestedServices(
  args: EndpointPlanArgs,
  region: string,
): Array<{ service: CatalogService; type: string; path: string; fips?: boolean; serviceRegion?: string }> {
  const names: Array<[string, string]> = [
    ...asArray(args.services).map((name, i): [string, string] => [name, `services[${i}]`]),
    ...asArray(args.bundles).flatMap((b, i) => (getBundle(b)?.services ?? []).map((name): [string, string] => [name, `bundles[${i}]`])),
  ];
  const optionsByKey = new Map(Object.entries(args.serviceOptions ?? {}).map(([name, o]) => [findService(name)?.service.key ?? name, o]));
  return names.flatMap(([name, path]) => {
    const found = typeof name === "string" ? findService(name) : undefined;
    if (!found) return [];
    const options = optionsByKey.get(found.service.key);
    const serviceRegion = options?.region ?? found.region;
    return [
      {
        service: found.service,
        type: options?.type ?? "Auto",
        path,
        fips: options?.fips ?? found.fips,
        ...(serviceRegion && serviceRegion !== region ? { serviceRegion } : {}),
      },
    ];
  });
}
