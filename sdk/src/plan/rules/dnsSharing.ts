/**
 * Rule 15: how the hub shares its endpoints' DNS with the spokes. `zones`: one private hosted zone
 * per shared service name, associated with every consuming spoke VPC. `profile`: one Route 53
 * Profile with the shared interface endpoints associated (their private DNS stays on in the hub),
 * shared through AWS RAM, and one Profile association per spoke VPC. `auto` takes zones unless a
 * quota forces a Profile or a Profile costs less. docs/network.md "DNS sharing: zones or a Route 53 Profile".
 *
 * Quotas (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html): VPCs per
 * private hosted zone as rules/quotas.ts has it (300 unless `quotas` declares more; AWS recommends a
 * Profile beyond that; in `zones` mode rules/quotas.ts reports it), 500 hosted zones per account; a
 * Profile takes 1,000 VPCs and a VPC one Profile
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateProfile.html).
 * Prices: the region's price table (catalog/regions.json `allRegions`, https://aws.amazon.com/route53/pricing/).
 */
import { HOURS_PER_MONTH, money } from "../cost";
import type { AccessSpec, PriceTable } from "../types";
import type { DnsSharingMode, DnsSharingPlan, ProfileCost } from "../multi/types";
import type { RuleContext } from "./context";

export const CODES = {
  ZONES_REQUESTED: "reason",
  PROFILE_REQUESTED: "reason",
  ZONES_CHEAPER: "reason",
  PROFILE_CHEAPER: "reason",
  ZONE_QUOTA_FORCES_PROFILE: "reason",
  HUB_PROFILE_SHARED: "reason",
  RESOLVER_SERVES_SHARED: "reason",
  RESOLVER_NOT_PLANNED: "warning",
  HOSTED_ZONE_QUOTA_EXCEEDED: "problem",
  PROFILE_ASSOCIATION_QUOTA_EXCEEDED: "problem",
} as const;

type Ctx = RuleContext<keyof typeof CODES>;

/** AWS default quotas (sources above); VPCs per zone come from rules/quotas.ts. */
export const DNS_QUOTAS = { hostedZonesPerAccount: 500, vpcsPerProfile: 1000, profileAssociationsIncluded: 100 };
/** Zones an account pays the first-tier price for. */
const FIRST_TIER_ZONES = 25;

export interface SharedService {
  service: string;
  /** Private hosted zones the service needs (one per distinct private DNS name's zone). */
  zones: number;
  /** Spokes the hub endpoint serves. */
  consumers: string[];
}

export interface DnsSharingSubject {
  requested: DnsSharingMode;
  /** `dnsSharing` when the request sets it, else undefined (the default `auto`). */
  path: string;
  shared: readonly SharedService[];
  /** The hub's account (`hub` when the request names none): the Profile's owner, who pays for it. */
  owner: string;
  prices: PriceTable;
  /** VPCs a private hosted zone takes (AWS's 300, or the declared `quotas.vpcsPerHostedZone`). */
  vpcsPerHostedZone: number;
}

/** Hosted zones of one account: the first 25 at the first-tier price, the rest at the lower one. */
export function zonesMonthlyUsd(count: number, prices: PriceTable): number {
  const first = Math.min(count, FIRST_TIER_ZONES);
  return money(first * prices.hostedZoneMonthlyUsd + (count - first) * prices.hostedZoneExtraMonthlyUsd);
}

/**
 * A Profile is billed to its owner (the hub's account) for every VPC associated with it, the
 * associations of the accounts it is shared with through RAM included: "Route 53 Profiles are billed
 * based on the number of VPC associations. The Profile owner is responsible for the bill for the VPC
 * associations by the customer" (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/sharing-profiles.html#sharing-billing).
 * The rate (https://aws.amazon.com/route53/pricing/): an hourly fee for the first 100 associations,
 * then a fee per association-hour.
 */
export function profileCost(associations: number, owner: string, prices: PriceTable): ProfileCost {
  const monthlyUsd = money(
    HOURS_PER_MONTH *
      (prices.profileAccountHourUsd +
        Math.max(0, associations - DNS_QUOTAS.profileAssociationsIncluded) * prices.profileAssociationHourUsd),
  );
  return { monthlyUsd, payer: "profile owner", byAccount: [{ account: owner, associations, monthlyUsd }] };
}

