/**
 * The hub contract: what `EndpointHub` exports as one stack output and `EndpointSpoke` reads
 * (docs/components.md "Many VPCs: EndpointHub and EndpointSpoke"). Versioned like the request and plan JSON.
 * The hub decides (the network planner ran there, with every spoke); a spoke follows the decision
 * recorded for it and checks the contract before it creates anything. Pure: no Pulumi import.
 */
import type { Problem } from "../plan/types";
import type { NetworkPlan, SpokePlan } from "../plan/multi/types";

export const CONTRACT_VERSION = 1;

/** One private hosted zone of a shared service. */
export interface HubZoneContract {
  /** Route 53 hosted zone id. */
  zoneId: string;
  /** Zone name, e.g. `dkr.ecr.us-east-1.amazonaws.com`. */
  zoneName: string;
}

/** A service the hub's endpoint serves to spokes. */
export interface HubServiceContract {
  /** The (first) zone's id; `zones` lists every zone when a service has several. Absent when the hub shares by Profile. */
  zoneId?: string;
  /** The (first) zone's name. Absent when the hub shares by Profile. */
  zoneName?: string;
  /** Every zone of the service, sorted by name: a spoke associates all of them (none when the hub shares by Profile). */
  zones: HubZoneContract[];
  /** The hub endpoint's regional DNS name (the records' alias target). */
  dnsName: string;
  /** The hub endpoint's security group (admits the service port from the hub and each consuming spoke). */
  securityGroupId?: string;
  /** The service's TCP port. */
  port: number;
}

/** The hub's decision for one spoke. */
export interface SpokeContract {
  /** The spoke VPC the hub planned for (zone association authorizations name it). */
  vpcId: string;
  /** The spoke's region as the hub planned it. */
  region: string;
  /** The spoke's account, when the hub was told. */
  accountId?: string;
  /** Service keys the spoke takes from the hub (associate the zones), sorted. */
  fromHub: string[];
  /** Service keys the spoke serves with its own endpoints, sorted. */
  local: string[];
  /** The hub created a VpcAssociationAuthorization per zone for this spoke (another account). */
  authorizationRequired: boolean;
  /** Per-GB processing at the hub endpoints for this spoke's traffic, USD a month. */
  hubDataMonthlyUsd: number;
  /** Transit Gateway or peering data for this spoke's hub traffic, USD a month. */
  transitMonthlyUsd: number;
}

/** The hub's Route 53 Profile: spokes associate it instead of the zones (additive in version 1). */
export interface HubProfileContract {
  /** Profile id (`rp-...`). */
  id: string;
  /** Profile ARN (what AWS RAM shares). */
  arn: string;
}

/** The hub contract, version 1. */
export interface HubContract {
  /** Contract version (1). */
  version: number;
  /** The hub's region: hosted zones answer only in VPCs of this region. */
  region: string;
  /** The hub VPC. */
  hubVpcId: string;
  /** `transitGateway` or `peering`. */
  transit: string;
  /** Per service key served from the hub. */
  services: { [service: string]: HubServiceContract };
  /** Per spoke name: what the hub decided for it. */
  spokes: { [spoke: string]: SpokeContract };
  /** Present when the hub shares DNS by Route 53 Profile (contracts without it share by zones). */
  profile?: HubProfileContract;
}

/** The contract's spoke entries, from the network plan (ids may still be placeholders: the hub swaps real ones in). */
export function spokeContract(spoke: SpokePlan): SpokeContract {
  return {
    vpcId: spoke.vpcId,
    region: spoke.region,
    ...(spoke.accountId ? { accountId: spoke.accountId } : {}),
    fromHub: spoke.fromHub,
    local: spoke.local,
    authorizationRequired: spoke.crossAccount && spoke.fromHub.length > 0,
    hubDataMonthlyUsd: spoke.cost.hubDataMonthlyUsd,
    transitMonthlyUsd: spoke.cost.transitMonthlyUsd,
  };
}

/** Zone names per centralised service, sorted: what the hub publishes in `services[key].zones`. */
export function zoneNamesByService(plan: NetworkPlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const zone of plan.zones) out.set(zone.service, [...(out.get(zone.service) ?? []), zone.name].sort());
  return out;
}

/** A service the spoke asks for, with the arg that asked (`services[1]`, `bundles[0]`). */
export interface RequestedService {
  key: string;
  path: string;
  /** A gateway serves it: always the spoke's own (free, never shared), whatever the contract says. */
  gateway: boolean;
}

export interface SpokeExpectation {
  /** The spoke's name in the contract. */
  spoke: string;
  /** The arg that names the spoke (for errors). */
  spokePath: string;
  region: string;
  /** The spoke VPC id, when it is a plain string. */
  vpcId?: string;
  services: RequestedService[];
  /** The Route 53 Profile the spoke's args say its VPC already has (a VPC takes one). */
  associatedProfileId?: string;
}

