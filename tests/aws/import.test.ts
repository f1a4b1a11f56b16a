import assert from "node:assert/strict";
import { endpointResourceName, routeTableAssociationName } from "vpce-plan";
import { ec2Client, useMoto } from "../helpers/moto";
import { json, vpcePlan } from "./cli";
import { buildBrownfield } from "./scenario";
import * as ec2 from "@aws-sdk/client-ec2";

interface ImportFile {
  nameTable?: Record<string, string>;
  resources: Array<{ type: string; name: string; id?: string; parent?: string; component?: boolean }>;
}

describe("vpce-plan import (emulator)", function () {
  this.timeout(60_000);
  const moto = useMoto();

  it("writes an import file that creates the EndpointPlan parent and adopts the kept endpoints under the component's names", async () => {
    const client = ec2Client(moto.url());
    const w = await buildBrownfield(client, moto.url());
    const s3 = await client.send(
      new ec2.CreateVpcEndpointCommand({
        VpcId: w.vpcId,
        ServiceName: "com.amazonaws.us-east-1.s3",
        VpcEndpointType: "Gateway",
        RouteTableIds: [w.privateRtb, w.mainRtb],
      }),
    );
    const s3Id = s3.VpcEndpoint!.VpcEndpointId!;
    const run = await vpcePlan([
      "import",
      "--vpc-id",
      w.vpcId,
      "--services",
      "s3,secretsmanager",
      "--name",
      "app",
      "--format",
      "file",
      "--endpoint-url",
      moto.url(),
    ]);
    assert.equal(run.code, 0, run.stderr);
    const file = json<ImportFile>(run);
    assert.deepEqual(file.resources, [
      { type: "vpce-plan:index:EndpointPlan", name: "app", component: true },
      { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: endpointResourceName("app", "s3-gateway"), id: s3Id, parent: "app" },
      ...[w.mainRtb, w.privateRtb].sort().map((rtb) => ({
        type: "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
        name: routeTableAssociationName("app", "s3-gateway", rtb),
        id: `${s3Id}/${rtb}`,
        parent: "app",
      })),
      { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "app-secretsmanager", id: w.endpoints.secretsmanager, parent: "app" },
    ]);
    // What the plan does not keep is named on stderr, never silently dropped.
    assert.match(run.stderr, new RegExp(`not adopted: ${w.endpoints.kms} \\(kms Interface\\)`));

    const urn = "urn:pulumi:dev::net::vpce-plan:index:EndpointPlan::app";
    const withParent = json<ImportFile>(
      await vpcePlan([
        "import",
        "--vpc-id",
        w.vpcId,
        "--services",
        "secretsmanager",
        "--name",
        "app",
        "--format",
        "file",
        "--parent-urn",
        urn,
        "--endpoint-url",
        moto.url(),
      ]),
    );
    assert.deepEqual(withParent.nameTable, { app: urn });
    assert.deepEqual(
      withParent.resources.map((r) => r.name),
      ["app-secretsmanager"],
    );
  });

  it("prints pulumi import commands, and adopts every existing endpoint the plan keeps when no services are given", async () => {
    const w = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const run = await vpcePlan(["import", "--vpc-id", w.vpcId, "--endpoint-url", moto.url()]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split("\n").filter((l) => l.startsWith("pulumi import"));
    const stsKept = [w.endpoints.sts, w.endpoints.stsDuplicate].sort()[0];
    const parent = `--parent "endpoints=urn:pulumi:\${PULUMI_STACK}::\${PULUMI_PROJECT}::vpce-plan:index:EndpointPlan::endpoints" --yes`;
    assert.deepEqual(lines, [
      `pulumi import 'aws:ec2/vpcEndpoint:VpcEndpoint' 'endpoints-dynamodb-gateway' '${w.endpoints.dynamodbGateway}' ${parent}`,
      `pulumi import 'aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation' '${routeTableAssociationName("endpoints", "dynamodb-gateway", w.mainRtb)}' '${w.endpoints.dynamodbGateway}/${w.mainRtb}' ${parent}`,
      `pulumi import 'aws:ec2/vpcEndpoint:VpcEndpoint' 'endpoints-kms' '${w.endpoints.kms}' ${parent}`,
      `pulumi import 'aws:ec2/vpcEndpoint:VpcEndpoint' 'endpoints-logs' '${w.endpoints.logs}' ${parent}`,
      `pulumi import 'aws:ec2/vpcEndpoint:VpcEndpoint' 'endpoints-secretsmanager' '${w.endpoints.secretsmanager}' ${parent}`,
      `pulumi import 'aws:ec2/vpcEndpoint:VpcEndpoint' 'endpoints-sts' '${stsKept}' ${parent}`,
    ]);
    assert.match(run.stderr, /not adopted: .* \(sts Interface\): .* duplicates it/);
  });

  it("rejects a --name the components would reject, by the same rule", async () => {
    const run = await vpcePlan(["import", "--vpc-id", "vpc-0abc", "--name", "my::app"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--name must not contain ::, the Pulumi URN delimiter/);
  });
});
