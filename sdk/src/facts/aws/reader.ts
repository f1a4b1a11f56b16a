/**
 * Reads VPC snapshots and endpoint-service facts from the EC2 API. Every Describe call is paginated;
 * calls that do not depend on each other run in parallel.
 */
import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  type DescribeNatGatewaysResult,
  type DescribeRouteTablesResult,
  type DescribeSecurityGroupsResult,
  type DescribeSubnetsResult,
  type DescribeVpcAttributeResult,
  type DescribeVpcEndpointServicesResult,
  type DescribeVpcEndpointsResult,
  type DescribeVpcsResult,
  type Filter,
  type SecurityGroup,
  type ServiceDetail,
  type Tag,
} from "@aws-sdk/client-ec2";
import type { Ec2Session } from "./client";
import { AwsFactsError } from "./errors";
import { paginate } from "./paginate";
import type {
  EndpointFacts,
  NatGatewayFacts,
  RouteTableFacts,
  SecurityGroupFacts,
  ServiceFacts,
  ServiceLookup,
  SubnetFacts,
  VpcFacts,
  VpcSnapshot,
} from "./snapshot";

/** EC2 accepts at most 200 values in one filter. */
const FILTER_VALUES = 200;

/**
 * CIDR association states that no longer count. Tested by exclusion: moto reports subnet IPv6 states
 * in a garbled form, and a block being associated is already usable for planning.
 */
const isAssociated = (state: string | undefined): boolean => !/disassociat|fail/i.test(state ?? "");

const nameTag = (tags: Tag[] | undefined): string | undefined => tags?.find((t) => t.Key === "Name")?.Value;
const sorted = (values: Iterable<string>): string[] => [...values].sort();
const otherTags = (tags: Tag[] | undefined): { tags?: Record<string, string> } => {
  const rest = (tags ?? []).filter((t) => t.Key && t.Key !== "Name").map((t) => [t.Key!, t.Value ?? ""] as const);
  return rest.length ? { tags: Object.fromEntries(rest) } : {};
};
const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Snapshots of the given VPCs, or of every VPC in the region when `vpcIds` is empty. An id that
 * does not exist is an error naming --vpc-id and --region (EC2 silently filters it out).
 */
export async function readVpcSnapshots(ec2: Ec2Session, vpcIds: string[] = []): Promise<VpcSnapshot[]> {
  const vpcFilter: Filter[] = vpcIds.length ? [{ Name: "vpc-id", Values: vpcIds }] : [];
  const vpcs = await paginate("EC2 DescribeVpcs", async (token) => {
    const r = await ec2.send<DescribeVpcsResult>(
      "DescribeVpcs",
      new DescribeVpcsCommand({ Filters: vpcFilter.length ? vpcFilter : undefined, MaxResults: ec2.pageSize(1000), NextToken: token }),
      vpcIds,
    );
    return { items: r.Vpcs, next: r.NextToken };
  });
  const missing = vpcIds.filter((id) => !vpcs.some((v) => v.VpcId === id));
  if (missing.length) {
    throw new AwsFactsError(
      `${missing.join(", ")} not found in ${ec2.region}. Check --vpc-id, and --region: a VPC lives in one region${ec2.endpointUrl ? ` (endpoint ${ec2.endpointUrl})` : ""}.`,
      "--vpc-id",
      "InvalidVpcID.NotFound",
    );
  }
  if (!vpcs.length) return [];
  const ids = vpcs.map((v) => v.VpcId!);
  const filter: Filter[] | undefined = vpcIds.length ? [{ Name: "vpc-id", Values: ids }] : undefined;
  const [attributes, subnets, routeTables, natGateways, endpoints] = await Promise.all([
    Promise.all(ids.map((id) => readDnsAttributes(ec2, id))),
    readSubnets(ec2, filter),
    readRouteTables(ec2, filter),
    readNatGateways(ec2, filter),
    readEndpoints(ec2, filter),
  ]);
  const groups = await readSecurityGroups(ec2, sorted(new Set(endpoints.flatMap((e) => e.facts.securityGroupIds))));

  const facts = vpcs.map((v, i): VpcFacts => {
    const vpc: VpcFacts = {
      id: v.VpcId!,
      cidrs: sorted(
        new Set((v.CidrBlockAssociationSet ?? []).filter((a) => isAssociated(a.CidrBlockState?.State)).map((a) => a.CidrBlock!)),
      ),
      ipv6Cidrs: sorted(
        new Set(
          (v.Ipv6CidrBlockAssociationSet ?? []).filter((a) => isAssociated(a.Ipv6CidrBlockState?.State)).map((a) => a.Ipv6CidrBlock!),
        ),
      ),
      ...attributes[i],
      isDefault: Boolean(v.IsDefault),
      ...(v.OwnerId ? { ownerId: v.OwnerId } : {}),
      ...(nameTag(v.Tags) ? { name: nameTag(v.Tags) } : {}),
    };
    if (!vpc.cidrs.length && v.CidrBlock) vpc.cidrs = [v.CidrBlock];
    return vpc;
  });
  return assembleSnapshots(ec2.region, facts, { subnets, routeTables, natGateways, endpoints, groups });
}

