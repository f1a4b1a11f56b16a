/**
 * Live facts -> planner input. Pure: builds (or completes) a request and the PlanFacts from a VPC
 * snapshot and the endpoint-service lookup. What the caller wrote always wins; live facts only
 * fill what is missing.
 */
import { findService, getBundle, getRegion, serviceNameIn } from "../../catalog";
import type { ExistingEndpoint, PlanFacts, PlanRequest, Problem, ServiceRequest, SubnetSpec } from "../../plan/types";
import { isLiveEndpoint, type ServiceLookup, type VpcSnapshot } from "./snapshot";

/** Full service names to look up for the requested services and bundles (unknown names are left to the planner). */
export function serviceNamesToLookUp(request: Pick<PlanRequest, "services" | "bundles">, region: string): string[] {
  const catalogRegion = getRegion(region);
  if (!catalogRegion) return [];
  const keys = new Set<string>();
  for (const b of request.bundles ?? []) for (const key of getBundle(b)?.services ?? []) keys.add(key);
  for (const s of request.services ?? []) {
    const found = findService(typeof s === "string" ? s : s.name);
    if (found) keys.add(found.service.key);
  }
  return [...keys].map((key) => serviceNameIn(findService(key)!.service, catalogRegion)).sort();
}

/** PlanFacts keyed by catalog key, from what DescribeVpcEndpointServices said. */
export function factsFromServices(lookup: ServiceLookup, ownerId?: string): PlanFacts {
  const facts: Required<Omit<PlanFacts, "accountId">> & Pick<PlanFacts, "accountId"> = {
    serviceAzs: {},
    servicePrivateDns: {},
    serviceIpTypes: {},
    servicePolicy: {},
    securityGroupVpcs: {},
  };
  for (const service of Object.values(lookup.found)) {
    const key = findService(service.serviceName)?.service.key;
    if (!key) continue;
    if (service.types.includes("Interface")) {
      facts.serviceAzs[key] = service.azs;
      facts.servicePrivateDns[key] = service.privateDnsNames;
    }
    if (service.ipTypes) facts.serviceIpTypes[key] = service.ipTypes;
    if (service.policySupported !== undefined) facts.servicePolicy[key] = service.policySupported;
  }
  // A service the region does not offer has no AZ: the planner then says so (NO_SUPPORTED_AZ).
  for (const name of lookup.missing) {
    const key = findService(name)?.service.key;
    if (key) facts.serviceAzs[key] = [];
  }
  const out: PlanFacts = {};
  for (const field of ["serviceAzs", "servicePrivateDns", "serviceIpTypes", "servicePolicy", "securityGroupVpcs"] as const) {
    if (Object.keys(facts[field]).length) (out as Record<string, unknown>)[field] = facts[field];
  }
  if (ownerId) out.accountId = ownerId;
  return out;
}

export interface Completion {
  request: PlanRequest;
  /** Request fields that contradict the VPC (a subnet that is not in it). */
  problems: Problem[];
}

/**
 * Completes `base` (a request file, or nothing) with the snapshot: region, VPC CIDRs and DNS
 * attributes, and subnets (every subnet of the VPC when the request lists none; otherwise the listed
 * ones get their AZ, route table and IPv6 flag). `services` and `bundles` are appended.
 */