export interface ContractCheck {
  problems: Problem[];
  /** Requested keys the hub serves, sorted. */
  fromHub: string[];
  /** Requested services the spoke serves itself, in request order. */
  local: RequestedService[];
  entry?: SpokeContract;
  contract?: HubContract;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const problem = (code: string, path: string, message: string, hint: string): Problem => ({ code, path, message, hint });

/** Checks the contract against what the spoke asks for: every problem at once, each naming the field. */
export function checkContract(value: unknown, expect: SpokeExpectation): ContractCheck {
  const problems: Problem[] = [];
  const fail = (): ContractCheck => ({ problems, fromHub: [], local: [] });
  if (!isObject(value)) {
    problems.push(
      problem(
        "CONTRACT_INVALID",
        "contract",
        `is not a hub contract (got ${value === undefined ? "nothing" : JSON.stringify(value)}).`,
        "Pass the hub stack's `contract` output (EndpointHub.contract), or hubStack with the stack that exports it.",
      ),
    );
    return fail();
  }
  if (value.version !== CONTRACT_VERSION) {
    problems.push(
      problem(
        "CONTRACT_VERSION",
        "contract.version",
        `hub contract version ${JSON.stringify(value.version)} is not supported: this vpce-plan reads version ${CONTRACT_VERSION}.`,
        "Use the same vpce-plan major version in the hub and spoke stacks (upgrade the older one).",
      ),
    );
    return fail();
  }
  for (const field of ["region", "hubVpcId"] as const)
    if (typeof value[field] !== "string")
      problems.push(
        problem("CONTRACT_INVALID", `contract.${field}`, "is missing or not a string.", "Export the hub's contract unchanged."),
      );
  for (const field of ["services", "spokes"] as const)
    if (!isObject(value[field]))
      problems.push(
        problem("CONTRACT_INVALID", `contract.${field}`, "is missing or not an object.", "Export the hub's contract unchanged."),
      );
  if (problems.length) return fail();
  const contract = value as unknown as HubContract;
  const byProfile = contract.profile !== undefined;
  if (byProfile && (!isObject(contract.profile) || typeof contract.profile.id !== "string" || typeof contract.profile.arn !== "string"))
    problems.push(problem("CONTRACT_INVALID", "contract.profile", "needs id and arn strings.", "Export the hub's contract unchanged."));
  for (const [key, service] of Object.entries(contract.services))
    if (!isObject(service) || (!byProfile && (typeof service.zoneId !== "string" || typeof service.zoneName !== "string")))
      problems.push(
        problem(
          "CONTRACT_INVALID",
          `contract.services.${key}`,
          byProfile ? "is not an object." : "needs zoneId and zoneName strings.",
          "Export the hub's contract unchanged.",
        ),
      );

  const names = Object.keys(contract.spokes).sort();
  const entry = contract.spokes[expect.spoke];
  if (!isObject(entry)) {
    problems.push(
      problem(
        "SPOKE_NOT_IN_CONTRACT",
        expect.spokePath,
        `the hub's contract has no spoke "${expect.spoke}" (it plans ${names.length ? names.join(", ") : "no spokes"}).`,
        `Declare ${expect.spoke} in the hub's spokes (its security groups and zone authorizations are per spoke) and update the hub stack first, or set spokeName to the hub's name for this VPC.`,
      ),
    );
    return fail();
  }
  if (entry.region !== expect.region)
    problems.push(
      problem(
        "CONTRACT_REGION",
        "region",
        `the hub planned ${expect.spoke} in ${entry.region}, but the spoke is in ${expect.region}.`,
        `Set region: ${expect.region} on the hub's spoke ${expect.spoke} (the planner then keeps what it must local) and update the hub stack.`,
      ),
    );
  else if (entry.fromHub.length && contract.region !== expect.region)
    problems.push(
      problem(
        "CONTRACT_REGION",
        "contract.region",
        `the hub is in ${contract.region} and ${expect.spoke} in ${expect.region}: private hosted zones answer only in the hub's region.`,
        `Use the hub of ${expect.region}, or declare the spoke's region on the hub so it keeps its own endpoints.`,
      ),
    );
  if (expect.vpcId !== undefined && entry.vpcId !== expect.vpcId)
    problems.push(
      problem(
        "SPOKE_VPC_MISMATCH",
        "vpc.id",
        `the hub planned spoke ${expect.spoke} for ${entry.vpcId}, not ${expect.vpcId}: its zone authorizations and security group rules would not match.`,
        `Correct vpc.id, or the hub's spokes entry for ${expect.spoke} (vpcId and cidrs).`,
      ),
    );

  const fromHub = new Set<string>();
  const local: RequestedService[] = [];
  for (const service of expect.services) {
    if (service.gateway || entry.local.includes(service.key)) local.push(service);
    else if (entry.fromHub.includes(service.key)) {
      fromHub.add(service.key);
      if (!isObject(contract.services[service.key]))
        problems.push(
          problem(
            "CONTRACT_SERVICE_MISSING",
            `contract.services.${service.key}`,
            `the hub assigns ${service.key} to ${expect.spoke} but its contract does not publish it.`,
            "Export the hub's contract unchanged (services and spokes come from the same plan).",
          ),
        );
    } else
      problems.push(
        problem(
          "SERVICE_NOT_PLANNED",
          service.path,
          `${service.key} is neither served by the hub for ${expect.spoke} nor planned as its own endpoint (the hub serves it ${entry.fromHub.length ? entry.fromHub.join(", ") : "nothing"}; own: ${entry.local.length ? entry.local.join(", ") : "nothing"}).`,
          `Add ${service.key} to the hub's spokes entry for ${expect.spoke} and update the hub stack first: the hub decides hub or local with every spoke's demand.`,
        ),
      );
  }
  const other = expect.associatedProfileId;
  if (fromHub.size && byProfile && other !== undefined && other !== contract.profile!.id)
    problems.push(
      problem(
        "PROFILE_ALREADY_ASSOCIATED",
        "associatedProfileId",
        `the VPC already has Route 53 Profile ${other}, and a VPC takes one Profile: it cannot also associate the hub's ${contract.profile!.id} for ${[...fromHub].sort().join(", ")}.`,
        `Add the hub's endpoints to ${other} (or disassociate it), or have the hub share by zones (dnsSharing: zones) or set centralize: never for ${expect.spoke}.`,
      ),
    );
  return { problems, fromHub: [...fromHub].sort(), local, entry, contract };
}
