/** plan --from-aws with rule 13: public subnets from route tables, subnet tags, consumer groups checked against the VPC. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ec2 from "@aws-sdk/client-ec2";
import type { Plan } from "vpce-plan/plan";
import { ec2Client, useMoto } from "../helpers/moto";
import { json, vpcePlan } from "./cli";
import { buildBrownfield } from "./scenario";

describe("vpce-plan plan --from-aws: who connects and where (emulator)", function () {
  this.timeout(60_000);
  const moto = useMoto();

  it("skips a public subnet where its AZ has a private one, selects by tags, and checks consumer groups' VPC", async () => {
    const client = ec2Client(moto.url());
    const send = <T>(command: unknown): Promise<T> => client.send(command as Parameters<typeof client.send>[0]) as Promise<T>;
    const w = await buildBrownfield(client, moto.url());
    // A public subnet in us-east-1a: its own route table sends 0.0.0.0/0 to an internet gateway.
    const pub = (
      await send<ec2.CreateSubnetResult>(
        new ec2.CreateSubnetCommand({ VpcId: w.vpcId, CidrBlock: "10.0.9.0/24", AvailabilityZone: "us-east-1a" }),
      )
    ).Subnet!.SubnetId!;
    const igw = (await send<ec2.CreateInternetGatewayResult>(new ec2.CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await send(new ec2.AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: w.vpcId }));
    const rtb = (await send<ec2.CreateRouteTableResult>(new ec2.CreateRouteTableCommand({ VpcId: w.vpcId }))).RouteTable!.RouteTableId!;
    await send(new ec2.CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: "0.0.0.0/0", GatewayId: igw }));
    await send(new ec2.AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: pub }));
    await send(new ec2.CreateTagsCommand({ Resources: [w.subnets.a, w.subnets.b], Tags: [{ Key: "tier", Value: "private" }] }));

    const base = ["plan", "--from-aws", "--vpc-id", w.vpcId, "--services", "sts", "--endpoint-url", moto.url(), "--format", "json"];
    const all = await vpcePlan(base);
    assert.equal(all.code, 0, all.stderr);
    const sts = json<Plan>(all).endpoints.find((e) => e.name === "sts")!;
    assert.deepEqual([...sts.subnetIds!].sort(), [w.subnets.a, w.subnets.b, w.subnets.c].sort());
    assert.ok(sts.reasons.some((r) => r.code === "PUBLIC_SUBNET_SKIPPED" && r.message.includes(pub)));

    const dir = mkdtempSync(join(tmpdir(), "vpce-plan-"));
    const file = join(dir, "request.json");
    writeFileSync(
      file,
      JSON.stringify({ region: "us-east-1", vpc: { id: w.vpcId }, subnetTags: { tier: "private" }, services: ["sts"], ha: { minAzs: 2 } }),
    );
    const tagged = await vpcePlan([...base, "--file", file]);
    assert.equal(tagged.code, 0, tagged.stderr);
    const byTag = json<Plan>(tagged).endpoints.find((e) => e.name === "sts")!;
    assert.deepEqual([...byTag.subnetIds!].sort(), [w.subnets.a, w.subnets.b].sort());

    const other = (
      await send<ec2.CreateSecurityGroupResult>(
        new ec2.CreateSecurityGroupCommand({ VpcId: w.dnsOff.vpcId, GroupName: "elsewhere", Description: "x" }),
      )
    ).GroupId!;
    writeFileSync(
      file,
      JSON.stringify({
        region: "us-east-1",
        vpc: { id: w.vpcId },
        services: ["sts"],
        access: { securityGroups: [w.groups.good, other, "sg-0000000000000000f"] },
      }),
    );
    // Like SUBNET_NOT_IN_VPC, a group EC2 does not know stops --from-aws before planning.
    const unknown = await vpcePlan([...base, "--file", file]);
    assert.equal(unknown.code, 2, unknown.stderr);
    const codes = (run: typeof unknown): string[][] =>
      json<{ errors: Array<{ code: string; path: string }> }>(run).errors.map((p) => [p.code, p.path]);
    assert.deepEqual(codes(unknown), [["SECURITY_GROUP_NOT_IN_VPC", "access.securityGroups[2]"]]);
    writeFileSync(
      file,
      JSON.stringify({ region: "us-east-1", vpc: { id: w.vpcId }, services: ["sts"], access: { securityGroups: [w.groups.good, other] } }),
    );
    const elsewhere = await vpcePlan([...base, "--file", file]);
    assert.equal(elsewhere.code, 2, elsewhere.stderr);
    assert.deepEqual(codes(elsewhere), [["SECURITY_GROUP_NOT_IN_VPC", "access.securityGroups[1]"]]);
    assert.match(json<{ errors: Array<{ message: string }> }>(elsewhere).errors[0].message, new RegExp(`belongs to ${w.dnsOff.vpcId}`));
  });
});
