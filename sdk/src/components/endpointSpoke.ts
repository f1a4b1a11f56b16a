/**
 * `EndpointSpoke`: a spoke VPC that takes what the hub decided to share from the hub and plans the
 * rest itself. In `initialize`, before any child is registered, it reads the hub contract (an
 * object, or a stack output awaited with `getOutputDetails`, never inside an apply), looks its own
 * facts up, checks the contract against what it asks for, and plans its own endpoints; any problem
 * fails the component with every problem at once. Then it associates the hub zones it uses (or,
 * when the hub shares by Route 53 Profile, the Profile: one association for the VPC) and
 * creates an `EndpointPlan` child for the rest (gateways for S3/DynamoDB included).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkComponentArgs, endpointSpokeArgsShape } from "./argsShape";
import { findService, getBundle, getRegion, privateDnsNamesIn } from "../catalog";
import { planEndpoints } from "../plan/planner";
import type { Plan, Problem } from "../plan/types";
import type { EndpointOutput, EndpointPlanArgs, PlanWarning } from "./args";
import {
  checkContract,
  type ContractCheck,
  type HubContract,
  type HubServiceContract,
  type HubZoneContract,
  type RequestedService,
} from "./contract";
import { EndpointPlan } from "./endpointPlan";
import { EndpointPlanError } from "./errors";
import { DELETE_BEFORE_REPLACE } from "./replacement";
import { awsName, profileAssociationName, zoneAssociationName } from "./names";
import { dataFields, reportWarnings } from "./outputs";
import { lookUpArgs, planOrFail, type LookedUp } from "./planArgs";
import { isPlain, prepareRequest } from "./request";

export const ENDPOINT_SPOKE_TYPE = "vpce-plan:index:EndpointSpoke";

/** Arguments of `EndpointSpoke`: its VPC and services like `EndpointPlan`, plus where the hub contract comes from. */
export interface EndpointSpokeArgs extends EndpointPlanArgs {
  /** The hub contract itself (EndpointHub.contract as exported). Give this or `hubStack`. */
  contract?: HubContract;
  /**
   * The hub stack (`org/project/stack`): the contract is read from its output `contractOutput` through a
   * StackReference the component creates (a string rather than a StackReference arg, so the component
   * stays publishable to other languages).
   */
  hubStack?: string;
  /** The hub stack's output holding the contract (default `contract`). */
  contractOutput?: string;
  /** This spoke's name in the hub's `spokes` (default: the component's name). */
  spokeName?: string;
  /**
   * The Route 53 Profile this VPC is already associated with, if any. A VPC takes one Profile: when the hub
   * shares by another Profile the spoke fails (PROFILE_ALREADY_ASSOCIATED); the hub's own Profile is not associated twice.
   * @default none
   */
  associatedProfileId?: string;
}

/** Where one service resolves from the spoke. */
export interface ServiceResolution {
  /** `hub` (through the hub's private hosted zone) or `local` (the spoke's own endpoint). */
  placement: string;
  /** `Interface` or `Gateway`. */
  type: string;
  /** The names clients use that resolve to the endpoint (none for gateways: they route, they do not resolve). */
  dnsNames: string[];
  /** The answering endpoint's regional DNS name (interface endpoints). */
  endpointDnsName?: string;
  /** The hub zones associated for the service (placement hub, hub sharing by zones). */
  zoneNames?: string[];
  /** The hub's Route 53 Profile the VPC resolves the service through (placement hub, hub sharing by Profile). */
  profileId?: string;
}

interface EndpointSpokeData {
  resolution: pulumi.Output<Record<string, ServiceResolution>>;
  endpoints: pulumi.Output<Record<string, EndpointOutput>>;
  monthlyCostUsd: number;
  warnings: PlanWarning[];
}

interface SpokeDecision {
  check: ContractCheck & { contract: HubContract; entry: NonNullable<ContractCheck["entry"]> };
  looked: LookedUp;
  localArgs?: EndpointPlanArgs;
  localPlan?: Plan;
}

/** A spoke VPC of a hub-and-spoke network: the hub's shared endpoints through its zones, its own endpoints for the rest. */
export class EndpointSpoke extends pulumi.ComponentResource<EndpointSpokeData> {
  /** Per requested service key: hub or local, and the DNS names that resolve there. */
  public readonly resolution: pulumi.Output<{ [service: string]: ServiceResolution }>;
  /** The spoke's own endpoints (its EndpointPlan child's), by plan name. */
  public readonly endpoints: pulumi.Output<{ [name: string]: EndpointOutput }>;
  /** The spoke's monthly cost in USD: its own endpoints, plus hub processing and transit for what it takes from the hub. */
  public readonly monthlyCostUsd: pulumi.Output<number>;
  /** The spoke's own warnings (its EndpointPlan child exports and logs its plan's). */
  public readonly warnings: pulumi.Output<PlanWarning[]>;

