/**
 * A Pulumi stack's resources (as a CrossGuard policy sees them at `pulumi preview`) as the audit's
 * VPC snapshots, so the audit's own rules judge a stack before it deploys. At preview time the ids
 * of resources the stack creates are unknown: a resource stands in with its URN, and references
 * resolve through `propertyDependencies` (which resource a property's value comes from), falling
 * back to literal ids for resources outside the stack.
 */
import { findService } from "../catalog";
import type {
  EndpointFacts,
  IngressFacts,
  RouteTableFacts,
  SecurityGroupFacts,
  SubnetFacts,
  VpcFacts,
  VpcSnapshot,
} from "../facts/aws/snapshot";

/** The part of @pulumi/policy's PolicyResource (and ResourceValidationArgs) this module reads. */
export interface StackResource {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  propertyDependencies?: Record<string, ReadonlyArray<{ urn: string }>>;
  provider?: { props?: Record<string, unknown> };
}

export const TYPES = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  routeTableAssociation: "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  subnetRouteTable: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  zone: "aws:route53/zone:Zone",
} as const;

/** What AWS returns for an endpoint created without a policy: anyone, anything. */
export const DEFAULT_POLICY = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });

const strings = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string" && x !== "");
const numberOr = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** The ids a property refers to: the URNs it depends on, else its literal values. */
export function refs(r: StackResource, prop: string): string[] {
  const deps = (r.propertyDependencies?.[prop] ?? []).map((d) => d.urn);
  return deps.length ? deps : strings(r.props[prop]);
}

const ref = (r: StackResource, prop: string): string | undefined => refs(r, prop)[0];

/** `com.amazonaws.eu-west-1.s3` -> `eu-west-1`; else the provider's region. */
function regionOf(r: StackResource): string | undefined {
  const name = typeof r.props.serviceName === "string" ? r.props.serviceName : "";
  const fromName = findService(name)?.region ?? /^(?:cn\.)?com\.amazonaws\.([a-z]{2}(?:-[a-z]+)+-\d)\./.exec(name)?.[1];
  const fromArgs = typeof r.props.region === "string" ? r.props.region : undefined;
  const fromProvider = typeof r.provider?.props?.region === "string" ? (r.provider.props.region as string) : undefined;
  return fromArgs ?? fromName ?? fromProvider;
}

function endpointFacts(r: StackResource): EndpointFacts {
  const type = typeof r.props.vpcEndpointType === "string" ? r.props.vpcEndpointType : "Gateway";
  return {
    id: r.urn,
    type,
    serviceName: typeof r.props.serviceName === "string" ? r.props.serviceName : "",
    state: "available",
    // Unknown entries still count: an Output subnet id is one subnet.
    subnetIds: Array.isArray(r.props.subnetIds) ? r.props.subnetIds.map((s, i) => (typeof s === "string" ? s : `${r.urn}#subnet${i}`)) : [],
    routeTableIds: refs(r, "routeTableIds"),
    securityGroupIds: refs(r, "securityGroupIds"),
    privateDns: r.props.privateDnsEnabled === true,
    policy: typeof r.props.policy === "string" ? r.props.policy : DEFAULT_POLICY,
    ...(typeof r.props.ipAddressType === "string" ? { ipAddressType: r.props.ipAddressType } : {}),
    name: r.name,
  };
}

/** One endpoint on its own: what a resource-level policy can judge. */
export function endpointSnapshot(r: StackResource): VpcSnapshot {
  const region = regionOf(r) ?? "us-east-1";
  return {
    region,
    vpc: { id: ref(r, "vpcId") ?? "vpc", cidrs: [], ipv6Cidrs: [], dnsSupport: true, dnsHostnames: true, isDefault: false },
    subnets: [],
    routeTables: [],
    natGateways: [],
    endpoints: [endpointFacts(r)],
    securityGroups: [],
  };
}

function ingressOf(r: StackResource): { group?: string; rules: IngressFacts[] } {
  const rule = (protocol: unknown, from: unknown, to: unknown, cidrs: unknown, ipv6: unknown): IngressFacts => ({
    protocol: String(protocol ?? "-1"),
    fromPort: numberOr(from),
    toPort: numberOr(to),
    cidrs: strings(cidrs),
    ipv6Cidrs: strings(ipv6),
    groupIds: [],
    prefixListIds: [],
  });
  if (r.type === TYPES.ingressRule) {
    const p = r.props;
    return { group: ref(r, "securityGroupId"), rules: [rule(p.ipProtocol, p.fromPort, p.toPort, p.cidrIpv4, p.cidrIpv6)] };
  }
  if (r.type === TYPES.securityGroupRule && r.props.type === "ingress") {
    const p = r.props;
    return { group: ref(r, "securityGroupId"), rules: [rule(p.protocol, p.fromPort, p.toPort, p.cidrBlocks, p.ipv6CidrBlocks)] };
  }
  if (r.type === TYPES.securityGroup) {
    const inline = Array.isArray(r.props.ingress) ? (r.props.ingress as Array<Record<string, unknown>>) : [];
    return { group: r.urn, rules: inline.map((i) => rule(i.protocol, i.fromPort, i.toPort, i.cidrBlocks, i.ipv6CidrBlocks)) };
  }
  return { rules: [] };
}

