/**
 * Offline AWS for Pulumi's mock monitor: what `vpce-plan preview` and the tests run against.
 * Resources get AWS-like ids and the computed outputs the components read (endpoint DNS entries,
 * prefix lists, ENIs, security group ids, an awsx VPC's subnets and route tables); the invokes the
 * components use answer from configurable facts, and fail like AWS (the message in `details`,
 * which is what survives the trip through the mock monitor).
 */
import type * as pulumi from "@pulumi/pulumi";
import { findService, getRegion, privateDnsNamesIn } from "../catalog";
import { awsNameProblem, NAME_PREFIX_SUFFIX, type AwsNameKind } from "../components/names";

export interface MockVpc {
  cidrs?: string[];
  ipv6Cidrs?: string[];
  dnsSupport?: boolean;
  dnsHostnames?: boolean;
}

export interface MockSubnet {
  az: string;
  /** The AZ ID getSubnet reports (`use1-az1`); none when omitted. */
  azId?: string;
  ipv6?: boolean;
  /** An IPv6-only subnet: an IPv6 CIDR and no IPv4 CIDR, as AWS reports it (`ipv6Native`). */
  ipv6Only?: boolean;
  /** Explicitly associated route table; without one, getRouteTable by subnet finds nothing (the main table applies). */
  routeTableId?: string;
  /** Its route table sends 0.0.0.0/0 to an internet gateway. */
  public?: boolean;
  /** The subnet's VPC, for getSubnets by `vpc-id`. */
  vpcId?: string;
  tags?: Record<string, string>;
}

/** An endpoint service outside the catalog, as getVpcEndpointService reports it. */
export interface MockEndpointService {
  /** Default: every AZ of the region. */
  azs?: string[];
  privateDnsName?: string;
  acceptanceRequired?: boolean;
  policySupported?: boolean;
  /** The provider's account (default 123456789012). */
  owner?: string;
  /** `GatewayLoadBalancer` for an appliance's endpoint service (no DNS names, as AWS reports it). @default "Interface" */
  serviceType?: "Interface" | "GatewayLoadBalancer";
}

/** What the fake AWS account looks like. Everything is optional. */
export interface MockAwsFacts {
  /** The provider's region (default us-east-1). */
  region?: string;
  accountId?: string;
  /** AZs of the region (default: `a`, `b`, `c` of the region). */
  azs?: string[];
  /** VPCs by id; an unknown id gets `defaultVpc`. */
  vpcs?: Record<string, MockVpc>;
  /** Attributes of VPCs not listed in `vpcs` (default 10.0.0.0/16 with both DNS attributes on). */
  defaultVpc?: MockVpc;
  /** Subnets by id; getSubnet fails for others (unless the program created them). */
  subnets?: Record<string, MockSubnet>;
  /** Per catalog key or service name: the AZs the service offers (default: every AZ of the region). */
  serviceAzs?: Record<string, string[]>;
  /** Per catalog key: supported IP address types (default `["ipv4"]`). */
  serviceIpTypes?: Record<string, string[]>;
  /** Per catalog key: private DNS names (default: the catalog's). */
  servicePrivateDns?: Record<string, string[]>;
  /** Catalog keys or service names that do not exist in this account/region. */
  missingServices?: string[];
  /** Security groups by id (their VPC); getSecurityGroup fails for others. */
  securityGroups?: Record<string, { vpcId: string }>;
  /** Endpoint services outside the catalog (partner, SaaS, own) by full name; others do not exist. */
  endpointServices?: Record<string, MockEndpointService>;
  /** Outputs of other stacks by stack name, for `pulumi.StackReference` (e.g. a hub's `contract`); others do not exist. */
  stackOutputs?: Record<string, Record<string, unknown>>;
}

/** A call the mocks answered, for tests that assert which lookups ran. */
export interface MockInvocation {
  token: string;
  inputs: Record<string, unknown>;
}

/** An error as the AWS provider reports it: the message in `details`, which survives the mock monitor. */
/** The resource types whose `name` input AWS checks, with the rule it checks it by (components/names.ts). */
const NAMED: Record<string, AwsNameKind> = {
  "aws:route53/resolverEndpoint:ResolverEndpoint": "resolverEndpoint",
  "aws:route53/profilesProfile:ProfilesProfile": "route53Profile",
  "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation": "profileResourceAssociation",
  "aws:route53/profilesAssociation:ProfilesAssociation": "profileAssociation",
  "aws:ec2/securityGroup:SecurityGroup": "securityGroup",
  "aws:ram/resourceShare:ResourceShare": "ramResourceShare",
};

