/** Properties of every plan, checked on generated requests (fast-check). */
import assert from "node:assert/strict";
import fc from "fast-check";
import { getService } from "vpce-plan/catalog";
import { isPlanRequestError, parseCidr, planEndpoints } from "vpce-plan/plan";
import type { Plan, PlanRequest } from "vpce-plan/plan";
import { endpointResourceName, ingressRuleName, routeTableAssociationName, securityGroupName } from "vpce-plan";
import { containsCidr } from "vpce-plan/audit";
import { arbitraryInput, malformedRequest, permutedRequests, validRequest } from "../helpers/arbitraries";
import { request, subnets } from "../helpers/build";

const RUNS = { numRuns: 200 };

/** The plan, or undefined for the few generated requests that hit a documented error. */
function tryPlan(req: unknown): Plan | undefined {
  try {
    return planEndpoints(req);
  } catch (err) {
    if (isPlanRequestError(err)) return undefined;
    throw err;
  }
}

function assertWellFormedProblems(err: unknown): void {
  assert.ok(isPlanRequestError(err), `not a PlanRequestError: ${String(err)}`);
  assert.ok(err.problems.length > 0, "a PlanRequestError lists at least one problem");
  for (const p of err.problems) {
    for (const field of ["code", "path", "message", "hint"] as const)
      assert.equal(typeof p[field], "string", `${field} of ${JSON.stringify(p)}`);
    assert.match(p.code, /^[A-Z][A-Z0-9_]+$/);
    assert.ok(p.message.length > 0 && p.hint.length > 0, JSON.stringify(p));
  }
}

