/**
 * The organization's VPCs from an AWS Config aggregator (`--config-aggregator`): one advanced query
 * per resource type through SelectAggregateResourceConfig, instead of five Describe calls in every
 * account and region. Config does not hold everything: what it lacks is read per account
 * (`completeFromEc2`) through the scheduler. docs/organization.md lists which field comes from where.
 *
 * Sources:
 * - API, request and response (`Results` are JSON strings, `NextToken`, `Limit` at most 100):
 *   https://docs.aws.amazon.com/config/latest/APIReference/API_SelectAggregateResourceConfig.html
 * - The query language (SELECT ... WHERE, the `resourceType`, `accountId`, `awsRegion`, `tags` and
 *   `configuration` fields): https://docs.aws.amazon.com/config/latest/developerguide/query-components.html
 * - The properties Config records per type (AWS's published schema, what the parser reads):
 *   https://github.com/awslabs/aws-config-resource-schema/tree/master/config/properties/resource-types
 */
import type { Ec2Session } from "../aws/client";
import { assembleSnapshots, chunks, readDnsAttributes, readEndpoints, type InVpc, type RegionParts } from "../aws/reader";
import type { EndpointFacts, IngressFacts, RouteTableFacts, SecurityGroupFacts, SubnetFacts, VpcFacts, VpcSnapshot } from "../aws/snapshot";

/** The resource types read from Config, in query order. */
export const CONFIG_RESOURCE_TYPES = [
  "AWS::EC2::VPC",
  "AWS::EC2::Subnet",
  "AWS::EC2::RouteTable",
  "AWS::EC2::NatGateway",
  "AWS::EC2::SecurityGroup",
  "AWS::EC2::VPCEndpoint",
] as const;
export type ConfigResourceType = (typeof CONFIG_RESOURCE_TYPES)[number];

/** The advanced query for one resource type: the whole configuration, with where it lives. */
export const configQuery = (type: ConfigResourceType): string =>
  `SELECT accountId, awsRegion, resourceId, resourceType, tags, configuration WHERE resourceType = '${type}'`;

/** The largest page SelectAggregateResourceConfig returns (Limit: 0-100). */
export const CONFIG_PAGE_LIMIT = 100;

/** One row of `Results`, parsed. */
export interface ConfigRow {
  accountId: string;
  awsRegion: string;
  resourceId: string;
  resourceType: string;
  tags?: { key?: string; value?: string }[];
  configuration?: Record<string, unknown>;
}

/** A row that is not what the query asked for: the aggregator answered something vpce-plan cannot read. */
export class ConfigRowError extends Error {
  constructor(message: string) {
    super(`AWS Config returned a row vpce-plan cannot read: ${message}`);
    this.name = "ConfigRowError";
  }
}

