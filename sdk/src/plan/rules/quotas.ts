/**
 * Quotas: what AWS would refuse at apply time, checked before anything is created. AWS's defaults
 * below, raised ones from the request's `quotas` (one key per adjustable quota); fixed limits
 * cannot be declared. docs/aws-rules.md.
 *
 * Sources (looked up 2026-12):
 * - Interface endpoints per VPC 50, gateway endpoints per Region 20 (adjustable), characters per
 *   endpoint policy 20,480 (fixed): https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html
 * - Inbound rules per security group 60 (IPv4 and IPv6 counted apart), security groups per network
 *   interface 5, and "this quota multiplied by the quota for security groups per network interface
 *   cannot exceed 1,000": https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
 * - VPCs associated with a private hosted zone 300 per zone (MAX_VPCS_ASSOCIATED_BY_ZONE), adjustable:
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html (the 2016 page said
 *   100; the current one says 300, and the newest wins), API_HostedZoneLimit.html for the type.
 * - Tags: 50 per resource, keys up to 128 and values up to 256 Unicode characters, `aws:` reserved:
 *   https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/allocation-tag-restrictions.html,
 *   https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html
 */
import type { QuotaSpec } from "../types";
import type { RuleContext } from "./context";

export const CODES = {
  QUOTA_EXCEEDED: "problem",
  QUOTA_NOT_ADJUSTABLE: "problem",
  QUOTA_PRODUCT_EXCEEDED: "problem",
  TAG_KEY_RESERVED: "problem",
} as const;

export type QuotaContext = RuleContext<keyof typeof CODES>;
export type QuotaKey = keyof QuotaSpec;
export type Quotas = Required<QuotaSpec>;

const VPC_LIMITS = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html";
const PRIVATELINK_LIMITS = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html";

/** Adjustable quotas: AWS's name, default and page. */
export const ADJUSTABLE: Record<QuotaKey, { name: string; default: number; doc: string }> = {
  interfaceEndpointsPerVpc: { name: "Interface and Gateway Load Balancer endpoints per VPC", default: 50, doc: PRIVATELINK_LIMITS },
  gatewayEndpointsPerRegion: { name: "Gateway VPC endpoints per Region", default: 20, doc: PRIVATELINK_LIMITS },
  rulesPerSecurityGroup: { name: "Inbound rules per security group", default: 60, doc: VPC_LIMITS },
  securityGroupsPerInterface: { name: "Security groups per network interface", default: 5, doc: VPC_LIMITS },
  vpcsPerHostedZone: {
    name: "VPCs that can be associated with a private hosted zone",
    default: 300,
    doc: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html",
  },
};

/** Fixed limits: written under `quotas` they are an error, since AWS does not raise them. */
export const FIXED = {
  tagsPerResource: { name: "Tags per resource", limit: 50 },
  tagKeyLength: { name: "Tag key length", limit: 128 },
  tagValueLength: { name: "Tag value length", limit: 256 },
  policyCharacters: { name: "Characters per VPC endpoint policy", limit: 20480 },
} as const;

/** AWS: rules per group x groups per interface may not exceed 1,000. */
const RULES_TIMES_GROUPS = 1000;

