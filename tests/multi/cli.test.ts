/** `vpce-plan plan` with a hub-and-spoke request, through the built binary. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { planNetwork } from "vpce-plan/plan";
import { requestFile, vpcePlan } from "../helpers/cli";
import { REQUESTS_DIR, loadExampleRequest } from "../helpers/requests";

const FILE = join(REQUESTS_DIR, "hub-spoke.yaml");

describe("cli: vpce-plan plan with hub and spokes", () => {
  const expected = planNetwork(loadExampleRequest("hub-spoke.yaml"));

  it("--format json prints the network plan contract, the same as planNetwork", () => {
    const run = vpcePlan(["plan", "--file", FILE, "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    const plan = JSON.parse(run.stdout);
    assert.equal(plan.version, 1);
    assert.equal(plan.kind, "network");
    assert.deepEqual(plan, JSON.parse(JSON.stringify(expected)));
  });

  it("the table shows per spoke what comes from the hub and what stays local, zones and totals", () => {
    const run = vpcePlan(["plan", "--file", FILE]);
    assert.equal(run.status, 0, run.stderr);
    for (const s of expected.spokes) {
      const row = run.stdout.split("\n").find((l) => l.startsWith(`${s.name} `))!;
      // Past four names a cell folds to the first three and a count, so that rows stay readable.
      const folded = (names: string[]): string =>
        !names.length ? "-" : names.length <= 4 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
      assert.ok(row.includes(folded(s.fromHub)), row);
      assert.ok(row.includes(folded(s.local)), row);
    }
    assert.match(run.stdout, /\*\.dkr\.ecr\.us-east-1\.amazonaws\.com A \(wildcard\)/);
    assert.match(run.stdout, new RegExp(`saves \\$${expected.cost.savingsUsd.toFixed(2)} a month`));
    assert.match(run.stdout, /^Spoke payments:$/m);
  });

  it("--format markdown has the decision table and every reason", () => {
    const run = vpcePlan(["plan", "--file", FILE, "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\| Service \| Placement \| From hub \| Local in \| Every VPC own \| Chosen \| Why \|$/m);
    assert.match(run.stdout, /^\| Spoke \| VPC \| Region \|/m);
    assert.match(run.stdout, /`CROSS_REGION_SPOKE`/);
    assert.match(run.stdout, /`CROSS_ACCOUNT_SPOKE`/);
  });

  it("an invalid network request exits 2 with every problem, as JSON with --format json", () => {
    const file = requestFile("bad-network.json", {
      region: "us-east-1",
      hub: { vpc: { id: "vpc-hub" } },
      spokes: [{ name: "a", vpc: { id: "vpc-a" } }],
    });
    const run = vpcePlan(["plan", "--file", file, "--format", "json"]);
    assert.equal(run.status, 2);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(
      out.errors.map((p: { code: string; path: string }) => [p.code, p.path]),
      [
        ["MISSING_FIELD", "transit"],
        ["MISSING_FIELD", "spokes[0].vpc.cidrs"],
      ],
    );
  });
});