export type InVpc<T> = { vpcId: string; facts: T };

/** What a region holds, each item tagged with its VPC: the EC2 reader's and the AWS Config reader's common form. */
export interface RegionParts {
  subnets: InVpc<SubnetFacts>[];
  routeTables: InVpc<RouteTableFacts>[];
  natGateways: InVpc<NatGatewayFacts>[];
  endpoints: InVpc<EndpointFacts>[];
  groups: SecurityGroupFacts[];
}

/**
 * One snapshot per VPC. A subnet without an explicit route table uses the VPC's main one
 * (https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html); only the security groups
 * the VPC's endpoints use are kept.
 */
export function assembleSnapshots(region: string, vpcs: VpcFacts[], parts: RegionParts): VpcSnapshot[] {
  return vpcs
    .map((vpc): VpcSnapshot => {
      const id = vpc.id;
      const tables = parts.routeTables.filter((t) => t.vpcId === id).map((t) => t.facts);
      const main = tables.find((t) => t.main);
      const explicit = new Map(tables.flatMap((t) => t.subnetIds.map((s) => [s, t.id] as const)));
      const vpcEndpoints = parts.endpoints.filter((e) => e.vpcId === id).map((e) => e.facts);
      const usedGroups = new Set(vpcEndpoints.flatMap((e) => e.securityGroupIds));
      return {
        region,
        vpc,
        subnets: parts.subnets
          .filter((s) => s.vpcId === id)
          .map((s) => {
            const routeTableId = explicit.get(s.facts.id) ?? main?.id;
            return { ...s.facts, ...(routeTableId ? { routeTableId } : {}) };
          })
          .sort(byId),
        routeTables: tables.sort(byId),
        natGateways: parts.natGateways
          .filter((n) => n.vpcId === id)
          .map((n) => n.facts)
          .sort(byId),
        endpoints: vpcEndpoints.sort(byId),
        securityGroups: parts.groups.filter((g) => usedGroups.has(g.id)).sort(byId),
      };
    })
    .sort((a, b) => byId(a.vpc, b.vpc));
}

export async function readDnsAttributes(ec2: Ec2Session, vpcId: string): Promise<Pick<VpcFacts, "dnsSupport" | "dnsHostnames">> {
  const [support, hostnames] = await Promise.all(
    (["enableDnsSupport", "enableDnsHostnames"] as const).map((Attribute) =>
      ec2.send<DescribeVpcAttributeResult>("DescribeVpcAttribute", new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute }), [vpcId]),
    ),
  );
  return { dnsSupport: support.EnableDnsSupport?.Value === true, dnsHostnames: hostnames.EnableDnsHostnames?.Value === true };
}

