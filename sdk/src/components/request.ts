/**
 * Turns `EndpointPlanArgs` into the planner's request, and the planner's field paths back into arg
 * names. Ids that are Outputs get readable placeholders (`subnet-pending-us-east-1a`) for the
 * planner; the maps returned here swap the real Inputs back in when resources are created.
 * No Pulumi runtime import: `vpce-plan preview` and the tests use this without the engine.
 */
import type * as pulumi from "@pulumi/pulumi";
import { findService, getBundle, suggestNames } from "../catalog";
import type { NetworkFound } from "../facts/needs";
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
  /** Placeholder ids (`subnet-pending-...`) of ids that are Outputs: nothing can be looked up by them. */
  pending: ReadonlySet<string>;
  /** Rewrites a planner path (`services[2].type`) to the arg the caller wrote (`serviceOptions.s3.type`). */
  argPath(path: string): string;
}

export const isPlain = (value: unknown): value is string => typeof value === "string";
const asArray = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
const clean = (text: string): string => text.replace(/[^A-Za-z0-9-]+/g, "-");

export function prepareRequest(args: EndpointPlanArgs, found: NetworkFound): PreparedRequest {
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
  if (args.facts !== undefined) request.facts = { ...args.facts };
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
  const pending = new Set(
    [[vpcId, vpcArgs.id] as const, ...subnets, ...[...routeTables].map(([id, ref]) => [id, ref.input] as const), ...securityGroups].flatMap(
      ([id, input]) => (isPlain(input) ? [] : [id]),
    ),
  );
  return { request, vpcId: vpcArgs.id, subnets, routeTables, securityGroups, problems, pending, argPath };
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
