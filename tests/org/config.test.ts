/**
 * `--config-aggregator`: the organization's VPCs from AWS Config's SelectAggregateResourceConfig.
 * moto does not implement the API, so the query texts and the parser are tested against rows
 * written from AWS's documented shapes, and the command path against a local fake on 127.0.0.1
 * (tests/org/configFake.ts) that answers the API's JSON protocol from what moto's EC2 holds; the
 * rest (Organizations, STS, what Config lacks per account) is the emulator.
 */
import assert from "node:assert/strict";
import type { OrgReport } from "vpce-plan/audit";
import { readVpcSnapshots, type VpcSnapshot } from "vpce-plan/aws";
import {
  completeFromEc2,
  CONFIG_RESOURCE_TYPES,
  configQuery,
  ConfigRowError,
  pairKey,
  parseConfigRow,
  queryAggregator,
  readConfigAggregator,
  readOrganization,
  snapshotsFromConfig,
} from "vpce-plan/org";
import { json, vpcePlan } from "../aws/cli";
import { buildBrownfield } from "../aws/scenario";
import { startProxy } from "../helpers/awsProxy";
import { ec2Client, REGION, useMoto } from "../helpers/moto";
import { configFake, configRowsFromEmulator } from "./configFake";
import { buildOrganization, REGIONS } from "./world";

const MANAGEMENT = "123456789012";
const A = "111111111111";
const B = "222222222222";

/** Rows as the API returns them: each a JSON string of the selected fields (shapes per aws-config-resource-schema). */
const item = (accountId: string, awsRegion: string, resourceType: string, resourceId: string, configuration: object, tags = {}) =>
  JSON.stringify({
    accountId,
    awsRegion,
    resourceId,
    resourceType,
    tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    configuration,
  });

