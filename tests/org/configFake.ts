/**
 * A stand-in for AWS Config's SelectAggregateResourceConfig, which moto does not implement. It
 * builds the configuration items Config would hold from what the emulator's EC2 says, in the shape
 * AWS documents: camelCase properties of the Describe output, enum states as `state.value`
 * (https://github.com/awslabs/aws-config-resource-schema/tree/master/config/properties/resource-types),
 * and answers in the API's JSON protocol, `Results` as JSON strings with `NextToken`
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_SelectAggregateResourceConfig.html).
 */
import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import type { Answer, Answerer } from "../helpers/awsProxy";
import { assumed } from "./world";

const camel = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(camel)
    : v && typeof v === "object" && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k[0]!.toLowerCase() + k.slice(1), camel(x)]))
      : v;

type Item = Record<string, unknown> & { Tags?: { Key?: string; Value?: string }[]; State?: unknown };

const row = (accountId: string, awsRegion: string, resourceType: string, resourceId: string, item: Item): string => {
  const configuration = camel(item) as Record<string, unknown>;
  if (typeof item.State === "string") configuration.state = { value: item.State };
  return JSON.stringify({
    accountId,
    awsRegion,
    resourceId,
    resourceType,
    tags: (item.Tags ?? []).map((t) => ({ key: t.Key, value: t.Value })),
    configuration,
  });
};

/** Every row Config would hold of the resource types vpce-plan queries, for these accounts and regions. */
export async function configRowsFromEmulator(url: string, accounts: readonly string[], regions: readonly string[]): Promise<string[]> {
  const rows: string[] = [];
  for (const account of accounts) {
    const credentials = await assumed(url, account);
    for (const region of regions) {
      const ec2 = new EC2Client({ region, endpoint: url, credentials });
      const add = (type: string, items: Item[] | undefined, id: (i: Item) => unknown) =>
        rows.push(...(items ?? []).map((i) => row(account, region, type, String(id(i)), i)));
      add("AWS::EC2::VPC", (await ec2.send(new DescribeVpcsCommand({}))).Vpcs as Item[], (i) => i.VpcId);
      add("AWS::EC2::Subnet", (await ec2.send(new DescribeSubnetsCommand({}))).Subnets as Item[], (i) => i.SubnetId);
      add("AWS::EC2::RouteTable", (await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables as Item[], (i) => i.RouteTableId);
      add("AWS::EC2::NatGateway", (await ec2.send(new DescribeNatGatewaysCommand({}))).NatGateways as Item[], (i) => i.NatGatewayId);
      // Config names EC2's IpRanges `ipv4Ranges` and keeps `ipRanges` as bare CIDR strings (the schema's two properties).
      const groups = ((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? []).map((g) => ({
        ...g,
        IpPermissions: (g.IpPermissions ?? []).map(({ IpRanges, ...p }) => ({
          ...p,
          Ipv4Ranges: IpRanges ?? [],
          IpRanges: (IpRanges ?? []).map((r) => r.CidrIp),
        })),
      }));
      add("AWS::EC2::SecurityGroup", groups as Item[], (i) => i.GroupId);
      add("AWS::EC2::VPCEndpoint", (await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints as Item[], (i) => i.VpcEndpointId);
      ec2.destroy();
    }
  }
  return rows;
}

const jsonAnswer = (status: number, body: unknown): Answer => ({
  status,
  contentType: "application/x-amz-json-1.1",
  body: JSON.stringify(body),
});

export interface ConfigFake {
  answer: Answerer;
  /** Every Expression asked, in order. */
  expressions: string[];
}

/**
 * Answers SelectAggregateResourceConfig for `aggregator` from `rows`, `pageSize` rows a page; any
 * other aggregator name gets the API's NoSuchConfigurationAggregatorException.
 */
export function configFake(aggregator: string, rows: readonly string[], pageSize = 3): ConfigFake {
  const expressions: string[] = [];
  const answer: Answerer = (seen) => {
    if (seen.action !== "StarlingDoveService.SelectAggregateResourceConfig") return undefined;
    const request = JSON.parse(seen.body) as {
      ConfigurationAggregatorName: string;
      Expression: string;
      Limit?: number;
      NextToken?: string;
    };
    expressions.push(request.Expression);
    if (request.ConfigurationAggregatorName !== aggregator)
      return jsonAnswer(400, {
        __type: "NoSuchConfigurationAggregatorException",
        message: `The configuration aggregator does not exist: ${request.ConfigurationAggregatorName}`,
      });
    const type = /WHERE resourceType = '([^']+)'$/.exec(request.Expression)?.[1];
    if (!type || !/^SELECT accountId, awsRegion, resourceId, resourceType, tags, configuration /.test(request.Expression))
      return jsonAnswer(400, { __type: "InvalidExpressionException", message: "The syntax of the query is incorrect." });
    const matching = rows.filter((r) => (JSON.parse(r) as { resourceType: string }).resourceType === type);
    const from = Number(request.NextToken ?? 0);
    const size = Math.min(pageSize, request.Limit ?? 25);
    const next = from + size < matching.length ? String(from + size) : undefined;
    return jsonAnswer(200, {
      Results: matching.slice(from, from + size),
      QueryInfo: {
        SelectFields: ["accountId", "awsRegion", "resourceId", "resourceType", "tags", "configuration"].map((Name) => ({ Name })),
      },
      ...(next ? { NextToken: next } : {}),
    });
  };
  return { answer, expressions };
}
