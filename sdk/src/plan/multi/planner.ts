/**
 * planNetwork: the hub-and-spoke planner. Pure, synchronous, deterministic. It decides per service
 * and spoke whether the hub serves it (decide.ts), then plans every VPC's own endpoints with
 * planEndpoints, turns the hub's shared endpoints into private-DNS-off endpoints with private hosted
 * zones, and prices the network against "every VPC has its own endpoints".
 */
import { describePrices } from "../rules/prices";
import { getRegion } from "../../catalog";
import { money, planCost } from "../cost";
import { planEndpoints } from "../planner";
import { isPlanRequestError, PlanRequestError, Problems } from "../problems";
import { compareRules, ingressRules, ruleDescription, ruleTarget } from "../security";
import type { IngressRule, Plan, PlanFacts, PlanRequest, PlannedEndpoint, PriceTable, ServiceRequest } from "../types";
import { decideService, type DecideContext, type Decided, type Demand } from "./decide";
import { addMapped, networkPath, readNetworkRequest, uniqueProblems, type NetworkInput, type SpokeInput, type VpcPaths } from "./read";
import type { DnsSharingPlan, HubPlan, NetworkPlan, PlannedProfile, PlannedZone, SpokePlan } from "./types";
import { zonesFor } from "./zones";
import { count, foldNames } from "../words";
import { checkOverlaps, CODES as OVERLAP, type Network } from "../rules/cidrOverlap";
import { Report } from "../rules/context";
import { checkQuota, CODES as QUOTAS, readQuotas, type Quotas } from "../rules/quotas";
import { fitSecurityGroups, CODES as SECURITY_GROUPS } from "../rules/securityGroups";
import { decideDnsSharing, resolverWithoutPlan, CODES as DNS_SHARING } from "../rules/dnsSharing";
import { checkOutsideDns, CODES as RESOLVER } from "../rules/resolver";
import { checkVpcDns, CODES as VPC_DNS } from "../rules/vpcDns";
import { narrowScope } from "../rules/access";
import { hubOwnComparison, CODES as TRAFFIC } from "../rules/traffic";

type SharingMode = DnsSharingPlan["mode"];

export function planNetwork(request: unknown, facts?: PlanFacts): NetworkPlan {
  const problems = new Problems();
  const input = readNetworkRequest(request, facts, problems);
  if (!input) throw new PlanRequestError(uniqueProblems(problems.list));
  const plan = new NetworkPlanner(input, problems).run();
  if (!plan || !problems.empty) throw new PlanRequestError(uniqueProblems(problems.list));
  return plan;
}

class NetworkPlanner {
  private readonly report: Report;
  private readonly ctx: DecideContext;
  private readonly quotas: Quotas;

  constructor(
    private readonly input: NetworkInput,
    private readonly problems: Problems,
  ) {
    this.report = new Report(problems);
    const prices = input.request.prices ?? {};
    this.ctx = { input, problems, pricesIn: (code: string): PriceTable => ({ ...getRegion(code)!.prices, ...prices }) };
    // Each VPC's planEndpoints reports a bad `quotas` field already (the same problem is listed once).
    this.quotas = readQuotas(this.report.for(QUOTAS), input.request.quotas);
  }

