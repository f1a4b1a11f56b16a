/**
 * Reads a network request: its structure, then each VPC as a single-VPC request through the
 * single-VPC reader (so every rule and error code is the same), with error paths mapped back to
 * where the field is in the network request. Every problem of every VPC is collected.
 */
import { getRegion, type Region } from "../../catalog";
import { Problems } from "../problems";
import { checkShape } from "../shape";
import type { PlanFacts, PlanRequest, Problem } from "../types";
import { checkVersion, mergeFacts, readRequest, type NormalizedRequest } from "../validate";
import { networkRequestShape } from "./schema";
import type { CentralizeMode, NetworkRequest, SpokeSpec } from "./types";

/** How a VPC's single-VPC request maps back to the network request, for error paths. */
export interface VpcPaths {
  /** `hub` or `spokes[i]`. */
  prefix: string;
  /** Root fields of the single-VPC request that come from this VPC's own block. */
  own: ReadonlySet<string>;
  /** Where the VPC's region is written. */
  region: string;
  /** `services[j]` of a derived request -> the path of the service in the VPC's own block. */
  services?: ReadonlyMap<number, string>;
}

export interface VpcInput {
  paths: VpcPaths;
  /** The single-VPC request this VPC's endpoints are planned from (services still as written). */
  single: PlanRequest;
  normalized: NormalizedRequest;
}

export interface SpokeInput extends VpcInput {
  spec: SpokeSpec;
  index: number;
  region: Region;
  centralize: CentralizeMode;
  centralizePath: string;
  crossRegion: boolean;
  crossAccount: boolean;
}

export interface NetworkInput {
  request: NetworkRequest;
  region: Region;
  hub: VpcInput & { accountId?: string };
  spokes: SpokeInput[];
}

const HUB_OWN = new Set(["vpc", "subnets", "services", "bundles", "access", "traffic", "securityGroup"]);
const SPOKE_OWN = new Set(["vpc", "subnets", "services", "bundles", "traffic", "securityGroup"]);

