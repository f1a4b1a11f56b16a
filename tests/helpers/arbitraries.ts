/**
 * fast-check generators for plan requests: valid ones drawn from the real catalog, and mutations
 * of them that a user could write by mistake (wrong types, bad CIDRs, typos, missing fields).
 */
import fc from "fast-check";
import { bundleKeys, getService } from "vpce-plan/catalog";
import type { PlanRequest, ServiceRequest, SubnetSpec } from "vpce-plan/plan";

const REGIONS = ["us-east-1", "eu-central-1", "us-east-2", "cn-north-1"] as const;
/** Gateway services, interface-only ones, odd ports, no private DNS, no policy, odd service names. */
const SERVICE_POOL = [
  "s3",
  "dynamodb",
  "s3express",
  "sts",
  "kms",
  "ecr.dkr",
  "logs",
  "cassandra",
  "apprunner.requests",
  "ssm",
  "sagemaker.notebook",
];
const LETTERS = ["a", "b", "c", "d", "e", "f"];

const cidr16 = fc.integer({ min: 0, max: 255 }).map((n) => `10.${n}.0.0/16`);
const onPremCidr = fc.constantFrom("192.168.0.0/16", "172.16.0.0/12", "100.64.0.0/10", "fd00::/8");
const extraCidr = fc.constantFrom("0.0.0.0/0", "::/0", "203.0.113.0/24", "2001:db8::/32");

function serviceEntry(key: string): fc.Arbitrary<string | ServiceRequest> {
  const types = getService(key)!.types;
  const type = fc.constantFrom<ServiceRequest["type"]>("Auto", ...types);
  return fc.oneof(
    fc.constant(key),
    fc
      .record({
        name: fc.constant(key),
        type: fc.option(type, { nil: undefined }),
        privateDns: fc.option(fc.constant(false), { nil: undefined }),
      })
      .map((entry) => JSON.parse(JSON.stringify(entry)) as ServiceRequest),
  );
}

function subnetsIn(region: string): fc.Arbitrary<SubnetSpec[]> {
  const subnet = fc.record({
    id: fc.integer({ min: 0, max: 0xffff }).map((n) => `subnet-${n.toString(16)}`),
    az: fc.constantFrom(...LETTERS).map((l) => `${region}${l}`),
    routeTableId: fc.constantFrom("rtb-1", "rtb-2", "rtb-3"),
  });
  return fc.uniqueArray(subnet, { minLength: 1, maxLength: 8, selector: (s) => s.id });
}

/** Requests the planner should accept (a few hit documented errors, e.g. strict HA, which tests skip). */
export const validRequest: fc.Arbitrary<PlanRequest> = fc.constantFrom(...REGIONS).chain((region) =>
  fc
    .record({
      services: fc
        .uniqueArray(fc.constantFrom(...SERVICE_POOL), { minLength: 1, maxLength: 6 })
        .chain((keys) => fc.tuple(...keys.map(serviceEntry))),
      bundles: fc.uniqueArray(fc.constantFrom(...bundleKeys()), { maxLength: 3 }),
      subnets: subnetsIn(region),
      vpcCidrs: fc.uniqueArray(cidr16, { minLength: 1, maxLength: 2 }),
      onPrem: fc.option(fc.uniqueArray(onPremCidr, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      peers: fc.uniqueArray(
        fc.record({
          name: fc.constantFrom("p1", "p2", "p3"),
          cidrs: fc.uniqueArray(cidr16, { minLength: 1, maxLength: 2 }),
          region: fc.constantFrom(...REGIONS),
        }),
        {
          maxLength: 2,
          selector: (p) => p.name,
        },
      ),
      extra: fc.uniqueArray(extraCidr, { maxLength: 2 }),
      fromVpc: fc.boolean(),
      minAzs: fc.integer({ min: 1, max: 3 }),
      mode: fc.constantFrom("perEndpoint", "shared", "existing"),
      trafficGb: fc.integer({ min: 0, max: 50_000 }),
      withFacts: fc.boolean(),
    })
    .map((g): PlanRequest => {
      const keys = g.services.map((s) => (typeof s === "string" ? s : s.name));
      const fromVpc = g.fromVpc || (!g.onPrem && g.peers.length === 0);
      return {
        region,
        vpc: { id: "vpc-0abc", cidrs: g.vpcCidrs, ipv6Cidrs: ["2600:1f18:abcd:1200::/56"], dnsSupport: true, dnsHostnames: true },
        subnets: g.subnets,
        services: g.services,
        ...(g.bundles.length ? { bundles: g.bundles } : {}),
        access: {
          fromVpc,
          ...(g.onPrem ? { onPremises: { cidrs: g.onPrem } } : {}),
          ...(g.peers.length ? { peerVpcs: g.peers } : {}),
          ...(g.extra.length ? { extraCidrs: g.extra } : {}),
        },
        ha: { minAzs: g.minAzs },
        securityGroup: g.mode === "existing" ? { mode: "existing", ids: ["sg-b", "sg-a"] } : { mode: g.mode as "perEndpoint" | "shared" },
        traffic: { [keys[0]]: g.trafficGb },
        ...(g.withFacts ? { facts: { serviceAzs: { [keys[0]]: [`${region}a`, `${region}b`, `${region}c`] } } } : {}),
      };
    }),
);

/** A valid request and the same request with services, subnets and bundles in another order. */
export const permutedRequests: fc.Arbitrary<[PlanRequest, PlanRequest]> = validRequest.chain((req) => {
  const shuffle = <T>(list: T[] | undefined): fc.Arbitrary<T[] | undefined> =>
    list ? fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }) : fc.constant(undefined);
  return fc
    .tuple(shuffle(req.services), shuffle(req.subnets), shuffle(req.bundles))
    .map(([services, subnets, bundles]) => [req, JSON.parse(JSON.stringify({ ...req, services, subnets, bundles }))]);
});

