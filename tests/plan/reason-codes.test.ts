/**
 * docs/codes.md's "Decisions and reason codes" table is a contract: every code in it must still be
 * produced by some request. The rule files test each code's meaning; this one guards the list.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ACCESS_CODES,
  ENDPOINT_OPTION_CODES,
  IP_TYPE_CODES,
  isPlanRequestError,
  OVERLAP_CODES,
  planEndpoints,
  planNetwork,
  POLICY_DOCUMENT_CODES,
  PRICE_CODES,
  QUOTA_CODES,
  RESOLVER_CODES,
  SECURITY_GROUP_CODES,
  SUBNET_CODES,
  TRAFFIC_CODES,
  ZONE_CODES,
  ECR_LAYER_CODES,
  ENDPOINT_TYPE_CODES,
} from "vpce-plan/plan";
import { GWLB_SERVICE, GWLB_SUBNETS, request, subnets } from "../helpers/build";
import { network, spoke } from "../multi/fixtures";
import { REPO_ROOT } from "../helpers/requests";

const ON_PREM = { onPremises: { cidrs: ["192.168.0.0/16"] } };

const GWLB = GWLB_SERVICE;

/** Requests that between them exercise every documented decision. */
const requests: unknown[] = [
  request({ subnets: GWLB_SUBNETS, services: [{ name: GWLB, type: "GatewayLoadBalancer", routeTableIds: ["rtb-app-a"] }] }),
  request({
    subnets: GWLB_SUBNETS,
    services: [{ name: GWLB, type: "GatewayLoadBalancer", routeTableIds: ["rtb-app-a"] }],
    facts: { serviceAzs: { [GWLB]: ["us-east-1a"] }, serviceAcceptanceRequired: { [GWLB]: true } },
  }),
  request({ services: [{ name: "sts", access: { fromVpc: false } }, "kms"], access: ON_PREM, securityGroup: { mode: "shared" } }),
  request({ services: ["s3", "sts", "apprunner.requests", { name: "kms", privateDns: false }], access: ON_PREM, traffic: { sts: 1 } }),
  request({ services: ["s3"], access: { fromVpc: false, peerVpcs: [{ name: "far", cidrs: ["10.9.0.0/16"], region: "eu-west-1" }] } }),
  request({
    services: [
      { name: "s3", type: "Gateway" },
      { name: "dynamodb", type: "Interface" },
    ],
  }),
  request({
    subnets: [...subnets("us-east-1", "abc"), { id: "subnet-z", az: "us-east-1a" }],
    facts: { serviceAzs: { sts: ["us-east-1a", "us-east-1b"] } },
    securityGroup: { mode: "shared" },
  }),
  request({ subnets: subnets("us-east-1", "a"), securityGroup: { mode: "existing", ids: ["sg-1"] } }),
  request({ subnets: subnets("us-east-1", "a"), ha: { strict: true } }),
  request({ vpc: { id: "vpc-1", cidrs: ["10.0.0.0/16"] }, access: { extraCidrs: ["0.0.0.0/0"] } }),
  request({
    services: ["config", "sts", { name: "kms", policy: { template: "full-access" } }],
    defaults: { policy: { template: "account-only", accountIds: ["123456789012"] } },
  }),
  request({ region: "us-east-2" }),
  request({ services: [{ name: "kms", fips: true }] }),
  request({ bundles: ["ecs-fargate"], services: [{ name: "s3", policy: { template: "s3-buckets", buckets: ["my-assets"] } }] }),
  request({ services: [{ name: "s3", type: "Gateway" }, "s3express"], access: ON_PREM }),
  request({ services: ["s3"], subnets: [...subnets("us-east-1", "a"), { id: "subnet-nort", az: "us-east-1b" }] }),
  // Over the rules quota: 128 adjacent /24s merge, 70 apart spread; IPv6 on-premises for ipv4 endpoints; a wide on-premises block.
  request({ access: { onPremises: { cidrs: Array.from({ length: 128 }, (_, i) => `172.16.${i}.0/24`) } } }),
  request({
    access: { onPremises: { cidrs: [...Array.from({ length: 70 }, (_, i) => `172.16.${i * 2}.0/24`), "2001:db8::/48", "10.0.0.0/8"] } },
  }),
  request({ services: [{ name: "dynamodb", ipAddressType: "dualstack" }], subnets: subnets("us-east-1", "ab", { ipv6: true }) }),
  request({
    services: [{ name: "sts", policy: { document: { Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] } } }],
  }),
  request({ services: [{ name: "s3", region: "us-west-2" }] }),
  request({
    services: [{ name: "kms", region: "eu-west-1" }],
    facts: { servicePrivateDns: { "com.amazonaws.eu-west-1.kms": ["kms.eu-west-1.amazonaws.com"] } },
  }),
  request({ traffic: { sts: 2_000_000 } }),
  request({ services: ["com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8"] }),
  request({
    services: ["com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8"],
    facts: {
      servicePrivateDns: { "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8": ["api.partner.example.com"] },
      servicePrivateDnsVerified: { "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8": false },
      serviceAcceptanceRequired: { "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8": true },
    },
  }),
  request({
    services: [
      { name: "s3", access: { onPremises: true } },
      { name: "sts", securityGroupIds: ["sg-audit"], access: { onPremises: false } },
      { name: "kms", ipAddressType: "dualstack", dnsRecordIpType: "ipv4" },
    ],
    subnets: [
      ...subnets("us-east-1", "ab", { ipv6: true, tags: { tier: "private" } }),
      { id: "subnet-0pub", az: "us-east-1a", ipv6: true, public: true, tags: { tier: "private" } },
      { id: "subnet-pub-c", az: "us-east-1c", ipv6: true, public: true, tags: { tier: "private" } },
    ],
    subnetTags: { tier: "private" },
    access: { onPremises: { cidrs: ["192.168.0.0/16"] }, securityGroups: ["sg-app"] },
    traffic: { s3: { vpc: 100, onPremises: 500 } },
  }),
  request({
    access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" } },
    subnets: subnets("us-east-1", "a"),
    ha: { minAzs: 1 },
  }),
  request({
    access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" } },
    subnets: [...subnets("us-east-1", "ab"), { id: "subnet-z", az: "us-east-1a" }],
  }),
  // DynamoDB beside its gateway from on-premises: the provider cannot send the inbound-only flag.
  request({ services: ["dynamodb"], access: ON_PREM }),
  request({ services: [{ name: "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8", privateDns: true }, "email-smtp"] }),
  request({ services: ["ecr.dkr"], tags: { Name: "mine" } }),
];