describe("planEndpoints: properties", () => {
  it("most generated requests are plannable (the generators are not vacuous)", () => {
    const samples = fc.sample(validRequest, { numRuns: 200, seed: 42 });
    const planned = samples.filter((r) => tryPlan(r)).length;
    assert.ok(planned >= 150, `only ${planned}/200 generated requests planned`);
  });

  it("an interface endpoint never has two subnets in one AZ, and uses only the AZs the service supports", () => {
    fc.assert(
      fc.property(validRequest, (req) => {
        const plan = tryPlan(req);
        fc.pre(plan !== undefined);
        const azOf = new Map((req.subnets ?? []).map((s) => [s.id, s.az]));
        for (const e of plan!.endpoints.filter((x) => x.type === "Interface")) {
          const azs = e.subnetIds!.map((id) => azOf.get(id));
          assert.equal(new Set(azs).size, azs.length, `${e.name}: ${e.subnetIds}`);
          assert.deepEqual([...azs].sort(), [...e.azs!].sort());
          const supported = req.facts?.serviceAzs?.[e.service];
          if (supported) for (const az of e.azs!) assert.ok(supported.includes(az), `${e.name} in unsupported ${az}`);
        }
      }),
      RUNS,
    );
  });

  it("Gateway endpoints only for services that have one; interface endpoints only for services that have one", () => {
    fc.assert(
      fc.property(validRequest, (req) => {
        const plan = tryPlan(req);
        fc.pre(plan !== undefined);
        for (const e of plan!.endpoints) {
          assert.ok(getService(e.service)!.types.includes(e.type), `${e.service} ${e.type}`);
          assert.equal(e.name, e.type === "Gateway" ? `${e.service}-gateway` : e.service);
        }
      }),
      RUNS,
    );
  });

  it("never admits a catch-all CIDR (0.0.0.0/0, ::/0) unless access.extraCidrs lists it", () => {
    fc.assert(
      fc.property(validRequest, (req) => {
        const plan = tryPlan(req);
        fc.pre(plan !== undefined);
        const extra = req.access?.extraCidrs ?? [];
        for (const e of plan!.endpoints)
          for (const rule of (e.securityGroup?.ingress ?? []).filter((r) => r.cidr !== undefined)) {
            const parsed = parseCidr(rule.cidr!);
            assert.ok(typeof parsed !== "string");
            if (parsed.prefix === 0) assert.ok(extra.includes(rule.cidr!), `${e.name} admits ${rule.cidr}`);
          }
      }),
      RUNS,
    );
  });

  it("permuting services, subnets and bundles leaves the plan JSON byte-identical", () => {
    fc.assert(
      fc.property(permutedRequests, ([a, b]: [PlanRequest, PlanRequest]) => {
        const planA = tryPlan(a);
        const planB = tryPlan(b);
        assert.equal(planA === undefined, planB === undefined, "both plan or both are rejected");
        if (planA) assert.equal(JSON.stringify(planB), JSON.stringify(planA));
      }),
      RUNS,
    );
  });

  it("every malformed request yields a PlanRequestError with well-formed problems, never another exception", () => {
    fc.assert(
      fc.property(malformedRequest, (req) => {
        let thrown: unknown;
        try {
          planEndpoints(req);
        } catch (err) {
          thrown = err;
        }
        assert.ok(thrown !== undefined, `planned a malformed request: ${JSON.stringify(req)}`);
        assertWellFormedProblems(thrown);
      }),
      RUNS,
    );
  });

  it("any input at all either plans or throws a PlanRequestError with well-formed problems", () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        try {
          planEndpoints(input);
        } catch (err) {
          assertWellFormedProblems(err);
        }
      }),
      RUNS,
    );
  });

  it("the monthly total equals the sum of the endpoints' monthly costs", () => {
    fc.assert(
      fc.property(validRequest, (req) => {
        const plan = tryPlan(req);
        fc.pre(plan !== undefined);
        const sum = plan!.endpoints.reduce((acc, e) => acc + e.monthlyCostUsd, 0);
        assert.ok(Math.abs(plan!.cost.monthlyTotalUsd - sum) < 1e-6, `${plan!.cost.monthlyTotalUsd} vs ${sum}`);
        assert.ok(Math.abs(plan!.cost.monthlyFixedUsd + plan!.cost.monthlyDataUsd - plan!.cost.monthlyTotalUsd) < 1e-6);
      }),
      RUNS,
    );
  });

  it("is deterministic and leaves its input unchanged", () => {
    fc.assert(
      fc.property(validRequest, (req) => {
        const before = JSON.stringify(req);
        const first = tryPlan(req);
        assert.equal(JSON.stringify(req), before, "the request was modified");
        assert.equal(JSON.stringify(tryPlan(JSON.parse(before))), JSON.stringify(first));
      }),
      RUNS,
    );
  });

  it("a plan depends on nothing left by earlier calls or by changes made to their plans (caches are per plan or read-only catalog data)", () => {
    // Writes into every list a plan shares or copies: a cache that handed them to the next plan would show.
    const scribble = (plan: Plan): void => {
      plan.warnings.push({ code: "SCRIBBLE", message: "x" });
      for (const e of plan.endpoints) {
        for (const list of [e.reasons, e.subnetIds, e.azs, e.azIds, e.privateDnsNames, e.routeTableIds, e.securityGroup?.ingress])
          (list as unknown[] | undefined)?.push({ code: "SCRIBBLE" });
        e.reasons.forEach((r) => (r.message += " scribbled"));
      }
    };
    fc.assert(
      fc.property(validRequest, validRequest, (a, b) => {
        const first = JSON.stringify(tryPlan(a));
        const other = tryPlan(b);
        if (other) scribble(other);
        const again = tryPlan(a);
        assert.equal(JSON.stringify(again), first, "after planning another request");
        if (again) scribble(again);
        assert.equal(JSON.stringify(tryPlan(a)), first, "after changing the request's own earlier plan");
      }),
      RUNS,
    );
  });

  it("many consumers (IPv4 and IPv6): every group within its quota, every rule inside the declared CIDRs, every name unique", () => {
    // Blocks in 100.64.0.0/10 and 2001:db8::/32, aligned to their prefix; adjacent ones merge, the rest spread.
    const v4 = fc.tuple(fc.integer({ min: 0, max: 4095 }), fc.integer({ min: 20, max: 28 })).map(([n, len]) => {
      const value = 100 * 2 ** 24 + 64 * 2 ** 16 + n * 2 ** 10 - ((100 * 2 ** 24 + 64 * 2 ** 16 + n * 2 ** 10) % 2 ** (32 - len));
      return `${[24, 16, 8, 0].map((s) => Math.floor(value / 2 ** s) % 256).join(".")}/${len}`;
    });
    // Few distinct groups, so that spellings which once shared a resource name (`2001:db8:1::100/120`
    // and `2001:db8:1:100::/120`) come up together.
    const v6 = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(0x100, 0x200, 0x300), fc.integer({ min: 0, max: 2 }))
      .map(([a, b, form]) =>
        form === 0 ? `2001:db8:${a}::${b.toString(16)}/120` : form === 1 ? `2001:db8:${a}:${b.toString(16)}::/120` : `2001:db8:${a}::/48`,
      );
    const consumers = fc.record({
      onPrem: fc.uniqueArray(fc.oneof(v4, v6), { maxLength: 250 }),
      peers: fc.uniqueArray(fc.oneof(v4, v6), { maxLength: 60 }),
      shared: fc.boolean(),
      services: fc.subarray(["sts", "kms", "logs", "s3", "cassandra"], { minLength: 1 }),
    });
    fc.assert(
      fc.property(consumers, ({ onPrem, peers, shared, services }) => {
        const req = request({
          vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], ipv6Cidrs: ["2600:1f18:abcd:1200::/56"], dnsSupport: true, dnsHostnames: true },
          subnets: subnets("us-east-1", "ab", { ipv6: true }),
          services,
          defaults: { ipAddressType: "dualstack" },
          securityGroup: shared ? { mode: "shared" } : undefined,
          access: {
            ...(onPrem.length ? { onPremises: { cidrs: onPrem } } : {}),
            peerVpcs: peers.map((cidr, i) => ({ name: `peer ${i}`, cidrs: [cidr] })),
          },
        });
        let plan: Plan;
        try {
          plan = planEndpoints(req);
        } catch (err) {
          // Only what AWS would really refuse: more rules than the groups can hold.
          assert.ok(isPlanRequestError(err), String(err));
          assert.deepEqual([...new Set(err.problems.map((p) => p.code))], ["QUOTA_EXCEEDED"], err.message);
          return;
        }
        const declared = new Set([...onPrem, ...peers, "10.0.0.0/16", "2600:1f18:abcd:1200::/56"]);
        const names: string[] = [];
        const groupsSeen = new Set<string>();
        for (const e of plan.endpoints) {
          names.push(endpointResourceName("app", e.name));
          for (const rtb of e.routeTableIds ?? []) names.push(routeTableAssociationName("app", e.name, rtb));
          if (e.type !== "Interface") continue;
          const groups = e.securityGroups ?? [e.securityGroup!];
          assert.ok(groups.length <= 5, `${e.name}: ${groups.length} groups`);
          for (const g of groups) {
            const perFamily = [
              g.ingress.filter((r) => !r.cidr?.includes(":")).length,
              g.ingress.filter((r) => r.cidr?.includes(":")).length,
            ];
            assert.ok(Math.max(...perFamily) <= 60, `${g.name}: ${perFamily}`);
            assert.ok(
              g.ingress.every((r) => r.fromPort === e.port),
              `${g.name} opens another port`,
            );
            if (groupsSeen.has(g.name!)) continue;
            groupsSeen.add(g.name!);
            names.push(securityGroupName("app", g.name!));
            for (const r of g.ingress) {
              // This property declares no consumer groups: every rule admits a CIDR.
              const cidr = r.cidr!;
              names.push(ingressRuleName("app", g.name!, r.fromPort, cidr));
              for (const c of r.covers ?? [cidr]) {
                assert.ok(declared.has(c), `${cidr} admits undeclared ${c}`);
                assert.ok(containsCidr(cidr, c), `${cidr} does not contain ${c}`);
              }
              if (r.covers)
                assert.equal(
                  blockSize(cidr),
                  r.covers.filter((c) => !r.covers!.some((o) => o !== c && containsCidr(o, c))).reduce((n, c) => n + blockSize(c), 0n),
                  `${r.cidr} is wider than ${r.covers}`,
                );
            }
          }
        }
        assert.equal(new Set(names).size, names.length, `duplicate names: ${names.filter((n, i) => names.indexOf(n) !== i)}`);
      }),
      { numRuns: 60 },
    );
  });

  it("each interface endpoint admits exactly its own service's consumers (rule 13), however access is narrowed", () => {
    const narrowing = fc.record(
      {
        fromVpc: fc.boolean(),
        onPremises: fc.boolean(),
        peerVpcs: fc.subarray(["p1", "p2", "p3"]),
        securityGroups: fc.subarray(["sg-a", "sg-b"]),
      },
      { requiredKeys: [] },
    );
    const narrowed = validRequest.chain((req) =>
      fc
        .tuple(
          fc.array(fc.option(narrowing, { nil: undefined }), { minLength: req.services!.length, maxLength: req.services!.length }),
          fc.boolean(),
        )
        .map(([own, groups]): PlanRequest => {
          const peers = new Set((req.access?.peerVpcs ?? []).map((p) => p.name));
          const services = req.services!.map((s, i) => {
            const a = own[i];
            if (!a) return s;
            // Only consumers the top level declares: the others are ACCESS_NOT_DECLARED, tested elsewhere.
            const access = {
              ...(a.fromVpc === false ? { fromVpc: false } : {}),
              ...(a.onPremises === false ? { onPremises: false } : {}),
              ...(a.peerVpcs ? { peerVpcs: a.peerVpcs.filter((p) => peers.has(p)) } : {}),
              ...(groups && a.securityGroups?.length ? { securityGroups: a.securityGroups } : {}),
            };
            return { ...(typeof s === "string" ? { name: s } : s), access };
          });
          return {
            ...req,
            services,
            access: { ...req.access, ...(groups && req.access?.fromVpc !== false ? { securityGroups: ["sg-a", "sg-b"] } : {}) },
          };
        }),
    );
    fc.assert(
      fc.property(narrowed, (req) => {
        const plan = tryPlan(req);
        fc.pre(plan !== undefined);
        const top = req.access ?? {};
        for (const e of plan!.endpoints) {
          if (e.type !== "Interface" || req.securityGroup?.mode !== "perEndpoint") continue;
          const entry = req.services!.find((s) => typeof s !== "string" && s.name === e.service);
          const own = typeof entry === "object" ? entry.access : undefined;
          const hasGateway: boolean = plan!.endpoints.some((g) => g.service === e.service && g.type === "Gateway");
          const fromVpc: boolean = top.fromVpc !== false && own?.fromVpc !== false && !hasGateway;
          const groups = fromVpc && top.securityGroups ? (own?.securityGroups ?? top.securityGroups) : [];
          const ipv6 = e.ipAddressType !== "ipv4";
          const family = (c: string): boolean => ipv6 || !c.includes(":");
          const allowed: Set<string> = new Set<string>(
            [
              ...(fromVpc && !groups.length ? [...(req.vpc.cidrs ?? []), ...(ipv6 ? (req.vpc.ipv6Cidrs ?? []) : [])] : []),
              ...groups,
              ...(own?.onPremises === false ? [] : (top.onPremises?.cidrs ?? [])),
              ...(top.peerVpcs ?? []).filter((p) => !own?.peerVpcs || own.peerVpcs.includes(p.name)).flatMap((p) => p.cidrs),
              ...(top.extraCidrs ?? []),
            ].filter(family),
          );
          const admitted = new Set((e.securityGroup?.ingress ?? []).map((r) => r.cidr ?? r.securityGroupId!));
          assert.deepEqual([...admitted].sort(), [...allowed].sort(), `${e.name}`);
        }
      }),
      RUNS,
    );
  });
});

/** Addresses in a block. */
const blockSize = (cidr: string): bigint => 1n << BigInt((cidr.includes(":") ? 128 : 32) - Number(cidr.split("/")[1]));
