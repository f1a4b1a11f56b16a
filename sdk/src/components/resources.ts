/**
 * Creates the child resources of a plan. Every child has the component as parent and a name from
 * names.ts (service key, route table or CIDR: never an array index). Attachments go one way only:
 * subnets and security groups inline on interface endpoints, route tables through association
 * resources (never inline `routeTableIds`), ingress through `aws.vpc.SecurityGroupIngressRule`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ruleTarget } from "../plan/security";
import type { IngressRule, Plan, PlannedEndpoint, PlannedLinkEndpoint, PlannedSecurityGroup } from "../plan/types";
import type { EndpointDnsEntry, EndpointOutput, ResolverOutput } from "./args";
import { DELETE_BEFORE_REPLACE } from "./replacement";
import {
  awsName,
  endpointResourceName,
  endpointRouteName,
  ingressRuleName,
  resolverApiName,
  resolverResourceName,
  routeTableAssociationName,
  securityGroupName,
  securityGroupNaming,
} from "./names";
import type { PreparedRequest } from "./request";

export interface ChildContext {
  parent: pulumi.ComponentResource;
  /** The component's name: the prefix of every child name. */
  name: string;
  prepared: PreparedRequest;
  region?: string;
  tags?: Record<string, string>;
}

/**
 * What an endpoint exports, before its Outputs resolve: the Inputs it is made of and how their values
 * make its `EndpointOutput`. Callers combine them: one `all` over every endpoint (`allEndpoints`) or
 * one per endpoint (`perEndpoint`, for children that depend on a single endpoint).
 */
export interface CreatedEndpoint {
  parts: pulumi.Input<unknown>[];
  build(values: unknown[]): EndpointOutput;
}

export function createResources(plan: Plan, ctx: ChildContext): Record<string, CreatedEndpoint> {
  const { name, prepared } = ctx;
  const opts: pulumi.CustomResourceOptions = { parent: ctx.parent };
  const region = regionOf(ctx);
  const tags = tagsOf(ctx);
  const groups = new Map<string, aws.ec2.SecurityGroup>();
  const created = new Map<string, aws.ec2.VpcEndpoint>();
  const out: Record<string, CreatedEndpoint> = {};

  const existing = (ids: readonly string[] | undefined): pulumi.Input<string>[] =>
    (ids ?? []).map((id) => prepared.securityGroups.get(id) ?? id);
  const securityGroupIds = (group: PlannedSecurityGroup, endpoint: PlannedEndpoint): pulumi.Input<string>[] => {
    const service = endpoint.service;
    if (group.mode === "existing") return existing(group.ids);
    const groupName = group.name!;
    let sg = groups.get(groupName);
    if (!sg) {
      // The description cannot change without replacing the group: keep it free of anything that varies.
      const description = group.mode === "shared" ? "VPC interface endpoints (vpce-plan)" : `VPC interface endpoint ${service} (vpce-plan)`;
      // A per-endpoint group carries its endpoint's tags; the shared one the component's.
      sg = createSecurityGroup(ctx, group, description, group.mode === "perEndpoint" ? endpoint.tags : undefined);
      groups.set(groupName, sg);
    }
    return [sg.id];
  };

  for (const endpoint of plan.endpoints) {
    const resourceName = endpointResourceName(name, endpoint.name);
    const common = {
      vpcId: prepared.vpcId,
      serviceName: endpoint.serviceName,
      vpcEndpointType: endpoint.type,
      ...(endpoint.policy ? { policy: JSON.stringify(endpoint.policy) } : {}),
      tags: tags(resourceName, endpoint.tags),
      ...region,
    };
    const dependsOn = (endpoint.dependsOn ?? []).map((n) => created.get(n)).filter((r): r is aws.ec2.VpcEndpoint => Boolean(r));
    if (endpoint.type === "Gateway") {
      const vpce = new aws.ec2.VpcEndpoint(
        resourceName,
        { ...common, ...(endpoint.ipAddressType ? { ipAddressType: endpoint.ipAddressType } : {}) },
        { ...opts, dependsOn },
      );
      for (const rtb of endpoint.routeTableIds ?? []) {
        const ref = prepared.routeTables.get(rtb) ?? { input: rtb, key: rtb };
        new aws.ec2.VpcEndpointRouteTableAssociation(
          routeTableAssociationName(name, endpoint.name, ref.key),
          { vpcEndpointId: vpce.id, routeTableId: ref.input, ...region },
          { ...opts, ...DELETE_BEFORE_REPLACE },
        );
      }
      created.set(endpoint.name, vpce);
      out[endpoint.name] = {
        parts: [vpce.id, vpce.dnsEntries, vpce.prefixListId],
        build: ([id, dnsEntries, prefixListId]) => ({
          id: id as string,
          type: endpoint.type,
          serviceName: endpoint.serviceName,
          dnsEntries: dnsEntries as EndpointDnsEntry[],
          prefixListId: prefixListId as string,
        }),
      };
      continue;
    }
    // Several groups when the rules did not fit one (plan JSON `securityGroups`), the first one first.
    const sgIds = [
      ...(endpoint.securityGroups ?? (endpoint.securityGroup ? [endpoint.securityGroup] : [])).flatMap((g) =>
        securityGroupIds(g, endpoint),
      ),
      ...existing(endpoint.extraSecurityGroupIds),
    ];
    const vpce = new aws.ec2.VpcEndpoint(
      resourceName,
      {
        ...common,
        subnetIds: (endpoint.subnetIds ?? []).map((id) => prepared.subnets.get(id) ?? id),
        securityGroupIds: sgIds,
        ...(endpoint.serviceRegion ? { serviceRegion: endpoint.serviceRegion } : {}),
        privateDnsEnabled: endpoint.privateDns ?? false,
        ...(endpoint.dnsOptions ? { dnsOptions: endpoint.dnsOptions } : {}),
        ...(endpoint.ipAddressType ? { ipAddressType: endpoint.ipAddressType } : {}),
      },
      { ...opts, dependsOn, ...(endpoint.privateDns ? DELETE_BEFORE_REPLACE : {}) },
    );
    created.set(endpoint.name, vpce);
    out[endpoint.name] = {
      parts: [vpce.id, vpce.arn, vpce.dnsEntries, sgIds[0]],
      build: ([id, arn, dnsEntries, securityGroupId]) => {
        const entries = dnsEntries as EndpointDnsEntry[];
        return {
          id: id as string,
          arn: arn as string,
          type: endpoint.type,
          serviceName: endpoint.serviceName,
          dnsEntries: entries,
          regionalDnsName: regionalName(entries),
          zonalDnsNames: zonalNames(entries, endpoint),
          ...(securityGroupId ? { securityGroupId: securityGroupId as string } : {}),
        };
      },
    };
  }
  for (const endpoint of plan.linkEndpoints ?? []) out[endpoint.name] = createLinkEndpoint(endpoint, ctx);
  return out;
}

