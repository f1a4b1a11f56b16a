import assert from "node:assert/strict";
import { openEc2, paginate, readServiceGroups, readServices, readVpcSnapshots, type Ec2Session } from "vpce-plan/aws";
import { ec2Client, REGION, useMoto } from "../helpers/moto";
import { buildBrownfield, svc } from "./scenario";

/** Wraps a session to record which operations were sent. */
function counting(ec2: Ec2Session): { session: Ec2Session; calls: string[] } {
  const calls: string[] = [];
  return { session: { ...ec2, send: (op, cmd, ids) => (calls.push(op), ec2.send(op, cmd, ids)) }, calls };
}

describe("EC2 reader against the emulator", function () {
  this.timeout(60_000);
  const moto = useMoto();

  it("reads the VPC, its DNS attributes, CIDRs, subnets, route tables, NAT, endpoints and their security groups", async () => {
    const world = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const ec2 = await openEc2({ region: REGION, endpointUrl: moto.url(), pageSize: 5 });
    const [snap] = await readVpcSnapshots(ec2, [world.vpcId]);
    ec2.close();

    assert.equal(snap.region, REGION);
    assert.deepEqual(snap.vpc.cidrs, ["10.0.0.0/16"]);
    assert.deepEqual(snap.vpc.ipv6Cidrs, [world.ipv6Cidr]);
    assert.equal(snap.vpc.dnsSupport, true);
    assert.equal(snap.vpc.dnsHostnames, true);
    assert.equal(snap.vpc.ownerId, "123456789012");
    const subnets = Object.fromEntries(snap.subnets.map((s) => [s.id, s]));
    assert.deepEqual(
      [world.subnets.a, world.subnets.b, world.subnets.c].map((id) => [subnets[id].az, subnets[id].routeTableId, subnets[id].ipv6]),
      [
        ["us-east-1a", world.privateRtb, true],
        ["us-east-1b", world.privateRtb, false],
        // No explicit association: the subnet uses the main route table.
        ["us-east-1c", world.mainRtb, false],
      ],
    );
    // DescribeSubnets reports the AZ ID beside the name; the emulator gives every subnet one.
    for (const id of [world.subnets.a, world.subnets.b, world.subnets.c]) assert.match(subnets[id].azId ?? "", /^use1-az\d+$/, id);
    const priv = snap.routeTables.find((t) => t.id === world.privateRtb)!;
    assert.equal(priv.main, false);
    assert.deepEqual(priv.subnetIds, [world.subnets.a, world.subnets.b].sort());
    assert.ok(priv.routes.some((r) => r.destination === "0.0.0.0/0" && r.natGatewayId === world.natId));
    assert.deepEqual(
      snap.natGateways.map((n) => n.id),
      [world.natId],
    );
    // Six endpoints, read with pages of five.
    assert.deepEqual(snap.endpoints.map((e) => e.id).sort(), Object.values(world.endpoints).sort());
    const secrets = snap.endpoints.find((e) => e.id === world.endpoints.secretsmanager)!;
    assert.deepEqual(
      [secrets.type, secrets.serviceName, secrets.subnetIds, secrets.securityGroupIds, secrets.privateDns],
      ["Interface", svc("secretsmanager"), [world.subnets.a], [world.groups.open], true],
    );
    const gateway = snap.endpoints.find((e) => e.id === world.endpoints.dynamodbGateway)!;
    assert.deepEqual([gateway.type, gateway.routeTableIds], ["Gateway", [world.mainRtb]]);
    // Only the groups endpoints use are read, with their rules.
    assert.deepEqual(snap.securityGroups.map((g) => g.id).sort(), Object.values(world.groups).sort());
    const broad = snap.securityGroups.find((g) => g.id === world.groups.broad)!;
    assert.deepEqual(
      broad.ingress.map((r) => [r.protocol, r.fromPort, r.cidrs]),
      [
        ["tcp", 443, ["10.0.0.0/16", "172.16.0.0/12"]],
        ["-1", undefined, ["10.0.0.0/16"]],
      ],
    );
  });

  it("reads every VPC of the region when no id is given", async () => {
    const world = await buildBrownfield(ec2Client(moto.url()), moto.url());
    const ec2 = await openEc2({ region: REGION, endpointUrl: moto.url() });
    const all = await readVpcSnapshots(ec2);
    ec2.close();
    const ids = all.map((s) => s.vpc.id);
    assert.ok(ids.includes(world.vpcId) && ids.includes(world.dnsOff.vpcId), ids.join());
    assert.equal(all.find((s) => s.vpc.id === world.dnsOff.vpcId)!.vpc.dnsHostnames, false);
  });

  it("follows NextToken through DescribeVpcEndpointServices and merges the gateway and interface entries", async () => {
    const ec2 = await openEc2({ region: REGION, endpointUrl: moto.url(), pageSize: 5 });
    const { session, calls } = counting(ec2);
    const names = ["s3", "dynamodb", "secretsmanager", "ecr.api", "ecr.dkr", "logs", "sts", "kms"].map(svc);
    const lookup = await readServices(session, [...names, svc("no-such-service")]);
    ec2.close();
    assert.deepEqual(Object.keys(lookup.found).sort(), [...names].sort());
    assert.deepEqual(lookup.missing, [svc("no-such-service")]);
    // First call fails on the unknown name; then two pages of five.
    assert.equal(calls.filter((c) => c === "DescribeVpcEndpointServices").length, 3);
    assert.deepEqual(lookup.found[svc("s3")].types, ["Gateway", "Interface"]);
    assert.deepEqual(lookup.found[svc("ecr.dkr")].privateDnsNames, ["*.dkr.ecr.us-east-1.amazonaws.com"]);
    assert.equal(lookup.found[svc("kms")].policySupported, true);
    assert.ok(lookup.found[svc("sts")].azs.includes("us-east-1a"));
    // moto does not report SupportedIpAddressTypes, and nothing is invented.
    assert.equal(lookup.found[svc("sts")].ipTypes, undefined);
  });

  it("reads a cross-region endpoint's service with ServiceRegions, in its own call", async () => {
    const ec2 = await openEc2({ region: REGION, endpointUrl: moto.url() });
    const sent: Array<{ ServiceNames?: string[]; ServiceRegions?: string[] }> = [];
    const session: Ec2Session = {
      ...ec2,
      send: (op, cmd, ids) => (sent.push((cmd as { input: (typeof sent)[0] }).input), ec2.send(op, cmd, ids)),
    };
    const lookup = await readServiceGroups(session, { "": [svc("sts")], "us-west-2": ["com.amazonaws.us-west-2.s3"] });
    ec2.close();
    const remote = sent.find((c) => c.ServiceNames?.includes("com.amazonaws.us-west-2.s3"));
    assert.deepEqual(remote?.ServiceRegions, ["us-west-2"]);
    assert.equal(sent.find((c) => c.ServiceNames?.includes(svc("sts")))?.ServiceRegions, undefined);
    assert.equal(lookup.found[svc("sts")].serviceName, svc("sts"));
    // moto predates cross-region PrivateLink: it ignores ServiceRegions and knows no us-west-2 name in
    // us-east-1, which the planner then reports as CROSS_REGION_NOT_OFFERED instead of guessing.
    assert.deepEqual(lookup.missing, ["com.amazonaws.us-west-2.s3"]);
  });

  it("names --vpc-id and --region when the VPC is not in the region", async () => {
    const ec2 = await openEc2({ region: REGION, endpointUrl: moto.url() });
    await assert.rejects(readVpcSnapshots(ec2, ["vpc-0123456789abcdef0"]), (err: Error & { flag?: string }) => {
      assert.match(err.message, /vpc-0123456789abcdef0 not found in us-east-1.*--vpc-id.*--region/);
      assert.equal(err.flag, "--vpc-id");
      return true;
    });
    ec2.close();
  });
});

describe("paginate", () => {
  it("follows NextToken to the end and refuses a token that repeats", async () => {
    const pages: Record<string, { items: number[]; next?: string }> = {
      "": { items: [1, 2], next: "t1" },
      t1: { items: [3], next: "t2" },
      t2: { items: [4] },
    };
    const seen: Array<string | undefined> = [];
    assert.deepEqual(await paginate("EC2 DescribeThings", async (token) => (seen.push(token), pages[token ?? ""])), [1, 2, 3, 4]);
    assert.deepEqual(seen, [undefined, "t1", "t2"]);
    await assert.rejects(
      paginate("EC2 DescribeThings", async (token) => ({ items: [1], next: token ? "same" : "first" })),
      /EC2 DescribeThings returned the NextToken of an earlier page again/,
    );
    let page = 0;
    await assert.rejects(
      paginate("EC2 DescribeThings", async () => ({ items: [], next: `t${page++}` }), 10),
      /EC2 DescribeThings still returned a NextToken after 10 pages/,
    );
    assert.equal(page, 10, "stops at the cap");
  });
});
