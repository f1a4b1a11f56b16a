/**
 * Rule 11, cross-region (sdk/src/plan/rules/crossRegion.ts): interface endpoints to cross-region
 * enabled AWS services in another region of the partition, never gateways; peers and spokes in
 * another region. One row per code, and the plan's names, DNS and cost for a cross-region endpoint.
 */
import assert from "node:assert/strict";
import { crossRegionServiceKeys, getRegion } from "vpce-plan/catalog";
import { assertUsd, endpoint, familyRows, interfaceFixed, plan, problemsOf, request, subnets, type FamilyRow } from "../helpers/build";

const S3_WEST = "com.amazonaws.us-west-2.s3";
const inFamily = (code: string): boolean => code.startsWith("CROSS_REGION_");

const rows: FamilyRow[] = [
  { why: "the baseline asks for nothing in another region", request: request(), reasons: { sts: [] }, warnings: [] },
  {
    why: "a cross-region enabled service with region gets one interface endpoint, unverified without facts",
    request: request({ services: [{ name: "s3", region: "us-west-2" }] }),
    reasons: { "s3-us-west-2": ["CROSS_REGION_INTERFACE", "CROSS_REGION_AZS", "CROSS_REGION_TRANSFER"] },
    warnings: ["CROSS_REGION_UNVERIFIED"],
  },
  {
    why: "the remote region's full service name is the same request",
    request: request({ services: [S3_WEST] }),
    reasons: { "s3-us-west-2": ["CROSS_REGION_INTERFACE", "CROSS_REGION_AZS", "CROSS_REGION_TRANSFER"] },
    warnings: ["CROSS_REGION_UNVERIFIED"],
  },
  {
    why: "facts keyed by the full remote name confirm the service",
    request: request({ services: [{ name: "kms", region: "eu-west-1" }] }),
    facts: { servicePrivateDns: { "com.amazonaws.eu-west-1.kms": ["kms.eu-west-1.amazonaws.com"] } },
    reasons: { "kms-eu-west-1": ["CROSS_REGION_INTERFACE", "CROSS_REGION_FROM_FACTS", "CROSS_REGION_AZS", "CROSS_REGION_TRANSFER"] },
    warnings: [],
  },
  {
    why: "a lookup that found nothing in the service region",
    request: request({ services: [{ name: "kms", region: "eu-west-1" }] }),
    facts: { serviceAzs: { "com.amazonaws.eu-west-1.kms": [] } },
    problems: [{ code: "CROSS_REGION_NOT_OFFERED", path: "services[0]" }],
  },
  {
    why: "a service that is not cross-region enabled",
    request: request({ services: [{ name: "sts", region: "us-west-2" }] }),
    problems: [{ code: "CROSS_REGION_UNSUPPORTED", path: "services[0].region" }],
  },
  {
    why: "another partition",
    request: request({ services: [{ name: "s3", region: "cn-north-1" }] }),
    problems: [{ code: "CROSS_REGION_PARTITION", path: "services[0].region" }],
  },
  {
    why: "a gateway for a service in another region",
    request: request({ services: [{ name: "s3", region: "us-west-2", type: "Gateway" }] }),
    problems: [{ code: "CROSS_REGION_GATEWAY", path: "services[0].type" }],
  },
  {
    why: "a region the catalog does not know",
    request: request({ services: [{ name: "s3", region: "us-west-9" }] }),
    problems: [{ code: "UNKNOWN_REGION", path: "services[0].region" }],
  },
  {
    why: "a full name of one region and a region field of another",
    request: request({ services: [{ name: S3_WEST, region: "eu-west-1" }] }),
    problems: [{ code: "SERVICE_REGION_MISMATCH", path: "services[0].region" }],
  },
  {
    why: "region equal to the VPC's is an ordinary endpoint",
    request: request({ services: [{ name: "sts", region: "us-east-1" }] }),
    reasons: { sts: [] },
    warnings: [],
  },
  {
    why: "a peer VPC in another region needs the interface endpoint",
    request: request({ services: ["s3"], access: { peerVpcs: [{ name: "far", cidrs: ["10.9.0.0/16"], region: "eu-west-1" }] } }),
    reasons: { s3: ["CROSS_REGION_ACCESS"], "s3-gateway": [] },
  },
];