  run(): NetworkPlan | undefined {
    const { input } = this;
    const demands = new Map<string, Demand[]>();
    for (const spoke of input.spokes) {
      for (const service of spoke.normalized.services) {
        const list = demands.get(service.key) ?? [];
        list.push({ spoke, service, gb: spoke.spec.traffic?.[service.key] ?? 0 });
        demands.set(service.key, list);
      }
    }
    // Spokes in name order: sums (and so ties) come out the same whatever order the request lists them in.
    const byName = (a: Demand, b: Demand): number => (a.spoke.spec.name < b.spoke.spec.name ? -1 : 1);
    // Problems found so far (a spoke's CENTRALIZE_IMPOSSIBLE) do not stop here: every VPC's plan
    // below adds its own, so one run reports them all.
    const decided = [...demands.keys()].sort().map((key) => decideService(key, demands.get(key)!.sort(byName), this.ctx));

    checkOverlaps(this.report.for(OVERLAP), this.networks());
    const central = decided.filter((d) => d.decision.placement === "hub");
    // Indexes by spoke, so that planning each spoke costs its own services, not every spoke's.
    const hubServed = new Map<string, Set<string>>();
    for (const d of central)
      for (const name of d.decision.consumers) (hubServed.get(name) ?? hubServed.set(name, new Set()).get(name)!).add(d.decision.service);
    const fromHub = (spoke: SpokeInput, key: string): boolean => hubServed.get(spoke.spec.name)?.has(key) ?? false;
    const outcomesOf = new Map<SpokeInput, Array<Decided["outcomes"][number]>>();
    for (const d of decided)
      for (const o of d.outcomes) (outcomesOf.get(o.demand.spoke) ?? outcomesOf.set(o.demand.spoke, []).get(o.demand.spoke)!).push(o);
    const sharing = this.decideSharing(central);
    const hub = this.planHub(central, sharing.mode);
    const zones = sharing.mode === "zones" ? this.zones(central, hub) : [];
    const profile = sharing.mode === "profile" ? this.profile(central, hub, sharing) : null;
    const zonesOf = new Map<string, SpokePlan["zoneAssociations"]>();
    for (const z of zones)
      for (const a of z.associations)
        (zonesOf.get(a.spoke) ?? zonesOf.set(a.spoke, []).get(a.spoke)!).push({
          zone: z.name,
          service: z.service,
          authorizationRequired: a.authorizationRequired,
        });
    const spokes = input.spokes.map((spoke) =>
      this.planSpoke(spoke, outcomesOf.get(spoke) ?? [], zonesOf.get(spoke.spec.name) ?? [], fromHub, sharing.mode),
    );
    this.checkGatewayQuota(hub, spokes);
    this.checkNetworkWarnings(decided);
    if (!this.problems.empty) return undefined;

    const hubMonthly = hub.plan?.cost.monthlyTotalUsd ?? 0;
    const hubEndpointCost = (key: string): number =>
      hub.plan?.endpoints.find((e) => e.service === key && e.type === "Interface")?.monthlyCostUsd ?? 0;
    const hubOwnOnly = central.reduce(
      (sum, d) => sum - hubEndpointCost(d.decision.service) + (d.decision.hubUses ? d.hubFixedUsd : 0),
      hubMonthly,
    );
    const spokesMonthly = money(spokes.reduce((sum, s) => sum + s.cost.localMonthlyUsd, 0));
    const transit = money(spokes.reduce((sum, s) => sum + s.cost.transitMonthlyUsd, 0));
    const total = money(hubMonthly + spokesMonthly + transit);
    const everyOwn = money(hubOwnOnly + spokes.reduce((sum, s) => sum + s.cost.everyVpcOwnMonthlyUsd, 0));
    return {
      version: 1,
      kind: "network",
      region: input.region.code,
      transit: { type: input.request.transit.type },
      hub,
      services: decided.map((d) => d.decision),
      dnsSharing: sharing,
      zones,
      profile,
      spokes: spokes.sort((a, b) => (a.name < b.name ? -1 : 1)),
      warnings: this.report.warnings.sort((a, b) => (`${a.code}${a.message}` < `${b.code}${b.message}` ? -1 : 1)),
      errors: [],
      cost: {
        currency: "USD",
        ...describePrices(input.region, input.request.prices),
        prices: this.ctx.pricesIn(input.region.code),
        hubMonthlyUsd: hubMonthly,
        spokesMonthlyUsd: spokesMonthly,
        transitMonthlyUsd: transit,
        monthlyTotalUsd: total,
        everyVpcOwnMonthlyUsd: everyOwn,
        savingsUsd: money(everyOwn - total),
        dnsMonthlyUsd: central.length ? (sharing.mode === "zones" ? sharing.zones.monthlyUsd : sharing.profile.monthlyUsd) : 0,
      },
    };
  }

  /** planEndpoints with its problems mapped to the network request's paths. */
  private plan(request: PlanRequest, facts: PlanFacts, paths: VpcPaths): Plan | null {
    try {
      return planEndpoints(request, facts);
    } catch (err) {
      if (!isPlanRequestError(err)) throw err;
      // The decisions already reported a spoke that can place nothing (NO_SUBNETS), with the reason.
      const decided = new Set(this.problems.list.map((p) => `${p.code}\u0000${p.path}`));
      addMapped(
        this.problems,
        err.problems.filter((p) => !decided.has(`${p.code}\u0000${networkPath(p.path, paths)}`)),
        paths,
      );
      return null;
    }
  }