const FIXTURE = [
  item(
    A,
    "eu-west-1",
    "AWS::EC2::VPC",
    "vpc-0a",
    {
      vpcId: "vpc-0a",
      cidrBlock: "10.0.0.0/16",
      cidrBlockAssociationSet: [
        { cidrBlock: "10.0.0.0/16", cidrBlockState: { state: "associated" } },
        { cidrBlock: "10.9.0.0/16", cidrBlockState: { state: "disassociated" } },
      ],
      ipv6CidrBlockAssociationSet: [],
      isDefault: false,
      ownerId: A,
      state: { value: "available" },
    },
    { Name: "app" },
  ),
  item(A, "eu-west-1", "AWS::EC2::Subnet", "subnet-1", {
    subnetId: "subnet-1",
    vpcId: "vpc-0a",
    availabilityZone: "eu-west-1a",
    cidrBlock: "10.0.1.0/24",
    ipv6CidrBlockAssociationSet: [],
  }),
  item(
    A,
    "eu-west-1",
    "AWS::EC2::Subnet",
    "subnet-2",
    { subnetId: "subnet-2", vpcId: "vpc-0a", availabilityZone: "eu-west-1b", cidrBlock: "10.0.2.0/24" },
    { Name: "private-b", tier: "private" },
  ),
  item(A, "eu-west-1", "AWS::EC2::RouteTable", "rtb-main", {
    routeTableId: "rtb-main",
    vpcId: "vpc-0a",
    associations: [{ main: true, routeTableId: "rtb-main" }],
    routes: [
      { destinationCidrBlock: "10.0.0.0/16", gatewayId: "local", state: "active" },
      { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1", state: "active" },
    ],
  }),
  item(A, "eu-west-1", "AWS::EC2::RouteTable", "rtb-b", {
    routeTableId: "rtb-b",
    vpcId: "vpc-0a",
    associations: [{ main: false, routeTableId: "rtb-b", subnetId: "subnet-2" }],
    routes: [{ destinationPrefixListId: "pl-6da54004", gatewayId: "vpce-s3" }],
  }),
  item(A, "eu-west-1", "AWS::EC2::NatGateway", "nat-1", {
    natGatewayId: "nat-1",
    vpcId: "vpc-0a",
    subnetId: "subnet-1",
    state: { value: "available" },
  }),
  item(A, "eu-west-1", "AWS::EC2::NatGateway", "nat-old", { natGatewayId: "nat-old", vpcId: "vpc-0a", state: { value: "deleted" } }),
  item(A, "eu-west-1", "AWS::EC2::SecurityGroup", "sg-used", {
    groupId: "sg-used",
    groupName: "endpoints",
    vpcId: "vpc-0a",
    ipPermissions: [
      {
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        ipv4Ranges: [{ cidrIp: "0.0.0.0/0" }],
        ipRanges: ["0.0.0.0/0"],
        ipv6Ranges: [],
        prefixListIds: [],
        userIdGroupPairs: [],
      },
      { ipProtocol: "-1", userIdGroupPairs: [{ groupId: "sg-app", userId: A }] },
    ],
  }),
  item(A, "eu-west-1", "AWS::EC2::SecurityGroup", "sg-other", {
    groupId: "sg-other",
    groupName: "web",
    vpcId: "vpc-0a",
    ipPermissions: [],
  }),
  item(A, "eu-west-1", "AWS::EC2::VPCEndpoint", "vpce-s3", {
    vpcEndpointId: "vpce-s3",
    vpcEndpointType: "Gateway",
    vpcId: "vpc-0a",
    serviceName: "com.amazonaws.eu-west-1.s3",
    state: { value: "available" },
    routeTableIds: ["rtb-b"],
    subnetIds: [],
    groups: [],
    privateDnsEnabled: false,
  }),
  item(
    A,
    "eu-west-1",
    "AWS::EC2::VPCEndpoint",
    "vpce-sqs",
    {
      vpcEndpointId: "vpce-sqs",
      vpcEndpointType: "Interface",
      vpcId: "vpc-0a",
      serviceName: "com.amazonaws.eu-west-1.sqs",
      state: "available",
      subnetIds: ["subnet-2", "subnet-1"],
      groups: [{ groupId: "sg-used", groupName: "endpoints" }],
      privateDnsEnabled: true,
    },
    { Name: "sqs" },
  ),
  item(B, "us-east-1", "AWS::EC2::VPC", "vpc-0b", { vpcId: "vpc-0b", cidrBlock: "10.1.0.0/16", isDefault: true, ownerId: B }),
  // A subnet Config still lists in a pair with no VPC (an item lagging its VPC's deletion): no snapshot.
  item(B, "eu-west-1", "AWS::EC2::Subnet", "subnet-orphan", {
    subnetId: "subnet-orphan",
    vpcId: "vpc-gone",
    availabilityZone: "eu-west-1a",
  }),
];

describe("AWS Config aggregator: queries and parsing", () => {
  it("one query per resource type, selecting where each item lives and its whole configuration, within the API's 4096 characters", () => {
    for (const type of CONFIG_RESOURCE_TYPES) {
      const q = configQuery(type);
      assert.ok(q.length <= 4096, q);
      const [, fields, where] = /^SELECT (.+) WHERE (.+)$/.exec(q)!;
      assert.deepEqual(fields!.split(", ").sort(), ["accountId", "awsRegion", "configuration", "resourceId", "resourceType", "tags"]);
      assert.equal(where, `resourceType = '${type}'`);
    }
  });

  it("turns documented configuration items into the EC2 reader's snapshot shape", () => {
    const snapshots = snapshotsFromConfig(FIXTURE.map(parseConfigRow));
    assert.deepEqual([...snapshots.keys()], [pairKey(A, "eu-west-1"), pairKey(B, "us-east-1")], "a pair without a VPC has no snapshot");
    const [a] = snapshots.get(pairKey(A, "eu-west-1"))!;
    const expected: VpcSnapshot = {
      region: "eu-west-1",
      vpc: {
        id: "vpc-0a",
        cidrs: ["10.0.0.0/16"],
        ipv6Cidrs: [],
        dnsSupport: false,
        dnsHostnames: false,
        isDefault: false,
        ownerId: A,
        name: "app",
      },
      subnets: [
        { id: "subnet-1", az: "eu-west-1a", cidr: "10.0.1.0/24", ipv6: false, routeTableId: "rtb-main" },
        {
          id: "subnet-2",
          az: "eu-west-1b",
          cidr: "10.0.2.0/24",
          ipv6: false,
          name: "private-b",
          tags: { tier: "private" },
          routeTableId: "rtb-b",
        },
      ],
      routeTables: [
        {
          id: "rtb-b",
          main: false,
          subnetIds: ["subnet-2"],
          routes: [{ destination: "pl-6da54004", prefixListId: "pl-6da54004", gatewayId: "vpce-s3" }],
        },
        {
          id: "rtb-main",
          main: true,
          subnetIds: [],
          routes: [
            { destination: "10.0.0.0/16", gatewayId: "local", state: "active" },
            { destination: "0.0.0.0/0", natGatewayId: "nat-1", state: "active" },
          ],
        },
      ],
      natGateways: [{ id: "nat-1", subnetId: "subnet-1", state: "available" }],
      endpoints: [
        {
          id: "vpce-s3",
          type: "Gateway",
          serviceName: "com.amazonaws.eu-west-1.s3",
          state: "available",
          subnetIds: [],
          routeTableIds: ["rtb-b"],
          securityGroupIds: [],
          privateDns: false,
        },
        {
          id: "vpce-sqs",
          type: "Interface",
          serviceName: "com.amazonaws.eu-west-1.sqs",
          state: "available",
          subnetIds: ["subnet-1", "subnet-2"],
          routeTableIds: [],
          securityGroupIds: ["sg-used"],
          privateDns: true,
          name: "sqs",
        },
      ],
      securityGroups: [
        {
          id: "sg-used",
          name: "endpoints",
          ingress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"], ipv6Cidrs: [], groupIds: [], prefixListIds: [] },
            { protocol: "-1", cidrs: [], ipv6Cidrs: [], groupIds: ["sg-app"], prefixListIds: [] },
          ],
        },
      ],
    };
    assert.deepEqual(a, expected);
    assert.deepEqual(snapshots.get(pairKey(B, "us-east-1"))![0]!.vpc, {
      id: "vpc-0b",
      cidrs: ["10.1.0.0/16"],
      ipv6Cidrs: [],
      dnsSupport: false,
      dnsHostnames: false,
      isDefault: true,
      ownerId: B,
    });
  });

  it("follows NextToken to the last page of every query, and refuses rows it cannot read", async () => {
    const pages: Record<string, string[][]> = { "AWS::EC2::VPC": [[FIXTURE[0]!], [FIXTURE[11]!]] };
    const asked: [string, string | undefined][] = [];
    const rows = await queryAggregator(async (expression, token) => {
      asked.push([expression, token]);
      const type = /'(.+)'/.exec(expression)![1]!;
      const mine = pages[type] ?? [[]];
      const i = Number(token ?? 0);
      return { Results: mine[i], ...(i + 1 < mine.length ? { NextToken: String(i + 1) } : {}) };
    });
    assert.deepEqual(
      rows.map((r) => r.resourceId),
      ["vpc-0a", "vpc-0b"],
    );
    assert.deepEqual(asked.slice(0, 2), [
      [configQuery("AWS::EC2::VPC"), undefined],
      [configQuery("AWS::EC2::VPC"), "1"],
    ]);
    assert.equal(asked.length, CONFIG_RESOURCE_TYPES.length + 1);
    await assert.rejects(
      queryAggregator(async () => ({ Results: [FIXTURE[1]!] })),
      (err: Error) => err instanceof ConfigRowError && /asked for AWS::EC2::VPC, got AWS::EC2::Subnet/.test(err.message),
    );
    assert.throws(() => parseConfigRow("{not json"), ConfigRowError);
    assert.throws(() => parseConfigRow(JSON.stringify({ accountId: A, resourceId: "x", resourceType: "AWS::EC2::VPC" })), /no awsRegion/);
  });
});

