import assert from "node:assert/strict";
import type { Finding } from "vpce-plan/audit";
import { ec2Client, useMoto } from "../helpers/moto";
import { json, vpcePlan } from "./cli";
import { buildBrownfield } from "./scenario";

describe("vpce-plan audit --security-hub (emulator)", function () {
  this.timeout(60_000);
  const moto = useMoto();

  it("adds a finding per Security Hub endpoint control the VPC fails, with the monthly cost of meeting it", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const flags = ["audit", "--vpc-id", w.vpcId, "--endpoint-url", moto.url(), "--format", "json"];
    const plain = json<{ findings: Finding[] }>(await vpcePlan(flags));
    assert.ok(!plain.findings.some((f) => f.rule.startsWith("SECURITY_HUB_")), "off by default");
    const run = await vpcePlan([...flags, "--security-hub"]);
    assert.equal(run.code, 0, run.stderr);
    const hub = json<{ findings: Finding[] }>(run).findings.filter((f) => f.rule.startsWith("SECURITY_HUB_"));
    // The brownfield VPC has none of ec2, ecr.api, ecr.dkr, ssm, ssm-contacts, ssm-incidents; its subnets span 3 AZs.
    assert.deepEqual(
      hub.map((f) => f.id).sort(),
      ["10", "55", "56", "57", "58", "60"].map((n) => `SECURITY_HUB_EC2_${n}/${w.vpcId}`),
    );
    for (const f of hub) assert.match(f.message, /Meeting it costs USD 21\.90 a month \(3 AZ x USD 7\.30\)/);
  });
});