  /** Rule 15: zones or a Route 53 Profile, from the shared services' zones and consumers. */
  private decideSharing(central: Decided[]): DnsSharingPlan {
    const { request, hub } = this.input;
    return decideDnsSharing(this.report.for(DNS_SHARING), {
      requested: request.dnsSharing ?? "auto",
      path: "dnsSharing",
      shared: central.map((d) => ({
        service: d.decision.service,
        zones: zonesFor(d.dnsNames, d.decision.service, "ipv4").length,
        consumers: d.decision.consumers,
      })),
      owner: hub.accountId ?? "hub",
      prices: this.ctx.pricesIn(request.region),
      vpcsPerHostedZone: this.quotas.vpcsPerHostedZone,
    });
  }

  private planHub(central: Decided[], mode: SharingMode): HubPlan {
    const { hub, request } = this.input;
    const centralKeys = new Set(central.map((d) => d.decision.service));
    const own = hub.normalized.services;
    // Zones: the hub publishes a zone per shared name, so its endpoint's own private DNS must stay off
    // (AWS allows one private-DNS owner per name in a VPC, and the zone is associated with the hub).
    // Profile: the Profile shares the endpoint's own private DNS, which must be on.
    const shared = (options: ServiceRequest): ServiceRequest => ({ ...options, type: "Interface", privateDns: mode === "profile" });
    const services = own.map((s) => (centralKeys.has(s.key) ? shared(s.options) : s.options));
    for (const d of central) if (!own.some((s) => s.key === d.decision.service)) services.push(shared({ name: d.decision.service }));
    const traffic: Record<string, number> = { ...(request.hub.traffic ?? {}) };
    const spokesGb = new Map<string, number>();
    for (const d of central) {
      const given = d.outcomes.filter((o) => o.fromHub && o.demand.spoke.spec.traffic?.[d.decision.service] !== undefined);
      if (given.length || traffic[d.decision.service] !== undefined) {
        const gb = d.outcomes.reduce((sum, o) => sum + (o.fromHub ? o.demand.gb : 0), 0);
        spokesGb.set(d.decision.service, gb);
        traffic[d.decision.service] = (traffic[d.decision.service] ?? 0) + gb;
      }
    }
    const paths: VpcPaths = { ...hub.paths, services: new Map(own.map((s, i) => [i, s.path])) };
    const plan = services.length ? this.plan({ ...hub.single, services, bundles: undefined, traffic }, hub.normalized.facts, paths) : null;
    if (!services.length) resolverWithoutPlan(this.report.for(DNS_SHARING), request.hub.access?.onPremises, "hub.access");
    const ingress: Record<string, IngressRule[]> = {};
    for (const e of plan?.endpoints ?? []) {
      const d = central.find((c) => c.decision.service === e.service);
      if (!d || e.type !== "Interface") continue;
      ingress[e.service] = this.hubIngress(e, d);
      this.shareEndpoint(e, d, ingress[e.service], own.find((s) => s.key === e.service)?.options.type === "Interface", mode);
    }
    if (plan) this.compareHubOwnTraffic(plan, spokesGb);
    if (plan)
      fitSecurityGroups(this.report.for(SECURITY_GROUPS), this.report.for(QUOTAS), plan.endpoints, {
        quotas: this.quotas,
        path: "spokes",
        fix: "Keep some spokes' services local (centralize: never), or give the spokes adjacent CIDRs (adjacent blocks merge)",
        idsPath: "hub.securityGroup.ids",
      });
    // Shared endpoints resolve in the hub through its zones (or their own private DNS), so on-premises
    // clients need the hub's inbound endpoint for them as much as for the hub's own services.
    const onPremises = request.hub.access?.onPremises;
    if (onPremises && central.length)
      checkOutsideDns(this.report.for(RESOLVER), {
        vpcId: request.hub.vpc.id,
        onPremises,
        onPremisesServices: [...centralKeys].sort(),
        peerServices: [],
        prices: this.ctx.pricesIn(request.region),
        azs: new Set((request.hub.subnets ?? []).map((s) => s.az)).size,
        accessPath: "hub.access",
      });
    if (plan?.resolver && central.length)
      plan.resolver.reasons.push(
        this.report
          .for(DNS_SHARING)
          .reason(
            "RESOLVER_SERVES_SHARED",
            `The hub's inbound endpoint also answers on-premises clients for the shared ${[...centralKeys].sort().join(", ")}: ${mode === "zones" ? "their zones are associated with the hub VPC" : "their private DNS is on in the hub VPC"}.`,
          ),
      );
    return {
      vpcId: request.hub.vpc.id,
      ...(hub.accountId ? { accountId: hub.accountId } : {}),
      centralized: [...centralKeys].sort(),
      plan,
      ingress,
    };
  }