async function readSubnets(ec2: Ec2Session, filter: Filter[] | undefined): Promise<Array<InVpc<SubnetFacts>>> {
  const items = await paginate("EC2 DescribeSubnets", async (token) => {
    const r = await ec2.send<DescribeSubnetsResult>(
      "DescribeSubnets",
      new DescribeSubnetsCommand({ Filters: filter, MaxResults: ec2.pageSize(1000), NextToken: token }),
    );
    return { items: r.Subnets, next: r.NextToken };
  });
  return items.map((s) => ({
    vpcId: s.VpcId!,
    facts: {
      id: s.SubnetId!,
      az: s.AvailabilityZone!,
      ...(s.AvailabilityZoneId ? { azId: s.AvailabilityZoneId } : {}),
      ...(s.CidrBlock ? { cidr: s.CidrBlock } : {}),
      ipv6: (s.Ipv6CidrBlockAssociationSet ?? []).some((a) => isAssociated(a.Ipv6CidrBlockState?.State)),
      ...(nameTag(s.Tags) ? { name: nameTag(s.Tags) } : {}),
      ...otherTags(s.Tags),
    },
  }));
}

async function readRouteTables(ec2: Ec2Session, filter: Filter[] | undefined): Promise<Array<InVpc<RouteTableFacts>>> {
  const items = await paginate("EC2 DescribeRouteTables", async (token) => {
    const r = await ec2.send<DescribeRouteTablesResult>(
      "DescribeRouteTables",
      new DescribeRouteTablesCommand({ Filters: filter, MaxResults: ec2.pageSize(100), NextToken: token }),
    );
    return { items: r.RouteTables, next: r.NextToken };
  });
  return items.map((t) => ({
    vpcId: t.VpcId!,
    facts: {
      id: t.RouteTableId!,
      main: (t.Associations ?? []).some((a) => a.Main),
      subnetIds: sorted(
        (t.Associations ?? []).filter((a) => a.SubnetId && a.AssociationState?.State !== "disassociated").map((a) => a.SubnetId!),
      ),
      routes: (t.Routes ?? []).map((r) => ({
        destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? "",
        ...(r.DestinationPrefixListId ? { prefixListId: r.DestinationPrefixListId } : {}),
        ...(r.NatGatewayId ? { natGatewayId: r.NatGatewayId } : {}),
        ...(r.GatewayId ? { gatewayId: r.GatewayId } : {}),
        ...(r.State ? { state: r.State } : {}),
      })),
    },
  }));
}

async function readNatGateways(ec2: Ec2Session, filter: Filter[] | undefined): Promise<Array<InVpc<NatGatewayFacts>>> {
  const items = await paginate("EC2 DescribeNatGateways", async (token) => {
    // DescribeNatGateways names its filter parameter `Filter`, unlike the others.
    const r = await ec2.send<DescribeNatGatewaysResult>(
      "DescribeNatGateways",
      new DescribeNatGatewaysCommand({ Filter: filter, MaxResults: ec2.pageSize(1000), NextToken: token }),
    );
    return { items: r.NatGateways, next: r.NextToken };
  });
  return items
    .filter((n) => n.State !== "deleted" && n.State !== "failed")
    .map((n) => ({
      vpcId: n.VpcId!,
      facts: { id: n.NatGatewayId!, ...(n.SubnetId ? { subnetId: n.SubnetId } : {}), ...(n.State ? { state: n.State } : {}) },
    }));
}

