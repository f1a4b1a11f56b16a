/**
 * Issue 17 item 30: every command that reads EC2 (audit, plan --from-aws, import, diff --from-aws,
 * catalog --from-aws) against a fault-injecting endpoint in front of moto. A call that never
 * answers, drips, pages without end, repeats its NextToken, answers hundreds of MB, or answers
 * something that is not the API's (an empty 200, an HTML page) ends in exit 1 and one line naming
 * the call, within the --timeout; never in a hang, a stack trace, or a report as if nothing existed.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ec2 from "@aws-sdk/client-ec2";
import { faultyEndpoint, type Fault } from "../helpers/faults";
import { ec2Client, useMoto } from "../helpers/moto";
import { vpcePlan } from "./cli";

type Command = "audit" | "plan" | "import" | "diff" | "catalog";

interface Row {
  command: Command;
  action: string;
  fault: Fault;
  /** What the line says besides the call's name. */
  says: RegExp;
}

const rows: Row[] = [
  {
    command: "audit",
    action: "DescribeVpcEndpoints",
    fault: "empty",
    says: /answered HTTP 200 with an empty body, not an EC2 API response/,
  },
  {
    command: "audit",
    action: "DescribeSecurityGroups",
    fault: "html",
    says: /answered HTTP 200 with an HTML page, not an EC2 API response/,
  },
  { command: "audit", action: "DescribeVpcEndpoints", fault: "hang", says: /did not answer within 2 s/ },
  { command: "audit", action: "DescribeVpcEndpoints", fault: "drip", says: /did not answer within 2 s/ },
  { command: "audit", action: "DescribeVpcEndpoints", fault: "endlessPages", says: /still returned a NextToken after 1000 pages/ },
  { command: "audit", action: "DescribeVpcEndpoints", fault: "repeatedToken", says: /returned the NextToken of an earlier page again/ },
  { command: "audit", action: "DescribeVpcEndpoints", fault: "huge", says: /answered more than 64 MB; stopped reading/ },
  { command: "plan", action: "DescribeVpcEndpoints", fault: "hang", says: /did not answer within 2 s/ },
  { command: "plan", action: "DescribeVpcEndpointServices", fault: "html", says: /an HTML page/ },
  { command: "import", action: "DescribeVpcEndpoints", fault: "empty", says: /an empty body/ },
  { command: "import", action: "DescribeSubnets", fault: "repeatedToken", says: /NextToken of an earlier page/ },
  { command: "diff", action: "DescribeVpcEndpoints", fault: "drip", says: /did not answer within 2 s/ },
  { command: "diff", action: "DescribeSecurityGroups", fault: "empty", says: /an empty body/ },
  { command: "catalog", action: "DescribeVpcEndpointServices", fault: "empty", says: /an empty body/ },
  { command: "catalog", action: "DescribeVpcEndpointServices", fault: "endlessPages", says: /after 1000 pages/ },
];