/** A Gateway Load Balancer endpoint in its one subnet, and one `aws.ec2.Route` per route that targets it. */
function createLinkEndpoint(endpoint: PlannedLinkEndpoint, ctx: ChildContext): CreatedEndpoint {
  const { name, prepared } = ctx;
  const opts: pulumi.CustomResourceOptions = { parent: ctx.parent };
  const region = regionOf(ctx);
  const resourceName = endpointResourceName(name, endpoint.name);
  const vpce = new aws.ec2.VpcEndpoint(
    resourceName,
    {
      vpcId: prepared.vpcId,
      serviceName: endpoint.serviceName,
      vpcEndpointType: endpoint.type,
      subnetIds: endpoint.subnetIds.map((id) => prepared.subnets.get(id) ?? id),
      tags: tagsOf(ctx)(resourceName, endpoint.tags),
      ...region,
    },
    opts,
  );
  for (const route of endpoint.routes) {
    const ref = prepared.routeTables.get(route.routeTableId) ?? { input: route.routeTableId, key: route.routeTableId };
    new aws.ec2.Route(
      endpointRouteName(name, endpoint.name, ref.key, route.destinationCidrBlock),
      {
        routeTableId: ref.input,
        ...(route.destinationCidrBlock.includes(":")
          ? { destinationIpv6CidrBlock: route.destinationCidrBlock }
          : { destinationCidrBlock: route.destinationCidrBlock }),
        vpcEndpointId: vpce.id,
        ...region,
      },
      opts,
    );
  }
  return {
    parts: [vpce.id, vpce.arn, vpce.dnsEntries],
    build: ([id, arn, dnsEntries]) => ({
      id: id as string,
      arn: arn as string,
      type: endpoint.type,
      serviceName: endpoint.serviceName,
      dnsEntries: dnsEntries as EndpointDnsEntry[],
    }),
  };
}

/**
 * Every endpoint's exports as one Output: a single `all` over all their parts. An Output per endpoint
 * and one more over the record (which lifts each of them again) give the same value and dependencies
 * for about 45% more promises (40 interface endpoints: 12,100 against 8,400).
 */
export function allEndpoints(created: Record<string, CreatedEndpoint>): pulumi.Output<Record<string, EndpointOutput>> {
  const entries = Object.entries(created);
  return pulumi.all(entries.flatMap(([, e]) => e.parts)).apply((values) => {
    const out: Record<string, EndpointOutput> = {};
    let at = 0;
    for (const [name, e] of entries) {
      out[name] = e.build(values.slice(at, at + e.parts.length));
      at += e.parts.length;
    }
    return out;
  });
}

