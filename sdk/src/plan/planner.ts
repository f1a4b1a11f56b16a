/**
 * planEndpoints: the decision engine. Pure, synchronous and deterministic: the same request (in any
 * order) and facts give byte-identical plans. Invalid input throws one PlanRequestError that lists
 * every problem.
 */
import { privateDnsNamesIn, serviceNameIn, type Region } from "../catalog";
import { gatewayCost, interfaceCost, planCost, rate, tieredPerGbUsd } from "./cost";
import { indexByAz, placeFromIndex, type AzIndex, type Placement, type PlacementSubnet } from "./placement";
import { buildPolicy } from "./policy";
import { PlanRequestError, Problems } from "./problems";
import { ingressRules, isOpenCidr } from "./security";
import type {
  EndpointType,
  IngressRule,
  IpAddressType,
  Plan,
  PlanFacts,
  PlannedEndpoint,
  PlannedLinkEndpoint,
  PriceTable,
  Reason,
  SubnetSpec,
} from "./types";
import { mergeBlocks } from "./cidr";
import { checkOverlaps, CODES as OVERLAP, type Network } from "./rules/cidrOverlap";
import { Report, sortDiagnostics } from "./rules/context";
import { checkSubnetsWithoutRouteTable, CODES as ROUTE_TABLES, gatewayRouteTables } from "./rules/routeTables";
import { CODES as IP_TYPES, IpTypes } from "./rules/ipv6";
import { checkPolicyDocument, reportDefaultPolicyNotApplied, CODES as POLICY_DOCUMENT } from "./rules/policyDocument";
import { checkQuota, checkTags, CODES as QUOTAS, readQuotas, type Quotas } from "./rules/quotas";
import { applySecurityGroupMode, externalOnly, fitSecurityGroups, CODES as SECURITY_GROUPS } from "./rules/securityGroups";
import * as crossRegion from "./rules/crossRegion";
import * as endpointServices from "./rules/endpointServices";
import { planGatewayLoadBalancer, CODES as ENDPOINT_TYPES } from "./rules/endpointTypes";
import { checkAvailability, notOfferedWhenLookedUp, useFips, CODES as AVAILABILITY } from "./rules/availability";
import { checkOutsideDns, planResolver, CODES as RESOLVER } from "./rules/resolver";
import { checkVpcDns, CODES as VPC_DNS } from "./rules/vpcDns";
import { checkEcrLayers, CODES as ECR_LAYERS } from "./rules/ecrLayers";
import { byGroupReason, checkAccess, scopeFor, CODES as ACCESS, type ServiceScope } from "./rules/access";
import { reportPublicSubnets, selectByTags, CODES as SUBNETS } from "./rules/subnets";
import { carried, checkTrafficParts, outsideReason, trafficParts, CODES as TRAFFIC, type TrafficParts } from "./rules/traffic";
import { priceSource, CODES as PRICES, type PriceSource } from "./rules/prices";
import {
  checkNameTags,
  dnsRecordIpType,
  endpointTags,
  extraSecurityGroups,
  inboundOnlyNotSent,
  providerSendsInboundOnly,
  CODES as OPTIONS,
} from "./rules/endpointOptions";
import { readRequest, type NormalizedRequest, type ResolvedService } from "./validate";

export const DEFAULT_MIN_AZS = 2;
export { SHARED_SECURITY_GROUP } from "./rules/securityGroups";

/** Resource-name stem of an endpoint: the key for interface endpoints, `<key>-gateway` for gateways. */
export const endpointName = (serviceKey: string, type: EndpointType): string => (type === "Gateway" ? `${serviceKey}-gateway` : serviceKey);

export function planEndpoints(request: unknown, facts?: PlanFacts): Plan {
  const problems = new Problems();
  const input = readRequest(request, facts, problems);
  if (!input) throw new PlanRequestError(problems.list);
  const planner = new Planner(input, problems);
  const plan = planner.run();
  if (!problems.empty) throw new PlanRequestError(problems.list);
  return plan;
}

class Planner {
  private readonly report: Report;
  private readonly crossRegion: crossRegion.CrossRegionContext;
  private readonly endpointServices: endpointServices.EndpointServiceContext;
  private readonly prices: PriceTable;
  /** Interface processing per GB: the tiered average for everything this plan's interface endpoints process. */
  private readonly perGbUsd: number;
  private readonly region: Region;
  private allSubnets?: AzIndex;
  /** Ingress rule lists by consumers, then port, then slot (see `ingress`). */
  private readonly ingressCache = new Map<string, Map<number, IngressRule[][]>>();
  /** The request's subnets that `subnetTags` selects (all of them without tags). */
  private readonly subnets: Array<SubnetSpec & { az: string }>;
  private readonly subnetsReason?: Reason;
  private readonly scopes = new Map<string, ServiceScope>();
  private topScope?: ServiceScope;
  /** The request's services by key (keys are unique after readRequest). */
  private readonly services: ReadonlyMap<string, ResolvedService>;
  /** Each scope's entry in `ingressCache`. */
  private readonly scopeIngress = new Map<ServiceScope, Map<number, IngressRule[][]>>();
  /** Placements over all subnets, by which of their AZs the service supports. */
  private readonly placements = new Map<number, Placed>();
  /** Services that got a gateway endpoint, for the route-table warning made once per plan. */
  private readonly gateways: ResolvedService[] = [];
  private readonly quotas: Quotas;
  private readonly ipTypes: IpTypes;
  private priceSource: PriceSource = { priceRegion: "" };
  /** Services that take no endpoint policy, which `defaults.policy` therefore does not reach. */
  private readonly defaultPolicySkipped: string[] = [];
  /** Endpoints of the types beyond gateway and interface (rules/endpointTypes.ts). */
  private readonly linkEndpoints: PlannedLinkEndpoint[] = [];