describe("planEndpoints: cross-region", () => {
  familyRows(rows, inFamily);

  it("the endpoint carries serviceRegion and the remote region's service and private DNS names", () => {
    const p = plan(request({ services: ["s3", { name: "s3", region: "us-west-2" }] }));
    const remote = endpoint(p, "s3-us-west-2");
    assert.equal(remote.type, "Interface");
    assert.equal(remote.service, S3_WEST);
    assert.equal(remote.serviceRegion, "us-west-2");
    assert.equal(remote.serviceName, S3_WEST);
    assert.ok(remote.privateDnsNames?.includes("s3.us-west-2.amazonaws.com"), String(remote.privateDnsNames));
    assert.ok(remote.privateDnsNames?.every((n) => n.includes("us-west-2")));
    // The local gateway does not serve us-west-2, so nothing is inbound-only or ordered after it.
    assert.equal(remote.dnsOptions?.privateDnsOnlyForInboundResolverEndpoint, undefined);
    assert.equal(remote.dependsOn, undefined);
    // Local S3 keeps its free gateway; the two endpoints do not share a name.
    assert.equal(endpoint(p, "s3-gateway").serviceRegion, undefined);
    assert.deepEqual(p.endpoints.map((e) => e.name).sort(), ["s3-gateway", "s3-us-west-2"]);
  });

  it("a regionless service (IAM) is reached in its home region by the same name, with serviceRegion", () => {
    const p = plan(
      request({ region: "eu-central-1", subnets: subnets("eu-central-1", "ab"), services: [{ name: "iam", region: "us-east-1" }] }),
    );
    const iam = endpoint(p, "iam-us-east-1");
    assert.equal(iam.serviceName, "com.amazonaws.iam");
    assert.equal(iam.serviceRegion, "us-east-1");
    assert.deepEqual(iam.privateDnsNames, ["iam.amazonaws.com"]);
  });

  it("availability and FIPS are judged in the service's region", () => {
    const [unavailable] = problemsOf(
      request({ region: "eu-central-1", subnets: subnets("eu-central-1", "ab"), services: [{ name: "iam", region: "eu-west-1" }] }),
    );
    assert.equal(unavailable.code, "SERVICE_UNAVAILABLE");
    const fips = endpoint(plan(request({ services: [{ name: "kms", region: "us-west-2", fips: true }] })), "kms-us-west-2");
    assert.equal(fips.serviceName, "com.amazonaws.us-west-2.kms-fips");
    assert.ok(fips.reasons.some((r) => r.code === "FIPS_ENDPOINT"));
  });

  it("the service's AZs do not limit a cross-region endpoint: it uses every subnet AZ", () => {
    const p = plan(
      request({ services: [{ name: "kms", region: "eu-west-1" }] }),
      { serviceAzs: { kms: ["us-east-1a"] } }, // facts for the local kms do not apply
    );
    assert.deepEqual(endpoint(p, "kms-eu-west-1").azs, ["us-east-1a", "us-east-1b"]);
  });

  it("cost adds inter-region transfer to processing, on the NAT side too", () => {
    const prices = getRegion("us-east-1")!.prices;
    const p = plan(request({ services: [{ name: "kms", region: "eu-west-1" }], traffic: { "com.amazonaws.eu-west-1.kms": 1000 } }));
    const cost = endpoint(p, "kms-eu-west-1").cost;
    assert.equal(cost.transferPerGbUsd, prices.interRegionPerGbUsd);
    assertUsd(cost.dataMonthlyUsd, (prices.interfacePerGbUsd + prices.interRegionPerGbUsd) * 1000, "data");
    assertUsd(cost.monthlyUsd, interfaceFixed(prices, 2) + (prices.interfacePerGbUsd + prices.interRegionPerGbUsd) * 1000, "total");
    assertUsd(cost.nat?.natMonthlyUsd, (prices.natPerGbUsd + prices.interRegionPerGbUsd) * 1000, "nat");
  });

  // The transfer reason says what the price rests on: AWS's price for the pair, the request's, or the default.
  const transferRows: Array<{ why: string; req: Parameters<typeof request>[0]; name: string; perGbUsd: number; says: RegExp }> = [
    {
      why: "us-east-1 to us-west-2 is priced by an AWS page",
      req: { services: [S3_WEST] },
      name: "s3-us-west-2",
      perGbUsd: 0.02,
      says: /USD 0\.02\/GB, AWS's price from us-east-1 to us-west-2, https:\/\/repost\.aws\/articles\//,
    },
    {
      why: "us-west-2 to us-east-1 too",
      req: { region: "us-west-2", subnets: subnets("us-west-2", "ab"), services: [{ name: "kms", region: "us-east-1" }] },
      name: "kms-us-east-1",
      perGbUsd: 0.02,
      says: /AWS's price from us-west-2 to us-east-1/,
    },
    {
      why: "a pair no AWS page prices uses the default and says it is not verified",
      req: { services: [{ name: "kms", region: "eu-west-1" }] },
      name: "kms-eu-west-1",
      perGbUsd: getRegion("us-east-1")!.prices.interRegionPerGbUsd,
      says: /not verified from us-east-1 to eu-west-1: set prices\.interRegionPerGbUsd/,
    },
    {
      why: "the request's own price wins over AWS's for the pair",
      req: { services: [S3_WEST], prices: { interRegionPerGbUsd: 0.015 } },
      name: "s3-us-west-2",
      perGbUsd: 0.015,
      says: /USD 0\.015\/GB, your prices\.interRegionPerGbUsd/,
    },
  ];
  for (const row of transferRows) {
    it(`inter-region transfer: ${row.why}`, () => {
      const e = endpoint(plan(request(row.req)), row.name);
      assert.equal(e.cost.transferPerGbUsd, row.perGbUsd);
      const transfer = e.reasons.find((r) => r.code === "CROSS_REGION_TRANSFER");
      assert.match(transfer?.message ?? "", row.says);
    });
  }

  it("a price override of interRegionPerGbUsd is used", () => {
    const p = plan(request({ services: [S3_WEST], traffic: { [S3_WEST]: 100 }, prices: { interRegionPerGbUsd: 0.05 } }));
    assert.equal(endpoint(p, "s3-us-west-2").cost.transferPerGbUsd, 0.05);
  });

  it("the unsupported-service error lists every cross-region enabled service", () => {
    const [problem] = problemsOf(request({ services: [{ name: "sqs", region: "us-west-2" }] }));
    for (const key of crossRegionServiceKeys()) assert.ok(problem.hint.includes(key), `${key} in ${problem.hint}`);
    assert.ok(!problem.hint.includes("sqs"));
  });

  it("a full name of another region for a service that is not cross-region enabled says which are", () => {
    const [problem] = problemsOf(request({ services: ["com.amazonaws.us-west-2.sts"] }));
    assert.equal(problem.code, "SERVICE_REGION_MISMATCH");
    assert.match(problem.hint, /Cross-region enabled: .*kms/);
  });

  it("traffic and facts for a cross-region service are keyed by its full name", () => {
    const p = plan(request({ services: [S3_WEST], traffic: { [S3_WEST]: 10 } }));
    assert.equal(endpoint(p, "s3-us-west-2").cost.expectedGb, 10);
    const [problem] = problemsOf(request({ services: [S3_WEST], traffic: { "s3-us-west-2": 10 } }));
    assert.equal(problem.code, "TRAFFIC_UNKNOWN_SERVICE");
  });
});