describe("AWS Config aggregator: reading an organization (emulator + local Config fake)", function () {
  this.timeout(180_000);
  const moto = useMoto();
  const AGGREGATOR = "org-aggregator";
  const strip = (snapshots: VpcSnapshot[]) => snapshots.map((s) => ({ ...s, subnets: s.subnets.map(({ azId: _azId, ...rest }) => rest) }));

  it("Config's snapshots completed per account equal the EC2 reader's, for every pair", async () => {
    const members = await buildOrganization(moto.url());
    await buildBrownfield(ec2Client(moto.url()), moto.url());
    const accounts = [MANAGEMENT, ...members].sort();
    const fake = configFake(AGGREGATOR, await configRowsFromEmulator(moto.url(), accounts, REGIONS));
    const proxy = await startProxy(moto.url(), () => undefined, fake.answer);
    try {
      const options = { roleName: "OrgReader", homeRegion: REGION, endpointUrl: proxy.url, regions: REGIONS };
      const direct = await readOrganization(options, (ec2) => readVpcSnapshots(ec2));
      const known = snapshotsFromConfig(await readConfigAggregator(options, AGGREGATOR));
      const pairs = new Map(accounts.map((a) => [a, REGIONS.filter((r) => known.has(pairKey(a, r)))]));
      proxy.seen.length = 0;
      const viaConfig = await readOrganization({ ...options, pairs }, (ec2, key) =>
        completeFromEc2(ec2, known.get(pairKey(key.account, key.region)) ?? []),
      );
      assert.deepEqual(viaConfig.unread, []);
      assert.equal(viaConfig.read.length, accounts.length * REGIONS.length);
      for (const pair of direct.read) {
        const other = viaConfig.read.find((r) => r.account === pair.account && r.region === pair.region);
        assert.deepEqual(strip(other!.data), strip(pair.data), `${pair.account}/${pair.region}`);
      }
      assert.ok(
        direct.read.some((r) => r.data.some((s) => s.endpoints.some((e) => e.policy))),
        "policies were compared",
      );
      const actions = new Set(proxy.seen.map((s) => s.action));
      for (const gone of [
        "DescribeVpcs",
        "DescribeSubnets",
        "DescribeRouteTables",
        "DescribeSecurityGroups",
        "DescribeNatGateways",
        "DescribeRegions",
      ])
        assert.ok(!actions.has(gone), `${gone} is Config's, not read per account`);
      assert.ok(actions.has("DescribeVpcEndpoints") && actions.has("DescribeVpcAttribute"));
    } finally {
      await proxy.close();
    }
  });

  it("inventory and audit --org --config-aggregator: the same report, an account Config lacks listed unread, a wrong aggregator exit 1", async () => {
    const members = await buildOrganization(moto.url());
    await buildBrownfield(ec2Client(moto.url()), moto.url());
    const missing = members[2]!;
    const covered = [MANAGEMENT, ...members.slice(0, 2)];
    const fake = configFake(AGGREGATOR, await configRowsFromEmulator(moto.url(), covered, REGIONS));
    const proxy = await startProxy(moto.url(), () => undefined, fake.answer);
    const base = [
      "--org",
      "--region",
      REGION,
      "--role-name",
      "OrgReader",
      "--endpoint-url",
      proxy.url,
      "--regions",
      REGIONS.join(","),
      "--format",
      "json",
    ];
    try {
      const scope = ["--accounts", covered.join(",")];
      const plain = await vpcePlan(["audit", ...base, ...scope]);
      const config = await vpcePlan(["audit", ...base, ...scope, "--config-aggregator", AGGREGATOR]);
      assert.equal(config.code, plain.code, config.stderr);
      const [p, c] = [json<OrgReport>(plain), json<OrgReport>(config)];
      assert.ok(p.findings.length > 0);
      assert.deepEqual(c.findings, p.findings);
      assert.deepEqual(c.endpoints, p.endpoints);
      assert.deepEqual(c.totals, p.totals);
      assert.ok(fake.expressions.length >= CONFIG_RESOURCE_TYPES.length);

      const all = await vpcePlan(["inventory", ...base, "--config-aggregator", AGGREGATOR]);
      assert.equal(all.code, 4, all.stderr);
      const report = json<OrgReport>(all);
      assert.deepEqual(
        report.unread.map((u) => [u.account, u.region, u.kind]),
        [[missing, "*", "not-in-config"]],
      );
      assert.equal(report.totals.byAccount[members[0]!]!.endpoints, 2);

      const wrong = await vpcePlan(["inventory", ...base, "--config-aggregator", "no-such-aggregator"]);
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /could not query the AWS Config aggregator no-such-aggregator .*does not exist/);
    } finally {
      await proxy.close();
    }
  });

  it("a malformed aggregator name is a flag problem beside the others, exit 2, before any call", async () => {
    const run = await vpcePlan(
      ["inventory", "--org", "--region", REGION, "--regions", "mars-1", "--config-aggregator", "bad name!", "--format", "json"],
      { AWS_ENDPOINT_URL: "http://127.0.0.1:9" },
    );
    assert.equal(run.code, 2, run.stderr);
    const messages = json<{ errors: { code: string; message: string }[] }>(run).errors.map((e) => e.message);
    assert.ok(messages.some((m) => m.startsWith('--regions: "mars-1"')));
    assert.ok(messages.some((m) => m.startsWith('--config-aggregator: "bad name!" is not an aggregator name')));
  });
});
