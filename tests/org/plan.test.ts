/**
 * `plan --from-aws --org --hub`: the network request built from what the organization has, planned.
 * Two spokes in two accounts each pay for an STS interface endpoint in two AZs; a hub in a third
 * account serves both for one endpoint's AZ-hours, so the plan centralises STS and says the saving.
 */
import assert from "node:assert/strict";
import { CreateSubnetCommand, CreateVpcCommand, CreateVpcEndpointCommand, EC2Client, ModifyVpcAttributeCommand } from "@aws-sdk/client-ec2";
import type { OrgReport } from "vpce-plan/audit";
import type { NetworkPlan } from "vpce-plan/plan";
import { json, vpcePlan } from "../aws/cli";
import { REGION, useMoto } from "../helpers/moto";
import { assumed, buildOrganization } from "./world";

async function vpcWithSts(url: string, account: string, cidr: string, withEndpoint: boolean): Promise<string> {
  const ec2 = new EC2Client({ region: REGION, endpoint: url, credentials: await assumed(url, account) });
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));
  const base = cidr.split(".").slice(0, 2).join(".");
  const subnets: string[] = [];
  for (const [i, az] of ["us-east-1a", "us-east-1b"].entries())
    subnets.push(
      (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `${base}.${i * 16}.0/20`, AvailabilityZone: az }))).Subnet!
        .SubnetId!,
    );
  if (withEndpoint)
    await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpc,
        ServiceName: `com.amazonaws.${REGION}.sts`,
        VpcEndpointType: "Interface",
        SubnetIds: subnets,
        PrivateDnsEnabled: true,
      }),
    );
  ec2.destroy();
  return vpc;
}

describe("vpce-plan plan --from-aws --org --hub (emulator)", function () {
  this.timeout(120_000);
  const moto = useMoto();

  it("centralises a service that two accounts' VPCs each pay for, with the saving, from what exists", async () => {
    const [hubAccount, a, b] = await buildOrganization(moto.url());
    const hub = await vpcWithSts(moto.url(), hubAccount!, "10.100.0.0/16", false);
    const spokeA = await vpcWithSts(moto.url(), a!, "10.101.0.0/16", true);
    const spokeB = await vpcWithSts(moto.url(), b!, "10.102.0.0/16", true);
    const args = [
      "plan",
      "--from-aws",
      "--org",
      "--hub",
      hub,
      "--region",
      REGION,
      "--regions",
      REGION,
      "--role-name",
      "OrgReader",
      "--endpoint-url",
      moto.url(),
    ];
    const run = await vpcePlan([...args, "--accounts", [hubAccount, a, b].join(","), "--format", "json"]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const plan = json<NetworkPlan>(run);
    assert.equal(plan.kind, "network");
    assert.equal(plan.hub.vpcId ?? (plan.hub as unknown as { vpc: { id: string } }).vpc?.id ?? hub, hub);
    const spokes = plan.spokes.map((s) => s.name);
    for (const name of [`${a}-${spokeA}`, `${b}-${spokeB}`]) assert.ok(spokes.includes(name), `${name} in ${spokes.join(", ")}`);
    // Each member's fixture VPC in the region (an S3 gateway each, the hub account's included) is a
    // spoke too, and keeps its gateway; VPCs without endpoints (moto's default VPCs) are not spokes.
    assert.equal(plan.spokes.length, 3 + 2);
    assert.match(run.stderr, /is not a spoke \(no-endpoints\)/);
    const sts = plan.services.find((s) => s.service === "sts");
    assert.ok(sts, JSON.stringify(plan.services));
    assert.equal(sts!.placement, "hub");
    assert.ok(plan.cost.savingsUsd > 0, `saving ${plan.cost.savingsUsd}`);
    assert.ok(plan.cost.everyVpcOwnMonthlyUsd > plan.cost.monthlyTotalUsd);
    const s3 = plan.services.find((s) => s.service === "s3");
    assert.equal(s3?.placement, "local", "gateway endpoints are never shared");

    // audit --org --hub says the same in a finding, with the planner's saving for the service.
    const auditArgs = ["audit", ...args.slice(2), "--accounts", [hubAccount, a, b].join(","), "--format", "json"];
    const audit = json<OrgReport>(await vpcePlan(auditArgs));
    const central = audit.findings.filter((f) => f.rule === "ORG_CENTRALIZE");
    assert.deepEqual(
      central.map((f) => [f.resource, f.monthlyUsd]),
      [[`${REGION}:sts`, sts!.cost.savingsUsd]],
    );
  });

  it("flag problems at once: --hub without --org or --from-aws, a bad VPC id, a bad transit", async () => {
    const run = await vpcePlan(["plan", "--hub", "vpc-x", "--transit", "bus", "--format", "json"]);
    assert.equal(run.code, 2, run.stderr);
    const messages = json<{ errors: { message: string }[] }>(run)
      .errors.map((e) => e.message)
      .join("\n");
    for (const text of [/add --from-aws/, /add --org/, /--hub vpc-x is not a VPC id/, /--transit must be one of transitGateway, peering/])
      assert.match(messages, text);
  });
});
