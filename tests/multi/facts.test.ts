/**
 * Every `facts` key counts in a network request as in a single-VPC request (issue 17, item 9): the
 * network reader once copied a subset, so a service the region's list leaves out was planned in a
 * network and refused alone. The rows are keyed by the schema's fact keys, so a new key fails here
 * until it has a row.
 */
import assert from "node:assert/strict";
import { FACT_KEYS, isPlanRequestError, planEndpoints, planNetwork, type PlanFacts, type PlanRequest } from "vpce-plan/plan";
import { request } from "../helpers/build";
import { network, spoke } from "./fixtures";

const SVC = "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8";
const SG = "sg-0123456789abcdef0";

interface Row {
  /** The hub's (and the single VPC's) own fields. */
  vpc: Partial<PlanRequest>;
  /** Facts both requests carry with and without the key. */
  base?: PlanFacts;
  fact: unknown;
}

const ROWS: Record<string, Row> = {
  serviceAzs: { vpc: { services: ["sts"] }, fact: { sts: ["us-east-1a"] } },
  servicePrivateDns: { vpc: { services: ["sts"] }, fact: { sts: ["sts.example.internal"] } },
  serviceIpTypes: {
    vpc: {
      services: [{ name: "sts", ipAddressType: "dualstack" }],
      subnets: ["a", "b"].map((l) => ({ id: `subnet-hub-us-east-1${l}`, az: `us-east-1${l}`, routeTableId: "rtb-hub", ipv6: true })),
    },
    fact: { sts: ["ipv4"] },
  },
  servicePolicy: {
    vpc: { services: ["sts"], defaults: { policy: { template: "account-only", accountIds: ["123456789012"] } } },
    fact: { sts: false },
  },
  servicePrivateDnsVerified: {
    vpc: { services: [SVC] },
    base: { servicePrivateDns: { [SVC]: ["api.partner.example.com"] } },
    fact: { [SVC]: false },
  },
  serviceAcceptanceRequired: { vpc: { services: [SVC] }, fact: { [SVC]: true } },
  regionServiceNames: { vpc: { services: ["sts"] }, fact: ["com.amazonaws.us-east-1.s3"] },
  accountId: { vpc: { services: ["sts"], defaults: { policy: { template: "account-only" } } }, fact: "123456789012" },
  securityGroupVpcs: { vpc: { services: ["sts"], access: { securityGroups: [SG] } }, fact: { [SG]: "vpc-elsewhere" } },
};

/** Every code a plan (or its error) carries, and the private DNS names it enables. */
function observed(run: () => unknown): Set<string> {
  const seen = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (k === "code" && typeof x === "string") seen.add(x);
        else if (k === "privateDnsNames" && Array.isArray(x)) x.forEach((n) => seen.add(`dns:${n}`));
        else walk(x);
      }
  };
  try {
    walk(run());
  } catch (err) {
    if (!isPlanRequestError(err)) throw err;
    walk(err.problems);
  }
  return seen;
}

const added = (without: Set<string>, withFact: Set<string>): string[] => [...withFact].filter((c) => !without.has(c)).sort();

function single(row: Row, facts: PlanFacts): unknown {
  const hub = network([spoke("a", 1)]).hub;
  return planEndpoints(request({ vpc: hub.vpc, subnets: hub.subnets, ...row.vpc, facts }));
}

function inNetwork(row: Row, facts: PlanFacts): unknown {
  const req = network([spoke("a", 1)]);
  // defaults are the network's; the rest is the hub's own.
  const { defaults, ...own } = row.vpc;
  Object.assign(req.hub, own);
  return planNetwork({ ...req, ...(defaults ? { defaults } : {}), facts });
}

describe("planNetwork: every facts key counts", () => {
  it("has a row for each of the schema's fact keys", () => {
    assert.deepEqual(Object.keys(ROWS).sort(), [...FACT_KEYS].sort());
  });

  for (const key of FACT_KEYS)
    it(`facts.${key} changes the hub's plan as it changes a single VPC's`, () => {
      const row = ROWS[key];
      assert.ok(row, `no row for facts.${key}`);
      const facts = { ...row.base, [key]: row.fact } as PlanFacts;
      const alone = added(
        observed(() => single(row, row.base ?? {})),
        observed(() => single(row, facts)),
      );
      assert.notDeepEqual(alone, [], `facts.${key} changes nothing in a single VPC: the row does not test it`);
      const hub = added(
        observed(() => inNetwork(row, row.base ?? {})),
        observed(() => inNetwork(row, facts)),
      );
      assert.deepEqual(
        alone.filter((c) => !hub.includes(c)),
        [],
        `facts.${key} was dropped by the network reader`,
      );
    });

  it("a spoke in another region does not take the network region's list of service names", () => {
    const req = network([spoke("west", 1, { region: "us-west-2", services: ["sts"] })]);
    const facts = { regionServiceNames: ["com.amazonaws.us-east-1.s3"] };
    const codes = observed(() => planNetwork({ ...req, facts }));
    assert.ok(!codes.has("SERVICE_UNAVAILABLE"), [...codes].join(", "));
  });
});
