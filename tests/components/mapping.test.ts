/**
 * Args <-> request (components/mapping.ts): a request turned into component args and back is the
 * same request, for every field both sides have, rule 13's options included.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { argsFromRequest, prepareRequest } from "vpce-plan";
import type { PlanRequest, ServiceRequest } from "vpce-plan/plan";
import { validRequest } from "../helpers/arbitraries";

const options: fc.Arbitrary<Omit<ServiceRequest, "name">> = fc.record(
  {
    access: fc.record(
      { fromVpc: fc.boolean(), onPremises: fc.boolean(), peerVpcs: fc.constant(["p1"]), securityGroups: fc.constant(["sg-app"]) },
      { requiredKeys: [] },
    ),
    tags: fc.dictionary(fc.constantFrom("team", "env"), fc.constantFrom("a", "b")),
    securityGroupIds: fc.uniqueArray(fc.constantFrom("sg-1", "sg-2"), { minLength: 1 }),
    dnsRecordIpType: fc.constantFrom("ipv4", "dualstack", "ipv6", "service-defined" as const),
    policy: fc.constant({ template: "s3-buckets" as const, buckets: ["my-bucket"], document: { Version: "2012-10-17", Statement: [] } }),
    privateDns: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A valid request plus the new per-service options, split traffic, subnet flags and tags. */
const request: fc.Arbitrary<PlanRequest> = validRequest.chain((req) =>
  fc
    .record({
      extra: fc.array(options, { minLength: req.services!.length, maxLength: req.services!.length }),
      split: fc.boolean(),
      subnetTags: fc.option(fc.constant({ tier: "private" }), { nil: undefined }),
      publicFirst: fc.boolean(),
    })
    .map(({ extra, split, subnetTags, publicFirst }): PlanRequest => {
      const services = req.services!.map((s, i) =>
        typeof s === "string" && !Object.keys(extra[i]).length ? s : { ...(typeof s === "string" ? { name: s } : s), ...extra[i] },
      );
      const [key, gb] = Object.entries(req.traffic ?? {})[0] ?? [];
      return {
        ...req,
        version: 1,
        services,
        subnets: req.subnets!.map((s, i) => ({ ...s, ...(publicFirst && i === 0 ? { public: true, tags: { tier: "public" } } : {}) })),
        ...(key ? { traffic: split ? { [key]: { vpc: gb as number, onPremises: 5 } } : { [key]: gb as number } } : {}),
        access: { ...req.access, securityGroups: ["sg-app"] },
        ...(subnetTags ? { subnetTags } : {}),
      };
    }),
);

describe("components: args <-> request mapping", () => {
  it("prepareRequest(argsFromRequest(r)) recovers r", () => {
    fc.assert(
      fc.property(request, (r) => {
        const prepared = prepareRequest(argsFromRequest(r), { region: r.region });
        assert.deepEqual(prepared.problems, []);
        // Plain ids stay ids: nothing was an Output.
        assert.deepEqual(JSON.parse(JSON.stringify(prepared.request)), JSON.parse(JSON.stringify(r)));
      }),
      { numRuns: 200 },
    );
  });
});