/** Maps a path of a VPC's single-VPC request to the network request. */
export function networkPath(path: string, paths: VpcPaths): string {
  const root = path.split(/[.[]/)[0];
  if (root === "region") return paths.region + path.slice("region".length);
  if (!paths.own.has(root)) return path;
  const service = /^services\[(\d+)\](.*)$/.exec(path);
  const mapped = service && paths.services?.get(Number(service[1]));
  return `${paths.prefix}.${mapped ? mapped + service[2] : path}`;
}

export function addMapped(target: Problems, found: readonly Problem[], paths: VpcPaths): void {
  for (const p of found) target.add(p.code, networkPath(p.path, paths), p.message, p.hint);
}

/** The same problem reported by several VPCs (a shared `defaults` or `prices` field) is listed once. */
export function uniqueProblems(list: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = `${p.code}\u0000${p.path}\u0000${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * Facts for one VPC: looked-up facts overridden by the request's, every key the schema declares,
 * restricted to the VPC's region: AZ names carry their region, so facts for the hub's region never
 * hide a spoke's AZs, and the region's list of service names is the network region's list only.
 */
export function factsFor(
  lookedUp: PlanFacts | undefined,
  given: PlanFacts | undefined,
  at: { region: string; networkRegion: string; accountId?: string },
): PlanFacts {
  const out = mergeFacts(lookedUp, given);
  if (at.accountId) out.accountId = at.accountId;
  if (out.serviceAzs) {
    const here = Object.entries(out.serviceAzs)
      .map(([key, azs]) => [key, azs.filter((az) => inRegion(az, at.region))] as const)
      .filter(([, azs]) => azs.length);
    if (here.length) out.serviceAzs = Object.fromEntries(here);
    else delete out.serviceAzs;
  }
  if (at.region !== at.networkRegion) delete out.regionServiceNames;
  return out;
}

/** `us-east-1a` and `us-east-1-bos-1a` are in us-east-1; `us-east-10a` would not be. */
const inRegion = (az: string, region: string): boolean => az.startsWith(region) && /^[a-z-]/.test(az.slice(region.length));

export function readNetworkRequest(input: unknown, lookedUp: PlanFacts | undefined, problems: Problems): NetworkInput | undefined {
  if (!checkShape(input, networkRequestShape, "", problems)) return undefined;
  const request = input as NetworkRequest;
  checkVersion(request.version, problems);
  const before = problems.list.length;
  checkUnique(request, problems);
  const ambiguous = problems.list.length > before;
  const hub = readHub(request, lookedUp, problems);
  const spokes = request.spokes.map((spoke, i) => readSpoke(request, spoke, i, lookedUp, problems, hub?.accountId));
  const region = getRegion(request.region);
  // Like a single-VPC request, the decisions still run on what could be read (and the planner then
  // fails with every problem), so that one spoke's error never hides another's; a spoke that could
  // not be read at all, or two spokes with one name, stop there.
  if (!region || !hub || ambiguous || spokes.some((s) => !s)) return undefined;
  return { request, region, hub, spokes: spokes as SpokeInput[] };
}

function checkUnique(request: NetworkRequest, problems: Problems): void {
  const names = new Map<string, number>();
  const vpcs = new Map<string, string>([[request.hub.vpc.id, "hub.vpc.id"]]);
  request.spokes.forEach((spoke, i) => {
    const first = names.get(spoke.name);
    if (first !== undefined)
      problems.add(
        "DUPLICATE_SPOKE",
        `spokes[${i}].name`,
        `spoke "${spoke.name}" is listed twice (also spokes[${first}]).`,
        "Give each spoke a unique name.",
      );
    else names.set(spoke.name, i);
    const other = vpcs.get(spoke.vpc.id);
    if (other)
      problems.add(
        "DUPLICATE_VPC",
        `spokes[${i}].vpc.id`,
        `${spoke.vpc.id} is already ${other}: a VPC is either the hub or one spoke.`,
        "List each VPC once; the hub's own services go under hub.services.",
      );
    else vpcs.set(spoke.vpc.id, `spokes[${i}].vpc.id`);
  });
}

function readHub(
  request: NetworkRequest,
  lookedUp: PlanFacts | undefined,
  problems: Problems,
): (VpcInput & { accountId?: string }) | undefined {
  const { hub } = request;
  const { accountId, ...vpc } = hub.vpc;
  const hubAccount = accountId ?? request.facts?.accountId ?? lookedUp?.accountId;
  const single: PlanRequest = {
    version: request.version,
    region: request.region,
    vpc,
    subnets: hub.subnets,
    services: hub.services,
    bundles: hub.bundles,
    access: hub.access,
    traffic: hub.traffic,
    securityGroup: hub.securityGroup,
    ha: request.ha,
    prices: request.prices,
    defaults: request.defaults,
    tags: request.tags,
    quotas: request.quotas,
  };
  const paths: VpcPaths = { prefix: "hub", own: HUB_OWN, region: "region" };
  const found = new Problems();
  const facts = factsFor(lookedUp, request.facts, { region: request.region, networkRegion: request.region, accountId: hubAccount });
  // The hub may use no service itself: "no services" is only a problem for a VPC that plans alone.
  const normalized = readRequest(single, facts, found, { servicesOptional: true });
  addMapped(problems, found.list, paths);
  if (!normalized) return undefined;
  return { paths, single, normalized, accountId: hubAccount };
}

function readSpoke(
  request: NetworkRequest,
  spoke: SpokeSpec,
  index: number,
  lookedUp: PlanFacts | undefined,
  problems: Problems,
  hubAccount: string | undefined,
): SpokeInput | undefined {
  const { region: ownRegion, accountId, ...vpc } = spoke.vpc;
  const regionCode = ownRegion ?? request.region;
  const single: PlanRequest = {
    version: request.version,
    region: regionCode,
    vpc,
    subnets: spoke.subnets,
    services: spoke.services,
    bundles: spoke.bundles,
    traffic: spoke.traffic,
    securityGroup: spoke.securityGroup,
    ha: request.ha,
    prices: request.prices,
    defaults: request.defaults,
    tags: request.tags,
    quotas: request.quotas,
  };
  const prefix = `spokes[${index}]`;
  const paths: VpcPaths = { prefix, own: SPOKE_OWN, region: ownRegion ? `${prefix}.vpc.region` : "region" };
  const found = new Problems();
  const normalized = readRequest(
    single,
    factsFor(lookedUp, request.facts, { region: regionCode, networkRegion: request.region, accountId }),
    found,
  );
  addMapped(problems, found.list, paths);
  const region = getRegion(regionCode);
  if (!normalized || !region) return undefined;
  return {
    paths,
    single,
    normalized,
    spec: spoke,
    index,
    region,
    centralize: spoke.centralize ?? request.centralize ?? "auto",
    centralizePath: spoke.centralize ? `${prefix}.centralize` : "centralize",
    crossRegion: regionCode !== request.region,
    // An account we cannot compare with counts as another one: an authorization that is not
    // needed is harmless, a missing one fails the association at apply time.
    crossAccount: accountId !== undefined && accountId !== hubAccount,
  };
}
