/**
 * A network request from what an organization has: the hub VPC as it is, every other VPC of the
 * hub's region with endpoints as a spoke, each VPC's services taken from its live endpoints. Pure:
 * it reads an organization read, so the centralize-or-local decision runs on the real state.
 */
import { findService } from "../../catalog";
import type { NetworkRequest, SpokeSpec, TransitType } from "../../plan/multi/types";
import type { ServiceRequest, SubnetSpec } from "../../plan/types";
import { completeRequest } from "../aws/request";
import { isLiveEndpoint, type VpcSnapshot } from "../aws/snapshot";
import type { TaskKey } from "./scheduler";

/** A VPC that did not become a spoke, and why; the CLI prints these beside the plan. */
export interface NotASpoke {
  account: string;
  region: string;
  vpcId: string;
  why: "other-region" | "no-endpoints" | "only-unknown-services";
}

export interface OrgNetwork {
  request: NetworkRequest;
  /** Spoke name -> where it came from. */
  spokes: Record<string, TaskKey & { vpcId: string }>;
  notSpokes: NotASpoke[];
  /** Endpoint services no catalog entry names (partner, your own): left out of the request, listed. */
  unknownServices: { vpcId: string; serviceName: string }[];
}

export class HubNotFoundError extends Error {
  constructor(hubVpcId: string, readPairs: number) {
    super(
      `--hub ${hubVpcId} is in none of the ${readPairs} account-region(s) read; name a VPC id the organization read found (vpce-plan inventory --org lists them).`,
    );
    this.name = "HubNotFoundError";
  }
}

/**
 * The services of a VPC's live endpoints. A gateway endpoint keeps the route tables it has, and one
 * with none (it routes nothing today) is planned on the VPC's main table, the one every subnet
 * without its own table uses (https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html).
 */
const servicesOf = (s: VpcSnapshot, unknown: OrgNetwork["unknownServices"]): Array<string | ServiceRequest> => {
  const byKey = new Map<string, string | ServiceRequest>();
  for (const e of s.endpoints.filter(isLiveEndpoint)) {
    const key = findService(e.serviceName)?.service.key;
    if (!key) unknown.push({ vpcId: s.vpc.id, serviceName: e.serviceName });
    else if (e.type === "Gateway") {
      const tables = e.routeTableIds.length ? e.routeTableIds : s.routeTables.filter((t) => t.main).map((t) => t.id);
      byKey.set(key, tables.length ? { name: key, routeTableIds: [...tables].sort() } : key);
    } else if (!byKey.has(key)) byKey.set(key, key);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
};

const subnetsOf = (s: VpcSnapshot): SubnetSpec[] => completeRequest(undefined, s).request.subnets ?? [];

export function networkFromOrg(
  read: readonly (TaskKey & { data: { snapshots: VpcSnapshot[] } })[],
  hubVpcId: string,
  transit: TransitType,
): OrgNetwork {
  const all = read.flatMap((r) => r.data.snapshots.map((snapshot) => ({ account: r.account, region: r.region, snapshot })));
  const hub = all.find((v) => v.snapshot.vpc.id === hubVpcId);
  if (!hub) throw new HubNotFoundError(hubVpcId, read.length);
  const unknownServices: OrgNetwork["unknownServices"] = [];
  const notSpokes: NotASpoke[] = [];
  const spokes: SpokeSpec[] = [];
  const origin: OrgNetwork["spokes"] = {};
  for (const v of all) {
    if (v === hub) continue;
    const where = { account: v.account, region: v.region, vpcId: v.snapshot.vpc.id };
    // Spokes in another region keep their own endpoints (CROSS_REGION_SPOKE): nothing to decide.
    if (v.region !== hub.region) {
      notSpokes.push({ ...where, why: "other-region" });
      continue;
    }
    if (!v.snapshot.endpoints.some(isLiveEndpoint)) {
      notSpokes.push({ ...where, why: "no-endpoints" });
      continue;
    }
    const services = servicesOf(v.snapshot, unknownServices);
    if (!services.length) {
      notSpokes.push({ ...where, why: "only-unknown-services" });
      continue;
    }
    // Names from the account and VPC id: unique, and stable when VPCs come and go.
    const name = `${v.account}-${v.snapshot.vpc.id}`;
    origin[name] = where;
    spokes.push({
      name,
      vpc: {
        id: v.snapshot.vpc.id,
        cidrs: v.snapshot.vpc.cidrs,
        region: v.region,
        accountId: v.snapshot.vpc.ownerId ?? v.account,
        dnsSupport: v.snapshot.vpc.dnsSupport,
        dnsHostnames: v.snapshot.vpc.dnsHostnames,
      },
      subnets: subnetsOf(v.snapshot),
      services,
    });
  }
  const hubServices = servicesOf(hub.snapshot, unknownServices);
  const request: NetworkRequest = {
    version: 1,
    region: hub.region,
    transit: { type: transit },
    hub: {
      vpc: {
        id: hub.snapshot.vpc.id,
        cidrs: hub.snapshot.vpc.cidrs,
        dnsSupport: hub.snapshot.vpc.dnsSupport,
        dnsHostnames: hub.snapshot.vpc.dnsHostnames,
        accountId: hub.snapshot.vpc.ownerId ?? hub.account,
      },
      subnets: subnetsOf(hub.snapshot),
      ...(hubServices.length ? { services: hubServices } : {}),
    },
    spokes: spokes.sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
  return { request, spokes: origin, notSpokes, unknownServices };
}