  constructor(name: string, args: EndpointSpokeArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ENDPOINT_SPOKE_TYPE, name, args, opts);
    const field = dataFields(this.getData());
    this.resolution = field("resolution");
    this.endpoints = field("endpoints");
    this.monthlyCostUsd = field("monthlyCostUsd");
    this.warnings = field("warnings");
  }

  protected override async initialize(
    inputs: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    name?: string,
  ): Promise<EndpointSpokeData> {
    const args = inputs as EndpointSpokeArgs;
    const componentName = name!;
    const argProblems = checkComponentArgs(componentName, args, endpointSpokeArgsShape);
    if (argProblems.length) throw new EndpointPlanError(argProblems, this);
    const { check, looked, localArgs, localPlan } = await this.decide(args, componentName);
    const { contract, entry } = check;
    // The local plan's warnings are logged (and exported) by the EndpointPlan child; these are the spoke's own.
    const ignored = Object.keys(args.serviceOptions ?? {}).filter((o) => check.fromHub.includes(findService(o)?.service.key ?? o));
    const own = ignored.map((option) => ({
      code: "SPOKE_OPTIONS_NOT_APPLIED",
      message: `${option} comes from the hub, whose shared endpoint ignores the spoke's serviceOptions.${option}.`,
      path: `serviceOptions.${option}`,
    }));
    const warnings = reportWarnings(own, (path) => path, this);

    const opts: pulumi.CustomResourceOptions = { parent: this };
    const profile = contract.profile;
    if (profile && check.fromHub.length && args.associatedProfileId !== profile.id) {
      // One association carries every shared endpoint's private DNS into the VPC, instead of a zone association per name.
      const associationName = profileAssociationName(componentName);
      new aws.route53.ProfilesAssociation(
        associationName,
        {
          name: awsName("profileAssociation", associationName),
          profileId: profile.id,
          resourceId: args.vpc.id,
          ...(args.region ? { region: args.region } : {}),
        },
        { ...opts, ...DELETE_BEFORE_REPLACE },
      );
    }
    for (const key of profile ? [] : check.fromHub) {
      for (const zone of zonesOf(contract.services[key])) {
        new aws.route53.ZoneAssociation(
          zoneAssociationName(componentName, zone.zoneName),
          { zoneId: zone.zoneId, vpcId: args.vpc.id, ...(args.region ? { vpcRegion: args.region } : {}) },
          { ...opts, ...DELETE_BEFORE_REPLACE },
        );
      }
    }
    const child = localArgs ? new EndpointPlan(componentName, localArgs, { parent: this }) : undefined;
    const endpoints = child ? child.endpoints : pulumi.output({} as Record<string, EndpointOutput>);

    const region = getRegion(looked.region);
    const namesOf = (key: string): string[] => {
      const known = findService(key)?.service;
      return [
        ...(looked.facts.servicePrivateDns?.[key] ??
          args.facts?.servicePrivateDns?.[key] ??
          (known && region ? privateDnsNamesIn(known, region) : [])),
      ];
    };
    const resolution = endpoints.apply((own) => {
      const out: Record<string, ServiceResolution> = {};
      for (const key of check.fromHub) {
        const service = contract.services[key];
        out[key] = {
          placement: "hub",
          type: "Interface",
          dnsNames: namesOf(key),
          endpointDnsName: service.dnsName,
          ...(profile ? { profileId: profile.id } : { zoneNames: zonesOf(service).map((z) => z.zoneName) }),
        };
      }
      for (const e of localPlan?.endpoints ?? []) {
        const interfaceEndpoint = e.type === "Interface";
        // S3 with a gateway and an inbound-only interface endpoint: the VPC's own clients use the gateway.
        if (out[e.service] && !interfaceEndpoint) continue;
        out[e.service] = {
          placement: "local",
          type: e.type,
          dnsNames: interfaceEndpoint && e.privateDns ? (e.privateDnsNames ?? []) : [],
          ...(interfaceEndpoint && own[e.name]?.regionalDnsName ? { endpointDnsName: own[e.name].regionalDnsName } : {}),
        };
      }
      return out;
    });
    const monthlyCostUsd =
      Math.round(((localPlan?.cost.monthlyTotalUsd ?? 0) + entry.hubDataMonthlyUsd + entry.transitMonthlyUsd) * 100) / 100;
    const data: EndpointSpokeData = { resolution, endpoints, monthlyCostUsd, warnings };
    this.registerOutputs({ ...data });
    return data;
  }

  /** Everything decided and checked before any child exists: the contract, the spoke's facts, its own plan. */
  private async decide(args: EndpointSpokeArgs, componentName: string): Promise<SpokeDecision> {
    const contract = await this.readContract(args, componentName);
    const looked = await lookUpArgs(args, this);
    const requested = requestedServices(args);
    const spoke = args.spokeName ?? componentName;
    const check = checkContract(contract, {
      spoke,
      spokePath: args.spokeName !== undefined ? "spokeName" : "name",
      region: looked.region,
      ...(isPlain(args.vpc?.id) ? { vpcId: args.vpc.id } : {}),
      services: requested.services,
      ...(args.associatedProfileId !== undefined ? { associatedProfileId: args.associatedProfileId } : {}),
    });
    const problems: Problem[] = [...check.problems, ...looked.problems];
    if (!check.entry || !check.contract) throw new EndpointPlanError(problems, this);
    if (check.fromHub.length) problems.push(...dnsProblems(args, looked, spoke, check.fromHub));
    const decided: SpokeDecision = { check: check as SpokeDecision["check"], looked };
    if (!check.local.length && !requested.unknownBundles.length) {
      if (problems.length) throw new EndpointPlanError(problems, this);
      return decided;
    }
    const localArgs = localArgsOf(args, check.local, new Set(check.fromHub), requested.unknownBundles);
    const prepared = prepareRequest(localArgs, looked.found);
    const argPath = (path: string): string => {
      const mapped = prepared.argPath(path);
      const match = /^services\[(\d+)\](.*)$/.exec(mapped);
      return match ? `${check.local[Number(match[1])]?.path ?? `services[${match[1]}]`}${match[2]}` : mapped;
    };
    const localPlan = planOrFail(
      () => planEndpoints(prepared.request, looked.facts),
      [...problems, ...prepared.problems],
      argPath,
      localArgs,
      this,
    );
    const collisions = zoneCollisions(localPlan, decided.check);
    if (collisions.length) throw new EndpointPlanError(collisions, this);
    return { ...decided, localArgs, localPlan };
  }

  /** The contract object, or the hub stack's output read with awaited values (its shape drives every decision). */
  private async readContract(args: EndpointSpokeArgs, componentName: string): Promise<unknown> {
    const sources = [args.contract !== undefined, args.hubStack !== undefined].filter(Boolean).length;
    if (sources !== 1)
      throw new EndpointPlanError(
        [
          {
            code: sources ? "CONTRACT_AMBIGUOUS" : "MISSING_FIELD",
            path: "contract",
            message: sources ? "give either contract or hubStack, not both." : "no hub contract: give contract or hubStack.",
            hint: "Usually hubStack: the hub stack's name (org/project/stack); its output `contract` is read.",
          },
        ],
        this,
      );
    if (args.contract !== undefined) return args.contract;
    const output = args.contractOutput ?? "contract";
    const reference = new pulumi.StackReference(`${componentName}-hub`, { name: args.hubStack! }, { parent: this });
    try {
      const details = await reference.getOutputDetails(output);
      const value = details.value ?? details.secretValue;
      if (value === undefined) throw new Error(`the stack has no output "${output}"`);
      return value;
    } catch (err) {
      throw new EndpointPlanError(
        [
          {
            code: "CONTRACT_UNAVAILABLE",
            path: "hubStack",
            message: `could not read output "${output}" of ${args.hubStack}: ${(err as Error).message}.`,
            hint: "Deploy the hub stack first (pulumi up), check the stack name, and export the hub's contract under contractOutput.",
          },
        ],
        this,
      );
    }
  }
}

