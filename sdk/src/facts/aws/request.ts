/**
 * Live facts -> planner input. Pure: builds (or completes) a request and the PlanFacts from a VPC
 * snapshot and the endpoint-service lookup. What the caller wrote always wins; live facts only
 * fill what is missing.
 */
import type { ExistingEndpoint, PlanRequest, Problem, ServiceRequest, SubnetSpec } from "../../plan/types";
import { namedSecurityGroups } from "../needs";
import { isLiveEndpoint, type VpcSnapshot } from "./snapshot";

export { factsFromServices } from "../services";

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
      ...(s.ipv6 && !s.cidr ? { ipv6Only: true } : {}),
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
      const ipv6Only = s.ipv6Only ?? (found.ipv6 && !found.cidr ? true : undefined);
      const tags = s.tags ?? found.tags;
      const azId = s.azId ?? found.azId;
      return {
        ...s,
        az: s.az ?? found.az,
        ...(azId ? { azId } : {}),
        ...(routeTableId ? { routeTableId } : {}),
        ipv6: s.ipv6 ?? found.ipv6,
        ...(ipv6Only ? { ipv6Only } : {}),
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

/** Named groups that EC2 does not know in the region: the planner checks the VPC of the others. */
export function unknownGroups(
  request: Pick<PlanRequest, "access" | "services">,
  vpcs: Record<string, string>,
  vpcId: string,
  region: string,
): Problem[] {
  return namedSecurityGroups(request)
    .filter(({ id }) => vpcs[id] === undefined)
    .map(({ id, path }) => ({
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