/** The quotas in force: AWS's defaults with the declared ones over them. */
export function readQuotas(ctx: QuotaContext, declared: QuotaSpec | undefined, path = "quotas"): Quotas {
  const out = Object.fromEntries(Object.entries(ADJUSTABLE).map(([key, q]) => [key, q.default])) as Quotas;
  for (const [key, value] of Object.entries(declared ?? {})) {
    if (key in FIXED) {
      const fixed = FIXED[key as keyof typeof FIXED];
      ctx.problem(
        "QUOTA_NOT_ADJUSTABLE",
        `${path}.${key}`,
        `${fixed.name} is a fixed AWS limit (${fixed.limit}); it cannot be raised.`,
        `Remove ${key}; stay within ${fixed.limit}.`,
      );
    } else if (key in ADJUSTABLE && typeof value === "number") out[key as QuotaKey] = value;
  }
  if (out.rulesPerSecurityGroup * out.securityGroupsPerInterface > RULES_TIMES_GROUPS) {
    const field = declared?.securityGroupsPerInterface !== undefined ? "securityGroupsPerInterface" : "rulesPerSecurityGroup";
    ctx.problem(
      "QUOTA_PRODUCT_EXCEEDED",
      `${path}.${field}`,
      `rulesPerSecurityGroup ${out.rulesPerSecurityGroup} x securityGroupsPerInterface ${out.securityGroupsPerInterface} = ${out.rulesPerSecurityGroup * out.securityGroupsPerInterface}; AWS caps the product at ${RULES_TIMES_GROUPS} (${VPC_LIMITS}).`,
      `Declare the values your account really has, with a product of at most ${RULES_TIMES_GROUPS}.`,
    );
  }
  return out;
}

/** Where a limit comes from, for messages: the declared key, or AWS's default. */
export function limitText(quotas: Quotas, key: QuotaKey): string {
  const q = ADJUSTABLE[key];
  return quotas[key] === q.default ? `AWS's default ${q.default} (${q.doc})` : `${quotas[key]} (quotas.${key})`;
}

/** QUOTA_EXCEEDED for an adjustable quota when `count` is over it; true when it is. */
export function checkQuota(
  ctx: QuotaContext,
  quotas: Quotas,
  key: QuotaKey,
  count: number,
  at: { path: string; what: string; fix: string },
): boolean {
  if (count <= quotas[key]) return false;
  ctx.problem(
    "QUOTA_EXCEEDED",
    at.path,
    `${ADJUSTABLE[key].name}: ${at.what} needs ${count}, over the limit of ${limitText(quotas, key)}.`,
    `${at.fix}, or raise the quota in Service Quotas and declare quotas.${key}.`,
  );
  return true;
}

/** QUOTA_EXCEEDED for a fixed limit (no quota to raise). */
export function checkFixed(
  ctx: QuotaContext,
  key: keyof typeof FIXED,
  count: number,
  at: { path: string; what: string; fix: string },
): boolean {
  const fixed = FIXED[key];
  if (count <= fixed.limit) return false;
  ctx.problem(
    "QUOTA_EXCEEDED",
    at.path,
    `${fixed.name}: ${at.what} is ${count}, over AWS's fixed limit of ${fixed.limit}.`,
    `${at.fix} (AWS does not raise this limit).`,
  );
  return true;
}

/** The tag key vpce-plan adds to every resource it creates. */
const NAME_TAG = "Name";

/** Tags go on every resource: count (with the `Name` tag vpce-plan adds), lengths and the reserved prefix. */
export function checkTags(ctx: QuotaContext, tags: Record<string, string> | undefined, path = "tags"): void {
  if (!tags) return;
  const keys = Object.keys(tags);
  const count = keys.filter((k) => k !== NAME_TAG).length + 1;
  checkFixed(ctx, "tagsPerResource", count, {
    path,
    what: `the tag count per resource (${keys.length} given, plus the Name tag vpce-plan sets)`,
    fix: `Keep at most ${FIXED.tagsPerResource.limit - 1} tags besides Name`,
  });
  for (const key of keys) {
    if (/^aws:/i.test(key))
      ctx.problem("TAG_KEY_RESERVED", `${path}.${key}`, `tag keys starting with "aws:" are reserved for AWS.`, "Rename the tag key.");
    // AWS counts Unicode characters, not UTF-16 code units.
    checkFixed(ctx, "tagKeyLength", [...key].length, { path: `${path}.${key}`, what: "the key's length", fix: "Shorten the key" });
    checkFixed(ctx, "tagValueLength", [...tags[key]].length, {
      path: `${path}.${key}`,
      what: "the value's length",
      fix: "Shorten the value",
    });
  }
}