  constructor(
    private readonly input: NormalizedRequest,
    private readonly problems: Problems,
  ) {
    this.report = new Report(problems);
    this.crossRegion = this.report.for(crossRegion.CODES);
    this.endpointServices = this.report.for(endpointServices.CODES);
    this.region = input.region;
    this.prices = { ...input.region.prices, ...(input.request.prices ?? {}) };
    const selected = selectByTags(this.report.for(SUBNETS), input.request, input.subnets);
    this.subnets = selected.subnets;
    this.subnetsReason = selected.reason;
    this.quotas = readQuotas(this.report.for(QUOTAS), input.request.quotas);
    this.ipTypes = new IpTypes(
      this.report.for(IP_TYPES),
      input.request.defaults?.ipAddressType,
      input.facts,
      new Map(input.subnets.map((s) => [s.id, s])),
    );
    this.perGbUsd = tieredPerGbUsd(this.prices, this.interfaceGb());
    this.services = new Map(input.services.map((s) => [s.key, s]));
  }

  /** GB a month the interface endpoints carry: all traffic but the VPC's own where a gateway takes it. */
  private interfaceGb(): number {
    const fromVpc = this.input.request.access?.fromVpc !== false;
    const traffic = this.input.request.traffic ?? {};
    return this.input.services.reduce((sum, s) => {
      const given = traffic[s.key];
      if (given === undefined || s.options.type === "GatewayLoadBalancer") return sum;
      const gatewayTakesVpc = s.catalog.types.includes("Gateway") && !s.serviceRegion && s.options.type !== "Interface" && fromVpc;
      if (typeof given === "number") return sum + (gatewayTakesVpc ? 0 : given);
      return sum + (given.onPremises ?? 0) + (given.peers ?? 0) + (gatewayTakesVpc ? 0 : (given.vpc ?? 0));
    }, 0);
  }

  run(): Plan {
    const { request } = this.input;
    const access = request.access;
    checkAccess(this.report.for(ACCESS), request, this.input.facts, this.input.services);
    this.priceSource = priceSource(this.report.for(PRICES), this.region, request.prices);
    // What the rules admit, not how it is spelt: 0.0.0.0/1 and 128.0.0.0/1 merge into 0.0.0.0/0.
    // Without extraCidrs no union is that wide (validate.ts refuses it).
    if (access?.extraCidrs?.length) {
      const declared = [request.vpc.cidrs, access.onPremises?.cidrs, ...(access.peerVpcs ?? []).map((p) => p.cidrs)].flatMap(
        (c) => c ?? [],
      );
      for (const open of mergeBlocks([...declared, ...access.extraCidrs]).filter((m) => isOpenCidr(m.cidr))) {
        const spelt = open.covers.find(isOpenCidr);
        this.warn(
          "OPEN_INGRESS",
          `access.extraCidrs admits ${spelt ?? `${open.cidr} (${open.covers.join(", ")} together)`}: every interface endpoint accepts connections from anywhere that can route to it.`,
          "access.extraCidrs",
        );
      }
    }

    checkTags(this.report.for(QUOTAS), request.tags);
    checkNameTags(this.report.for(OPTIONS), request, this.input.services);
    checkOverlaps(this.report.for(OVERLAP), networksOf(request));
    checkAvailability(this.report.for(AVAILABILITY), this.input);

    const endpoints: PlannedEndpoint[] = [];
    for (const service of this.input.services) for (const endpoint of this.planService(service)) endpoints.push(endpoint);
    checkSubnetsWithoutRouteTable(this.report.for(ROUTE_TABLES), this.subnets, this.gateways);
    const linkEndpoints = this.linkEndpoints.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.checkVpcForInterfaces(endpoints);
    applySecurityGroupMode(this.report.for(SECURITY_GROUPS), endpoints, request.securityGroup);
    fitSecurityGroups(this.report.for(SECURITY_GROUPS), this.report.for(QUOTAS), endpoints, {
      quotas: this.quotas,
      path: "access",
      fix: "Declare fewer or aggregated consumer networks (adjacent blocks merge)",
      reserved: (e) => new Set(this.services.get(e.service)?.options.securityGroupIds ?? []).size,
    });
    this.attachExtraGroups(endpoints);
    this.checkEndpointQuotas(endpoints);
    this.ipTypes.report(Object.keys(request), endpoints, access);
    const dns = this.report.for(RESOLVER);
    const named = (who: (s: ServiceScope) => boolean): string[] =>
      endpoints.filter((e) => e.privateDns && who(this.scopes.get(e.service)!)).map((e) => e.service);
    checkOutsideDns(dns, {
      vpcId: request.vpc.id,
      onPremises: access?.onPremises,
      onPremisesServices: named((s) => Boolean(s.onPremises?.cidrs.length)),
      peerServices: named((s) => s.peerVpcs.length > 0),
      prices: this.prices,
      azs: new Set(this.input.subnets.map((s) => s.az)).size,
    });
    const subnets = this.input.subnets.length ? (this.allSubnets ??= indexByAz(this.input.subnets)) : undefined;
    const planned = planResolver(dns, { access, subnets, prices: this.prices });
    const resolver = planned?.resolver;
    if (planned)
      reportPublicSubnets(
        this.report.for(SUBNETS),
        { label: "The Resolver inbound endpoint" },
        planned.placement,
        planned.resolver.reasons,
      );
    const s3 = this.services.get("s3");
    checkEcrLayers(this.report.for(ECR_LAYERS), {
      region: this.region.code,
      partition: this.region.partition,
      endpoints,
      ...(s3 ? { s3: { path: s3.path, policy: s3.options.policy } } : {}),
      defaultPolicy: request.defaults?.policy,
    });
    reportDefaultPolicyNotApplied(this.report.for(POLICY_DOCUMENT), this.defaultPolicySkipped);
    return {
      version: 1,
      region: this.region.code,
      vpcId: request.vpc.id,
      endpoints,
      ...(linkEndpoints.length ? { linkEndpoints } : {}),
      ...(resolver ? { resolver } : {}),
      warnings: sortDiagnostics(this.report.warnings),
      errors: [],
      cost: planCost([...endpoints, ...linkEndpoints], this.prices, this.priceSource, resolver?.monthlyCostUsd),
    };
  }

