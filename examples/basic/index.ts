/**
 * Endpoints for an existing VPC, by id. Only the ids are configured; AZs, CIDRs and the DNS
 * attributes are looked up (aws.ec2.getSubnet / getVpc), and so is each service's AZ support.
 *
 *   pulumi config set vpcId vpc-0abc1234def567890
 *   pulumi config set --path 'subnets[0].id' subnet-0a1 ; pulumi config set --path 'subnets[0].routeTableId' rtb-0a1
 *   pulumi config set --path 'subnets[1].id' subnet-0b1 ; pulumi config set --path 'subnets[1].routeTableId' rtb-0b1
 */
import * as pulumi from "@pulumi/pulumi";
import { EndpointPlan, type SubnetArgs } from "vpce-plan";

const config = new pulumi.Config();

const endpoints = new EndpointPlan("app", {
  vpc: { id: config.require("vpcId") },
  subnets: config.requireObject<SubnetArgs[]>("subnets"),
  services: ["secretsmanager", "sts"],
  bundles: ["ecs-fargate"],
  traffic: { s3: 500, "ecr.dkr": 200 },
  tags: { team: "payments" },
});

export const vpcEndpoints = endpoints.endpoints;
export const monthlyCostUsd = endpoints.monthlyCostUsd;
export const warnings = endpoints.warnings;