/** Network requests whose hub plan makes decisions only a hub makes (its VPC plans are read like the ones above). */
const networks: unknown[] = [
  network([spoke("a", 1, { traffic: { secretsmanager: 300 } })], { hubServices: ["secretsmanager"], hubTraffic: { secretsmanager: 100 } }),
];

function documentedDecisionCodes(): string[] {
  const page = readFileSync(join(REPO_ROOT, "docs", "codes.md"), "utf8");
  const table = /## Decisions and reason codes\n([\s\S]*?)\n\n/.exec(page);
  assert.ok(table, "docs/codes.md has the decisions table");
  const codes = table[1]
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Rule") && !line.startsWith("| ---"))
    .flatMap((line) =>
      [
        ...line
          .split("|")
          .slice(-2)[0]
          .matchAll(/`([A-Z0-9_]+)`/g),
      ].map((m) => m[1]),
    );
  return [...new Set(codes)];
}

function observedCodes(): Set<string> {
  const seen = new Set<string>();
  for (const req of requests) {
    try {
      const plan = planEndpoints(req);
      for (const e of plan.endpoints) for (const r of e.reasons) seen.add(r.code);
      for (const w of plan.warnings) seen.add(w.code);
      for (const r of plan.resolver?.reasons ?? []) seen.add(r.code);
      for (const e of plan.linkEndpoints ?? []) for (const r of e.reasons) seen.add(r.code);
    } catch (err) {
      if (!isPlanRequestError(err)) throw err;
      for (const p of err.problems) seen.add(p.code);
    }
  }
  for (const req of networks)
    for (const plan of [planNetwork(req).hub.plan!]) for (const e of plan.endpoints) for (const r of e.reasons) seen.add(r.code);
  return seen;
}

describe("docs/codes.md reason codes", () => {
  it("every code in the decisions table is produced by some request", () => {
    const documented = documentedDecisionCodes();
    assert.ok(documented.length >= 25, `parsed ${documented.length} codes`);
    const seen = observedCodes();
    assert.deepEqual(
      documented.filter((c) => !seen.has(c)),
      [],
    );
  });

  it("every rule module's reasons and warnings are in the decisions table, its problems in the error codes", () => {
    const page = readFileSync(join(REPO_ROOT, "docs", "codes.md"), "utf8");
    const errors = /Error codes \(each with[^:]*:([\s\S]*?)\n\n/.exec(page)![1];
    const decisions = new Set(documentedDecisionCodes());
    const modules = [ACCESS_CODES, SUBNET_CODES, TRAFFIC_CODES, ENDPOINT_OPTION_CODES, QUOTA_CODES, SECURITY_GROUP_CODES, IP_TYPE_CODES];
    for (const codes of [
      ...modules,
      OVERLAP_CODES,
      POLICY_DOCUMENT_CODES,
      RESOLVER_CODES,
      ZONE_CODES,
      ECR_LAYER_CODES,
      PRICE_CODES,
      ENDPOINT_TYPE_CODES,
    ])
      for (const [code, kind] of Object.entries(codes)) {
        if (kind === "problem") assert.ok(errors.includes(`\`${code}\``), `${code} in docs/codes.md's error codes`);
        else assert.ok(decisions.has(code), `${code} in docs/codes.md's decisions table`);
      }
  });
});