  /** Shared endpoints weigh only the hub's own traffic against NAT (hubOwnComparison); the plan's totals follow. */
  private compareHubOwnTraffic(plan: Plan, spokesGb: ReadonlyMap<string, number>): void {
    const ctx = this.report.for(TRAFFIC);
    let redone = false;
    for (const e of plan.endpoints) {
      if (e.type !== "Interface") continue;
      const own = hubOwnComparison(ctx, e, spokesGb.get(e.service) ?? 0, plan.cost.prices);
      if (!own) continue;
      e.cost = own.cost;
      e.monthlyCostUsd = own.cost.monthlyUsd;
      // The break-even the single-VPC planner gave was for the hub's and the spokes' traffic together.
      e.reasons = [...e.reasons.filter((r) => r.code !== "BELOW_BREAK_EVEN"), own.reason];
      redone = true;
    }
    if (redone) {
      const { priceRegion, pricesAssumed, prices } = plan.cost;
      plan.cost = planCost(
        plan.endpoints,
        prices,
        { priceRegion, ...(pricesAssumed ? { pricesAssumed } : {}) },
        plan.resolver?.monthlyCostUsd,
      );
    }
  }

  /** The service port from the hub's CIDRs, its declared outside consumers and each consuming spoke; nothing else. */
  private hubIngress(e: PlannedEndpoint, d: Decided): IngressRule[] {
    const { request, hub } = this.input;
    // The hub's own consumers as the service's access narrows them (rule 13), plus its consuming spokes.
    const own = hub.normalized.services.find((s) => s.key === e.service)?.options.access;
    const scope = narrowScope(request.hub.access ?? {}, own);
    const hubPeers = new Set(scope.peerVpcs.map((p) => p.name));
    const consumers = d.outcomes.filter((o) => o.fromHub).map((o) => o.demand.spoke.spec);
    const spokes = consumers.map((s) => ({ name: s.name, cidrs: [...s.vpc.cidrs!, ...(s.vpc.ipv6Cidrs ?? [])] }));
    const { accountId: _account, ...vpc } = request.hub.vpc;
    return ingressRules(
      e.port!,
      vpc,
      { ...scope.access, peerVpcs: [...scope.peerVpcs, ...spokes] },
      {
        vpc: scope.fromVpc,
        ipv4: e.ipAddressType !== "ipv6",
        ipv6: e.ipAddressType !== "ipv4",
        ...(scope.securityGroups ? { securityGroups: scope.securityGroups } : {}),
      },
    ).map((rule) => {
      const name = rule.source.slice("peer:".length);
      if (!rule.source.startsWith("peer:") || hubPeers.has(name)) return rule;
      return { ...rule, source: `spoke:${name}`, description: ruleDescription(rule.fromPort, `spoke ${name}`, ruleTarget(rule)) };
    });
  }