  private planService(service: ResolvedService): PlannedEndpoint[] {
    if (service.options.type === "GatewayLoadBalancer") {
      const given = this.input.request.traffic?.[service.key];
      const expectedGb =
        given === undefined
          ? undefined
          : typeof given === "number"
            ? given
            : (given.vpc ?? 0) + (given.onPremises ?? 0) + (given.peers ?? 0);
      const tags = endpointTags(this.input.request, service);
      this.linkEndpoints.push(
        ...planGatewayLoadBalancer(
          this.report.for(ENDPOINT_TYPES),
          {
            key: service.key,
            name: service.name,
            serviceName: service.catalog.serviceName,
            path: service.path,
            options: service.options,
            endpointService: Boolean(service.endpointService),
            ...(tags ? { tags } : {}),
            ...(expectedGb !== undefined ? { expectedGb } : {}),
          },
          { subnets: this.subnets, facts: this.input.facts, prices: this.prices },
        ),
      );
      return [];
    }
    // Without its own access a service takes the top-level scope as it is: one (read-only) object per plan.
    const scope = service.options.access
      ? scopeFor(this.report.for(ACCESS), this.input.request, service)
      : (this.topScope ??= scopeFor(this.report.for(ACCESS), this.input.request, service));
    if (!scope) return [];
    this.scopes.set(service.key, scope);
    const outside = service.endpointService
      ? endpointServices.readEndpointService(
          this.endpointServices,
          { key: service.key, port: service.catalog.port, path: service.path, options: service.options },
          this.input.facts,
        )
      : undefined;
    const types = this.decideTypes(service, scope, outside?.reason);
    if (!types) return [];
    const hasGateway = types.some((t) => t.type === "Gateway");
    const parts = trafficParts(this.input.request, service.key, scope);
    if (parts)
      checkTrafficParts(
        this.report.for(TRAFFIC),
        this.input.request,
        service.key,
        parts,
        scope,
        types.map((t) => t.type),
      );
    const policy = this.policyFor(service, outside?.facts.policy);
    const tags = endpointTags(this.input.request, service);
    const out: PlannedEndpoint[] = [];
    for (const { type, reasons } of types) {
      // The type's (fresh) reason list starts the endpoint's: the type's and the scope's reasons come first.
      if (scope.narrowed) reasons.push(scope.narrowed);
      // The VPC's own traffic goes to the gateway when there is one, else to the interface
      // endpoint; traffic from outside always goes to the interface endpoint.
      const traffic = parts && carried(this.input.request, service.key, parts, type, hasGateway);
      const endpoint =
        type === "Gateway"
          ? this.gateway(service, traffic, reasons)
          : this.interface(service, scope, { hasGateway, traffic, outside: outside?.facts, reasons });
      if (!endpoint) continue;
      if (this.subnetsReason) endpoint.reasons.push(this.subnetsReason);
      if (tags) endpoint.tags = tags;
      if (policy) {
        endpoint.policy = policy.document;
        endpoint.reasons.push(policy.reason);
      }
      out.push(endpoint);
    }
    return out;
  }