/**
 * Refuses a name, or a `Name` tag, that AWS would refuse at apply time, so a preview fails where the
 * deployment would. A security group without a name gets Pulumi's autoname (`<logical>-<7 hex>`),
 * or its `namePrefix` and the provider's 26 characters.
 */
function checkAwsNames(type: string, logical: string, inputs: Record<string, unknown>): void {
  const kind = NAMED[type];
  if (kind) {
    const name =
      typeof inputs.name === "string"
        ? inputs.name
        : typeof inputs.namePrefix === "string"
          ? `${inputs.namePrefix}${"0".repeat(NAME_PREFIX_SUFFIX)}`
          : kind === "securityGroup"
            ? `${logical}-${fakeHex(logical, 7)}`
            : undefined;
    const problem = name === undefined ? undefined : awsNameProblem(kind, name);
    if (problem) throw providerError(`InvalidParameterValue: ${JSON.stringify(name)}: ${problem}`);
  }
  const tag = (inputs.tags as Record<string, unknown> | undefined)?.Name;
  const tagProblem = typeof tag === "string" ? awsNameProblem("tagValue", tag) : undefined;
  if (tagProblem) throw providerError(`InvalidParameterValue: tag Name ${JSON.stringify(tag)}: ${tagProblem}`);
}

export function providerError(message: string): Error {
  return Object.assign(new Error(message), { details: message });
}