export function decideDnsSharing(ctx: Ctx, s: DnsSharingSubject): DnsSharingPlan {
  const zoneCount = s.shared.reduce((sum, x) => sum + x.zones, 0);
  // The hub VPC is associated with each zone too (a private zone is created with one VPC).
  const perZone = s.shared.map((x) => x.consumers.length + 1);
  const maxPerZone = Math.max(0, ...perZone);
  const zoneAssociations = s.shared.reduce((sum, x) => sum + x.zones * x.consumers.length, 0);
  const spokes = [...new Set(s.shared.flatMap((x) => x.consumers))].sort();
  const profile = profileCost(spokes.length, s.owner, s.prices);
  const zones = {
    count: zoneCount,
    associations: zoneAssociations,
    maxAssociationsPerZone: spokes.length ? maxPerZone : 0,
    quota: s.vpcsPerHostedZone,
    monthlyUsd: zonesMonthlyUsd(zoneCount, s.prices),
  };
  const plan = (mode: "zones" | "profile", ...reasons: DnsSharingPlan["reasons"]): DnsSharingPlan => ({
    requested: s.requested,
    mode,
    reasons,
    zones,
    profile: { associations: spokes.length, quota: DNS_QUOTAS.vpcsPerProfile, ...profile },
  });
  const busiest = s.shared.find((x) => x.consumers.length + 1 === maxPerZone);
  /**
   * The quotas zones would exceed, each as a sentence; the hosted-zone count is reported as a problem
   * when zones were asked for (VPCs per zone are, by rules/quotas.ts, as the zones are planned).
   */
  const zonesOverQuota = (report: boolean): string[] => {
    const over: string[] = [];
    if (busiest && maxPerZone > s.vpcsPerHostedZone)
      over.push(`${maxPerZone} VPCs on the ${busiest.service} zone, ${s.vpcsPerHostedZone} allowed`);
    if (zoneCount > DNS_QUOTAS.hostedZonesPerAccount) {
      over.push(`${zoneCount} zones in the hub's account, ${DNS_QUOTAS.hostedZonesPerAccount} allowed`);
      if (report)
        ctx.problem(
          "HOSTED_ZONE_QUOTA_EXCEEDED",
          s.path,
          `sharing by zones needs ${zoneCount} private hosted zones in the hub's account; AWS allows ${DNS_QUOTAS.hostedZonesPerAccount}.`,
          "Set dnsSharing: profile (or auto), or raise the quota with AWS.",
        );
    }
    return over;
  };
  const profileFits = (): boolean => {
    if (spokes.length <= DNS_QUOTAS.vpcsPerProfile) return true;
    ctx.problem(
      "PROFILE_ASSOCIATION_QUOTA_EXCEEDED",
      s.path,
      `the hub's Route 53 Profile would be associated with ${spokes.length} spoke VPCs; AWS allows ${DNS_QUOTAS.vpcsPerProfile} per Profile.`,
      "Raise the quota with AWS, or split the spokes over several hubs.",
    );
    return false;
  };
  const costs = `zones USD ${zones.monthlyUsd.toFixed(2)} a month (${zoneCount} zones, ${zoneAssociations} associations), Profile USD ${profile.monthlyUsd.toFixed(2)} (${spokes.length} associations, billed to the Profile's owner, the hub's account)`;

  if (s.requested === "zones") {
    zonesOverQuota(true);
    return plan("zones", ctx.reason("ZONES_REQUESTED", `Private hosted zones as requested: ${costs}.`));
  }
  if (s.requested === "profile") {
    profileFits();
    return plan("profile", ctx.reason("PROFILE_REQUESTED", `Route 53 Profile as requested: ${costs}.`));
  }
  const over = zonesOverQuota(false);
  if (over.length) {
    profileFits();
    return plan(
      "profile",
      ctx.reason("ZONE_QUOTA_FORCES_PROFILE", `Zones would exceed the quotas (${over.join("; ")}): a Route 53 Profile instead; ${costs}.`),
    );
  }
  if (spokes.length && profile.monthlyUsd < zones.monthlyUsd)
    return plan("profile", ctx.reason("PROFILE_CHEAPER", `A Route 53 Profile costs less: ${costs}.`));
  return plan("zones", ctx.reason("ZONES_CHEAPER", `Private hosted zones cost less (or the same): ${costs}.`));
}

/**
 * A hub that shares nothing and serves nothing of its own has no plan, so the inbound endpoint its
 * `resolver: create` asks for is not planned: said, never dropped silently.
 */
export function resolverWithoutPlan(ctx: Ctx, onPremises: AccessSpec["onPremises"], accessPath: string): void {
  if (onPremises?.resolver !== "create") return;
  ctx.warn(
    "RESOLVER_NOT_PLANNED",
    `${accessPath}.onPremises.resolver is create, but the hub shares no endpoint with its spokes and asks for no service of its own, so no Resolver inbound endpoint is planned. Give the hub a service (hub.services), or set resolver: none or existing.`,
    { path: `${accessPath}.onPremises.resolver` },
  );
}
