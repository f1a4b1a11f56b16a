/** Rule 1's route tables (rules/routeTables.ts): where gateway endpoints add their route, and what is said about subnets without one. */
import assert from "node:assert/strict";
import type { PlanRequest } from "vpce-plan/plan";
import { plan, problemsOf, request, subnets } from "../helpers/build";

const withBare = (extra: Partial<PlanRequest> = {}): PlanRequest =>
  request({
    subnets: [...subnets("us-east-1", "ab"), { id: "subnet-nort", az: "us-east-1c" }, { id: "subnet-bare", az: "us-east-1c" }],
    ...extra,
  });

interface Row {
  why: string;
  request: PlanRequest;
  problems?: string[];
  /** The SUBNET_WITHOUT_ROUTE_TABLE messages, in full. */
  warnings?: string[];
}

const rows: Row[] = [
  { why: "every subnet names its route table: no warning", request: request({ services: ["s3", "dynamodb"] }), warnings: [] },
  {
    why: "two gateway services and two subnets without a table: one warning naming both services",
    request: withBare({ services: ["s3", "dynamodb", "sts"] }),
    warnings: ["Subnets subnet-bare, subnet-nort name no route table, so their dynamodb, s3 traffic will not use the gateway endpoints."],
  },
  {
    why: "one gateway service: one warning, singular",
    request: withBare({ services: ["s3"] }),
    warnings: ["Subnets subnet-bare, subnet-nort name no route table, so their s3 traffic will not use the gateway endpoint."],
  },
  {
    why: "a gateway with its own routeTableIds does not fall back to the subnets' tables",
    request: withBare({ services: [{ name: "s3", routeTableIds: ["rtb-a"] }, "dynamodb"] }),
    warnings: ["Subnets subnet-bare, subnet-nort name no route table, so their dynamodb traffic will not use the gateway endpoint."],
  },
  { why: "interface services only: nothing to say", request: withBare({ services: ["sts"] }), warnings: [] },
  {
    why: "no route table at all is a problem, not a warning",
    request: request({ services: ["s3"], subnets: [{ id: "subnet-x", az: "us-east-1a" }] }),
    problems: ["NO_ROUTE_TABLES subnets"],
  },
];

describe("planEndpoints: route tables", () => {
  for (const row of rows) {
    it(row.why, () => {
      if (row.problems) {
        assert.deepEqual(
          problemsOf(row.request).map((p) => `${p.code} ${p.path}`),
          row.problems,
        );
        return;
      }
      const p = plan(row.request);
      const found = p.warnings.filter((w) => w.code === "SUBNET_WITHOUT_ROUTE_TABLE");
      assert.deepEqual(
        found.map((w) => w.message),
        row.warnings,
      );
      for (const w of found) assert.equal(w.path, "subnets");
    });
  }
});
