/** Quotas (rules/quotas.ts): AWS's documented defaults, raised ones declared in `quotas`, fixed limits. */
import assert from "node:assert/strict";
import { services } from "vpce-plan/catalog";
import { request } from "../helpers/build";
import { runRows } from "../helpers/acceptRows";

/** Interface-only services the catalog offers everywhere (no home region). */
const interfaceKeys = (n: number): string[] =>
  services
    .filter((s) => s.types.length === 1 && s.types[0] === "Interface" && !("region" in s))
    .map((s) => s.key)
    .slice(0, n);

const onPrem = (n: number): string[] => Array.from({ length: n }, (_, i) => `192.168.${i * 2}.0/24`);

describe("planEndpoints: quotas", () => {
  runRows([
    {
      why: "the baseline request is within every quota",
      request: request(),
      absent: ["QUOTA_EXCEEDED", "SG_CIDRS_MERGED", "SG_RULES_SPREAD"],
    },
    {
      why: "55 interface endpoints in one VPC exceed AWS's default 50 per VPC",
      request: request({ services: interfaceKeys(55) }),
      problems: [["QUOTA_EXCEEDED", "services"]],
      checkProblems: ([p]) => {
        assert.match(p.message, /endpoints per VPC: vpc-0abc needs 55, over the limit of AWS's default 50/);
        assert.match(p.hint, /quotas\.interfaceEndpointsPerVpc/);
      },
    },
    {
      why: "a raised interface-endpoint quota declared in `quotas` lets the same plan through",
      request: request({ services: interfaceKeys(55), quotas: { interfaceEndpointsPerVpc: 100 } }),
      check: (p) => assert.equal(p.endpoints.length, 55),
    },
    {
      why: "a declared quota lower than the plan's count is enforced too",
      request: request({ services: ["sts", "kms"], quotas: { interfaceEndpointsPerVpc: 1 } }),
      problems: [["QUOTA_EXCEEDED", "services"]],
      checkProblems: ([p]) => assert.match(p.message, /1 \(quotas\.interfaceEndpointsPerVpc\)/),
    },
    {
      why: "gateway endpoints count against the per-Region quota",
      request: request({ services: ["s3", "dynamodb"], quotas: { gatewayEndpointsPerRegion: 1 } }),
      problems: [["QUOTA_EXCEEDED", "services"]],
    },
    {
      why: "fixed limits cannot be declared: QUOTA_NOT_ADJUSTABLE",
      request: request({ quotas: { tagsPerResource: 100 } as never }),
      problems: [["QUOTA_NOT_ADJUSTABLE", "quotas.tagsPerResource"]],
    },
    {
      why: "rules per group times groups per interface may not exceed 1,000",
      request: request({ quotas: { rulesPerSecurityGroup: 250, securityGroupsPerInterface: 5 } }),
      problems: [["QUOTA_PRODUCT_EXCEEDED", "quotas.securityGroupsPerInterface"]],
    },
    {
      why: "51 tags (with the Name tag vpce-plan adds) exceed 50 per resource",
      request: request({ tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"])) }),
      problems: [["QUOTA_EXCEEDED", "tags"]],
    },
    {
      why: "49 tags and Name fit",
      request: request({ tags: Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"])) }),
      absent: ["QUOTA_EXCEEDED"],
    },
    {
      why: "a tag key starting with aws: is reserved (TAG_KEY_RESERVED)",
      request: request({ tags: { "AWS:team": "x" } }),
      problems: [["TAG_KEY_RESERVED", "tags.AWS:team"]],
    },
    {
      why: "a 300-character tag value exceeds AWS's fixed 256",
      request: request({ tags: { team: "x".repeat(300) } }),
      problems: [["QUOTA_EXCEEDED", "tags.team"]],
      checkProblems: ([p]) => assert.match(p.hint, /does not raise/),
    },
    {
      why: "a 129-character tag key exceeds AWS's fixed 128",
      request: request({ tags: { ["k".repeat(129)]: "x" } }),
      problems: [["QUOTA_EXCEEDED", `tags.${"k".repeat(129)}`]],
    },
    {
      why: "70 on-premises /24s that do not merge spread over two groups (each within 60 rules)",
      request: request({ access: { onPremises: { cidrs: onPrem(70) } } }),
      reasons: [["sts", "SG_RULES_SPREAD"]],
    },
    {
      why: "400 unmergeable on-premises blocks exceed 5 groups of 60 rules: QUOTA_EXCEEDED naming the fix",
      request: request({
        access: { onPremises: { cidrs: Array.from({ length: 400 }, (_, i) => `100.${64 + (i >> 7)}.${(i & 127) * 2}.0/24`) } },
      }),
      problems: [["QUOTA_EXCEEDED", "access"]],
      checkProblems: ([p]) => {
        assert.match(p.message, /401 IPv4 and 0 IPv6 rules/);
        assert.match(p.hint, /quotas\.rulesPerSecurityGroup/);
      },
    },
    {
      why: "the same 400 blocks fit when the account's raised quotas are declared",
      request: request({
        quotas: { rulesPerSecurityGroup: 200, securityGroupsPerInterface: 5 },
        access: { onPremises: { cidrs: Array.from({ length: 400 }, (_, i) => `100.${64 + (i >> 7)}.${(i & 127) * 2}.0/24`) } },
      }),
      reasons: [["sts", "SG_RULES_SPREAD"]],
    },
    {
      why: "existing groups: more ids than groups per interface is QUOTA_EXCEEDED at securityGroup.ids",
      request: request({ securityGroup: { mode: "existing", ids: ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"] } }),
      problems: [["QUOTA_EXCEEDED", "securityGroup.ids"]],
    },
  ]);
});
