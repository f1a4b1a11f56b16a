/**
 * Every error code in docs/codes.md's "Error codes" list, one table row each: the request that causes
 * it, the field path it names, and what the message and hint must say.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PlanRequestError, planEndpoints } from "vpce-plan/plan";
import type { PlanRequest } from "vpce-plan/plan";
import { GWLB_SERVICE, GWLB_SUBNETS, problemsOf, request, subnets } from "../helpers/build";
import { REPO_ROOT } from "../helpers/requests";

interface Row {
  code: string;
  why: string;
  request: unknown;
  path: string;
  message?: RegExp;
  hint?: RegExp;
}

/** The baseline request with one top-level field replaced (or removed with `undefined`). */
const withField = (field: string, value: unknown): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...request() };
  if (value === undefined) delete out[field];
  else out[field] = value;
  return out;
};
const vpc = (extra: Record<string, unknown>) => ({
  id: "vpc-0abc",
  cidrs: ["10.0.0.0/16"],
  dnsSupport: true,
  dnsHostnames: true,
  ...extra,
});

/** An sts endpoint whose policy is one Allow-all statement with `extra` over it. */
const policyStatement = (extra: Record<string, unknown>) =>
  request({
    services: [
      { name: "sts", policy: { document: { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", ...extra }] } } },
    ],
  });

const rows: Row[] = [
  {
    code: "INVALID_TYPE",
    why: "a list given as a string",
    request: withField("vpc", vpc({ cidrs: "10.0.0.0/16" })),
    path: "vpc.cidrs",
    message: /list/,
  },
  {
    code: "INVALID_TYPE",
    why: "a boolean given as a string",
    request: withField("vpc", vpc({ dnsSupport: "yes" })),
    path: "vpc.dnsSupport",
  },
  { code: "INVALID_TYPE", why: "a request that is not an object", request: [1, 2], path: "", message: /object/ },
  {
    code: "INVALID_FORMAT",
    why: "a VPC id without the vpc- prefix",
    request: withField("vpc", vpc({ id: "vpc_0abc" })),
    path: "vpc.id",
    hint: /vpc-/,
  },
  {
    code: "INVALID_FORMAT",
    why: "a malformed subnet id",
    request: withField("subnets", [{ id: "sn-1", az: "us-east-1a" }]),
    path: "subnets[0].id",
  },
  {
    code: "INVALID_FORMAT",
    why: "a malformed route table id",
    request: withField("subnets", [{ id: "subnet-1", az: "us-east-1a", routeTableId: "rt-1" }]),
    path: "subnets[0].routeTableId",
  },
  {
    code: "INVALID_FORMAT",
    why: "a malformed security group id",
    request: withField("securityGroup", { mode: "existing", ids: ["sg_1"] }),
    path: "securityGroup.ids[0]",
  },
  {
    code: "INVALID_FORMAT",
    why: "a malformed AZ",
    request: withField("subnets", [{ id: "subnet-1", az: "useast1a" }]),
    path: "subnets[0].az",
  },
  {
    code: "INVALID_VALUE",
    why: "negative traffic",
    request: withField("traffic", { sts: -5 }),
    path: "traffic.sts",
    message: /between 0 and 100000000/,
  },
  {
    code: "INVALID_VALUE",
    why: "traffic so large that money would print $Infinity",
    request: withField("traffic", { sts: 1e308 }),
    path: "traffic.sts",
    message: /between 0 and 100000000, got 1e\+308/,
    hint: /from 0 to 100000000/,
  },
  {
    code: "INVALID_VALUE",
    why: "traffic by source out of range",
    request: withField("traffic", { sts: { vpc: 1e308 } }),
    path: "traffic.sts.vpc",
    message: /between 0 and 100000000/,
  },
  {
    code: "INVALID_VALUE",
    why: "an absurd price override",
    request: withField("prices", { interfaceHourUsd: 1e300 }),
    path: "prices.interfaceHourUsd",
    message: /between 0 and 100/,
  },
  { code: "INVALID_VALUE", why: "minAzs 0", request: withField("ha", { minAzs: 0 }), path: "ha.minAzs" },
  { code: "INVALID_VALUE", why: "minAzs beyond any region", request: withField("ha", { minAzs: 1e9 }), path: "ha.minAzs" },
  { code: "INVALID_VALUE", why: "a fractional version", request: withField("version", 1.5), path: "version" },
  {
    code: "INVALID_VALUE",
    why: "an enum value in the wrong case",
    request: withField("services", [{ name: "sts", type: "interface" }]),
    path: "services[0].type",
    hint: /Did you mean Interface\?/,
  },
  { code: "MISSING_FIELD", why: "no region", request: withField("region", undefined), path: "region" },
  {
    code: "MISSING_FIELD",
    why: "a service object without name",
    request: withField("services", [{ type: "Interface" }]),
    path: "services[0].name",
  },
  {
    code: "UNKNOWN_FIELD",
    why: "a typo at the top",
    request: withField("servcies", ["sts"]),
    path: "servcies",
    hint: /Did you mean services\?/,
  },
  {
    code: "UNKNOWN_FIELD",
    why: "a typo inside vpc",
    request: withField("vpc", vpc({ dnsHostname: true })),
    path: "vpc.dnsHostname",
    hint: /dnsHostnames/,
  },
  {
    code: "UNKNOWN_FIELD",
    why: "a field named like an Object method",
    request: JSON.parse('{"region":"us-east-1","vpc":{"id":"vpc-1"},"constructor":1}'),
    path: "constructor",
  },
  {
    code: "UNKNOWN_FIELD",
    why: "a __proto__ field from JSON",
    request: JSON.parse('{"region":"us-east-1","vpc":{"id":"vpc-1"},"__proto__":{}}'),
    path: "__proto__",
  },
  { code: "UNSUPPORTED_VERSION", why: "version 2", request: withField("version", 2), path: "version", hint: /version: 1/ },
  {
    code: "UNKNOWN_REGION",
    why: "a region typo (alone: the subnets' AZs are not blamed for it)",
    request: withField("region", "us-esat-1"),
    path: "region",
    hint: /Did you mean us-east-1/,
  },
  {
    code: "UNKNOWN_REGION",
    why: "a peer in an unknown region",
    request: withField("access", { peerVpcs: [{ name: "p", cidrs: ["10.1.0.0/16"], region: "mars-1" }] }),
    path: "access.peerVpcs[0].region",
  },
  {
    code: "INVALID_CIDR",
    why: "host bits set",
    request: withField("vpc", vpc({ cidrs: ["10.0.0.1/16"] })),
    path: "vpc.cidrs[0]",
    message: /10\.0\.0\.0\/16/,
  },
  {
    code: "INVALID_CIDR",
    why: "prefix over 32",
    request: withField("access", { onPremises: { cidrs: ["10.0.0.0/33"] } }),
    path: "access.onPremises.cidrs[0]",
  },
  { code: "INVALID_CIDR", why: "not a CIDR", request: withField("access", { extraCidrs: ["banana"] }), path: "access.extraCidrs[0]" },
  {
    code: "INVALID_CIDR",
    why: "IPv6 in vpc.cidrs",
    request: withField("vpc", vpc({ cidrs: ["2600:1f18::/56"] })),
    path: "vpc.cidrs[0]",
    hint: /ipv6Cidrs/,
  },
  {
    code: "INVALID_CIDR",
    why: "IPv4 in vpc.ipv6Cidrs",
    request: withField("vpc", vpc({ ipv6Cidrs: ["10.0.0.0/16"] })),
    path: "vpc.ipv6Cidrs[0]",
  },
  {
    code: "INVALID_CIDR",
    why: "a bad IPv6 address",
    request: withField("access", { extraCidrs: ["2600:zz::/56"] }),
    path: "access.extraCidrs[0]",
  },
  {
    code: "OPEN_CIDR_NOT_EXPLICIT",
    why: "0.0.0.0/0 for on-premises",
    request: withField("access", { onPremises: { cidrs: ["0.0.0.0/0"] } }),
    path: "access.onPremises.cidrs[0]",
    hint: /extraCidrs/,
  },
  {
    code: "DUPLICATE_SUBNET",
    why: "a subnet listed twice",
    request: withField("subnets", [...subnets("us-east-1", "ab"), { id: "subnet-a", az: "us-east-1a" }]),
    path: "subnets[2].id",
  },
  {
    code: "SUBNET_AZ_MISSING",
    why: "a subnet without az",
    request: withField("subnets", [{ id: "subnet-a" }, ...subnets("us-east-1", "b")]),
    path: "subnets[0].az",
  },
  {
    code: "SUBNET_AZ_REGION",
    why: "an AZ of another region",
    request: withField("subnets", [{ id: "subnet-a", az: "eu-west-1a" }]),
    path: "subnets[0].az",
  },
  {
    code: "SUBNET_AZ_ID_REGION",
    why: "an AZ ID of another region (use2 is us-east-2)",
    request: withField("subnets", [{ id: "subnet-a", azId: "use2-az1" }]),
    path: "subnets[0].azId",
    message: /use2-az1 is not an Availability Zone ID of us-east-1/,
    hint: /describe-availability-zones/,
  },
  {
    code: "SUBNET_AZ_UNKNOWN",
    why: "an AZ ID AWS does not document for the region",
    request: withField("subnets", [{ id: "subnet-a", azId: "use1-az9" }]),
    path: "subnets[0].azId",
    message: /use1-az9 is not an Availability Zone ID AWS documents for us-east-1, whose AZ IDs are use1-az1, /,
    hint: /describe-availability-zones --region us-east-1/,
  },
  {
    code: "INVALID_FORMAT",
    why: "an AZ name given as azId",
    request: withField("subnets", [{ id: "subnet-a", azId: "us-east-1a" }]),
    path: "subnets[0].azId",
    hint: /use1-az1/,
  },
  {
    code: "UNKNOWN_SERVICE",
    why: "a service typo",
    request: withField("services", ["secretmanager"]),
    path: "services[0]",
    hint: /Did you mean secretsmanager/,
  },
  {
    code: "UNKNOWN_SERVICE",
    why: "an unknown full name",
    request: withField("services", ["com.amazonaws.us-east-1.secretmanager"]),
    path: "services[0]",
    hint: /secretsmanager/,
  },
  { code: "UNKNOWN_BUNDLE", why: "a bundle typo", request: withField("bundles", ["ecs-fargte"]), path: "bundles[0]", hint: /ecs-fargate/ },
  {
    code: "BUNDLE_AS_SERVICE",
    why: "a bundle under services",
    request: withField("services", ["ecs-fargate"]),
    path: "services[0]",
    hint: /bundles: \[ecs-fargate\]/,
  },
  {
    code: "DUPLICATE_SERVICE",
    why: "two option entries for one service",
    request: withField("services", [{ name: "sts" }, { name: "sts", privateDns: false }]),
    path: "services[1]",
  },
  {
    code: "SERVICE_REGION_MISMATCH",
    why: "a full name of another region, for a service that is not cross-region enabled",
    request: withField("services", ["com.amazonaws.eu-west-1.sts"]),
    path: "services[0]",
  },
  {
    code: "SERVICE_UNAVAILABLE",
    why: "IAM's regionless endpoint service outside its home region",
    request: request({ region: "eu-west-1", subnets: subnets("eu-west-1", "ab"), services: ["iam"] }),
    path: "services[0]",
    message: /com\.amazonaws\.iam.*eu-west-1.*us-east-1/,
    hint: /us-east-1.*cross-region/,
  },
  {
    code: "FIPS_UNAVAILABLE",
    why: "fips for a service without a FIPS endpoint service",
    request: withField("services", [{ name: "ecr.api", fips: true }]),
    path: "services[0].fips",
  },
  { code: "NO_SERVICES", why: "nothing asked for", request: withField("services", []), path: "services" },
  {
    code: "CROSS_REGION_UNSUPPORTED",
    why: "a service in another region that is not cross-region enabled",
    request: withField("services", [{ name: "sts", region: "us-west-2" }]),
    path: "services[0].region",
    hint: /Cross-region enabled: .*s3/,
  },
  {
    code: "SERVICE_PORT_FIXED",
    why: "a port on a catalog service",
    request: withField("services", [{ name: "sts", port: 8443 }]),
    path: "services[0].port",
    hint: /Remove port/,
  },
  {
    code: "PRIVATE_DNS_UNVERIFIED",
    why: "private DNS on an endpoint service whose provider did not verify its name",
    request: {
      ...withField("services", [{ name: "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8", privateDns: true }]),
      facts: {
        servicePrivateDns: { "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8": ["api.partner.example.com"] },
        servicePrivateDnsVerified: { "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8": false },
      },
    },
    path: "services[0].privateDns",
  },
  {
    code: "CROSS_REGION_PARTITION",
    why: "a service region in another partition",
    request: withField("services", [{ name: "s3", region: "us-gov-west-1" }]),
    path: "services[0].region",
  },
  {
    code: "CROSS_REGION_GATEWAY",
    why: "a gateway endpoint for a service in another region",
    request: withField("services", [{ name: "s3", region: "us-west-2", type: "Gateway" }]),
    path: "services[0].type",
  },
  {
    code: "CROSS_REGION_NOT_OFFERED",
    why: "the lookup found no such service in the service region",
    request: {
      ...withField("services", [{ name: "kms", region: "eu-west-1" }]),
      facts: { serviceAzs: { "com.amazonaws.eu-west-1.kms": [] } },
    },
    path: "services[0]",
  },
  {
    code: "TRAFFIC_UNKNOWN_SERVICE",
    why: "traffic for a service not asked for",
    request: withField("traffic", { stss: 5 }),
    path: "traffic.stss",
    hint: /Did you mean sts\?/,
  },
  {
    code: "DUPLICATE_PEER",
    why: "two peers with one name",
    request: withField("access", {
      peerVpcs: [
        { name: "p", cidrs: ["10.1.0.0/16"] },
        { name: "p", cidrs: ["10.2.0.0/16"] },
      ],
    }),
    path: "access.peerVpcs[1].name",
  },
  { code: "NO_CONSUMERS", why: "fromVpc false and nobody else", request: withField("access", { fromVpc: false }), path: "access.fromVpc" },
  {
    code: "NO_CONSUMERS",
    why: "fromVpc false with only extra CIDRs (they widen ingress, they do not need endpoints)",
    request: withField("access", { fromVpc: false, extraCidrs: ["10.9.0.0/16"] }),
    path: "access.fromVpc",
  },
  {
    code: "GATEWAY_UNSUPPORTED",
    why: "type Gateway for STS",
    request: withField("services", [{ name: "sts", type: "Gateway" }]),
    path: "services[0].type",
  },
  {
    code: "INTERFACE_UNSUPPORTED",
    why: "type Interface for S3 Express",
    request: withField("services", [{ name: "s3express", type: "Interface" }]),
    path: "services[0].type",
  },
  {
    code: "NO_ROUTE_TABLES",
    why: "a gateway and no route table",
    request: { ...request({ services: ["s3"] }), subnets: [{ id: "subnet-a", az: "us-east-1a" }] },
    path: "subnets",
  },
  { code: "NO_SUBNETS", why: "an interface endpoint and no subnets", request: withField("subnets", []), path: "subnets" },
  {
    code: "UNKNOWN_SUBNET",
    why: "subnetIds naming an unlisted subnet",
    request: withField("services", [{ name: "sts", subnetIds: ["subnet-zz"] }]),
    path: "services[0].subnetIds[0]",
  },
  {
    code: "NO_SUPPORTED_AZ",
    why: "no subnet in a supported AZ",
    request: withField("facts", { serviceAzs: { sts: ["us-east-1f"] } }),
    path: "subnets",
  },
  {
    code: "RESOLVER_TOO_FEW_AZS",
    why: "a Resolver inbound endpoint needs IP addresses in two AZs",
    request: request({
      subnets: subnets("us-east-1", "a"),
      ha: { minAzs: 1 },
      access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" } },
    }),
    path: "access.onPremises.resolver",
    message: /at least 2 AZs/,
    hint: /another AZ/,
  },
  ...gwlbCases(),
  {
    code: "HA_TOO_FEW_AZS",
    why: "strict HA with one AZ",
    request: { ...request({ ha: { strict: true } }), subnets: subnets("us-east-1", "a") },
    path: "ha.minAzs",
  },
  {
    code: "IPV6_SUBNET_REQUIRED",
    why: "dualstack on IPv4 subnets",
    request: withField("services", [{ name: "sts", ipAddressType: "dualstack" }]),
    path: "services[0].ipAddressType",
  },
  {
    code: "IP_TYPE_UNSUPPORTED",
    why: "dualstack for an IPv4-only service",
    request: {
      ...request({ services: [{ name: "sts", ipAddressType: "dualstack" }], facts: { serviceIpTypes: { sts: ["ipv4"] } } }),
      subnets: subnets("us-east-1", "ab", { ipv6: true }),
    },
    path: "services[0].ipAddressType",
  },
  {
    code: "PRIVATE_DNS_UNSUPPORTED",
    why: "private DNS for a service without",
    request: withField("services", [{ name: "apprunner.requests", privateDns: true }]),
    path: "services[0].privateDns",
  },
  {
    code: "VPC_DNS_SUPPORT_DISABLED",
    why: "enableDnsSupport off",
    request: withField("vpc", vpc({ dnsSupport: false })),
    path: "vpc.dnsSupport",
    message: /enableDnsSupport/,
  },
  {
    code: "VPC_DNS_HOSTNAMES_DISABLED",
    why: "enableDnsHostnames off",
    request: withField("vpc", vpc({ dnsHostnames: false })),
    path: "vpc.dnsHostnames",
    message: /enableDnsHostnames/,
  },
  {
    code: "VPC_CIDRS_REQUIRED",
    why: "no VPC CIDRs for the ingress",
    request: withField("vpc", { id: "vpc-1", dnsSupport: true, dnsHostnames: true }),
    path: "vpc.cidrs",
  },
  {
    code: "POLICY_UNSUPPORTED",
    why: "a policy on AWS Config",
    request: withField("services", [{ name: "config", policy: { template: "account-only", accountIds: ["123456789012"] } }]),
    path: "services[0].policy",
  },
  {
    code: "POLICY_ORGANIZATION_REQUIRED",
    why: "organization-only without id",
    request: withField("defaults", { policy: { template: "organization-only" } }),
    path: "defaults.policy.organizationId",
  },
  {
    code: "POLICY_ACCOUNT_REQUIRED",
    why: "account-only without accounts",
    request: withField("services", [{ name: "sts", policy: { template: "account-only" } }]),
    path: "services[0].policy.accountIds",
  },
  {
    code: "POLICY_BUCKETS_REQUIRED",
    why: "s3-buckets without buckets",
    request: withField("services", [{ name: "s3", policy: { template: "s3-buckets" } }]),
    path: "services[0].policy.buckets",
  },
  {
    code: "POLICY_TEMPLATE_SERVICE",
    why: "s3-buckets on KMS",
    request: withField("services", [{ name: "kms", policy: { template: "s3-buckets", buckets: ["my-bucket"] } }]),
    path: "services[0].policy.template",
  },
  {
    code: "SECURITY_GROUP_IDS_REQUIRED",
    why: "existing without ids",
    request: withField("securityGroup", { mode: "existing" }),
    path: "securityGroup.ids",
  },
  {
    code: "SECURITY_GROUP_IDS_UNUSED",
    why: "ids without existing",
    request: withField("securityGroup", { ids: ["sg-1"] }),
    path: "securityGroup.ids",
  },
  {
    code: "QUOTA_EXCEEDED",
    why: "a tag value over AWS's fixed 256 characters",
    request: request({ tags: { team: "x".repeat(300) } }),
    path: "tags.team",
    message: /256/,
  },
  {
    code: "QUOTA_NOT_ADJUSTABLE",
    why: "a fixed limit declared as a raised quota",
    request: request({ quotas: { tagValueLength: 512 } as never }),
    path: "quotas.tagValueLength",
  },
  {
    code: "QUOTA_PRODUCT_EXCEEDED",
    why: "rules per group x groups per interface over 1,000",
    request: request({ quotas: { rulesPerSecurityGroup: 250 } }),
    path: "quotas.rulesPerSecurityGroup",
    message: /1000/,
  },
  {
    code: "TAG_KEY_RESERVED",
    why: "a tag key with the aws: prefix",
    request: request({ tags: { "aws:owner": "me" } }),
    path: "tags.aws:owner",
  },
  {
    code: "IPV6_ONLY_SUBNET_REQUIRED",
    why: "an ipv6 endpoint on dual-stack subnets",
    request: request({ subnets: subnets("us-east-1", "ab", { ipv6: true }), services: [{ name: "sts", ipAddressType: "ipv6" }] }),
    path: "services[0].ipAddressType",
    hint: /ipv6Only/,
  },
  {
    code: "IPV4_SUBNET_REQUIRED",
    why: "an ipv4 endpoint on IPv6-only subnets",
    request: request({ subnets: subnets("us-east-1", "ab", { ipv6: true, ipv6Only: true }) }),
    path: "subnets",
  },
  {
    code: "CIDR_OVERLAP",
    why: "a peer VPC with the VPC's own CIDR",
    request: request({ access: { peerVpcs: [{ name: "twin", cidrs: ["10.0.0.0/16"] }] } }),
    path: "access.peerVpcs[0].cidrs[0]",
    message: /twin/,
  },
  {
    code: "POLICY_INVALID",
    why: "a policy document without Statement",
    request: request({ services: [{ name: "sts", policy: { document: { Version: "2012-10-17" } } }] }),
    path: "services[0].policy.document",
  },
  {
    code: "POLICY_PRINCIPAL_MISSING",
    why: "a policy statement without Principal",
    request: request({
      services: [{ name: "sts", policy: { document: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } } }],
    }),
    path: "services[0].policy.document.Statement[0]",
    hint: /Principal/,
  },
  {
    code: "POLICY_WILDCARD_SYSTEM_ID",
    why: "a wildcard with aws:SourceVpc, a system-generated id (AWS's endpoint-policy Considerations)",
    request: policyStatement({ Condition: { StringLike: { "aws:SourceVpc": "vpc-*" } } }),
    path: "services[0].policy.document.Statement[0].Condition.StringLike.aws:SourceVpc",
    hint: /StringEquals/,
  },
  {
    code: "POLICY_WILDCARD_TOO_SHORT",
    why: "fewer than six characters beside a wildcard in a string condition",
    request: policyStatement({ Condition: { StringLike: { "aws:PrincipalArn": "arn*" } } }),
    path: "services[0].policy.document.Statement[0].Condition.StringLike.aws:PrincipalArn",
    hint: /6 characters/,
  },
  {
    code: "POLICY_ARN_ACCOUNT_WILDCARD",
    why: "an ARN account part with an id and a wildcard",
    request: policyStatement({ Resource: "arn:aws:iam::12345678901?:role/x" }),
    path: "services[0].policy.document.Statement[0].Resource",
    hint: /account id in full/,
  },
  {
    code: "INBOUND_ONLY_UNAVAILABLE",
    why: "privateDns: true on DynamoDB beside its gateway: the provider never sends the inbound-only flag",
    request: request({ services: [{ name: "dynamodb", privateDns: true }], access: { onPremises: { cidrs: ["192.168.0.0/16"] } } }),
    path: "services[0].privateDns",
    hint: /type: Interface/,
  },
  {
    code: "ACCESS_NOT_DECLARED",
    why: "a service names a peer the top level does not declare",
    request: withField("services", [{ name: "sts", access: { peerVpcs: ["nowhere"] } }]),
    path: "services[0].access.peerVpcs[0]",
  },
  {
    code: "SECURITY_GROUPS_WITHOUT_VPC",
    why: "consumer groups while the VPC is no consumer",
    request: withField("access", { fromVpc: false, onPremises: { cidrs: ["192.168.0.0/16"] }, securityGroups: ["sg-1"] }),
    path: "access.securityGroups",
  },
  {
    code: "SECURITY_GROUP_NOT_IN_VPC",
    why: "a consumer group of another VPC",
    request: { ...request({ access: { securityGroups: ["sg-1"] } }), facts: { securityGroupVpcs: { "sg-1": "vpc-other" } } },
    path: "access.securityGroups[0]",
  },
  {
    code: "NO_SUBNET_MATCHES_TAGS",
    why: "subnetTags no subnet carries",
    request: withField("subnetTags", { tier: "private" }),
    path: "subnetTags",
  },
  {
    code: "TRAFFIC_WITHOUT_CONSUMER",
    why: "on-premises traffic without on-premises consumers",
    request: withField("traffic", { sts: { onPremises: 10 } }),
    path: "traffic.sts.onPremises",
  },
  {
    code: "DNS_RECORD_IP_TYPE_MISMATCH",
    why: "service-defined records on an ipv4 endpoint",
    request: withField("services", [{ name: "sts", dnsRecordIpType: "service-defined" }]),
    path: "services[0].dnsRecordIpType",
  },
  {
    code: "TOO_MANY_SECURITY_GROUPS",
    why: "five existing groups beside the planned one",
    request: withField("services", [{ name: "sts", securityGroupIds: ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5"] }]),
    path: "services[0].securityGroupIds",
  },
];

/** The codes docs/codes.md documents under "Error codes". */
function documentedErrorCodes(): string[] {
  const readme = readFileSync(join(REPO_ROOT, "docs", "codes.md"), "utf8");
  const section = /Error codes \(each with[^:]*:([\s\S]*?)\n\n/.exec(readme);
  assert.ok(section, "docs/codes.md has an Error codes paragraph");
  return [...section[1].matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]);
}

describe("planEndpoints: error codes", () => {
  for (const row of rows) {
    it(`${row.code}: ${row.why}`, () => {
      const problems = problemsOf(row.request);
      assert.deepEqual(
        problems.map((p) => [p.code, p.path]),
        [[row.code, row.path]],
        "exactly the expected problem",
      );
      const [p] = problems;
      for (const field of ["code", "path", "message", "hint"] as const) assert.equal(typeof p[field], "string");
      assert.ok(p.message.length > 5 && p.hint.length > 5, "message and hint say something");
      if (row.message) assert.match(p.message, row.message);
      if (row.hint) assert.match(p.hint, row.hint);
    });
  }

  it("covers every code docs/codes.md documents, and documents every code tested", () => {
    const documented = documentedErrorCodes();
    assert.ok(documented.length >= 40, `parsed ${documented.length} codes`);
    const tested = new Set(rows.map((r) => r.code));
    assert.deepEqual(
      documented.filter((c) => !tested.has(c)),
      [],
      "documented but not tested",
    );
    assert.deepEqual(
      [...tested].filter((c) => !documented.includes(c)),
      [],
      "tested but not documented",
    );
  });

  it("reports every problem of a request at once", () => {
    const bad: unknown = {
      region: "us-east-1",
      vpc: { id: "vpc-1", cidrs: ["10.0.0.1/16"], dnsSupport: true, dnsHostnames: true },
      subnets: [{ id: "subnet-a", az: "us-east-1a" }, { id: "subnet-a", az: "us-east-1a" }, { id: "subnet-c" }],
      services: ["secretmanager", "ecs-fargate"],
      bundles: ["nope-bundle"],
    };
    assert.deepEqual(
      problemsOf(bad)
        .map((p) => p.code)
        .sort(),
      ["BUNDLE_AS_SERVICE", "DUPLICATE_SUBNET", "INVALID_CIDR", "SUBNET_AZ_MISSING", "UNKNOWN_BUNDLE", "UNKNOWN_SERVICE"],
    );
  });

  it("request problems and decision problems come in the same report", () => {
    const bad: unknown = {
      region: "us-east-1",
      vpc: { id: "vpc-1", cidrs: ["10.0.0.0/16"], dnsSupport: false, dnsHostnames: true },
      subnets: [{ id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" }, { id: "subnet-b" }],
      services: [{ name: "sts", type: "Gateway" }, "secretmanager", "kms"],
      access: { onPremises: { cidrs: ["192.168.0.1/16"] } },
    };
    assert.deepEqual(
      problemsOf(bad)
        .map((p) => p.code)
        .sort(),
      ["GATEWAY_UNSUPPORTED", "INVALID_CIDR", "SUBNET_AZ_MISSING", "UNKNOWN_SERVICE", "VPC_DNS_SUPPORT_DISABLED"],
    );
  });

  it("a field of the wrong shape does not hide the problems of the other fields", () => {
    const bad = {
      ...request(),
      services: [{ name: "s3", type: "gateway" }],
      access: { onPremises: { cidrs: ["192.168.0.1/16"] } },
      subnets: [{ id: "subnet-a", az: "us-west-2a" }],
      traffic: { s3: 10 },
    };
    assert.deepEqual(
      problemsOf(bad)
        .map((p) => `${p.code} ${p.path}`)
        .sort(),
      ["INVALID_CIDR access.onPremises.cidrs[0]", "INVALID_VALUE services[0].type", "SUBNET_AZ_REGION subnets[0].az"],
    );
  });

  it("an invalid subnet is reported once, not again as missing subnets for every endpoint", () => {
    const bad = { ...request(), subnets: [{ id: "subnet-a" }], services: ["sts", { name: "kms", subnetIds: ["subnet-a"] }] };
    assert.deepEqual(
      problemsOf(bad).map((p) => `${p.code} ${p.path}`),
      ["SUBNET_AZ_MISSING subnets[0].az"],
    );
  });

  it("traffic for a misspelled service is not reported again as traffic for an unrequested service", () => {
    const bad = { ...request(), services: ["sts", "secretmanager"], traffic: { secretsmanager: 5 } };
    assert.deepEqual(
      problemsOf(bad).map((p) => `${p.code} ${p.path}`),
      ["UNKNOWN_SERVICE services[1]"],
    );
  });

  it("a consumer with no networks is an error, not a consumer nobody can be", () => {
    for (const access of [{ onPremises: { cidrs: [] } }, { peerVpcs: [{ name: "p", cidrs: [] }] }]) {
      assert.deepEqual(
        problemsOf({ ...request(), access }).map((p) => p.code),
        ["INVALID_VALUE"],
      );
    }
  });

  it("a missing or malformed vpc hides neither the version, the region nor the traffic problems", () => {
    const noVpc: unknown = { version: 2, region: "mars-1", subnets: [{ id: "subnet-a", az: "us-east-1a" }], services: ["s3"] };
    assert.deepEqual(
      problemsOf(noVpc)
        .map((p) => `${p.code} ${p.path}`)
        .sort(),
      ["MISSING_FIELD vpc", "UNKNOWN_REGION region", "UNSUPPORTED_VERSION version"],
    );
    const badVpc: unknown = { ...request(), vpc: { id: "vpc-1", cidrs: "10.0.0.0/8" }, services: ["sts"], traffic: { kms: 5 } };
    assert.deepEqual(
      problemsOf(badVpc)
        .map((p) => `${p.code} ${p.path}`)
        .sort(),
      ["INVALID_TYPE vpc.cidrs", "TRAFFIC_UNKNOWN_SERVICE traffic.kms"],
    );
  });

  it("structural problems are all reported together too", () => {
    const bad: unknown = { region: 5, vpc: { id: "vpc-1", cidrs: "x" }, subnets: {}, servics: [] };
    assert.deepEqual(
      problemsOf(bad)
        .map((p) => `${p.code} ${p.path}`)
        .sort(),
      ["INVALID_TYPE region", "INVALID_TYPE subnets", "INVALID_TYPE vpc.cidrs", "UNKNOWN_FIELD servics"],
    );
  });

  it("the error is a PlanRequestError whose message lists each problem with path, hint and code", () => {
    const req: PlanRequest = request({ services: ["secretmanager"] });
    try {
      planEndpoints(req);
      assert.fail("planned");
    } catch (err) {
      assert.ok(err instanceof PlanRequestError);
      assert.equal(err.name, "PlanRequestError");
      assert.match(
        err.message,
        /services\[0\]: "secretmanager" is not a service in the catalog\. Fix: Did you mean secretsmanager.*\[UNKNOWN_SERVICE\]/,
      );
    }
  });
});

/** Gateway Load Balancer endpoints (rules/endpointTypes.ts): firewall and workload subnets in two AZs. */
function gwlbCases(): Row[] {
  const svc = GWLB_SERVICE;
  const subnets = [
    ...GWLB_SUBNETS,
    { id: "subnet-shared-a", az: "us-east-1a", routeTableId: "rtb-shared" },
    { id: "subnet-shared-b", az: "us-east-1b", routeTableId: "rtb-shared" },
  ];
  const gwlb = (extra: Record<string, unknown>, facts?: Record<string, unknown>) =>
    request({
      subnets,
      services: [{ name: svc, type: "GatewayLoadBalancer", routeTableIds: ["rtb-app-a", "rtb-app-b"], ...extra }],
      ...(facts ? { facts } : {}),
    });
  return [
    {
      code: "GWLB_NOT_ENDPOINT_SERVICE",
      why: "a Gateway Load Balancer endpoint to an AWS service",
      request: request({ subnets, services: [{ name: "sts", type: "GatewayLoadBalancer", routeTableIds: ["rtb-app-a"] }] }),
      path: "services[0].name",
    },
    {
      code: "ENDPOINT_TYPE_FIELD_UNSUPPORTED",
      why: "a policy on a Gateway Load Balancer endpoint",
      request: gwlb({ policy: { template: "full-access" } }),
      path: "services[0].policy",
    },
    {
      code: "GWLB_NO_ROUTES",
      why: "no route table sends traffic to it",
      request: gwlb({ routeTableIds: [] }),
      path: "services[0].routeTableIds",
    },
    {
      code: "GWLB_UNKNOWN_SUBNET",
      why: "subnetIds naming an unlisted subnet",
      request: gwlb({ subnetIds: ["subnet-zz"] }),
      path: "services[0].subnetIds[0]",
    },
    {
      code: "GWLB_DUPLICATE_AZ",
      why: "two endpoint subnets in one AZ",
      request: gwlb({ subnetIds: ["subnet-fw-a", "subnet-shared-a"] }),
      path: "services[0].subnetIds[1]",
    },
    {
      code: "GWLB_NO_SUPPORTED_AZ",
      why: "no subnet in an AZ of the load balancer",
      request: gwlb({}, { serviceAzs: { [svc]: ["us-east-1c"] } }),
      path: "subnets",
    },
    {
      code: "GWLB_ROUTE_TABLE_UNKNOWN",
      why: "a route table no subnet uses",
      request: gwlb({ routeTableIds: ["rtb-nope"] }),
      path: "services[0].routeTableIds",
    },
    {
      code: "GWLB_ROUTE_TABLE_SPANS_AZS",
      why: "one route table for two AZs",
      request: gwlb({ routeTableIds: ["rtb-shared"] }),
      path: "services[0].routeTableIds",
    },
    {
      code: "GWLB_ROUTE_AZ_WITHOUT_ENDPOINT",
      why: "a route table in an AZ the load balancer is not in",
      request: gwlb({}, { serviceAzs: { [svc]: ["us-east-1a"] } }),
      path: "services[0].routeTableIds",
    },
    {
      code: "GWLB_ROUTE_LOOP",
      why: "the endpoint's own subnet routed to it",
      request: gwlb({ subnetIds: ["subnet-app-a", "subnet-fw-b"] }),
      path: "services[0].routeTableIds",
    },
    {
      code: "GWLB_DESTINATION_CIDR",
      why: "a route destination that is no CIDR",
      request: gwlb({ destinationCidr: "10.0.0.0/33" }),
      path: "services[0].destinationCidr",
    },
  ];
}