  /** Rules 1-3: which endpoint types the service needs, and why. */
  private decideTypes(
    service: ResolvedService,
    scope: ServiceScope,
    endpointService?: Reason,
  ): Array<{ type: EndpointType; reasons: Reason[] }> | undefined {
    const { catalog, options, path, key } = service;
    const { external, fromVpc } = scope;
    const canGateway = catalog.types.includes("Gateway");
    const canInterface = catalog.types.includes("Interface");
    const requested = options.type ?? "Auto";
    if (service.serviceRegion) {
      if (requested === "Gateway") {
        crossRegion.gatewayImpossible(this.crossRegion, catalog.key, service.serviceRegion.code, path);
        return undefined;
      }
      return [
        {
          type: "Interface",
          reasons: [
            crossRegion.interfaceOnly(this.crossRegion, catalog.key, service.serviceRegion.code, this.region.code),
            ...(endpointService ? [endpointService] : []),
            ...this.externalReasons(key, false, scope),
          ],
        },
      ];
    }
    if (requested === "Gateway") {
      if (!canGateway) {
        this.problems.add(
          "GATEWAY_UNSUPPORTED",
          `${path}.type`,
          `${key} has no gateway endpoint; only s3, dynamodb and s3express do.`,
          "Remove type, or set type: Interface.",
        );
        return undefined;
      }
      if (external)
        this.warn(
          "GATEWAY_EXTERNAL_UNREACHABLE",
          `${key} is forced to a gateway endpoint, which on-premises networks and peer VPCs cannot use.`,
          undefined,
          key,
        );
      return [{ type: "Gateway", reasons: [reason("GATEWAY_FORCED", `Gateway endpoint requested for ${key}.`)] }];
    }
    if (endpointService) return [{ type: "Interface", reasons: [endpointService, ...this.externalReasons(key, false, scope)] }];
    if (requested === "Interface") {
      if (!canInterface) {
        this.problems.add(
          "INTERFACE_UNSUPPORTED",
          `${path}.type`,
          `${key} has no interface endpoint.`,
          "Remove type, or set type: Gateway.",
        );
        return undefined;
      }
      return [
        {
          type: "Interface",
          reasons: [
            reason(
              "INTERFACE_FORCED",
              `Interface endpoint requested for ${key}${canGateway ? " although a free gateway endpoint exists" : ""}.`,
            ),
          ],
        },
      ];
    }
    const out: Array<{ type: EndpointType; reasons: Reason[] }> = [];
    if (canGateway && fromVpc) {
      out.push({
        type: "Gateway",
        reasons: [
          reason(
            "GATEWAY_FREE",
            `${key} has a gateway endpoint: free, and it only adds a route to the service's prefix list in the chosen route tables.`,
          ),
        ],
      });
    }
    const externalReasons = this.externalReasons(key, canGateway, scope);
    if (!canInterface) {
      if (external)
        this.warn(
          "GATEWAY_EXTERNAL_UNREACHABLE",
          `${key} has only a gateway endpoint, which on-premises networks and peer VPCs cannot use.`,
          undefined,
          key,
        );
      return out;
    }
    if (!canGateway && fromVpc) {
      out.push({
        type: "Interface",
        reasons: [
          reason("INTERFACE_ONLY_SERVICE", `${key} has no gateway endpoint, so workloads in the VPC need an interface endpoint.`),
          ...externalReasons,
        ],
      });
    } else if (externalReasons.length) {
      const why =
        canGateway && !fromVpc
          ? [reason("VPC_NOT_CONSUMER", `Only consumers outside the VPC need ${key} (fromVpc is false), so no gateway endpoint.`)]
          : [];
      out.push({ type: "Interface", reasons: [...externalReasons, ...why] });
    }
    return out;
  }

  private externalReasons(key: string, canGateway: boolean, scope: ServiceScope): Reason[] {
    const access = scope.access;
    const tail = canGateway ? ": gateway endpoints do not serve traffic from outside the VPC" : "";
    const out: Reason[] = [];
    if (access?.onPremises?.cidrs.length) {
      out.push(reason("ON_PREMISES_ACCESS", `${key} reached from on-premises over Direct Connect or VPN${tail}.`));
    }
    const peers = access?.peerVpcs ?? [];
    if (peers.length) {
      out.push(
        reason(
          "PEER_VPC_ACCESS",
          `${key} reached from peer VPCs (${peers
            .map((p) => p.name)
            .sort()
            .join(", ")}) over peering or Transit Gateway${tail}.`,
        ),
      );
      const remote = crossRegion.remotePeers(this.crossRegion, peers, this.region.code);
      if (remote) out.push(remote);
    }
    return out;
  }

  private gateway(service: ResolvedService, traffic: TrafficParts | undefined, reasons: Reason[]): PlannedEndpoint | undefined {
    const { key } = service;
    const routeTableIds = gatewayRouteTables(this.report.for(ROUTE_TABLES), service, this.subnets);
    if (!routeTableIds) return undefined;
    this.gateways.push(service);
    const cost = gatewayCost(this.prices, traffic?.vpc);
    if (traffic) cost.trafficGb = traffic;
    const ipAddressType = this.ipTypes.gatewayType(service);
    return {
      name: endpointName(service.name, "Gateway"),
      service: key,
      serviceName: serviceNameIn(service.catalog, this.region, "Gateway"),
      type: "Gateway",
      routeTableIds,
      ...(ipAddressType ? { ipAddressType } : {}),
      policy: null,
      reasons: [...reasons, reason("ROUTE_TABLES", `Route to the ${key} prefix list added in ${routeTableIds.length} route table(s).`)],
      cost,
      monthlyCostUsd: cost.monthlyUsd,
    };
  }

