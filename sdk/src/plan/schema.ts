/** The request file's structure (version 1), as checked by shape.ts. */
import { ADJUSTABLE, FIXED } from "./rules/quotas";
import type { Shape } from "./shape";

const str = (example?: string, pattern?: RegExp): Shape => ({ kind: "string", example, pattern });
const strings = (example?: string, pattern?: RegExp): Shape => ({ kind: "array", of: str(example, pattern) });
const bool: Shape = { kind: "boolean" };
const obj = (fields: Record<string, Shape>, required: string[] = []): Shape & { kind: "object" } => ({ kind: "object", fields, required });

export const ID_PATTERNS = {
  vpc: /^vpc-[0-9a-zA-Z][0-9a-zA-Z-]*$/,
  subnet: /^subnet-[0-9a-zA-Z][0-9a-zA-Z-]*$/,
  routeTable: /^rtb-[0-9a-zA-Z][0-9a-zA-Z-]*$/,
  securityGroup: /^sg-[0-9a-zA-Z][0-9a-zA-Z-]*$/,
};
const AZ_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d[a-z](-[a-z0-9-]+)?$/;
/**
 * AZ IDs: "the first three letters of the Region code, followed by the number at the end of the
 * Region code, followed by -az, followed by a number" (use1-az1; Local Zones add a location,
 * use1-bos1-az1): https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 */
export const AZ_ID_PATTERN = /^[a-z]{3,6}\d+(-[a-z]+\d+)?-az\d+$/;
const ACCOUNT = /^\d{12}$/;