export async function readEndpoints(ec2: Ec2Session, filter: Filter[] | undefined): Promise<Array<InVpc<EndpointFacts>>> {
  const items = await paginate("EC2 DescribeVpcEndpoints", async (token) => {
    const r = await ec2.send<DescribeVpcEndpointsResult>(
      "DescribeVpcEndpoints",
      new DescribeVpcEndpointsCommand({ Filters: filter, MaxResults: ec2.pageSize(1000), NextToken: token }),
    );
    return { items: r.VpcEndpoints, next: r.NextToken };
  });
  return items.map((e) => ({
    vpcId: e.VpcId!,
    facts: {
      id: e.VpcEndpointId!,
      type: e.VpcEndpointType ?? "Interface",
      serviceName: e.ServiceName!,
      state: e.State ?? "available",
      subnetIds: sorted(e.SubnetIds ?? []),
      routeTableIds: sorted(e.RouteTableIds ?? []),
      securityGroupIds: sorted((e.Groups ?? []).map((g) => g.GroupId!)),
      privateDns: Boolean(e.PrivateDnsEnabled),
      ...(e.PolicyDocument ? { policy: e.PolicyDocument } : {}),
      ...(e.IpAddressType ? { ipAddressType: e.IpAddressType } : {}),
      ...(nameTag(e.Tags) ? { name: nameTag(e.Tags) } : {}),
    },
  }));
}

async function describeGroups(ec2: Ec2Session, groupIds: string[]): Promise<SecurityGroup[]> {
  // GroupIds cannot be combined with MaxResults, so the ids go in a filter instead.
  const pages = await Promise.all(
    chunks(groupIds, FILTER_VALUES).map((ids) =>
      paginate("EC2 DescribeSecurityGroups", async (token) => {
        const r = await ec2.send<DescribeSecurityGroupsResult>(
          "DescribeSecurityGroups",
          new DescribeSecurityGroupsCommand({
            Filters: [{ Name: "group-id", Values: ids }],
            MaxResults: ec2.pageSize(1000),
            NextToken: token,
          }),
        );
        return { items: r.SecurityGroups, next: r.NextToken };
      }),
    ),
  );
  return pages.flat();
}

/** Per security group id the VPC it belongs to; ids that do not exist are left out. */
export async function readSecurityGroupVpcs(ec2: Ec2Session, groupIds: string[]): Promise<Record<string, string>> {
  const groups = await describeGroups(ec2, sorted(new Set(groupIds)));
  return Object.fromEntries(groups.filter((g) => g.VpcId).map((g) => [g.GroupId!, g.VpcId!]));
}

async function readSecurityGroups(ec2: Ec2Session, groupIds: string[]): Promise<SecurityGroupFacts[]> {
  const groups = await describeGroups(ec2, groupIds);
  return groups.map((g) => ({
    id: g.GroupId!,
    name: g.GroupName ?? "",
    ingress: (g.IpPermissions ?? []).map((p) => ({
      protocol: p.IpProtocol ?? "-1",
      ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
      ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
      cidrs: sorted((p.IpRanges ?? []).map((r) => r.CidrIp!)),
      ipv6Cidrs: sorted((p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6!)),
      groupIds: sorted((p.UserIdGroupPairs ?? []).map((r) => r.GroupId!)),
      prefixListIds: sorted((p.PrefixListIds ?? []).map((r) => r.PrefixListId!)),
    })),
  }));
}

/**
 * `DescribeVpcEndpointServices` for the given names. AWS fails the whole call when one name is not
 * offered in the region (InvalidServiceName); that name is recorded as missing and the call retried
 * without it, so one unknown service never hides the facts of the others.
 */
export async function readServices(ec2: Ec2Session, serviceNames: string[], serviceRegion?: string): Promise<ServiceLookup> {
  let names = sorted(new Set(serviceNames));
  // A cross-region endpoint's service is read where it lives; older EC2 APIs (moto) ignore the parameter.
  const regions = serviceRegion ? { ServiceRegions: [serviceRegion] } : {};
  const missing: string[] = [];
  for (;;) {
    if (!names.length) return { found: {}, missing: missing.sort() };
    try {
      const details = await paginate("EC2 DescribeVpcEndpointServices", async (token) => {
        const r = await ec2.send<DescribeVpcEndpointServicesResult>(
          "DescribeVpcEndpointServices",
          new DescribeVpcEndpointServicesCommand({ ServiceNames: names, MaxResults: ec2.pageSize(1000), NextToken: token, ...regions }),
        );
        return { items: r.ServiceDetails, next: r.NextToken };
      });
      return { found: mergeServiceDetails(details, serviceRegion), missing: missing.sort() };
    } catch (err) {
      const bad =
        (err as { awsCode?: string }).awsCode === "InvalidServiceName"
          ? names.find((n) => (err as Error).message.includes(`'${n}'`))
          : undefined;
      if (!bad) throw err;
      missing.push(bad);
      names = names.filter((n) => n !== bad);
    }
  }
}

