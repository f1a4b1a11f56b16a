/** Properties of every plan, checked on generated requests (fast-check). */
import assert from "node:assert/strict";
import fc from "fast-check";
import { getService } from "vpce-plan/catalog";
import { isPlanRequestError, parseCidr, planEndpoints } from "vpce-plan/plan";
import type { Plan, PlanRequest } from "vpce-plan/plan";
import { arbitraryInput, malformedRequest, permutedRequests, validRequest } from "../helpers/arbitraries";

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
