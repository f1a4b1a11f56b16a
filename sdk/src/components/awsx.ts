/**
 * `fromAwsxVpc`: EndpointPlan args from an `awsx.ec2.Vpc`. Its subnet and route table ids are
 * Outputs (unknown until created), so the AZs, which decide placement, come from the caller:
 * the same `availabilityZoneNames` given to awsx, in the same order.
 */
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import type { EndpointPlanArgs, SubnetArgs, VpcArgs } from "./args";

export interface FromAwsxVpcOptions {
  /** The VPC's AZs, in the order given to awsx (`availabilityZoneNames`): private subnet i is in azs[i]. */
  azs: string[];
  /** The VPC's IPv4 CIDRs (the awsx `cidrBlock`): the ingress source for the VPC's own workloads. */
  cidrs?: string[];
  /** `enableDnsSupport`; awsx turns it on by default. */
  dnsSupport?: boolean;
  /** `enableDnsHostnames`; awsx turns it on by default. */
  dnsHostnames?: boolean;
}

/** The `vpc` and `subnets` args for an awsx VPC: one private subnet per AZ, with its own route table. */
export function fromAwsxVpc(vpc: awsx.ec2.Vpc, options: FromAwsxVpcOptions): Pick<EndpointPlanArgs, "vpc" | "subnets"> {
  if (!Array.isArray(options?.azs) || options.azs.length === 0) {
    throw new Error("fromAwsxVpc: options.azs must list the VPC's Availability Zones (the availabilityZoneNames given to awsx.ec2.Vpc).");
  }
  const vpcArgs: VpcArgs = {
    id: vpc.vpcId,
    dnsSupport: options.dnsSupport ?? true,
    dnsHostnames: options.dnsHostnames ?? true,
    ...(options.cidrs ? { cidrs: options.cidrs } : {}),
  };
  // Route tables are matched to subnets through the VPC's associations. Each element is a resource
  // whose fields are Outputs (or plain values under mocks); pulumi.all handles both.
  const associations = vpc.routeTableAssociations.apply((list) =>
    pulumi.all((list ?? []).map((a) => pulumi.all([a.subnetId, a.routeTableId]))),
  );
  const subnets = options.azs.map((az, i): SubnetArgs => {
    const id = vpc.privateSubnetIds.apply((ids) => {
      if (!ids || ids.length <= i)
        throw new Error(`fromAwsxVpc: the VPC has ${ids?.length ?? 0} private subnets, but azs lists ${options.azs.length} AZs.`);
      return ids[i];
    });
    const routeTableId = pulumi.all([id, associations]).apply(([subnetId, pairs]) => {
      const pair = pairs.find(([s]) => s === subnetId);
      if (!pair) throw new Error(`fromAwsxVpc: no route table is associated with private subnet ${subnetId} (${az}).`);
      return pair[1];
    });
    return { id, az, routeTableId };
  });
  return { vpc: vpcArgs, subnets };
}