/**
 * Every endpoint service the region offers (AWS's and those shared with the account), or, with
 * `serviceRegion`, those it offers from that region: `catalog --from-aws`.
 */
export async function readAllServices(ec2: Ec2Session, serviceRegion?: string): Promise<Record<string, ServiceFacts>> {
  const details = await paginate("EC2 DescribeVpcEndpointServices", async (token) => {
    const r = await ec2.send<DescribeVpcEndpointServicesResult>(
      "DescribeVpcEndpointServices",
      new DescribeVpcEndpointServicesCommand({
        MaxResults: ec2.pageSize(1000),
        NextToken: token,
        ...(serviceRegion ? { ServiceRegions: [serviceRegion] } : {}),
      }),
    );
    return { items: r.ServiceDetails, next: r.NextToken };
  });
  return mergeServiceDetails(details, serviceRegion);
}

/**
 * The lookups of every group of `serviceNamesToLookUp` (the VPC's region, and each service region
 * of a cross-region endpoint), in parallel, as one lookup.
 */
export async function readServiceGroups(ec2: Ec2Session, groups: Record<string, string[]>): Promise<ServiceLookup> {
  const lookups = await Promise.all(Object.entries(groups).map(([region, names]) => readServices(ec2, names, region || undefined)));
  return {
    found: Object.assign({}, ...lookups.map((l) => l.found)) as Record<string, ServiceFacts>,
    missing: sorted(lookups.flatMap((l) => l.missing)),
  };
}

/** S3 and DynamoDB appear twice (Gateway and Interface); the interface entry carries the AZs that matter. */
export function mergeServiceDetails(details: ServiceDetail[], serviceRegion?: string): Record<string, ServiceFacts> {
  const out: Record<string, ServiceFacts> = {};
  const hasInterface = (d: ServiceDetail): boolean => (d.ServiceType ?? []).some((t) => t.ServiceType === "Interface");
  for (const d of [...details].sort((a, b) => Number(hasInterface(a)) - Number(hasInterface(b)))) {
    const name = d.ServiceName!;
    const previous = out[name];
    const types = sorted(new Set([...(previous?.types ?? []), ...(d.ServiceType ?? []).map((t) => t.ServiceType!)]));
    const own = hasInterface(d) || !previous;
    const dns = (d.PrivateDnsNames ?? []).map((p) => p.PrivateDnsName!).filter(Boolean);
    const ipTypes = d.SupportedIpAddressTypes?.length ? sorted(d.SupportedIpAddressTypes) : previous?.ipTypes;
    const hostedIn = d.ServiceRegion ?? serviceRegion;
    out[name] = {
      serviceName: name,
      ...(hostedIn ? { serviceRegion: hostedIn } : {}),
      types,
      azs: own ? sorted(d.AvailabilityZones ?? []) : previous.azs,
      privateDnsNames: own ? sorted(new Set(dns.length ? dns : d.PrivateDnsName ? [d.PrivateDnsName] : [])) : previous.privateDnsNames,
      ...(d.VpcEndpointPolicySupported !== undefined
        ? { policySupported: d.VpcEndpointPolicySupported }
        : previous?.policySupported !== undefined
          ? { policySupported: previous.policySupported }
          : {}),
      ...(ipTypes ? { ipTypes } : {}),
      ...(d.AcceptanceRequired !== undefined ? { acceptanceRequired: d.AcceptanceRequired } : {}),
      ...(d.PrivateDnsNameVerificationState ? { privateDnsVerified: d.PrivateDnsNameVerificationState === "verified" } : {}),
      ...(d.Owner ? { owner: d.Owner } : {}),
    };
  }
  return out;
}