  private interface(
    service: ResolvedService,
    scope: ServiceScope,
    opts: { hasGateway: boolean; traffic?: TrafficParts; outside?: endpointServices.EndpointServiceFacts; reasons: Reason[] },
  ): PlannedEndpoint | undefined {
    const { key, options, path, catalog } = service;
    const { request, facts } = this.input;
    const { reasons } = opts;
    const candidates = this.candidateSubnets(service);
    if (!candidates) return undefined;
    const remote = service.serviceRegion;
    if (
      remote &&
      !crossRegion.checkOffered(
        this.crossRegion,
        // Messages name the service as the request does (FIPS or not, it is the same service there).
        { key, serviceName: serviceNameIn(catalog, remote), serviceRegion: remote.code, vpcRegion: this.region.code, path },
        facts,
        reasons,
      )
    )
      return undefined;
    if (!remote && notOfferedWhenLookedUp(this.report.for(AVAILABILITY), service, this.input)) return undefined;
    // The service's AZs constrain only endpoints in its own region.
    const supportedAzs = remote ? undefined : facts.serviceAzs?.[key];
    const placed = this.place(candidates, supportedAzs);
    const { placement } = placed;
    if (!remote)
      reasons.push(
        supportedAzs
          ? reason("AZS_FROM_FACTS", `${key} offers endpoints in ${supportedAzs.length} AZ(s) of ${this.region.code}.`)
          : reason("AZS_ASSUMED", `AZ support for ${key} was not looked up; every subnet AZ is assumed to be supported.`),
      );
    if (placement.unsupported.length) {
      this.warn(
        "AZ_UNSUPPORTED",
        `${key} has no endpoint in ${placed.unsupportedAzs}; subnets ${placed.unsupportedIds} skipped.`,
        undefined,
        key,
      );
    }
    reportPublicSubnets(this.report.for(SUBNETS), { label: key, service: key }, placement, reasons);
    if (placement.sameAz.length) {
      reasons.push(reason("ONE_SUBNET_PER_AZ", `One subnet per AZ (AWS allows no more); ${placed.sameAzIds} not used.`));
    }
    if (!placement.chosen.length) {
      this.problems.add(
        "NO_SUPPORTED_AZ",
        options.subnetIds ? `${path}.subnetIds` : "subnets",
        `none of the subnets for ${key} is in an AZ where ${key} offers endpoints (${(supportedAzs ?? []).join(", ")}).`,
        "Add a subnet in one of those AZs.",
      );
      return undefined;
    }
    const azs = placed.azs.slice();
    const minAzs = request.ha?.minAzs ?? DEFAULT_MIN_AZS;
    if (azs.length < minAzs) {
      const message = `${key} gets ${azs.length} AZ(s), fewer than ha.minAzs ${minAzs}: an AZ outage cuts off the service.`;
      if (request.ha?.strict) this.problems.add("HA_TOO_FEW_AZS", "ha.minAzs", message, "Add subnets in more AZs, or lower ha.minAzs.");
      else this.warn("HA_BELOW_MIN_AZS", message, "ha.minAzs", key);
    }

    const ipAddressType = this.ipTypes.interfaceType(service, placement.chosen);
    const fips = useFips(this.report.for(AVAILABILITY), service, this.input);
    if (fips) reasons.push(fips);
    const dnsNames =
      opts.outside?.privateDnsNames ?? facts.servicePrivateDns?.[key] ?? privateDnsNamesIn(catalog, remote ?? this.region, Boolean(fips));
    const serviceName = serviceNameIn(catalog, remote ?? this.region, "Interface", Boolean(fips));
    const sendsFlag = providerSendsInboundOnly(serviceName);
    let privateDns: boolean;
    if (opts.hasGateway && !sendsFlag && dnsNames.length && (options.privateDns ?? request.defaults?.privateDns) !== false) {
      inboundOnlyNotSent(this.report.for(OPTIONS), service, serviceName, options.privateDns === true, reasons);
      privateDns = false;
    } else privateDns = this.privateDns(service, dnsNames, reasons, opts.hasGateway, opts.outside?.privateDnsUnknown);
    // When a gateway carries the VPC's own traffic, the interface endpoint serves outsiders only.
    const admitVpc = scope.fromVpc && !opts.hasGateway;
    if (opts.hasGateway) reasons.push(externalOnly(this.report.for(SECURITY_GROUPS), key));
    const ingress = this.ingress(catalog.port, scope, admitVpc, ipAddressType);
    const ports = endpointServices.portReason(this.endpointServices, catalog);
    if (ports) reasons.push(ports);
    if (admitVpc && scope.securityGroups) reasons.push(byGroupReason(this.report.for(ACCESS), key, scope.securityGroups));
    if (admitVpc && !scope.securityGroups && !request.vpc.cidrs?.length) {
      this.problems.add(
        "VPC_CIDRS_REQUIRED",
        "vpc.cidrs",
        `the ${key} interface endpoint admits the VPC's CIDRs, but vpc.cidrs is empty.`,
        "Set vpc.cidrs, or let vpce-plan look them up (--from-aws, or the Pulumi component).",
      );
    }
    const { traffic } = opts;
    const expectedGb = traffic && traffic.vpc + traffic.onPremises + traffic.peers;
    const natGb = scope.fromVpc && !opts.hasGateway ? traffic?.vpc : undefined;
    const transfer = remote
      ? crossRegion.transfer(this.crossRegion, catalog.key, this.region, remote, this.prices, request.prices?.interRegionPerGbUsd)
      : undefined;
    if (transfer) reasons.push(transfer.reason);
    const transferPerGbUsd = transfer?.perGbUsd ?? 0;
    const cost = interfaceCost(this.prices, azs.length, expectedGb, natGb, transferPerGbUsd, this.perGbUsd);
    if (expectedGb && this.perGbUsd < this.prices.interfacePerGbUsd)
      reasons.push(
        reason(
          "DATA_TIER_PRICE",
          `The plan's interface endpoints process more than 1 PB a month, so processing averages USD ${rate(this.perGbUsd)}/GB over AWS's tiers (first PB USD ${this.prices.interfacePerGbUsd}, next 4 PB USD ${this.prices.interfacePerGbTier2Usd}, then USD ${this.prices.interfacePerGbTier3Usd}).`,
        ),
      );
    if (traffic) {
      cost.trafficGb = traffic;
      const outside = outsideReason(this.report.for(TRAFFIC), key, traffic, this.perGbUsd, natGb !== undefined);
      if (outside) reasons.push(outside);
    }
    if (cost.nat && cost.nat.savingsUsd < 0) {
      reasons.push(
        reason(
          "BELOW_BREAK_EVEN",
          `At ${natGb} GB a month NAT would cost USD ${Math.abs(cost.nat.savingsUsd)} less; the endpoint pays off from ${cost.nat.breakEvenGb ?? "no"} GB.`,
        ),
      );
    }
    const endpoint: PlannedEndpoint = {
      name: endpointName(service.name, "Interface"),
      service: key,
      serviceName,
      ...(remote ? { serviceRegion: remote.code } : {}),
      type: "Interface",
      subnetIds: placed.subnetIds.slice(),
      azs,
      privateDns,
      ipAddressType,
      dnsOptions: { dnsRecordIpType: dnsRecordIpType(this.report.for(OPTIONS), service, ipAddressType, reasons) },
      port: catalog.port,
      securityGroup: { name: endpointName(service.name, "Interface"), mode: "perEndpoint", ingress },
      policy: null,
      reasons,
      cost,
      monthlyCostUsd: cost.monthlyUsd,
    };
    // AZ IDs name the same AZs in every account: shown when every chosen subnet has one.
    if (placed.azIds) endpoint.azIds = placed.azIds.slice();
    if (privateDns) endpoint.privateDnsNames = [...dnsNames].sort();
    if (privateDns && opts.hasGateway) {
      endpoint.dnsOptions!.privateDnsOnlyForInboundResolverEndpoint = true;
      endpoint.dependsOn = [endpointName(service.name, "Gateway")];
    } else if (privateDns && catalog.types.includes("Gateway") && !service.serviceRegion && sendsFlag) {
      // AWS turns this flag on by default for S3 and then refuses the endpoint when the VPC has no
      // S3 gateway endpoint (https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns):
      // say false, so the plan JSON alone is safe to apply. (A cross-region endpoint has no gateway
      // counterpart, and the flag is left to AWS there; for other services the provider would not send it.)
      endpoint.dnsOptions!.privateDnsOnlyForInboundResolverEndpoint = false;
    }
    return endpoint;
  }

