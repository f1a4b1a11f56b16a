/** `vpce-plan plan` on the DNS examples: the tables say what the Resolver endpoint and DNS sharing cost. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { vpcePlan } from "../helpers/cli";
import { markdownText } from "../helpers/markdown";
import { REQUESTS_DIR } from "../helpers/requests";

describe("cli: vpce-plan plan, DNS beyond the VPC", () => {
  it("a request with resolver: create prints the inbound endpoint's AZs and cost after the totals", () => {
    const run = vpcePlan(["plan", "--file", join(REQUESTS_DIR, "on-prem-resolver.yaml")]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Resolver inbound endpoint in us-east-1a, us-east-1b: \$182\.50 a month, included above\./m);
    assert.doesNotMatch(run.stdout, /ON_PREMISES_DNS_NEEDS_RESOLVER/);
  });

  it("a network request prints how DNS is shared, with both options' cost", () => {
    const run = vpcePlan(["plan", "--file", join(REQUESTS_DIR, "hub-spoke.yaml"), "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(markdownText(run.stdout), /DNS sharing by zones: .*zones USD [\d.]+ a month .*Profile USD [\d.]+ .*\[ZONES_CHEAPER\]/);
  });
});