export function completeRequest(
  base: Partial<PlanRequest> | undefined,
  snapshot: VpcSnapshot,
  extra: { services?: string[]; bundles?: string[] } = {},
): Completion {
  const problems: Problem[] = [];
  const { vpc } = snapshot;
  const given = base?.vpc;
  const request: PlanRequest = {
    ...(base ?? {}),
    region: base?.region ?? snapshot.region,
    vpc: {
      ...(given ?? {}),
      id: vpc.id,
      cidrs: given?.cidrs ?? vpc.cidrs,
      ...(given?.ipv6Cidrs || vpc.ipv6Cidrs.length ? { ipv6Cidrs: given?.ipv6Cidrs ?? vpc.ipv6Cidrs } : {}),
      dnsSupport: given?.dnsSupport ?? vpc.dnsSupport,
      dnsHostnames: given?.dnsHostnames ?? vpc.dnsHostnames,
    },
  };
  const live = new Map(snapshot.subnets.map((s) => [s.id, s]));
  const publicTables = new Set(snapshot.routeTables.filter((t) => t.routes.some((r) => r.gatewayId?.startsWith("igw-"))).map((t) => t.id));
  // A public subnet's route table sends traffic to an internet gateway (https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html).
  const isPublic = (s: { routeTableId?: string }): boolean => s.routeTableId !== undefined && publicTables.has(s.routeTableId);
  if (!base?.subnets?.length) {
    request.subnets = snapshot.subnets.map((s): SubnetSpec => ({
      id: s.id,
      az: s.az,
      ...(s.azId ? { azId: s.azId } : {}),
      ...(s.routeTableId ? { routeTableId: s.routeTableId } : {}),
      ipv6: s.ipv6,
      ...(isPublic(s) ? { public: true } : {}),
      ...(s.tags ? { tags: s.tags } : {}),
    }));
  } else {
    request.subnets = base.subnets.map((s, i): SubnetSpec => {
      const found = live.get(s.id);
      if (!found) {
        problems.push({
          code: "SUBNET_NOT_IN_VPC",
          path: `subnets[${i}].id`,
          message: `${s.id} is not a subnet of ${vpc.id} in ${snapshot.region}.`,
          hint: `Remove it, or pick one of: ${[...live.keys()].join(", ") || "(the VPC has no subnets)"}.`,
        });
        return s;
      }
      const routeTableId = s.routeTableId ?? found.routeTableId;
      const tags = s.tags ?? found.tags;
      const azId = s.azId ?? found.azId;
      return {
        ...s,
        az: s.az ?? found.az,
        ...(azId ? { azId } : {}),
        ...(routeTableId ? { routeTableId } : {}),
        ipv6: s.ipv6 ?? found.ipv6,
        ...((s.public ?? isPublic(found)) ? { public: true } : {}),
        ...(tags ? { tags } : {}),
      };
    });
  }
  const services: Array<string | ServiceRequest> = [...(base?.services ?? []), ...(extra.services ?? [])];
  const bundles = [...new Set([...(base?.bundles ?? []), ...(extra.bundles ?? [])])];
  if (services.length) request.services = services;
  if (bundles.length) request.bundles = bundles;
  return { request, problems };
}

/** Security group ids the request names as consumers or attached groups, with their request paths. */
export function namedSecurityGroups(request: Pick<PlanRequest, "access" | "services">): Array<[string, string]> {
  return [
    ...(request.access?.securityGroups ?? []).map((id, i): [string, string] => [id, `access.securityGroups[${i}]`]),
    ...(request.services ?? []).flatMap((s, i) =>
      typeof s === "string"
        ? []
        : (s.securityGroupIds ?? []).map((id, j): [string, string] => [id, `services[${i}].securityGroupIds[${j}]`]),
    ),
  ];
}

/** Named groups that EC2 does not know in the region: the planner checks the VPC of the others. */
export function unknownGroups(
  request: Pick<PlanRequest, "access" | "services">,
  vpcs: Record<string, string>,
  vpcId: string,
  region: string,
): Problem[] {
  return namedSecurityGroups(request)
    .filter(([id]) => vpcs[id] === undefined)
    .map(([id, path]) => ({
      code: "SECURITY_GROUP_NOT_IN_VPC",
      path,
      message: `${id} is not a security group of ${vpcId} in ${region} (EC2 does not know it).`,
      hint: `Name a security group of ${vpcId}.`,
    }));
}

/** The snapshot's endpoints that vpce-plan manages (gateway and interface, not deleted or failed). */
export function existingEndpoints(snapshot: VpcSnapshot): ExistingEndpoint[] {
  return snapshot.endpoints
    .filter((e) => (e.type === "Gateway" || e.type === "Interface") && isLiveEndpoint(e))
    .map((e) => ({
      id: e.id,
      serviceName: e.serviceName,
      type: e.type as ExistingEndpoint["type"],
      ...(e.type === "Gateway" ? { routeTableIds: e.routeTableIds } : { subnetIds: e.subnetIds, privateDns: e.privateDns }),
    }));
}