  /** Ingress depends only on port and scope, so endpoints alike share one (read-only) rule list. */
  private ingress(port: number, scope: ServiceScope, vpc: boolean, type: IpAddressType): IngressRule[] {
    const groups = scope.securityGroups;
    let byPort = this.scopeIngress.get(scope);
    if (!byPort) {
      const who = `${Boolean(scope.onPremises)}/${scope.peerVpcs.map((p) => p.name).join(",")}/${groups?.join(",") ?? ""}`;
      byPort = this.ingressCache.get(who);
      if (!byPort) this.ingressCache.set(who, (byPort = new Map()));
      this.scopeIngress.set(scope, byPort);
    }
    let slots = byPort.get(port);
    if (!slots) byPort.set(port, (slots = []));
    // Whether the VPC is admitted, and the IP type: six slots, no key string to build per endpoint.
    const slot = (vpc ? 3 : 0) + (type === "ipv4" ? 0 : type === "dualstack" ? 1 : 2);
    let rules = slots[slot];
    if (!rules) {
      rules = ingressRules(port, this.input.request.vpc, scope.access, {
        vpc,
        ipv4: type !== "ipv6",
        ipv6: type !== "ipv4",
        ...(groups ? { securityGroups: groups } : {}),
      });
      slots[slot] = rules;
    }
    return rules;
  }

  /** Over all subnets, a placement depends only on which of their AZs the service supports: made once per plan. */
  private place(candidates: AzIndex, supportedAzs: readonly string[] | undefined): Placed {
    // The key has a bit per AZ: an index of more AZs than bits is placed directly.
    if (candidates !== this.allSubnets || candidates.length > 30) return describePlacement(placeFromIndex(candidates, supportedAzs));
    let key = supportedAzs ? 0 : -1;
    if (supportedAzs) for (let i = 0; i < candidates.length; i++) if (supportedAzs.includes(candidates[i].az)) key |= 1 << i;
    let placed = this.placements.get(key);
    if (!placed) this.placements.set(key, (placed = describePlacement(placeFromIndex(candidates, supportedAzs))));
    return placed;
  }