/** Every VPC the stack's resources name, as audit snapshots. */
export function stackSnapshots(resources: readonly StackResource[]): VpcSnapshot[] {
  const of = (type: string): StackResource[] => resources.filter((r) => r.type === type);
  const vpcKey = (r: StackResource): string => ref(r, "vpcId") ?? "unknown-vpc";
  const keys = new Set<string>([...of(TYPES.vpc).map((v) => v.urn), ...of(TYPES.endpoint).map(vpcKey)]);

  const groups = new Map<string, SecurityGroupFacts>();
  for (const r of resources) {
    const { group, rules } = ingressOf(r);
    if (!group) continue;
    const g = groups.get(group) ?? { id: group, name: r.type === TYPES.securityGroup ? r.name : group, ingress: [] };
    g.ingress.push(...rules);
    groups.set(group, g);
  }

  const endpoints = of(TYPES.endpoint).map((r) => ({ vpc: vpcKey(r), facts: endpointFacts(r), resource: r }));
  for (const a of of(TYPES.routeTableAssociation)) {
    const target = ref(a, "vpcEndpointId");
    const table = ref(a, "routeTableId");
    const e = endpoints.find((x) => x.facts.id === target);
    if (e && table) e.facts.routeTableIds.push(table);
  }

  const tableRoutes = new Map<string, RouteTableFacts>();
  for (const t of of(TYPES.routeTable)) {
    const inline = Array.isArray(t.props.routes) ? (t.props.routes as Array<Record<string, unknown>>) : [];
    tableRoutes.set(t.urn, {
      id: t.urn,
      main: false,
      subnetIds: [],
      routes: inline.map((x) => ({
        destination: String(x.cidrBlock ?? x.ipv6CidrBlock ?? x.destinationPrefixListId ?? ""),
        ...(typeof x.natGatewayId === "string" ? { natGatewayId: x.natGatewayId } : {}),
        ...(typeof x.gatewayId === "string" ? { gatewayId: x.gatewayId } : {}),
      })),
    });
  }
  for (const r of of(TYPES.route)) {
    const table = ref(r, "routeTableId");
    if (!table) continue;
    const t = tableRoutes.get(table) ?? { id: table, main: false, subnetIds: [], routes: [] };
    const nat = ref(r, "natGatewayId");
    const gateway = ref(r, "vpcEndpointId") ?? ref(r, "gatewayId");
    t.routes.push({
      destination: String(r.props.destinationCidrBlock ?? r.props.destinationPrefixListId ?? ""),
      ...(nat ? { natGatewayId: nat } : {}),
      ...(gateway ? { gatewayId: gateway } : {}),
    });
    tableRoutes.set(table, t);
  }
  const tableVpc = (id: string): string | undefined => {
    const t = resources.find((r) => r.urn === id && r.type === TYPES.routeTable);
    return t ? vpcKey(t) : undefined;
  };

  const subnets = new Map<string, SubnetFacts & { vpc?: string }>();
  for (const s of of(TYPES.subnet)) {
    subnets.set(s.urn, {
      id: s.urn,
      az: typeof s.props.availabilityZone === "string" ? s.props.availabilityZone : "",
      ipv6: typeof s.props.ipv6CidrBlock === "string",
      vpc: vpcKey(s),
    });
  }
  for (const a of of(TYPES.subnetRouteTable)) {
    const subnet = ref(a, "subnetId");
    const table = ref(a, "routeTableId");
    if (!subnet || !table) continue;
    const s = subnets.get(subnet) ?? { id: subnet, az: "", ipv6: false, vpc: tableVpc(table) };
    subnets.set(subnet, { ...s, routeTableId: table });
    tableRoutes.get(table)?.subnetIds.push(subnet);
  }

  return [...keys].sort().map((key) => {
    const vpcResource = resources.find((r) => r.urn === key && r.type === TYPES.vpc);
    const mine = endpoints.filter((e) => e.vpc === key);
    const cidr = strings(vpcResource?.props.cidrBlock);
    const vpc: VpcFacts = {
      id: key,
      cidrs: cidr,
      ipv6Cidrs: [],
      // AWS's defaults for a new VPC: DNS support on, DNS hostnames off.
      dnsSupport: vpcResource ? vpcResource.props.enableDnsSupport !== false : true,
      dnsHostnames: vpcResource ? vpcResource.props.enableDnsHostnames === true : true,
      isDefault: false,
      name: vpcResource?.name,
    };
    const vpcSubnets = [...subnets.values()].filter((s) => s.vpc === key || (!s.vpc && mine.length));
    const region =
      mine.map((e) => regionOf(e.resource)).find(Boolean) ??
      vpcSubnets.map((s) => /^([a-z]{2}(?:-[a-z]+)+-\d)[a-z]$/.exec(s.az)?.[1]).find(Boolean) ??
      (vpcResource ? regionOf(vpcResource) : undefined) ??
      "us-east-1";
    const used = new Set(mine.flatMap((e) => e.facts.securityGroupIds));
    return {
      region,
      vpc,
      subnets: vpcSubnets.map(({ vpc: _vpc, ...s }) => s),
      routeTables: [...tableRoutes.values()].filter((t) => {
        const owner = tableVpc(t.id);
        return owner === key || (owner === undefined && t.subnetIds.some((id) => vpcSubnets.some((s) => s.id === id)));
      }),
      natGateways: [],
      endpoints: mine.map((e) => e.facts),
      securityGroups: [...groups.values()].filter((g) => used.has(g.id)),
    };
  });
}
