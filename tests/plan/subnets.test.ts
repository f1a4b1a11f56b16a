/** Rule 13, where: private subnets first, tag selection (rules/subnets.ts, placement.ts). */
import assert from "node:assert/strict";
import fc from "fast-check";
import { placeInterface, SUBNET_CODES as CODES, type PlacementSubnet } from "vpce-plan/plan";
import { endpoint, request, subnets } from "../helpers/build";
import { runRows } from "../helpers/rows";

// awsx's default VPC: one public and one private subnet per AZ; here the public ids sort first.
const AWSX = [
  { id: "subnet-0pub-a", az: "us-east-1a", routeTableId: "rtb-pub", public: true, tags: { tier: "public" } },
  { id: "subnet-1prv-a", az: "us-east-1a", routeTableId: "rtb-a", tags: { tier: "private" } },
  { id: "subnet-0pub-b", az: "us-east-1b", routeTableId: "rtb-pub", public: true, tags: { tier: "public" } },
  { id: "subnet-1prv-b", az: "us-east-1b", routeTableId: "rtb-b", tags: { tier: "private" } },
];

describe("planEndpoints: subnets", () => {
  runRows(CODES, [
    { why: "baseline: no public subnets, no tags", request: request() },
    {
      why: "ENIs go in the private subnet of each AZ even when the public one has the smaller id (CDK and awsx default to private subnets)",
      request: request({ subnets: AWSX }),
      reasons: { sts: ["PUBLIC_SUBNET_SKIPPED"] },
      check: (p) => assert.deepEqual(endpoint(p, "sts").subnetIds, ["subnet-1prv-a", "subnet-1prv-b"]),
    },
    {
      why: "an AZ with only a public subnet uses it, with PUBLIC_SUBNET_USED",
      request: request({ subnets: [...subnets("us-east-1", "a"), { id: "subnet-pub-c", az: "us-east-1c", public: true }] }),
      warnings: ["PUBLIC_SUBNET_USED"],
      check: (p) => {
        assert.deepEqual(endpoint(p, "sts").subnetIds, ["subnet-a", "subnet-pub-c"]);
        assert.match(p.warnings.find((w) => w.code === "PUBLIC_SUBNET_USED")!.message, /us-east-1c ENI in public subnet subnet-pub-c/);
      },
    },
    {
      why: "subnetTags selects the subnets: the gateway routes only the tagged subnets' route tables",
      request: request({ services: ["s3", "sts"], subnets: AWSX, subnetTags: { tier: "private" } }),
      reasons: { "s3-gateway": ["SUBNETS_BY_TAG"], sts: ["SUBNETS_BY_TAG"] },
      check: (p) => {
        assert.deepEqual(endpoint(p, "s3-gateway").routeTableIds, ["rtb-a", "rtb-b"]);
        assert.deepEqual(endpoint(p, "sts").subnetIds, ["subnet-1prv-a", "subnet-1prv-b"]);
      },
    },
    {
      why: "no subnet carries the tags",
      request: request({ subnets: AWSX, subnetTags: { tier: "data" } }),
      problems: [["NO_SUBNET_MATCHES_TAGS", "subnetTags"]],
    },
  ]);

  it("between equals the choice stays stable: the private subnet with the smallest id, in any order", () => {
    const subnet = fc.record({
      id: fc.integer({ min: 0, max: 0xfff }).map((n) => `subnet-${n.toString(16)}`),
      az: fc.constantFrom("us-east-1a", "us-east-1b"),
      public: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(subnet, { minLength: 1, maxLength: 8, selector: (s) => s.id }), (list: PlacementSubnet[]) => {
        const chosen = placeInterface(list).chosen;
        assert.deepEqual(placeInterface([...list].reverse()).chosen, chosen);
        for (const c of chosen) {
          const sameAz = list.filter((s) => s.az === c.az);
          const privates = sameAz.filter((s) => !s.public);
          const pool = privates.length ? privates : sameAz;
          assert.equal(c.id, pool.map((s) => s.id).sort()[0]);
        }
      }),
    );
  });
});