  private candidateSubnets(service: ResolvedService): AzIndex | undefined {
    const { options, path, key } = service;
    const all = this.subnets;
    if (!options.subnetIds) {
      if (!all.length) {
        // Subnets that were listed but invalid are reported already; only a list with none is this error.
        if (!this.input.request.subnets?.length) {
          this.problems.add(
            "NO_SUBNETS",
            "subnets",
            `the ${key} interface endpoint needs subnets, and the request lists none.`,
            "Add subnets with id and az (one per AZ is enough).",
          );
        }
        return undefined;
      }
      // Most services use every subnet: index them by AZ once per plan, not once per service.
      this.allSubnets ??= indexByAz(all);
      return this.allSubnets;
    }
    // Ids the service names explicitly win over subnetTags.
    const byId = new Map(this.input.subnets.map((s) => [s.id, s]));
    const chosen = options.subnetIds.flatMap((id, i) => {
      const subnet = byId.get(id);
      const listed = this.input.request.subnets?.some((s) => s.id === id);
      if (!subnet && !listed)
        this.problems.add(
          "UNKNOWN_SUBNET",
          `${path}.subnetIds[${i}]`,
          `${id} is not one of the request's subnets.`,
          "List the subnet under subnets (with its az) first.",
        );
      return subnet ? [subnet] : [];
    });
    return chosen.length === options.subnetIds.length ? indexByAz(chosen) : undefined;
  }

  private privateDns(
    service: ResolvedService,
    dnsNames: readonly string[],
    reasons: Reason[],
    hasGateway: boolean,
    unknown?: Reason,
  ): boolean {
    const { options, path, key } = service;
    const asked = options.privateDns ?? this.input.request.defaults?.privateDns;
    if (!dnsNames.length && unknown) {
      reasons.push(unknown);
      return true;
    }
    if (!dnsNames.length) {
      if (options.privateDns === true) {
        this.problems.add(
          "PRIVATE_DNS_UNSUPPORTED",
          `${path}.privateDns`,
          `${key} has no private DNS name.`,
          "Remove privateDns; clients use the endpoint's own DNS names.",
        );
      }
      reasons.push(
        reason("PRIVATE_DNS_UNAVAILABLE", `${key} has no private DNS name; clients use the endpoint's regional or zonal DNS names.`),
      );
      return false;
    }
    if (asked === false) {
      reasons.push(reason("PRIVATE_DNS_OFF", `Private DNS off as requested; clients must use the endpoint's own DNS names.`));
      return false;
    }
    reasons.push(
      hasGateway
        ? reason(
            "PRIVATE_DNS_INBOUND_ONLY",
            `Private DNS only for the inbound Resolver endpoint: the VPC keeps using the free gateway, outsiders resolve ${dnsNames[0]} to this endpoint.`,
          )
        : reason("PRIVATE_DNS_ON", `Private DNS on: ${nameList(dnsNames)} resolve to the endpoint inside the VPC.`),
    );
    return true;
  }

  /** `endpointService`: whether an endpoint service outside the catalog may take a policy (from its facts). */
  private policyFor(
    service: ResolvedService,
    endpointService?: boolean,
  ): { document: Record<string, unknown> | null; reason: Reason } | undefined {
    const { options, path, key } = service;
    const spec = options.policy ?? this.input.request.defaults?.policy;
    if (!spec) return undefined;
    const supported = endpointService ?? this.input.facts.servicePolicy?.[key] ?? service.catalog.policy;
    if (!supported) {
      if (options.policy)
        this.problems.add(
          "POLICY_UNSUPPORTED",
          `${path}.policy`,
          `${key} endpoints do not accept endpoint policies.`,
          "Remove the policy; control access with IAM and security groups.",
        );
      else if (!this.defaultPolicySkipped.includes(key)) this.defaultPolicySkipped.push(key);
      return {
        document: null,
        reason: reason("POLICY_UNSUPPORTED", `${key} endpoints take no policy; the default policy is not applied.`),
      };
    }
    const policyPath = options.policy ? `${path}.policy` : "defaults.policy";
    const document = buildPolicy(
      spec,
      { serviceKey: service.catalog.key, partition: this.region.partition, accountId: this.input.facts.accountId, path: policyPath },
      this.problems,
    );
    if (document === undefined) return undefined;
    if (document === null)
      return { document, reason: reason("POLICY_FULL_ACCESS", "AWS default endpoint policy: full access for any principal.") };
    checkPolicyDocument(this.report.for(POLICY_DOCUMENT), this.report.for(QUOTAS), document, {
      path: spec.document ? `${policyPath}.document` : policyPath,
      service: key,
      written: Boolean(spec.document),
    });
    const label = spec.document ? "the given policy document" : `the ${spec.template} policy template`;
    return { document, reason: reason("POLICY_APPLIED", `Endpoint policy from ${label}.`) };
  }