type Json = Record<string, unknown>;
const clone = (req: PlanRequest): Json => JSON.parse(JSON.stringify(req));
/** Sets an own property, even `__proto__`, the way JSON.parse would. */
const setOwn = (obj: Json, key: string, value: unknown): void => {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
};

const unknownKey = fc.oneof(
  fc.constantFrom("constructor", "__proto__", "toString", "hasOwnProperty", "servces", "Region", "vpcId", "subnet"),
  fc.string({ minLength: 1, maxLength: 8 }).map((s) => `x-${s}`),
);
const notACidr = fc.oneof(
  fc.constantFrom("10.0.0.1/16", "300.0.0.0/8", "10.0.0.0/33", "10.0.0.0", "::1/200", "2600:zz::/56", "10.0.0.0/016", ""),
  fc.string({ maxLength: 12 }).map((s) => `cidr ${s}`),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(
    fc.string().map((k) => `x-${k}`),
    fc.integer(),
    { minKeys: 1, maxKeys: 2 },
  ),
);

/** The object at `field`, replaced by an empty one when an earlier mutation broke it (still invalid). */
const objectAt = (r: Json, field: string): Json => {
  const value = r[field];
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Json;
  return (r[field] = {}) as Json;
};
const listAt = (r: Json, field: string): unknown[] | undefined => (Array.isArray(r[field]) ? (r[field] as unknown[]) : undefined);

/** Mutations that each make a valid request invalid, and stay invalid when combined. */
const mutations: Array<fc.Arbitrary<(r: Json) => void>> = [
  // Unknown fields at the top, in vpc and in access.
  fc.tuple(unknownKey, fc.constantFrom("", "vpc", "access"), fc.jsonValue()).map(([key, where, value]) => (r: Json) => {
    setOwn(where ? objectAt(r, where) : r, key, value);
  }),
  // Wrong types for required or structured fields (strings are valid for region, so not used there).
  fc.tuple(fc.constantFrom("region", "vpc", "subnets", "services", "access", "ha"), wrongType).map(([field, value]) => (r: Json) => {
    r[field] = Array.isArray(value) && field !== "region" && field !== "vpc" ? "not a list" : value;
  }),
  notACidr.map((bad) => (r: Json) => {
    objectAt(r, "vpc").cidrs = [bad];
  }),
  fc.string({ maxLength: 10 }).map((s) => (r: Json) => {
    r.services = [...(listAt(r, "services") ?? []), `zz-not-a-service-${s}`];
  }),
  fc.constantFrom("region", "vpc").map((field) => (r: Json) => {
    delete r[field];
  }),
  fc.constantFrom("vpc_1", "VPC-1", "vpc-", "subnet-1", "").map((id) => (r: Json) => {
    objectAt(r, "vpc").id = id;
  }),
  fc.integer({ min: -1_000_000, max: -1 }).map((gb) => (r: Json) => {
    objectAt(r, "traffic").sts = gb;
  }),
  fc.constantFrom("mars-1", "us-east-9", "", "US-EAST-1").map((region) => (r: Json) => {
    r.region = region;
  }),
  fc.constant((r: Json) => {
    const subnets = listAt(r, "subnets") as Json[] | undefined;
    r.subnets = subnets?.length ? [...subnets, { ...subnets[0] }] : "not a list";
  }),
  fc.constant((r: Json) => {
    const subnets = listAt(r, "subnets") as Json[] | undefined;
    if (subnets?.length && typeof subnets[0] === "object") delete subnets[0].az;
    else r.subnets = "not a list";
  }),
];

/** A valid request broken in one to three ways. */
export const malformedRequest: fc.Arbitrary<unknown> = fc
  .tuple(validRequest, fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 3 }))
  .map(([req, changes]) => {
    const out = clone(req);
    for (const change of changes) change(out);
    return out;
  });

/** Anything at all: random JSON, or a valid request with a random JSON value put somewhere in it. */
export const arbitraryInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc
    .tuple(
      validRequest,
      fc.constantFrom(
        "region",
        "vpc",
        "subnets",
        "services",
        "bundles",
        "access",
        "ha",
        "traffic",
        "prices",
        "securityGroup",
        "defaults",
        "facts",
        "tags",
        "version",
      ),
      fc.jsonValue(),
    )
    .map(([req, field, value]) => ({ ...clone(req), [field]: value })),
  fc.tuple(validRequest, fc.constantFrom("id", "cidrs", "ipv6Cidrs", "dnsSupport"), fc.jsonValue()).map(([req, field, value]) => {
    const out = clone(req);
    (out.vpc as Json)[field] = value;
    return out;
  }),
);
