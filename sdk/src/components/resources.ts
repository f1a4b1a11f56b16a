/**
 * Creates the child resources of a plan. Every child has the component as parent and a name from
 * names.ts (service key, route table or CIDR: never an array index). Attachments go one way only:
 * subnets and security groups inline on interface endpoints, route tables through association
 * resources (never inline `routeTableIds`), ingress through `aws.vpc.SecurityGroupIngressRule`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ruleTarget } from "../plan/security";
import type { IngressRule, Plan, PlannedEndpoint, PlannedSecurityGroup } from "../plan/types";
import type { EndpointDnsEntry, EndpointOutput } from "./args";
import { DELETE_BEFORE_REPLACE } from "./replacement";
import { endpointResourceName, ingressRuleName, routeTableAssociationName, securityGroupName } from "./names";
import type { PreparedRequest } from "./request";

export interface ChildContext {
  parent: pulumi.ComponentResource;
  /** The component's name: the prefix of every child name. */
  name: string;
  prepared: PreparedRequest;
  region?: string;
  tags?: Record<string, string>;
}

export function createResources(plan: Plan, ctx: ChildContext): Record<string, pulumi.Output<EndpointOutput>> {
  const { name, prepared } = ctx;
  const opts: pulumi.CustomResourceOptions = { parent: ctx.parent };
  const region = ctx.region ? { region: ctx.region } : {};
  const tags = (resourceName: string, own?: Record<string, string>): Record<string, string> => ({
    ...(own ?? ctx.tags ?? {}),
    Name: resourceName,
  });
  const groups = new Map<string, aws.ec2.SecurityGroup>();
  const created = new Map<string, aws.ec2.VpcEndpoint>();
  const out: Record<string, pulumi.Output<EndpointOutput>> = {};

  const existing = (ids: readonly string[] | undefined): pulumi.Input<string>[] =>
    (ids ?? []).map((id) => prepared.securityGroups.get(id) ?? id);
  const securityGroupIds = (group: PlannedSecurityGroup, endpoint: PlannedEndpoint): pulumi.Input<string>[] => {
    const service = endpoint.service;
    if (group.mode === "existing") return existing(group.ids);
    const groupName = group.name!;
    let sg = groups.get(groupName);
    if (!sg) {
      const sgName = securityGroupName(name, groupName);
      sg = new aws.ec2.SecurityGroup(
        sgName,
        {
          vpcId: prepared.vpcId,
          // The description cannot change without replacing the group: keep it free of anything that varies.
          description: group.mode === "shared" ? "VPC interface endpoints (vpce-plan)" : `VPC interface endpoint ${service} (vpce-plan)`,
          // No egress: endpoint ENIs only answer connections, and security groups are stateful. The
          // AWS provider removes AWS's default allow-all egress rule when it creates the group.
          revokeRulesOnDelete: true,
          // A per-endpoint group carries its endpoint's tags; the shared one the component's.
          tags: tags(sgName, group.mode === "perEndpoint" ? endpoint.tags : undefined),
          ...region,
        },
        opts,
      );
      groups.set(groupName, sg);
      for (const rule of group.ingress) {
        const ruleName = ingressRuleName(name, groupName, rule.fromPort, ruleTarget(rule));
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
      out[endpoint.name] = pulumi.all([vpce.id, vpce.dnsEntries, vpce.prefixListId]).apply(([id, dnsEntries, prefixListId]) => ({
        id,
        type: endpoint.type,
        serviceName: endpoint.serviceName,
        dnsEntries,
        prefixListId,
      }));
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
    // One `all` per endpoint, not an Output per field: a plan has dozens of endpoints, and every
    // extra Output is promise machinery the program pays for.
    out[endpoint.name] = pulumi.all([vpce.id, vpce.dnsEntries, sgIds[0]]).apply(([id, entries, securityGroupId]) => ({
      id,
      type: endpoint.type,
      serviceName: endpoint.serviceName,
      dnsEntries: entries,
      regionalDnsName: regionalName(entries),
      zonalDnsNames: zonalNames(entries, endpoint),
      ...(securityGroupId ? { securityGroupId } : {}),
    }));
  }
  return out;
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