const policy = obj({
  template: { kind: "enum", values: ["full-access", "organization-only", "account-only", "s3-buckets"] },
  organizationId: str("o-a1b2c3d4e5", /^o-[a-z0-9]{10,32}$/),
  accountIds: strings("123456789012", ACCOUNT),
  buckets: strings("my-bucket", /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
  document: { kind: "json-object" },
});

const ipType: Shape = { kind: "enum", values: ["ipv4", "dualstack", "ipv6"] };
const securityGroups = (min = 0): Shape => ({
  kind: "array",
  of: str("sg-0abc", ID_PATTERNS.securityGroup),
  ...(min ? { minItems: min } : {}),
});
const tags: Shape = { kind: "record", of: { kind: "string" } };
/**
 * Bounds that keep every money figure a finite number in every format (1e308 GB would print
 * $Infinity): a price of at most USD 100 per hour or GB (list prices are cents), at most 100 PB
 * (100,000,000 GB) a month per service and source, at most 100 AZs.
 */
const money: Shape & { kind: "number" } = { kind: "number", min: 0, max: 100 };
const gb: Shape & { kind: "number" } = { kind: "number", min: 0, max: 100_000_000 };
/** Counts (quotas): whole numbers, bounded like the rest so that nothing derived from them overflows. */
const count: Shape = { kind: "number", min: 1, max: 1_000_000, integer: true };

export const serviceShape = obj(
  {
    name: str("secretsmanager"),
    type: { kind: "enum", values: ["Auto", "Gateway", "Interface", "GatewayLoadBalancer"] },
    privateDns: bool,
    policy,
    subnetIds: strings("subnet-0abc", ID_PATTERNS.subnet),
    routeTableIds: strings("rtb-0abc", ID_PATTERNS.routeTable),
    ipAddressType: ipType,
    fips: bool,
    access: obj({
      fromVpc: bool,
      onPremises: bool,
      peerVpcs: { kind: "array", of: str("spoke-a"), minItems: 1 },
      securityGroups: securityGroups(1),
    }),
    tags,
    securityGroupIds: securityGroups(),
    dnsRecordIpType: { kind: "enum", values: ["ipv4", "dualstack", "ipv6", "service-defined"] },
    region: str("us-west-2"),
    port: { kind: "number", min: 1, integer: true },
    destinationCidr: str("0.0.0.0/0"),
  },
  ["name"],
);

export const requestShape = obj(
  {
    version: { kind: "number", min: 1, max: 1000, integer: true },
    region: str("us-east-1"),
    vpc: obj(
      {
        id: str("vpc-0abc1234", ID_PATTERNS.vpc),
        cidrs: { kind: "array", of: str("10.0.0.0/16") },
        ipv6Cidrs: { kind: "array", of: str("2600:1f18:abcd:1200::/56") },
        dnsSupport: bool,
        dnsHostnames: bool,
      },
      ["id"],
    ),
    subnets: {
      kind: "array",
      of: obj(
        {
          id: str("subnet-0abc", ID_PATTERNS.subnet),
          az: str("us-east-1a", AZ_PATTERN),
          azId: str("use1-az1", AZ_ID_PATTERN),
          routeTableId: str("rtb-0abc", ID_PATTERNS.routeTable),
          ipv6: bool,
          ipv6Only: bool,
          public: bool,
          tags,
        },
        ["id"],
      ),
    },
    services: { kind: "array", of: { kind: "string-or", object: serviceShape } },
    bundles: strings("ecs-fargate"),
    access: obj({
      fromVpc: bool,
      // A consumer without networks would count as a consumer that nobody can be: require one.
      onPremises: obj(
        {
          cidrs: { kind: "array", of: str("192.168.0.0/16"), minItems: 1 },
          resolver: { kind: "enum", values: ["create", "existing", "none"] },
        },
        ["cidrs"],
      ),
      peerVpcs: {
        kind: "array",
        of: obj({ name: str("spoke-a"), cidrs: { kind: "array", of: str("10.1.0.0/16"), minItems: 1 }, region: str("us-east-1") }, [
          "name",
          "cidrs",
        ]),
      },
      extraCidrs: { kind: "array", of: str("10.9.0.0/16") },
      securityGroups: securityGroups(1),
    }),
    ha: obj({ minAzs: { kind: "number", min: 1, max: 100, integer: true }, strict: bool }),
    traffic: { kind: "record", of: { kind: "number-or", number: gb, object: obj({ vpc: gb, onPremises: gb, peers: gb }) } },
    subnetTags: tags,
    prices: obj({
      interfaceHourUsd: money,
      interfacePerGbUsd: money,
      interfacePerGbTier2Usd: money,
      interfacePerGbTier3Usd: money,
      interRegionPerGbUsd: money,
      natHourUsd: money,
      natPerGbUsd: money,
      transitGatewayPerGbUsd: money,
      crossAzPerGbUsd: money,
      hostedZoneMonthlyUsd: money,
      hostedZoneExtraMonthlyUsd: money,
      profileAccountHourUsd: money,
      profileAssociationHourUsd: money,
      resolverEniHourUsd: money,
      gatewayLoadBalancerEndpointHourUsd: money,
      gatewayLoadBalancerEndpointPerGbUsd: money,
    }),
    securityGroup: obj({
      mode: { kind: "enum", values: ["perEndpoint", "shared", "existing"] },
      ids: strings("sg-0abc", ID_PATTERNS.securityGroup),
    }),
    defaults: obj({ privateDns: bool, ipAddressType: ipType, policy, fips: bool }),
    facts: obj({
      // AZ names, or AZ IDs for subnets given by azId alone.
      serviceAzs: { kind: "record", of: strings("us-east-1a", new RegExp(`${AZ_PATTERN.source}|${AZ_ID_PATTERN.source}`)) },
      servicePrivateDns: { kind: "record", of: strings("secretsmanager.us-east-1.amazonaws.com") },
      serviceIpTypes: { kind: "record", of: { kind: "array", of: { kind: "enum", values: ["ipv4", "ipv6"] } } },
      servicePolicy: { kind: "record", of: bool },
      servicePrivateDnsVerified: { kind: "record", of: bool },
      serviceAcceptanceRequired: { kind: "record", of: bool },
      regionServiceNames: strings("com.amazonaws.us-east-1.sts"),
      accountId: str("123456789012", ACCOUNT),
      securityGroupVpcs: { kind: "record", of: str("vpc-0abc1234", ID_PATTERNS.vpc) },
    }),
    tags,
    // Fixed limits are accepted here so that writing one is QUOTA_NOT_ADJUSTABLE, not "unknown field".
    quotas: obj(Object.fromEntries([...Object.keys(ADJUSTABLE), ...Object.keys(FIXED)].map((key) => [key, count]))),
  },
  ["region", "vpc"],
);