/** A service's zones; contracts from before `zones` existed name one zone on the service itself. */
const zonesOf = (service: HubServiceContract): HubZoneContract[] =>
  service.zones ?? (service.zoneId && service.zoneName ? [{ zoneId: service.zoneId, zoneName: service.zoneName }] : []);

/** The services the spoke asks for, by key, with the arg that asked; bundles expanded. */
function requestedServices(args: EndpointSpokeArgs): { services: RequestedService[]; unknownBundles: string[] } {
  const out = new Map<string, RequestedService>();
  const add = (name: string, path: string): void => {
    const service = findService(name)?.service;
    const key = service?.key ?? name;
    if (out.has(key)) return;
    const forced = args.serviceOptions?.[name]?.type ?? args.serviceOptions?.[key]?.type;
    // Unknown names are planned "locally" so the planner reports them with its did-you-mean hint.
    const gateway = !service || (service.types.includes("Gateway") && forced !== "Interface");
    out.set(key, { key, path, gateway });
  };
  (Array.isArray(args.services) ? args.services : []).forEach((name, i) => add(name, `services[${i}]`));
  const unknownBundles: string[] = [];
  (Array.isArray(args.bundles) ? args.bundles : []).forEach((bundle, i) => {
    const found = getBundle(bundle);
    if (!found) unknownBundles.push(bundle);
    for (const name of found?.services ?? []) add(name, `bundles[${i}]`);
  });
  return { services: [...out.values()], unknownBundles };
}

