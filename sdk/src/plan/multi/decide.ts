/**
 * Per service: hub or local for each spoke that needs it, from the constraints (gateway, region,
 * private DNS, AZs, the spoke's `centralize`) and then cost (optimize.ts). Prices and placement
 * come from the single-VPC planner's own helpers, so a local endpoint is priced exactly as
 * planEndpoints will plan it.
 */
import { hasFipsIn, privateDnsNamesIn, serviceNameIn } from "../../catalog";
import { HOURS_PER_MONTH, interfaceCost, money, rate } from "../cost";
import { placeInterface } from "../placement";
import { DEFAULT_MIN_AZS } from "../planner";
import type { Problems } from "../problems";
import { Report } from "../rules/context";
import { CODES as CROSS_REGION, remoteServiceLocal, remoteSpoke } from "../rules/crossRegion";
import type { PriceTable, Reason } from "../types";
import { wantsFips } from "../rules/availability";
import type { NormalizedRequest, ResolvedService } from "../validate";
import { optimalAssignment, type ServiceChoice } from "./optimize";
import type { NetworkInput, SpokeInput } from "./read";
import type { ServiceDecision, SpokeServiceDecision } from "./types";

export interface Demand {
  spoke: SpokeInput;
  service: ResolvedService;
  gb: number;
}

export interface SpokeOutcome {
  demand: Demand;
  fromHub: boolean;
  /** Per-GB processing at the hub endpoint for this spoke's traffic (0 when local). */
  hubDataUsd: number;
  transitUsd: number;
  /** The spoke's own endpoint, or what it would cost (priced at the hub's AZ count when it has no usable subnets). */
  ownUsd: number;
}

export interface Decided {
  decision: ServiceDecision;
  gateway: boolean;
  hubAzs: string[];
  dnsNames: readonly string[];
  outcomes: SpokeOutcome[];
  /** Hub endpoint AZ-hours plus the hub's own traffic, paid when the hub endpoint exists. */
  hubFixedUsd: number;
}

export interface DecideContext {
  input: NetworkInput;
  pricesIn(region: string): PriceTable;
  problems: Problems;
}

const usd = (n: number): string => `USD ${n.toFixed(2)}`;
const reason = (code: string, message: string): Reason => ({ code, message });

function azsFor(vpc: NormalizedRequest, service: ResolvedService | undefined, key: string): string[] {
  const wanted = service?.options.subnetIds;
  const candidates = wanted ? vpc.subnets.filter((s) => wanted.includes(s.id)) : vpc.subnets;
  return placeInterface(candidates, vpc.facts.serviceAzs?.[key]).chosen.map((s) => s.az);
}

/**
 * Peering is free inside one AZ and USD crossAzPerGbUsd out plus the same in across AZs. Clients
 * resolve the hub endpoint's regional name, which answers with every hub AZ's address, so a client
 * in a hub AZ crosses AZs (n-1)/n of the time and a client elsewhere always does. AZ names of
 * another account map to other physical AZs, so there every client counts as "in a hub AZ".
 */
export function peeringCrossAzShare(hubAzs: readonly string[], spoke: SpokeInput): number {
  const n = hubAzs.length;
  if (!n) return 1;
  const inHub = (n - 1) / n;
  const azs = [...new Set(spoke.normalized.subnets.map((s) => s.az))];
  if (spoke.crossAccount || !azs.length) return inHub;
  return azs.reduce((sum, az) => sum + (hubAzs.includes(az) ? inHub : 1), 0) / azs.length;
}

export function transitPerGb(ctx: DecideContext, hubAzs: readonly string[], spoke: SpokeInput): number {
  const prices = ctx.pricesIn(ctx.input.request.region);
  return ctx.input.request.transit.type === "transitGateway"
    ? prices.transitGatewayPerGbUsd
    : peeringCrossAzShare(hubAzs, spoke) * 2 * prices.crossAzPerGbUsd;
}

