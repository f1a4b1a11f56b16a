/**
 * A new VPC with awsx and the endpoints its private subnets need. The subnet and route table ids
 * are unknown until the VPC exists, but the AZs are plain values, so `pulumi preview` already
 * shows every endpoint, association and security group.
 */
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { EndpointPlan, fromAwsxVpc } from "vpce-plan";

const config = new pulumi.Config();
const region = new pulumi.Config("aws").get("region") ?? "us-east-1";
const azs = config.getObject<string[]>("azs") ?? [`${region}a`, `${region}b`];
const cidrBlock = config.get("cidrBlock") ?? "10.20.0.0/16";

const vpc = new awsx.ec2.Vpc("app", {
  cidrBlock,
  availabilityZoneNames: azs,
  natGateways: { strategy: awsx.ec2.NatGatewayStrategy.Single },
});

const endpoints = new EndpointPlan("app", {
  ...fromAwsxVpc(vpc, { azs, cidrs: [cidrBlock] }),
  region,
  bundles: ["ecs-fargate", "ssm-session-manager"],
});

export const vpcId = vpc.vpcId;
export const vpcEndpoints = endpoints.endpoints;
export const monthlyCostUsd = endpoints.monthlyCostUsd;