/** Deterministic 17-hex-digit suffixes, like AWS ids, from a resource's type and name. */
export function fakeHex(seed: string, length = 17): string {
  let out = "";
  for (let round = 0; out.length < length; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}

export class AwsMocks implements pulumi.runtime.Mocks {
  readonly facts: MockAwsFacts;
  readonly region: string;
  readonly invocations: MockInvocation[] = [];
  /** Subnet id -> AZ: configured subnets plus the ones the program creates (awsx VPCs, aws.ec2.Subnet). */
  private readonly subnetAzs = new Map<string, MockSubnet>();

  constructor(facts: MockAwsFacts = {}) {
    this.facts = facts;
    this.region = facts.region ?? "us-east-1";
    for (const [id, subnet] of Object.entries(facts.subnets ?? {})) this.subnetAzs.set(id, subnet);
  }

  get azs(): string[] {
    return this.facts.azs ?? ["a", "b", "c"].map((s) => `${this.region}${s}`);
  }

  get accountId(): string {
    return this.facts.accountId ?? "123456789012";
  }

  call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    this.invocations.push({ token: args.token, inputs: args.inputs });
    const inputs = args.inputs as Record<string, string | undefined>;
    const region = inputs.region ?? this.region;
    switch (args.token) {
      case "aws:index/getRegion:getRegion":
        return {
          id: region,
          name: region,
          region,
          description: getRegion(region)?.name ?? region,
          endpoint: `ec2.${region}.amazonaws.com`,
        };
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return { accountId: this.accountId, arn: `arn:aws:iam::${this.accountId}:user/mock`, userId: "AIDAMOCK", id: this.accountId };
      case "aws:ec2/getVpc:getVpc":
        return this.vpc(inputs.id ?? "", region);
      case "aws:ec2/getSubnet:getSubnet":
        return this.subnet(inputs.id ?? "", region);
      case "aws:ec2/getRouteTable:getRouteTable":
        return this.routeTable(
          args.inputs as { subnetId?: string; routeTableId?: string; vpcId?: string; filters?: Array<{ name: string; values: string[] }> },
        );
      case "aws:ec2/getSubnets:getSubnets":
        return this.subnetIds((args.inputs as { filters?: Array<{ name: string; values: string[] }> }).filters ?? [], region);
      case "aws:ec2/getSecurityGroup:getSecurityGroup": {
        const group = this.facts.securityGroups?.[inputs.id ?? ""];
        if (!group) throw providerError(`InvalidGroup.NotFound: The security group '${inputs.id}' does not exist`);
        return {
          id: inputs.id,
          vpcId: group.vpcId,
          name: inputs.id,
          arn: `arn:aws:ec2:${region}:${this.accountId}:security-group/${inputs.id}`,
        };
      }
      case "aws:ec2/getVpcEndpointService:getVpcEndpointService":
        return this.endpointService(
          inputs.serviceName ?? inputs.service ?? "",
          inputs.serviceType,
          region,
          (args.inputs as { serviceRegions?: string[] }).serviceRegions?.[0],
        );
      case "aws:index/getAvailabilityZones:getAvailabilityZones":
        return { names: this.azs, zoneIds: this.azs.map((_, i) => `use1-az${i + 1}`), id: region, state: "available" };
      default:
        throw providerError(`the vpce-plan AWS mocks do not implement ${args.token}`);
    }
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const inputs = (args.inputs ?? {}) as Record<string, unknown>;
    checkAwsNames(args.type, args.name, inputs);
    const seed = `${args.type}::${args.name}`;
    const arn = (kind: string, id: string): string =>
      `arn:aws:ec2:${(inputs.region as string) ?? this.region}:${this.accountId}:${kind}/${id}`;
    switch (args.type) {
      case "aws:ec2/vpcEndpoint:VpcEndpoint":
        return this.vpcEndpoint(args.name, inputs);
      case "aws:ec2/securityGroup:SecurityGroup": {
        const id = `sg-${fakeHex(seed)}`;
        return {
          id,
          state: {
            ...inputs,
            id,
            arn: arn("security-group", id),
            name: inputs.name ?? `${args.name}-${fakeHex(seed, 7)}`,
            ownerId: this.accountId,
            egress: [],
            ingress: [],
          },
        };
      }
      case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        const id = `sgr-${fakeHex(seed)}`;
        return { id, state: { ...inputs, id, arn: arn("security-group-rule", id), securityGroupRuleId: id } };
      }
      case "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation": {
        const id = `a-${inputs.vpcEndpointId}${fakeHex(String(inputs.routeTableId), 10)}`;
        return { id, state: { ...inputs, id } };
      }
      case "aws:ec2/route:Route": {
        // The provider's id for a route: the route table and the destination (terraform-provider-aws `routeCreateID`).
        const id = `r-${inputs.routeTableId}${fakeHex(String(inputs.destinationCidrBlock ?? inputs.destinationIpv6CidrBlock), 10)}`;
        return { id, state: { ...inputs, id, origin: "CreateRoute", state: "active", instanceOwnerId: "" } };
      }
      case "aws:ec2/subnet:Subnet": {
        const id = `subnet-${fakeHex(seed)}`;
        if (typeof inputs.availabilityZone === "string") this.subnetAzs.set(id, { az: inputs.availabilityZone });
        return { id, state: { ...inputs, id, arn: arn("subnet", id) } };
      }
      case "aws:ec2/vpc:Vpc": {
        const id = `vpc-${fakeHex(seed)}`;
        return { id, state: { ...inputs, id, arn: arn("vpc", id), enableDnsSupport: inputs.enableDnsSupport ?? true } };
      }
      case "awsx:ec2:Vpc":
        return this.awsxVpc(args.name, inputs);
      case "aws:route53/zone:Zone": {
        const id = `Z${fakeHex(seed, 20).toUpperCase()}`;
        const nameServers = ["ns-0.awsdns-00.com.", "ns-512.awsdns-00.net."];
        const arn = `arn:aws:route53:::hostedzone/${id}`;
        return { id, state: { ...inputs, id, zoneId: id, arn, nameServers, primaryNameServer: nameServers[0] } };
      }
      case "aws:route53/record:Record": {
        const id = `${inputs.zoneId}_${inputs.name}_${inputs.type}`;
        return { id, state: { ...inputs, id, fqdn: inputs.name } };
      }
      case "aws:route53/zoneAssociation:ZoneAssociation":
      case "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization": {
        const id = `${inputs.zoneId}:${inputs.vpcId}`;
        return { id, state: { ...inputs, id, vpcRegion: inputs.vpcRegion ?? this.region, owningAccount: this.accountId } };
      }
      case "aws:route53/resolverEndpoint:ResolverEndpoint":
        return this.resolverEndpoint(args.name, inputs);
      case "aws:route53/profilesProfile:ProfilesProfile": {
        const id = `rp-${fakeHex(seed)}`;
        const arn = `arn:aws:route53profiles:${(inputs.region as string) ?? this.region}:${this.accountId}:profile/${id}`;
        return {
          id,
          state: { ...inputs, id, arn, ownerId: this.accountId, shareStatus: "NOT_SHARED", status: "COMPLETE", statusMessage: "" },
        };
      }
      case "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation": {
        const id = `rpr-${fakeHex(seed)}`;
        // The resource type is the ARN's service and resource kind, e.g. an interface endpoint's `vpc-endpoint`.
        const kind = /^arn:[^:]+:([^:]+):[^:]*:[^:]*:([^/]+)\//.exec(String(inputs.resourceArn ?? ""));
        const resourceType = kind ? `${kind[1]}:${kind[2]}` : "";
        return {
          id,
          state: { ...inputs, id, ownerId: this.accountId, resourceType, resourceProperties: "", status: "COMPLETE", statusMessage: "" },
        };
      }
      case "aws:route53/profilesAssociation:ProfilesAssociation": {
        const id = `rpassoc-${fakeHex(seed)}`;
        const arn = `arn:aws:route53profiles:${(inputs.region as string) ?? this.region}:${this.accountId}:profile-association/${id}`;
        return { id, state: { ...inputs, id, arn, ownerId: this.accountId, status: "COMPLETE", statusMessage: "" } };
      }
      case "aws:ram/resourceShare:ResourceShare": {
        const arn = `arn:aws:ram:${(inputs.region as string) ?? this.region}:${this.accountId}:resource-share/${fakeHex(seed, 8)}-${fakeHex(seed + "-share", 4)}`;
        return {
          id: arn,
          state: { ...inputs, id: arn, arn, permissionArns: [], allowExternalPrincipals: inputs.allowExternalPrincipals ?? true },
        };
      }
      case "aws:ram/resourceAssociation:ResourceAssociation": {
        const id = `${inputs.resourceShareArn},${inputs.resourceArn}`;
        return { id, state: { ...inputs, id } };
      }
      case "aws:ram/principalAssociation:PrincipalAssociation": {
        const id = `${inputs.resourceShareArn},${inputs.principal}`;
        return { id, state: { ...inputs, id } };
      }
      case "pulumi:pulumi:StackReference":
        return this.stackReference(String(inputs.name ?? args.name));
      default:
        return { id: `${args.name}-${fakeHex(seed, 8)}`, state: { ...inputs } };
    }
  }

  /** A stack reference reads another stack's outputs; an unknown stack fails like the Pulumi service does. */
  private stackReference(name: string): { id: string; state: Record<string, unknown> } {
    const outputs = this.facts.stackOutputs?.[name];
    if (!outputs) throw providerError(`unknown stack "${name}"`);
    return { id: name, state: { name, outputs, secretOutputNames: [] } };
  }

  private vpc(id: string, region: string): Record<string, unknown> {
    if (!id.startsWith("vpc-")) throw providerError(`InvalidVpcID.NotFound: The vpc ID '${id}' does not exist`);
    const vpc = {
      ...(this.facts.defaultVpc ?? { cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true }),
      ...(this.facts.vpcs?.[id] ?? {}),
    };
    const cidrs = vpc.cidrs ?? [];
    return {
      id,
      arn: `arn:aws:ec2:${region}:${this.accountId}:vpc/${id}`,
      cidrBlock: cidrs[0] ?? "",
      cidrBlockAssociations: cidrs.map((cidrBlock, i) => ({
        associationId: `vpc-cidr-assoc-${fakeHex(id + i, 8)}`,
        cidrBlock,
        state: "associated",
      })),
      ipv6CidrBlock: vpc.ipv6Cidrs?.[0] ?? "",
      enableDnsSupport: vpc.dnsSupport ?? true,
      enableDnsHostnames: vpc.dnsHostnames ?? false,
      region,
      ownerId: this.accountId,
      state: "available",
    };
  }

  private subnet(id: string, region: string): Record<string, unknown> {
    const subnet = this.subnetAzs.get(id);
    if (!subnet) throw providerError(`InvalidSubnetID.NotFound: The subnet ID '${id}' does not exist`);
    const v6 = subnet.ipv6 || subnet.ipv6Only;
    return {
      id,
      availabilityZone: subnet.az,
      ...(subnet.azId ? { availabilityZoneId: subnet.azId } : {}),
      cidrBlock: subnet.ipv6Only ? "" : "10.0.0.0/24",
      ipv6CidrBlock: v6 ? "2600:1f18:0:100::/64" : "",
      ipv6Native: Boolean(subnet.ipv6Only),
      region,
      vpcId: subnet.vpcId ?? "",
      tags: subnet.tags ?? {},
    };
  }

  /** getSubnets: the known subnets matching every `vpc-id` and `tag:<key>` filter, like EC2. */
  private subnetIds(filters: Array<{ name: string; values: string[] }>, region: string): Record<string, unknown> {
    const matches = (id: string, subnet: MockSubnet): boolean =>
      filters.every((f) =>
        f.name === "vpc-id"
          ? f.values.includes(subnet.vpcId ?? "")
          : f.name.startsWith("tag:")
            ? f.values.includes(subnet.tags?.[f.name.slice(4)] ?? "\u0000")
            : f.name === "subnet-id" && f.values.includes(id),
      );
    const ids = [...this.subnetAzs.entries()]
      .filter(([id, subnet]) => matches(id, subnet))
      .map(([id]) => id)
      .sort();
    return { id: region, ids, filters };
  }

  /** By subnet: its explicit association only, as AWS answers; by VPC with `association.main`: the main table. */
  private routeTable(inputs: {
    subnetId?: string;
    routeTableId?: string;
    vpcId?: string;
    filters?: Array<{ name: string; values: string[] }>;
  }): Record<string, unknown> {
    const main = inputs.filters?.some((f) => f.name === "association.main" && f.values.includes("true"));
    const id =
      inputs.routeTableId ??
      (inputs.subnetId
        ? this.subnetAzs.get(inputs.subnetId)?.routeTableId
        : main && inputs.vpcId
          ? `rtb-main${fakeHex(inputs.vpcId, 9)}`
          : undefined);
    if (!id) throw providerError("query returned no results. Please change your search criteria and try again");
    // A table is public when a public subnet uses it; the main table never is.
    const isPublic = [...this.subnetAzs.values()].some((s) => s.public && s.routeTableId === id);
    const routes = isPublic ? [{ cidrBlock: "0.0.0.0/0", gatewayId: `igw-${fakeHex(id, 8)}` }] : [];
    return { id, routeTableId: id, vpcId: inputs.vpcId ?? "", subnetId: inputs.subnetId ?? "", routes };
  }

  private serviceFacts<T>(map: Record<string, T> | undefined, key: string, serviceName: string): T | undefined {
    return map?.[key] ?? map?.[serviceName];
  }

  /** `serviceRegion`: a service looked up in another region (`serviceRegions`), which AWS reports without AZs. */
  private endpointService(
    serviceName: string,
    serviceType: string | undefined,
    providerRegion: string,
    serviceRegion?: string,
  ): Record<string, unknown> {
    const partner = this.facts.endpointServices?.[serviceName];
    // AWS filters by service type: an appliance's service is not found as an Interface service, nor the reverse.
    if (partner && serviceType && serviceType !== (partner.serviceType ?? "Interface"))
      throw providerError(`no matching VPC Endpoint Service found (service name ${serviceName}, type ${serviceType})`);
    if (partner) return this.partnerService(serviceName, partner, serviceRegion ?? providerRegion, Boolean(serviceRegion));
    const found = findService(serviceName);
    const region = serviceRegion ?? providerRegion;
    const catalogRegion = getRegion(region);
    const missing = this.facts.missingServices ?? [];
    const notFound = (): Error =>
      providerError(`no matching VPC Endpoint Service found (service name ${serviceName}, type ${serviceType ?? "any"})`);
    if (!found || !catalogRegion || missing.includes(serviceName) || missing.includes(found.service.key)) throw notFound();
    const service = found.service;
    const type = serviceType ?? service.types[0];
    if (!service.types.includes(type as "Gateway" | "Interface")) throw notFound();
    const key = service.key;
    const dns =
      type === "Gateway"
        ? []
        : (this.serviceFacts(this.facts.servicePrivateDns, key, serviceName) ?? [
            ...privateDnsNamesIn(service, catalogRegion, Boolean(found.fips)),
          ]);
    return {
      id: `${region}-${key}`,
      serviceName,
      serviceType: type,
      serviceId: `vpce-svc-${fakeHex(serviceName)}`,
      availabilityZones: serviceRegion ? [] : (this.serviceFacts(this.facts.serviceAzs, key, serviceName) ?? this.azs),
      privateDnsName: dns[0] ?? "",
      privateDnsNames: dns,
      supportedIpAddressTypes: this.serviceFacts(this.facts.serviceIpTypes, key, serviceName) ?? ["ipv4"],
      vpcEndpointPolicySupported: service.policy,
      acceptanceRequired: false,
      managesVpcEndpoints: false,
      owner: "amazon",
      baseEndpointDnsNames: [`${key}.${region}.vpce.amazonaws.com`],
      region,
      serviceRegion: region,
      arn: `arn:aws:ec2:${region}::vpc-endpoint-service/vpce-svc-${fakeHex(serviceName)}`,
      tags: {},
    };
  }

  private partnerService(serviceName: string, p: MockEndpointService, region: string, remote: boolean): Record<string, unknown> {
    const id = serviceName.split(".").pop()!;
    const gwlb = p.serviceType === "GatewayLoadBalancer";
    return {
      id,
      serviceName,
      serviceType: p.serviceType ?? "Interface",
      serviceId: id,
      availabilityZones: remote ? [] : (p.azs ?? this.azs),
      privateDnsName: p.privateDnsName ?? "",
      privateDnsNames: p.privateDnsName ? [p.privateDnsName] : [],
      supportedIpAddressTypes: ["ipv4"],
      vpcEndpointPolicySupported: p.policySupported ?? false,
      acceptanceRequired: p.acceptanceRequired ?? false,
      managesVpcEndpoints: false,
      owner: p.owner ?? "123456789012",
      baseEndpointDnsNames: gwlb ? [] : [`${id}.${region}.vpce.amazonaws.com`],
      region,
      serviceRegion: region,
      arn: `arn:aws:ec2:${region}:${p.owner ?? "123456789012"}:vpc-endpoint-service/${id}`,
      tags: {},
    };
  }

  private vpcEndpoint(name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
    const id = `vpce-${fakeHex(`aws:ec2/vpcEndpoint:VpcEndpoint::${name}`)}`;
    const region = (inputs.region as string) ?? this.region;
    // A cross-region endpoint's DNS names carry the service's region.
    const serviceRegion = (inputs.serviceRegion as string) ?? region;
    const serviceName = String(inputs.serviceName ?? "");
    const shortName = serviceName
      .replace(/^com\.amazonaws\.vpce\.[a-z0-9-]+\./, "")
      .replace(/^(cn\.)?com\.amazonaws\.[a-z0-9-]+\./, "")
      .replace(/^aws\.sagemaker\.[a-z0-9-]+\./, "sagemaker.");
    const gateway = inputs.vpcEndpointType === "Gateway";
    const subnetIds = (inputs.subnetIds as string[] | undefined) ?? [];
    const state: Record<string, unknown> = {
      ...inputs,
      id,
      arn: `arn:aws:ec2:${region}:${this.accountId}:vpc-endpoint/${id}`,
      ownerId: this.accountId,
      state: "available",
      requesterManaged: false,
      routeTableIds: inputs.routeTableIds ?? [],
      securityGroupIds: inputs.securityGroupIds ?? [],
      subnetIds,
      ipAddressType: inputs.ipAddressType ?? (gateway ? "" : "ipv4"),
      policy:
        inputs.policy ??
        JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }),
    };
    if (inputs.vpcEndpointType === "GatewayLoadBalancer") {
      // AWS gives a Gateway Load Balancer endpoint one ENI in its subnet, no DNS names, groups or policy.
      delete state.policy;
      state.dnsEntries = [];
      state.networkInterfaceIds = subnetIds.map((s) => `eni-${fakeHex(`${id}-${s}`)}`);
      state.prefixListId = "";
      return { id, state };
    }
    if (gateway) {
      state.prefixListId = `pl-${fakeHex(serviceName, 8)}`;
      state.cidrBlocks = ["52.216.0.0/15"];
      state.dnsEntries = [];
      state.networkInterfaceIds = [];
      return { id, state };
    }
    const suffix = fakeHex(`${id}-dns`, 8);
    const base = `${shortName}.${serviceRegion}.vpce.amazonaws.com`;
    const azs = [...new Set(subnetIds.map((s) => this.subnetAzs.get(s)?.az).filter((az): az is string => Boolean(az)))].sort();
    const zone = "Z7HUB22UULQXV";
    const privateDns = inputs.privateDnsEnabled ? this.privateDnsFor(serviceName, serviceRegion) : [];
    state.dnsEntries = [
      { dnsName: `${id}-${suffix}.${base}`, hostedZoneId: zone },
      ...azs.map((az) => ({ dnsName: `${id}-${suffix}-${az}.${base}`, hostedZoneId: zone })),
      ...privateDns.map((dnsName) => ({ dnsName, hostedZoneId: `Z${fakeHex(dnsName, 13).toUpperCase()}` })),
    ];
    state.networkInterfaceIds = subnetIds.map((s) => `eni-${fakeHex(`${id}-${s}`)}`);
    state.prefixListId = "";
    return { id, state };
  }

  /** An inbound or outbound Resolver endpoint: AWS picks one IP address in each given subnet (made up here from the subnet). */
  private resolverEndpoint(name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
    const seed = `aws:route53/resolverEndpoint:ResolverEndpoint::${name}`;
    const id = `rslvr-${inputs.direction === "OUTBOUND" ? "out" : "in"}-${fakeHex(seed)}`;
    const region = (inputs.region as string) ?? this.region;
    const given = (inputs.ipAddresses as Array<{ subnetId?: string; ip?: string }> | undefined) ?? [];
    const ipAddresses = given.map((a) => {
      const n = parseInt(fakeHex(String(a.subnetId), 4), 16);
      return { ...a, ip: a.ip ?? `10.0.${n % 256}.${((n >> 8) % 250) + 4}`, ipId: `rni-${fakeHex(`${id}-${a.subnetId}`)}` };
    });
    return {
      id,
      state: {
        ...inputs,
        id,
        arn: `arn:aws:route53resolver:${region}:${this.accountId}:resolver-endpoint/${id}`,
        hostVpcId: `vpc-${fakeHex(String(given[0]?.subnetId ?? name))}`,
        ipAddresses,
        protocols: inputs.protocols ?? ["Do53"],
        resolverEndpointType: inputs.resolverEndpointType ?? "IPV4",
      },
    };
  }

  private privateDnsFor(serviceName: string, region: string): string[] {
    const found = findService(serviceName);
    const catalogRegion = getRegion(region);
    if (!found || !catalogRegion) return [];
    return (
      this.serviceFacts(this.facts.servicePrivateDns, found.service.key, serviceName) ?? [
        ...privateDnsNamesIn(found.service, catalogRegion, Boolean(found.fips)),
      ]
    );
  }

  /**
   * Under mocks an awsx VPC is one resource with no children: its outputs are made up here, shaped
   * like awsx's (one public and one private subnet per AZ, a route table per subnet), and its
   * subnets are remembered so that getSubnet and the endpoints' zonal DNS names know their AZs.
   */
  private awsxVpc(name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
    const vpcId = `vpc-${fakeHex(`awsx:ec2:Vpc::${name}`)}`;
    const count = typeof inputs.numberOfAvailabilityZones === "number" ? inputs.numberOfAvailabilityZones : 3;
    const azs = (inputs.availabilityZoneNames as string[] | undefined) ?? this.azs.slice(0, count);
    const subnets = azs.flatMap((az) =>
      ["public", "private"].map((kind) => {
        const id = `subnet-${fakeHex(`${vpcId}-${kind}-${az}`)}`;
        const routeTableId = `rtb-${fakeHex(`${vpcId}-${kind}-${az}-rtb`)}`;
        this.subnetAzs.set(id, { az, routeTableId, public: kind === "public", vpcId, tags: { SubnetType: kind } });
        return { id, kind, az, routeTableId };
      }),
    );
    const ofKind = (kind: string): typeof subnets => subnets.filter((s) => s.kind === kind);
    const subnetState = (s: (typeof subnets)[number]): Record<string, unknown> => ({
      id: s.id,
      availabilityZone: s.az,
      vpcId,
      tags: { SubnetType: s.kind },
    });
    return {
      id: "",
      state: {
        vpcId,
        vpc: { id: vpcId, cidrBlock: inputs.cidrBlock ?? "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true },
        subnets: subnets.map(subnetState),
        privateSubnetIds: ofKind("private").map((s) => s.id),
        publicSubnetIds: ofKind("public").map((s) => s.id),
        isolatedSubnetIds: [],
        privateSubnets: ofKind("private").map(subnetState),
        publicSubnets: ofKind("public").map(subnetState),
        isolatedSubnets: [],
        routeTables: subnets.map((s) => ({ id: s.routeTableId, vpcId })),
        routeTableAssociations: subnets.map((s) => ({ id: `rtbassoc-${fakeHex(s.id)}`, subnetId: s.id, routeTableId: s.routeTableId })),
        routes: [],
        natGateways: [],
        eips: [],
        vpcEndpoints: [],
        subnetLayout: [],
      },
    };
  }
}