/** The spoke's own EndpointPlan: only the services it keeps, and only their options. */
function localArgsOf(
  args: EndpointSpokeArgs,
  local: RequestedService[],
  served: ReadonlySet<string>,
  unknownBundles: string[],
): EndpointPlanArgs {
  const { contract: _c, hubStack: _s, contractOutput: _o, spokeName: _n, associatedProfileId: _p, ...rest } = args;
  const keys = new Set(local.map((s) => s.key));
  const own = (name: string): boolean => keys.has(findService(name)?.service.key ?? name);
  const options = Object.entries(args.serviceOptions ?? {}).filter(([name]) => own(name));
  // Traffic for a service the hub serves was priced by the hub's plan; what is left (its own, or a
  // service nobody asked for) is the local plan's to price or to refuse.
  const traffic = <T>(given: Record<string, T> | undefined): Record<string, T> | undefined => {
    const left = Object.entries(given ?? {}).filter(([name]) => own(name) || !served.has(findService(name)?.service.key ?? name));
    return left.length ? Object.fromEntries(left) : undefined;
  };
  return {
    ...rest,
    traffic: traffic(args.traffic),
    trafficBySource: traffic(args.trafficBySource),
    services: local.map((s) => s.key),
    bundles: unknownBundles.length ? unknownBundles : undefined,
    serviceOptions: options.length ? Object.fromEntries(options) : undefined,
  };
}

/** Route 53 answers from associated private zones only in VPCs with both DNS attributes on. */
function dnsProblems(args: EndpointSpokeArgs, looked: LookedUp, spoke: string, keys: string[]): Problem[] {
  const vpc = { ...(looked.found.vpc ?? {}), ...args.vpc };
  const problems: Problem[] = [];
  for (const [field, attribute, flag] of [
    ["dnsSupport", "enableDnsSupport", "--enable-dns-support"],
    ["dnsHostnames", "enableDnsHostnames", "--enable-dns-hostnames"],
  ] as const) {
    if (vpc[field] !== false) continue;
    problems.push({
      code: field === "dnsSupport" ? "VPC_DNS_SUPPORT_DISABLED" : "VPC_DNS_HOSTNAMES_DISABLED",
      path: `vpc.${field}`,
      message: `${spoke} resolves ${keys.join(", ")} through the hub's private DNS (zones or Route 53 Profile), which needs ${attribute}, false on this VPC.`,
      hint: `Enable it (aws ec2 modify-vpc-attribute ${flag}), or have the hub set centralize: never for ${spoke}.`,
    });
  }
  return problems;
}

/** A local private-DNS endpoint whose names fall in an associated hub zone would answer for the same names. */
function zoneCollisions(plan: Plan, check: SpokeDecision["check"]): Problem[] {
  const zones = new Set(check.fromHub.flatMap((key) => zonesOf(check.contract.services[key]).map((z) => z.zoneName)));
  return plan.endpoints
    .filter((e) => e.privateDns && (e.privateDnsNames ?? []).some((n) => zones.has(n.replace(/^\*\./, ""))))
    .map((e) => ({
      code: "PRIVATE_DNS_COLLISION",
      path: `serviceOptions.${e.service}.privateDns`,
      message: `${e.service}'s own endpoint would turn on private DNS for names the associated hub zone already answers.`,
      hint: `Set serviceOptions.${e.service}.privateDns: false, or take ${e.service} from the hub.`,
    }));
}