/** One Output per endpoint, for children that depend on that endpoint alone (the hub's zones and profile). */
export function perEndpoint(created: Record<string, CreatedEndpoint>): Record<string, pulumi.Output<EndpointOutput>> {
  return Object.fromEntries(Object.entries(created).map(([name, e]) => [name, pulumi.all(e.parts).apply(e.build)]));
}

const regionOf = (ctx: ChildContext): { region?: string } => (ctx.region ? { region: ctx.region } : {});
const tagsOf =
  (ctx: ChildContext) =>
  (resourceName: string, own?: Record<string, string>): Record<string, string> => ({
    ...(own ?? ctx.tags ?? {}),
    Name: awsName("tagValue", resourceName),
  });

/** A security group with one ingress rule resource per protocol, port and source, and no egress. */
function createSecurityGroup(
  ctx: ChildContext,
  group: PlannedSecurityGroup,
  description: string,
  groupTags?: Record<string, string>,
): aws.ec2.SecurityGroup {
  const opts: pulumi.CustomResourceOptions = { parent: ctx.parent };
  const region = regionOf(ctx);
  const tags = tagsOf(ctx);
  const sgName = securityGroupName(ctx.name, group.name!);
  const sg = new aws.ec2.SecurityGroup(
    sgName,
    {
      vpcId: ctx.prepared.vpcId,
      ...securityGroupNaming(sgName),
      description,
      // No egress: endpoint ENIs only answer connections, and security groups are stateful. The
      // AWS provider removes AWS's default allow-all egress rule when it creates the group.
      revokeRulesOnDelete: true,
      tags: tags(sgName, groupTags),
      ...region,
    },
    opts,
  );
  for (const rule of group.ingress) {
    const ruleName = ingressRuleName(ctx.name, group.name!, rule.fromPort, ruleTarget(rule), rule.protocol);
    new aws.vpc.SecurityGroupIngressRule(
      ruleName,
      {
        securityGroupId: sg.id,
        ipProtocol: rule.protocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        ...sourceOf(rule),
        description: rule.description,
        tags: tags(ruleName),
        ...region,
      },
      opts,
    );
  }
  return sg;
}

/**
 * The Resolver inbound endpoint of `resolver: create`: its security group (TCP and UDP 53 from the
 * on-premises CIDRs) and one IP address per planned subnet, chosen by AWS from the subnet.
 */
export function createResolver(plan: Plan, ctx: ChildContext): pulumi.Output<ResolverOutput> | undefined {
  const planned = plan.resolver;
  if (!planned) return undefined;
  const sg = createSecurityGroup(ctx, planned.securityGroup, "Route 53 Resolver inbound endpoint (vpce-plan)");
  const resourceName = resolverResourceName(ctx.name);
  const resolver = new aws.route53.ResolverEndpoint(
    resourceName,
    {
      name: resolverApiName(ctx.name),
      direction: planned.direction,
      securityGroupIds: [sg.id],
      ipAddresses: planned.subnetIds.map((id) => ({ subnetId: ctx.prepared.subnets.get(id) ?? id })),
      tags: tagsOf(ctx)(resourceName),
      ...regionOf(ctx),
    },
    { parent: ctx.parent },
  );
  return pulumi.all([resolver.id, resolver.arn, resolver.ipAddresses, sg.id]).apply(([id, arn, ips, securityGroupId]) => ({
    id,
    arn,
    ipAddresses: (ips ?? []).map((ip) => ip.ip ?? "").filter(Boolean),
    securityGroupId,
  }));
}

/** One source per rule, as `aws.vpc.SecurityGroupIngressRule` takes it. */
function sourceOf(rule: IngressRule): { cidrIpv4: string } | { cidrIpv6: string } | { referencedSecurityGroupId: pulumi.Input<string> } {
  if (rule.securityGroupId) return { referencedSecurityGroupId: rule.securityGroupId };
  return rule.cidr!.includes(":") ? { cidrIpv6: rule.cidr! } : { cidrIpv4: rule.cidr! };
}

// AWS lists the regional name first, then one per AZ (`vpce-...-us-east-1a.<service>...`), then the
// private DNS names when private DNS is on.
const regionalName = (entries: EndpointDnsEntry[] | undefined): string | undefined => entries?.[0]?.dnsName;

const zonalNames = (entries: EndpointDnsEntry[] | undefined, endpoint: PlannedEndpoint): string[] =>
  (entries ?? []).map((e) => e.dnsName).filter((dns) => (endpoint.azs ?? []).some((az) => dns.includes(`-${az}.`)));
