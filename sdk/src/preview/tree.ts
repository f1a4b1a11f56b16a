/**
 * Prints registered resources the way `pulumi preview` lays them out: one `+ type name` line per
 * resource, children indented under their parent, with the inputs a reviewer checks.
 */
import type { RegisteredResource } from "./run";

/** Per resource type, the inputs worth showing (in this order). */
const KEY_INPUTS: Record<string, string[]> = {
  "aws:ec2/vpcEndpoint:VpcEndpoint": [
    "serviceName",
    "serviceRegion",
    "vpcEndpointType",
    "subnetIds",
    "securityGroupIds",
    "privateDnsEnabled",
    "dnsOptions",
    "ipAddressType",
    "policy",
  ],
  "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation": ["routeTableId"],
  "aws:ec2/securityGroup:SecurityGroup": ["vpcId", "description"],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [
    "ipProtocol",
    "fromPort",
    "toPort",
    "cidrIpv4",
    "cidrIpv6",
    "referencedSecurityGroupId",
    "description",
  ],
};

const STACK_TYPE = "pulumi:pulumi:Stack";
const MAX_VALUE = 110;

function show(value: unknown): string {
  const text = typeof value === "string" && value.startsWith("{") ? value : JSON.stringify(value);
  const compact = text.replace(/\s+/g, " ");
  return compact.length > MAX_VALUE ? `${compact.slice(0, MAX_VALUE - 3)}...` : compact;
}

export function formatTree(resources: RegisteredResource[]): string {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const children = new Map<string | undefined, RegisteredResource[]>();
  for (const r of resources) {
    if (r.type === STACK_TYPE) continue;
    const parent = r.parent && byUrn.get(r.parent)?.type !== STACK_TYPE ? r.parent : undefined;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  // Registration order depends on when inputs resolve; names group each endpoint with its parts.
  for (const list of children.values()) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : 1));
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number): void => {
    for (const r of children.get(parent) ?? []) {
      const pad = "    ".repeat(depth);
      lines.push(`${pad}+ ${r.type} ${r.name}`);
      for (const key of KEY_INPUTS[r.type] ?? []) {
        const value = r.inputs[key];
        if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
        lines.push(`${pad}      ${key}: ${show(value)}`);
      }
      const after = r.dependencies
        .map((urn) => byUrn.get(urn))
        .filter((d): d is RegisteredResource => Boolean(d) && d!.type === r.type && r.type === "aws:ec2/vpcEndpoint:VpcEndpoint")
        .map((d) => d.name);
      if (after.length) lines.push(`${pad}      dependsOn: ${after.join(", ")}`);
      walk(r.urn, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join("\n") + "\n";
}

/** The closing summary, as `pulumi preview` prints it. */
export function resourceSummary(resources: RegisteredResource[]): string {
  return `Resources:\n    + ${resources.filter((r) => r.type !== STACK_TYPE).length} to create\n`;
}