  private shareEndpoint(e: PlannedEndpoint, d: Decided, rules: IngressRule[], hubAskedInterface: boolean, mode: SharingMode): void {
    const group = e.securityGroup!;
    const consumers = d.decision.consumers;
    if (group.mode === "perEndpoint") {
      e.securityGroup = { name: group.name, mode: group.mode, ingress: rules };
      delete e.securityGroups;
    } else if (group.mode === "shared") {
      const byRule = new Map([...group.ingress, ...rules].map((r) => [`${r.fromPort}/${ruleTarget(r)}`, r]));
      group.ingress.splice(0, group.ingress.length, ...[...byRule.values()].sort(compareRules));
    } else {
      this.warn(
        "HUB_SG_EXISTING",
        `The hub's ${e.service} endpoint uses existing security groups: they must admit TCP ${e.port} from ${foldNames(consumers)} (${rules.map(ruleTarget).join(", ")}).`,
        "hub.securityGroup",
        e.service,
      );
    }
    const zoneNames = zonesFor(d.dnsNames, e.name, e.ipAddressType ?? "ipv4").map((z) => z.name);
    e.reasons = e.reasons.map((r, i) => {
      if (i === 0 && r.code === "INTERFACE_FORCED" && !hubAskedInterface)
        return {
          code: "CENTRALIZED_IN_HUB",
          message: `Shared hub endpoint for ${e.service}: serves ${consumers.length > 4 ? `${count(consumers.length, "spoke")} (${foldNames(consumers)})` : consumers.join(", ")}${d.decision.hubUses ? " and the hub" : ""}.`,
        };
      if (r.code === "PRIVATE_DNS_OFF" && mode === "zones")
        return {
          code: "HUB_PRIVATE_HOSTED_ZONE",
          message: `Private DNS off: the hub's private hosted zone(s) ${zoneNames.join(", ")} resolve ${e.service} to this endpoint in the hub and its ${consumers.length} consuming spoke(s).`,
        };
      if (r.code === "PRIVATE_DNS_ON" && mode === "profile")
        return this.report
          .for(DNS_SHARING)
          .reason(
            "HUB_PROFILE_SHARED",
            `Private DNS on: the hub resolves ${e.service} through it, and the hub's Route 53 Profile shares it with its ${consumers.length} consuming spoke(s).`,
          );
      if (r.code === "SG_PER_ENDPOINT")
        return {
          ...r,
          message: `Own security group: TCP ${e.port} from the hub and ${consumers.length} consuming spoke(s), ${rules.length} source(s) in all.`,
        };
      return r;
    });
  }