  /** Rule 8: private DNS needs both VPC DNS attributes; checked once for the whole VPC. */
  private checkVpcForInterfaces(endpoints: PlannedEndpoint[]): void {
    const withDns = endpoints.filter((e) => e.privateDns).map((e) => e.service);
    if (!withDns.length) return;
    checkVpcDns(this.report.for(VPC_DNS), {
      vpc: this.input.request.vpc,
      path: "vpc",
      needs: `private DNS for ${withDns.join(", ")}`,
      alternative: "set privateDns: false",
    });
  }

  /** Rule 5: per-endpoint groups (default), one shared group, or existing groups. */
  /** `services[].securityGroupIds`: existing groups beside the planned (or the existing-mode) ones. */
  private attachExtraGroups(endpoints: PlannedEndpoint[]): void {
    const ctx = this.report.for(OPTIONS);
    for (const e of endpoints) {
      if (e.type !== "Interface" || !e.securityGroup) continue;
      const service = this.services.get(e.service)!;
      const planned = e.securityGroup.mode === "existing" ? (e.securityGroup.ids?.length ?? 0) : (e.securityGroups?.length ?? 1);
      const extra = extraSecurityGroups(ctx, service, planned, e.reasons, this.quotas.securityGroupsPerInterface);
      if (extra) e.extraSecurityGroupIds = extra;
    }
  }

  /** Endpoint counts against the VPC's and the Region's quotas. */
  private checkEndpointQuotas(endpoints: PlannedEndpoint[]): void {
    const ctx = this.report.for(QUOTAS);
    const count = (type: EndpointType): number => endpoints.filter((e) => e.type === type).length;
    // AWS's quota is one for interface and Gateway Load Balancer endpoints together.
    checkQuota(ctx, this.quotas, "interfaceEndpointsPerVpc", count("Interface") + this.linkEndpoints.length, {
      path: "services",
      what: `${this.input.request.vpc.id}`,
      fix: "Request fewer interface services, or share them from a hub VPC (planNetwork)",
    });
    checkQuota(ctx, this.quotas, "gatewayEndpointsPerRegion", count("Gateway"), {
      path: "services",
      what: `${this.input.request.vpc.id} alone`,
      fix: "Request fewer gateway services",
    });
    // A service's own tags go on its endpoint beside the top-level ones.
    for (const s of this.input.services) if (s.options.tags) checkTags(ctx, endpointTags(this.input.request, s), `${s.path}.tags`);
  }

  private warn(code: string, message: string, path?: string, service?: string): void {
    this.report.warnings.push({ code, message, ...(path ? { path } : {}), ...(service ? { service } : {}) });
  }
}

const reason = (code: string, message: string): Reason => ({ code, message });

// The catalog's name lists are frozen and shared by every plan: each is joined once, not once per endpoint.
const joinedNames = new WeakMap<readonly string[], string>();

function nameList(names: readonly string[]): string {
  if (!Object.isFrozen(names)) return names.join(", ");
  let text = joinedNames.get(names);
  if (text === undefined) joinedNames.set(names, (text = names.join(", ")));
  return text;
}

/** A placement with the lists its endpoints copy and its warning and reasons quote. */
interface Placed {
  placement: Placement;
  azs: readonly string[];
  subnetIds: readonly string[];
  /** AZ IDs name the same AZs in every account: shown when every chosen subnet has one. */
  azIds?: readonly string[];
  unsupportedAzs: string;
  unsupportedIds: string;
  sameAzIds: string;
}

function describePlacement(placement: Placement): Placed {
  const ids = (list: PlacementSubnet[]): string => list.map((s) => s.id).join(", ");
  const azIds = placement.chosen.map((s) => (s as { azId?: string }).azId);
  return {
    placement,
    azs: placement.chosen.map((s) => s.az),
    // In AZ order, so that subnetIds[i] is the subnet chosen in azs[i].
    subnetIds: placement.chosen.map((s) => s.id),
    ...(azIds.every((id): id is string => id !== undefined) ? { azIds } : {}),
    unsupportedAzs: [...new Set(placement.unsupported.map((s) => s.az))].sort().join(", "),
    unsupportedIds: ids(placement.unsupported),
    sameAzIds: ids(placement.sameAz),
  };
}

/** The VPC, on-premises and each peer VPC as networks whose CIDRs must not overlap. */
function networksOf(request: NormalizedRequest["request"]): Network[] {
  const at = (path: string, cidrs: readonly string[] | undefined): Network["cidrs"] =>
    (cidrs ?? []).map((cidr, i) => ({ cidr, path: `${path}[${i}]` }));
  const access = request.access;
  return [
    { label: "the VPC", local: true, cidrs: [...at("vpc.cidrs", request.vpc.cidrs), ...at("vpc.ipv6Cidrs", request.vpc.ipv6Cidrs)] },
    { label: "on-premises", cidrs: at("access.onPremises.cidrs", access?.onPremises?.cidrs) },
    ...(access?.peerVpcs ?? []).map((p, i): Network => ({
      label: `peer VPC ${p.name}`,
      peering: true,
      cidrs: at(`access.peerVpcs[${i}].cidrs`, p.cidrs),
    })),
  ];
}