export function parseConfigRow(text: string): ConfigRow {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch {
    throw new ConfigRowError(`not JSON: ${text.slice(0, 80)}`);
  }
  const r = row as Partial<ConfigRow>;
  for (const field of ["accountId", "awsRegion", "resourceId", "resourceType"] as const)
    if (typeof r[field] !== "string") throw new ConfigRowError(`no ${field} in ${text.slice(0, 80)}`);
  return r as ConfigRow;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
/** The schema records enum states as `state.value`; a plain string is read as well. */
const stateOf = (v: unknown): string | undefined => str(v) ?? str(obj(v).value);
const sorted = (values: Iterable<string>): string[] => [...values].sort();
const isAssociated = (state: string | undefined): boolean => !/disassociat|fail/i.test(state ?? "");
const cidrSet = (items: Json[], field: string, stateField: string): string[] =>
  sorted(new Set(items.filter((a) => isAssociated(str(obj(a[stateField]).state))).flatMap((a) => (str(a[field]) ? [str(a[field])!] : []))));

const tagsOf = (row: ConfigRow): { name?: string; tags?: Record<string, string> } => {
  const all = (row.tags ?? []).filter((t) => t.key);
  const name = all.find((t) => t.key === "Name")?.value;
  const rest = all.filter((t) => t.key !== "Name").map((t) => [t.key!, t.value ?? ""] as const);
  return { ...(name ? { name } : {}), ...(rest.length ? { tags: Object.fromEntries(rest) } : {}) };
};

/** DNS attributes are not in Config's VPC item: false until `completeFromEc2` reads them. */
function vpcOf(row: ConfigRow): VpcFacts {
  const c = obj(row.configuration);
  const cidrs = cidrSet(list(c.cidrBlockAssociationSet), "cidrBlock", "cidrBlockState");
  const { name } = tagsOf(row);
  return {
    id: str(c.vpcId) ?? row.resourceId,
    cidrs: cidrs.length ? cidrs : str(c.cidrBlock) ? [str(c.cidrBlock)!] : [],
    ipv6Cidrs: cidrSet(list(c.ipv6CidrBlockAssociationSet), "ipv6CidrBlock", "ipv6CidrBlockState"),
    dnsSupport: false,
    dnsHostnames: false,
    isDefault: c.isDefault === true,
    ownerId: str(c.ownerId) ?? row.accountId,
    ...(name ? { name } : {}),
  };
}

const subnetOf = (row: ConfigRow): InVpc<SubnetFacts> => {
  const c = obj(row.configuration);
  return {
    vpcId: str(c.vpcId) ?? "",
    facts: {
      id: str(c.subnetId) ?? row.resourceId,
      az: str(c.availabilityZone) ?? "",
      ...(str(c.cidrBlock) ? { cidr: str(c.cidrBlock) } : {}),
      ipv6: cidrSet(list(c.ipv6CidrBlockAssociationSet), "ipv6CidrBlock", "ipv6CidrBlockState").length > 0,
      ...tagsOf(row),
    },
  };
};

const routeTableOf = (row: ConfigRow): InVpc<RouteTableFacts> => {
  const c = obj(row.configuration);
  const associations = list(c.associations);
  return {
    vpcId: str(c.vpcId) ?? "",
    facts: {
      id: str(c.routeTableId) ?? row.resourceId,
      main: associations.some((a) => a.main === true),
      subnetIds: sorted(associations.flatMap((a) => (str(a.subnetId) ? [str(a.subnetId)!] : []))),
      routes: list(c.routes).map((r) => {
        const prefixListId = str(r.destinationPrefixListId);
        return {
          destination: str(r.destinationCidrBlock) ?? str(r.destinationIpv6CidrBlock) ?? prefixListId ?? "",
          ...(prefixListId ? { prefixListId } : {}),
          ...(str(r.natGatewayId) ? { natGatewayId: str(r.natGatewayId) } : {}),
          ...(str(r.gatewayId) ? { gatewayId: str(r.gatewayId) } : {}),
          ...(stateOf(r.state) ? { state: stateOf(r.state) } : {}),
        };
      }),
    },
  };
};

const groupOf = (row: ConfigRow): SecurityGroupFacts => {
  const c = obj(row.configuration);
  return {
    id: str(c.groupId) ?? row.resourceId,
    name: str(c.groupName) ?? "",
    ingress: list(c.ipPermissions).map((p): IngressFacts => ({
      protocol: str(p.ipProtocol) ?? "-1",
      ...(num(p.fromPort) !== undefined ? { fromPort: num(p.fromPort) } : {}),
      ...(num(p.toPort) !== undefined ? { toPort: num(p.toPort) } : {}),
      // `ipv4Ranges` carries the CIDRs with descriptions; older items have only `ipRanges` (strings).
      cidrs: sorted(new Set([...list(p.ipv4Ranges).flatMap((r) => (str(r.cidrIp) ? [str(r.cidrIp)!] : [])), ...strs(p.ipRanges)])),
      ipv6Cidrs: sorted(list(p.ipv6Ranges).flatMap((r) => (str(r.cidrIpv6) ? [str(r.cidrIpv6)!] : []))),
      groupIds: sorted(list(p.userIdGroupPairs).flatMap((r) => (str(r.groupId) ? [str(r.groupId)!] : []))),
      prefixListIds: sorted(list(p.prefixListIds).flatMap((r) => (str(r.prefixListId) ? [str(r.prefixListId)!] : []))),
    })),
  };
};

/** The policy and IP address type are not in Config's endpoint item: `completeFromEc2` reads them. */
const endpointOf = (row: ConfigRow): InVpc<EndpointFacts> => {
  const c = obj(row.configuration);
  const { name } = tagsOf(row);
  return {
    vpcId: str(c.vpcId) ?? "",
    facts: {
      id: str(c.vpcEndpointId) ?? row.resourceId,
      type: str(c.vpcEndpointType) ?? "Interface",
      serviceName: str(c.serviceName) ?? "",
      state: stateOf(c.state) ?? "available",
      subnetIds: sorted(strs(c.subnetIds)),
      routeTableIds: sorted(strs(c.routeTableIds)),
      securityGroupIds: sorted(list(c.groups).flatMap((g) => (str(g.groupId) ? [str(g.groupId)!] : []))),
      privateDns: c.privateDnsEnabled === true,
      ...(name ? { name } : {}),
    },
  };
};

/** NAT gateways that are gone still have items until Config deletes them. */
const liveNat = (row: ConfigRow): boolean => !/^(deleted|failed)$/.test(stateOf(obj(row.configuration).state) ?? "");

export const pairKey = (account: string, region: string): string => `${account} ${region}`;

/**
 * Snapshots per (account, region) from the rows of every query, in the shape the EC2 reader gives
 * (`assembleSnapshots` is shared), without what Config lacks.
 */
export function snapshotsFromConfig(rows: readonly ConfigRow[]): Map<string, VpcSnapshot[]> {
  const byPair = new Map<string, ConfigRow[]>();
  for (const row of rows) {
    const key = pairKey(row.accountId, row.awsRegion);
    const pair = byPair.get(key) ?? [];
    pair.push(row);
    byPair.set(key, pair);
  }
  const out = new Map<string, VpcSnapshot[]>();
  for (const [key, pairRows] of [...byPair.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const of = (type: ConfigResourceType): ConfigRow[] => pairRows.filter((r) => r.resourceType === type);
    const vpcs = of("AWS::EC2::VPC").map(vpcOf);
    if (!vpcs.length) continue;
    const parts: RegionParts = {
      subnets: of("AWS::EC2::Subnet").map(subnetOf),
      routeTables: of("AWS::EC2::RouteTable").map(routeTableOf),
      natGateways: of("AWS::EC2::NatGateway")
        .filter(liveNat)
        .map((r) => {
          const c = obj(r.configuration);
          const state = stateOf(c.state);
          return {
            vpcId: str(c.vpcId) ?? "",
            facts: {
              id: str(c.natGatewayId) ?? r.resourceId,
              ...(str(c.subnetId) ? { subnetId: str(c.subnetId) } : {}),
              ...(state ? { state } : {}),
            },
          };
        }),
      endpoints: of("AWS::EC2::VPCEndpoint").map(endpointOf),
      groups: of("AWS::EC2::SecurityGroup").map(groupOf),
    };
    out.set(key, assembleSnapshots(pairRows[0]!.awsRegion, vpcs, parts));
  }
  return out;
}

/** EC2 accepts at most 200 values in one filter. */
const FILTER_VALUES = 200;

/**
 * Adds what Config does not hold to its snapshots of one (account, region): the VPCs' DNS
 * attributes, and each endpoint's policy document and IP address type. An endpoint Config still
 * lists but EC2 no longer has is dropped (Config's item lags the deletion).
 */
export async function completeFromEc2(ec2: Ec2Session, base: readonly VpcSnapshot[]): Promise<VpcSnapshot[]> {
  const vpcIds = base.filter((s) => s.endpoints.length).map((s) => s.vpc.id);
  const [attributes, live] = await Promise.all([
    Promise.all(base.map((s) => readDnsAttributes(ec2, s.vpc.id))),
    Promise.all(chunks(vpcIds, FILTER_VALUES).map((chunk) => readEndpoints(ec2, [{ Name: "vpc-id", Values: chunk }]))).then(
      (pages) => new Map(pages.flat().map((e) => [e.facts.id, e.facts])),
    ),
  ]);
  return base.map((s, i) => ({
    ...s,
    vpc: { ...s.vpc, ...attributes[i] },
    endpoints: s.endpoints.flatMap((e) => {
      const now = live.get(e.id);
      if (!now) return [];
      return [{ ...e, ...(now.policy ? { policy: now.policy } : {}), ...(now.ipAddressType ? { ipAddressType: now.ipAddressType } : {}) }];
    }),
  }));
}

/** One page of SelectAggregateResourceConfig, as the SDK answers it. */
export interface ConfigPage {
  Results?: string[];
  NextToken?: string;
}

/** Every row of every query, page by page; `send` is one scheduled call. */
export async function queryAggregator(
  send: (expression: string, nextToken: string | undefined) => Promise<ConfigPage>,
): Promise<ConfigRow[]> {
  const rows: ConfigRow[] = [];
  for (const type of CONFIG_RESOURCE_TYPES) {
    let token: string | undefined;
    do {
      const page = await send(configQuery(type), token);
      for (const text of page.Results ?? []) {
        const row = parseConfigRow(text);
        if (row.resourceType !== type) throw new ConfigRowError(`asked for ${type}, got ${row.resourceType} (${row.resourceId})`);
        rows.push(row);
      }
      token = page.NextToken || undefined;
    } while (token);
  }
  return rows;
}