  private zones(central: Decided[], hub: HubPlan): PlannedZone[] {
    const zones: PlannedZone[] = [];
    for (const d of central) {
      const endpoint = hub.plan?.endpoints.find((e) => e.service === d.decision.service && e.type === "Interface");
      if (!endpoint) continue;
      const associations = d.outcomes
        .filter((o) => o.fromHub)
        .map(({ demand: { spoke } }) => ({
          spoke: spoke.spec.name,
          vpcId: spoke.spec.vpc.id,
          region: spoke.region.code,
          ...(spoke.spec.vpc.accountId ? { accountId: spoke.spec.vpc.accountId } : {}),
          authorizationRequired: spoke.crossAccount,
        }))
        .sort((a, b) => (a.spoke < b.spoke ? -1 : 1));
      // The hub VPC is associated with each zone too.
      checkQuota(this.report.for(QUOTAS), this.quotas, "vpcsPerHostedZone", associations.length + 1, {
        path: "spokes",
        what: `each ${d.decision.service} hosted zone (${zonesFor(d.dnsNames, endpoint.name, endpoint.ipAddressType ?? "ipv4")
          .map((z) => z.name)
          .join(", ")}: the hub and ${associations.length} spokes)`,
        fix: `Share by Route 53 Profile (dnsSharing: profile, or auto), keep ${d.decision.service} local in some spokes (centralize: never), or split the spokes over several hubs`,
      });
      for (const zone of zonesFor(d.dnsNames, endpoint.name, endpoint.ipAddressType ?? "ipv4")) {
        const clash = zones.find((z) => z.name === zone.name);
        if (clash) {
          this.problems.add(
            "ZONE_NAME_CONFLICT",
            "facts.servicePrivateDns",
            `${clash.service} and ${d.decision.service} would both publish the private hosted zone ${zone.name}.`,
            "Correct facts.servicePrivateDns, or keep one of the services local (centralize: never on its spokes).",
          );
          continue;
        }
        zones.push({
          name: zone.name,
          service: d.decision.service,
          endpoint: endpoint.name,
          hubVpcId: hub.vpcId,
          records: zone.records,
          associations,
        });
      }
    }
    return zones.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** The Profile with every shared endpoint, associated by each consuming spoke and shared with their other accounts. */
  private profile(central: Decided[], hub: HubPlan, sharing: DnsSharingPlan): PlannedProfile | null {
    const keys = new Set(central.map((d) => d.decision.service));
    const endpoints = (hub.plan?.endpoints ?? []).filter((e) => e.type === "Interface" && keys.has(e.service)).map((e) => e.name);
    if (!endpoints.length) return null;
    const consumers = new Set(central.flatMap((d) => d.decision.consumers));
    const spokes = this.input.spokes.filter((s) => consumers.has(s.spec.name)).sort((a, b) => (a.spec.name < b.spec.name ? -1 : 1));
    const { associations: _count, quota: _quota, ...cost } = sharing.profile;
    return {
      name: "route53-profile",
      endpoints: endpoints.sort(),
      associations: spokes.map((s) => ({
        spoke: s.spec.name,
        vpcId: s.spec.vpc.id,
        ...(s.spec.vpc.accountId ? { accountId: s.spec.vpc.accountId } : {}),
      })),
      sharedWith: [...new Set(spokes.filter((s) => s.crossAccount && s.spec.vpc.accountId).map((s) => s.spec.vpc.accountId!))].sort(),
      cost,
    };
  }

  private planSpoke(
    spoke: SpokeInput,
    outcomes: ReadonlyArray<Decided["outcomes"][number]>,
    zoneAssociations: SpokePlan["zoneAssociations"],
    fromHub: (s: SpokeInput, key: string) => boolean,
    mode: SharingMode,
  ): SpokePlan {
    const { spec, normalized } = spoke;
    const local = normalized.services.filter((s) => !fromHub(spoke, s.key));
    const hubKeys = normalized.services.filter((s) => fromHub(spoke, s.key)).map((s) => s.key);
    for (const s of normalized.services) {
      const extra = Object.keys(s.options).filter((k) => k !== "name" && k !== "type");
      if (hubKeys.includes(s.key) && extra.length)
        this.warn(
          "SPOKE_OPTIONS_NOT_APPLIED",
          `${spec.name} takes ${s.key} from the hub, whose shared endpoint ignores the spoke's ${extra.join(", ")}.`,
          `${spoke.paths.prefix}.${s.path}`,
          s.key,
        );
    }
    const traffic = Object.fromEntries(Object.entries(spec.traffic ?? {}).filter(([key]) => local.some((s) => s.key === key)));
    const paths: VpcPaths = { ...spoke.paths, services: new Map(local.map((s, i) => [i, s.path])) };
    const plan = local.length
      ? this.plan({ ...spoke.single, services: local.map((s) => s.options), bundles: undefined, traffic }, normalized.facts, paths)
      : null;
    if (hubKeys.length) this.checkSpokeDns(spoke, hubKeys, mode);

    const sum = (f: (o: (typeof outcomes)[number]) => number): number => money(outcomes.reduce((acc, o) => acc + f(o), 0));
    const localMonthly = plan?.cost.monthlyTotalUsd ?? 0;
    const hubData = sum((o) => o.hubDataUsd);
    const transit = sum((o) => o.transitUsd);
    return {
      name: spec.name,
      vpcId: spec.vpc.id,
      region: spoke.region.code,
      ...(spec.vpc.accountId ? { accountId: spec.vpc.accountId } : {}),
      crossRegion: spoke.crossRegion,
      crossAccount: spoke.crossAccount,
      centralize: spoke.centralize,
      transit: this.input.request.transit.type,
      fromHub: [...hubKeys].sort(),
      local: local.map((s) => s.key).sort(),
      zoneAssociations: [...zoneAssociations].sort((a, b) => (a.zone < b.zone ? -1 : 1)),
      profileAssociation: mode === "profile" && hubKeys.length > 0,
      plan,
      cost: {
        localMonthlyUsd: localMonthly,
        hubDataMonthlyUsd: hubData,
        transitMonthlyUsd: transit,
        monthlyUsd: money(localMonthly + hubData + transit),
        everyVpcOwnMonthlyUsd: money(localMonthly + outcomes.reduce((acc, o) => acc + (o.fromHub ? o.ownUsd : 0), 0)),
      },
    };
  }

  /** Route 53 answers from an associated private hosted zone only in VPCs with both DNS attributes on. */
  private checkSpokeDns(spoke: SpokeInput, keys: string[], mode: SharingMode): void {
    const { vpc, name } = spoke.spec;
    checkVpcDns(this.report.for(VPC_DNS), {
      vpc,
      path: `${spoke.paths.prefix}.vpc`,
      label: `${name} (${vpc.id})`,
      needs: `resolving ${keys.join(", ")} through the hub's ${mode === "zones" ? "private hosted zones" : "Route 53 Profile"}`,
      alternative: `set centralize: never for ${name}`,
    });
  }

  private checkNetworkWarnings(decided: Decided[]): void {
    const { hub, spokes } = this.input;
    const crossAccount = spokes.filter((s) => s.crossAccount && !hub.accountId).map((s) => s.spec.name);
    if (crossAccount.length)
      this.warn(
        "HUB_ACCOUNT_UNKNOWN",
        `The hub's account is not given, so ${crossAccount.join(", ")} count as other accounts (zone association authorizations planned).`,
        "hub.vpc.accountId",
      );
    // Per spoke, the interface services whose hub-or-local choice assumed 0 GB (in service order).
    const guessedBy = new Map<SpokeInput, string[]>();
    for (const d of decided) {
      if (d.gateway) continue;
      const hubCost = new Map(d.decision.spokes.map((s) => [s.spoke, s.cost.hubMonthlyUsd]));
      for (const o of d.outcomes) {
        const spoke = o.demand.spoke;
        if (spoke.spec.traffic?.[d.decision.service] !== undefined || hubCost.get(spoke.spec.name) === null) continue;
        (guessedBy.get(spoke) ?? guessedBy.set(spoke, []).get(spoke)!).push(d.decision.service);
      }
    }
    // Only a spoke whose services cost decides (centralize: auto) has a decision that its traffic could change.
    for (const spoke of spokes.filter((s) => s.centralize === "auto")) {
      const guessed = guessedBy.get(spoke) ?? [];
      if (guessed.length)
        this.warn(
          "TRAFFIC_UNKNOWN",
          `${spoke.spec.name} gives no traffic for ${guessed.join(", ")}: the hub-or-local decision assumes 0 GB a month, which favours the hub.`,
          `${spoke.paths.prefix}.traffic`,
        );
    }
  }

  /** The hub's and the spokes' VPC CIDRs: a spoke inside the hub's range (or any overlap over peering) cannot route. */
  private networks(): Network[] {
    const { request, spokes } = this.input;
    const at = (path: string, cidrs: readonly string[] | undefined): Network["cidrs"] =>
      (cidrs ?? []).map((cidr, i) => ({ cidr, path: `${path}[${i}]` }));
    const peering = request.transit.type === "peering";
    return [
      {
        label: "the hub",
        local: true,
        cidrs: [...at("hub.vpc.cidrs", request.hub.vpc.cidrs), ...at("hub.vpc.ipv6Cidrs", request.hub.vpc.ipv6Cidrs)],
      },
      ...spokes.map((s): Network => ({
        label: `spoke ${s.spec.name}`,
        peering,
        cidrs: [...at(`${s.paths.prefix}.vpc.cidrs`, s.spec.vpc.cidrs), ...at(`${s.paths.prefix}.vpc.ipv6Cidrs`, s.spec.vpc.ipv6Cidrs)],
      })),
    ];
  }

  /** Gateway endpoints count per account and Region: every spoke in the hub's account adds its own. */
  private checkGatewayQuota(hub: HubPlan, spokes: SpokePlan[]): void {
    const owner = this.input.hub.accountId ?? "the hub's account";
    const counts = new Map<string, number>();
    const add = (account: string | undefined, region: string, plan: Plan | null): void => {
      const n = plan?.endpoints.filter((e) => e.type === "Gateway").length ?? 0;
      if (n) counts.set(`${account ?? owner} in ${region}`, (counts.get(`${account ?? owner} in ${region}`) ?? 0) + n);
    };
    add(hub.accountId, this.input.region.code, hub.plan);
    for (const s of spokes) add(s.accountId, s.region, s.plan);
    for (const [where, n] of [...counts].sort()) {
      checkQuota(this.report.for(QUOTAS), this.quotas, "gatewayEndpointsPerRegion", n, {
        path: "spokes",
        what: `account ${where}`,
        fix: "Spread the spokes over more accounts, or drop gateway services some spokes do not need",
      });
    }
  }

  private warn(code: string, message: string, path?: string, service?: string): void {
    this.report.warnings.push({ code, message, ...(path ? { path } : {}), ...(service ? { service } : {}) });
  }
}