describe("EC2 faults end in one line naming the call (fault-injecting endpoint)", function () {
  this.timeout(120_000);
  const moto = useMoto();
  const dir = mkdtempSync(join(tmpdir(), "vpce-faults-"));

  async function vpc(): Promise<string> {
    const client = ec2Client(moto.url());
    const vpcId = (await client.send(new ec2.CreateVpcCommand({ CidrBlock: "10.0.0.0/16" }))).Vpc!.VpcId!;
    await client.send(new ec2.ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    const subnets: string[] = [];
    for (const [cidr, az] of [
      ["10.0.1.0/24", "us-east-1a"],
      ["10.0.2.0/24", "us-east-1b"],
    ])
      subnets.push(
        (await client.send(new ec2.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }))).Subnet!.SubnetId!,
      );
    // One interface endpoint with its group, so that the readers ask for security groups too.
    const group = await client.send(new ec2.CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: "sts", Description: "sts endpoint" }));
    await client.send(
      new ec2.CreateVpcEndpointCommand({
        VpcId: vpcId,
        ServiceName: "com.amazonaws.us-east-1.sts",
        VpcEndpointType: "Interface",
        SubnetIds: subnets,
        SecurityGroupIds: [group.GroupId!],
      }),
    );
    return vpcId;
  }

  function args(command: Command, vpcId: string, url: string): string[] {
    const aws = ["--endpoint-url", url, "--timeout", "2"];
    const head = join(dir, "head.json");
    writeFileSync(head, JSON.stringify({ region: "us-east-1", vpc: { id: vpcId }, services: ["sts"] }));
    switch (command) {
      case "audit":
        return ["audit", "--vpc-id", vpcId, ...aws];
      case "plan":
        return ["plan", "--from-aws", "--vpc-id", vpcId, "--services", "sts", ...aws];
      case "import":
        return ["import", "--vpc-id", vpcId, ...aws];
      case "diff":
        return ["diff", "--from-aws", "--vpc-id", vpcId, "--head", head, ...aws];
      case "catalog":
        return ["catalog", "--from-aws", "--region", "us-east-1", "--write", join(dir, "overlay.json"), ...aws];
    }
  }

  for (const row of rows)
    it(`${row.command}: ${row.action} ${row.fault}`, async () => {
      const vpcId = await vpc();
      const endpoint = await faultyEndpoint(moto.url(), { [row.action]: row.fault });
      try {
        const started = Date.now();
        const run = await vpcePlan(args(row.command, vpcId, endpoint.url));
        const seconds = (Date.now() - started) / 1000;
        assert.ok((endpoint.calls.get(row.action) ?? 0) > 0, `${row.action} was called`);
        assert.equal(run.code, 1, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
        assert.equal(run.stdout, "", "no report as if the answer were empty");
        assert.doesNotMatch(run.stderr, /unexpected error|\n\s+at /);
        // Progress lines ("waiting for EC2 ...") may come first; the failure is one line.
        const lines = run.stderr
          .trimEnd()
          .split("\n")
          .filter((l) => !/^vpce-plan: (waiting for|EC2 \w+ took)/.test(l));
        assert.equal(lines.length, 1, run.stderr);
        assert.match(lines[0], new RegExp(`^vpce-plan ${row.command}: EC2 ${row.action} `));
        assert.match(lines[0], row.says);
        assert.ok(seconds < 30, `took ${seconds} s`);
      } finally {
        await endpoint.close();
      }
    });

  it("catalog --from-aws --write keeps the old overlay when the listing is not the API's", async () => {
    const overlay = join(dir, "kept.json");
    const good = await vpcePlan(["catalog", "--from-aws", "--region", "us-east-1", "--endpoint-url", moto.url(), "--write", overlay]);
    assert.equal(good.code, 0, good.stderr);
    const before = readFileSync(overlay, "utf8");
    for (const fault of ["empty", "html"] as const) {
      const endpoint = await faultyEndpoint(moto.url(), { DescribeVpcEndpointServices: fault });
      try {
        const run = await vpcePlan(["catalog", "--from-aws", "--region", "us-east-1", "--endpoint-url", endpoint.url, "--write", overlay]);
        assert.equal(run.code, 1, run.stderr);
      } finally {
        await endpoint.close();
      }
      assert.equal(readFileSync(overlay, "utf8"), before, `${fault}: the overlay is unchanged`);
    }
    assert.ok(existsSync(overlay));
  });

  it("--timeout must be a positive number of seconds; help documents it and the default", async () => {
    const run = await vpcePlan(["audit", "--timeout", "soon", "--endpoint-url", moto.url()]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--timeout must be a positive number of seconds \(got soon\)/);
    for (const command of ["audit", "plan", "import", "diff", "catalog"]) {
      const help = await vpcePlan([command, "--help"]);
      assert.match(help.stdout, /--timeout SECONDS +each AWS call, retries included, fails after this long \(default 30\)/, command);
    }
  });
});