export function decideService(key: string, demands: Demand[], ctx: DecideContext): Decided {
  const { input } = ctx;
  const catalog = demands[0].service.catalog;
  const hubRegion = input.region;
  const hubService = input.hub.normalized.services.find((s) => s.key === key);
  const hubPrices = ctx.pricesIn(hubRegion.code);
  const gateway = catalog.types.includes("Gateway");
  const hubAzs = gateway ? [] : azsFor(input.hub.normalized, hubService, key);
  // A hub endpoint on the FIPS endpoint service is shared under the FIPS name's zone.
  const fips = wantsFips(hubService, input.hub.normalized) && hasFipsIn(catalog, hubRegion);
  const dnsNames = input.hub.normalized.facts.servicePrivateDns?.[key] ?? privateDnsNamesIn(catalog, hubRegion, fips);
  const hubNeeded = Boolean(hubService);
  const hubGb = input.request.hub.traffic?.[key] ?? 0;
  const hubFixedUsd = interfaceCost(hubPrices, hubAzs.length, hubNeeded ? hubGb : 0, undefined).monthlyUsd;
  const crossRegion = new Report(ctx.problems).for(CROSS_REGION);

  // Why the hub cannot serve this service to anyone (checked once), or to one spoke.
  const remote = demands[0].service.serviceRegion;
  const serviceBlock = remote
    ? remoteServiceLocal(crossRegion, catalog.key, remote.code)
    : gateway
      ? reason("GATEWAY_NEVER_SHARED", `${key} uses a gateway endpoint, which serves only its own VPC: every VPC gets its own (free).`)
      : !dnsNames.length
        ? reason(
            "NO_PRIVATE_DNS_TO_SHADOW",
            `${key} has no private DNS name a hosted zone could shadow, so spokes could not reach a hub endpoint by the service's name: local endpoints.`,
          )
        : !hubAzs.length
          ? reason("HUB_AZ_UNSUPPORTED", `None of the hub's subnets is in an AZ where ${key} offers endpoints: local endpoints.`)
          : undefined;

  const rows = demands.map((demand) => {
    const { spoke, service, gb } = demand;
    const prices = ctx.pricesIn(spoke.region.code);
    const forcedInterface = service.options.type === "Interface";
    const localAzs = gateway && !forcedInterface ? [] : azsFor(spoke.normalized, service, key);
    const own = interfaceCost(prices, localAzs.length, gb, undefined);
    const local = gateway ? (forcedInterface ? own.monthlyUsd : 0) : localAzs.length ? own.monthlyUsd : null;
    const block =
      serviceBlock ?? (spoke.crossRegion ? remoteSpoke(crossRegion, spoke.spec.name, spoke.region.code, hubRegion.code, key) : undefined);
    const perGb = block ? 0 : transitPerGb(ctx, hubAzs, spoke);
    const transitUsd = money(perGb * gb);
    const hubDataUsd = money(hubPrices.interfacePerGbUsd * gb);
    const hub = block ? null : money(hubDataUsd + transitUsd);
    const ownUsd = local ?? interfaceCost(prices, hubAzs.length || DEFAULT_MIN_AZS, gb, undefined).monthlyUsd;
    // Above this volume the transit (plus any per-GB price difference) outweighs the own endpoint's AZ-hours.
    const margin = Math.round((perGb + hubPrices.interfacePerGbUsd - prices.interfacePerGbUsd) * 1e9) / 1e9;
    const breakEvenGb = local !== null && hub !== null && margin > 0 ? Math.ceil(own.fixedMonthlyUsd / margin) : null;
    return { demand, local, hub, block, perGb, transitUsd, hubDataUsd, ownUsd, localAzs, breakEvenGb };
  });

  // The spoke's centralize setting turns options off; what cannot be honoured is an error.
  const choice: ServiceChoice = {
    hubFixed: hubFixedUsd,
    hubNeeded,
    spokes: rows.map(({ demand, local, hub, block }) => {
      const { spoke } = demand;
      if (spoke.centralize === "required" && block && !gateway) {
        ctx.problems.add(
          "CENTRALIZE_IMPOSSIBLE",
          spoke.centralizePath,
          `${spoke.spec.name} must take every interface service from the hub (centralize: required), but ${key} cannot come from the hub: ${block.message}`,
          `Set centralize: auto (or never) for ${spoke.spec.name}, or remove ${key} from its services.`,
        );
      }
      return {
        local: spoke.centralize === "required" && hub !== null ? null : local,
        hub: spoke.centralize === "never" ? null : hub,
      };
    }),
  };
  choice.spokes.forEach((option, i) => {
    if (option.local !== null || option.hub !== null) return;
    const { spoke } = rows[i].demand;
    const why = rows[i].block ? rows[i].block!.message : `${spoke.spec.name} has centralize: never.`;
    ctx.problems.add(
      "NO_SUBNETS",
      `${spoke.paths.prefix}.subnets`,
      `${spoke.spec.name} needs its own ${key} endpoint but has no subnet in an AZ where ${key} offers endpoints. ${why}`,
      "Add a subnet (with its az) in a supported AZ to the spoke.",
    );
    option.local = rows[i].ownUsd;
  });
  const assignment = optimalAssignment(choice)!;

  const outcomes: SpokeOutcome[] = rows.map((row, i) => ({
    demand: row.demand,
    fromHub: assignment.fromHub[i],
    hubDataUsd: assignment.fromHub[i] ? row.hubDataUsd : 0,
    transitUsd: assignment.fromHub[i] ? row.transitUsd : 0,
    ownUsd: row.ownUsd,
  }));
  const spokes: SpokeServiceDecision[] = rows.map((row, i) => {
    const { spoke } = row.demand;
    const fromHub = assignment.fromHub[i];
    const reasons: Reason[] = [];
    const { breakEvenGb } = row;
    const compare =
      row.local !== null && row.hub !== null
        ? ` (${usd(row.hub)} through the hub vs ${usd(row.local)} for its own endpoint in ${row.localAzs.length} AZ(s) at ${row.demand.gb} GB a month)`
        : "";
    if (fromHub) {
      if (row.local === null)
        reasons.push(reason("NO_LOCAL_SUBNETS", `${spoke.spec.name} has no subnet where ${key} offers endpoints, so the hub serves it.`));
      else if (spoke.centralize === "required")
        reasons.push(
          reason("CENTRALIZE_REQUIRED", `${spoke.spec.name} takes every interface service from the hub (centralize: required)${compare}.`),
        );
      else
        reasons.push(
          reason(
            "HUB_CHEAPER",
            `The hub is cheaper for ${spoke.spec.name}${compare}; its own endpoint pays off above ${breakEvenGb ?? "no"} GB.`,
          ),
        );
      if (spoke.crossAccount)
        reasons.push(
          reason(
            "CROSS_ACCOUNT_SPOKE",
            `${spoke.spec.name} is in account ${spoke.spec.vpc.accountId}: the hub authorizes each zone association (VpcAssociationAuthorization) before the spoke associates.`,
          ),
        );
    } else if (row.block) reasons.push(row.block);
    else if (spoke.centralize === "never")
      reasons.push(reason("LOCAL_REQUESTED", `${spoke.spec.name} keeps its own endpoints (centralize: never)${compare}.`));
    else if (row.hub! < row.local!)
      reasons.push(
        reason(
          "HUB_ENDPOINT_NOT_WORTH_IT",
          `The hub would be cheaper for ${spoke.spec.name} alone${compare}, but not enough spokes save enough to pay for the hub endpoint.`,
        ),
      );
    else
      reasons.push(
        reason(
          "LOCAL_CHEAPER",
          `Its own endpoint is cheaper for ${spoke.spec.name}${compare}: the transit costs more than the endpoint's AZ-hours above ${breakEvenGb} GB.`,
        ),
      );
    return {
      spoke: spoke.spec.name,
      placement: fromHub ? "hub" : "local",
      reasons,
      cost: {
        expectedGb: row.demand.gb,
        localMonthlyUsd: row.local,
        hubMonthlyUsd: row.hub,
        transitMonthlyUsd: row.hub === null ? null : row.transitUsd,
        transitPerGbUsd: row.hub === null ? null : rate(row.perGb),
        breakEvenGb,
      },
    };
  });

  const consumers = spokes.filter((s) => s.placement === "hub").map((s) => s.spoke);
  const everyOwn = money((hubNeeded ? hubFixedUsd : 0) + rows.reduce((sum, r) => sum + r.ownUsd, 0));
  const hubFeasible = choice.spokes.some((o) => o.hub !== null);
  const centralized = hubFeasible
    ? money(
        hubFixedUsd +
          choice.spokes.reduce((sum, o) => sum + (o.hub === null ? o.local! : o.local === null ? o.hub : Math.min(o.hub, o.local)), 0),
      )
    : null;
  const chosen = money(assignment.monthlyUsd);
  const hubAzHours = money(hubPrices.interfaceHourUsd * HOURS_PER_MONTH * hubAzs.length);
  const serviceReasons: Reason[] = [];
  if (serviceBlock) serviceReasons.push(serviceBlock);
  else if (consumers.length && hubNeeded)
    serviceReasons.push(
      reason("HUB_USES_SERVICE", `The hub uses ${key} itself, so its endpoint exists anyway; ${consumers.length} spoke(s) share it.`),
    );
  else if (consumers.length && chosen <= everyOwn)
    serviceReasons.push(
      reason(
        "HUB_ENDPOINT_PAYS_OFF",
        `One hub endpoint (${usd(hubAzHours)} in ${hubAzs.length} AZ(s)) serves ${consumers.length} spoke(s): ${usd(chosen)} a month against ${usd(everyOwn)} when every VPC has its own.`,
      ),
    );
  else if (consumers.length) {
    // Dearer than every VPC its own: only spokes that cannot or may not keep their own make the hub endpoint.
    const forced = rows
      .filter((_row, i) => assignment.fromHub[i] && choice.spokes[i].local === null)
      .map(({ demand: { spoke } }) =>
        spoke.centralize === "required"
          ? `${spoke.spec.name} (centralize: required)`
          : `${spoke.spec.name} (no subnet where ${key} offers endpoints)`,
      );
    serviceReasons.push(
      reason(
        "HUB_ENDPOINT_REQUIRED",
        `A hub endpoint (${usd(hubAzHours)} in ${hubAzs.length} AZ(s)) is needed for ${forced.join(", ")}: ${usd(chosen)} a month, ${usd(chosen - everyOwn)} more than the ${usd(everyOwn)} if every VPC had its own.`,
      ),
    );
  } else if (!hubFeasible)
    serviceReasons.push(reason("NO_SPOKE_CAN_USE_HUB", `No spoke that needs ${key} can or may use a hub endpoint: each keeps its own.`));
  else
    serviceReasons.push(
      reason(
        "HUB_ENDPOINT_NOT_WORTH_IT",
        `A hub endpoint (${usd(hubAzHours)} in ${hubAzs.length} AZ(s)) would cost more than it saves: ${usd(centralized!)} against ${usd(chosen)} with local endpoints.`,
      ),
    );

  return {
    gateway,
    hubAzs,
    dnsNames,
    outcomes,
    hubFixedUsd,
    decision: {
      service: key,
      serviceName: serviceNameIn(catalog, hubRegion, "Interface", fips),
      port: catalog.port,
      placement: consumers.length ? "hub" : "local",
      endpointTypes: [...catalog.types],
      hubUses: hubNeeded,
      consumers: [...consumers].sort(),
      localIn: spokes
        .filter((s) => s.placement === "local")
        .map((s) => s.spoke)
        .sort(),
      reasons: serviceReasons,
      cost: {
        localMonthlyUsd: everyOwn,
        centralizedMonthlyUsd: centralized,
        chosenMonthlyUsd: chosen,
        savingsUsd: money(everyOwn - chosen),
      },
      spokes: spokes.sort((a, b) => (a.spoke < b.spoke ? -1 : 1)),
    },
  };
}
