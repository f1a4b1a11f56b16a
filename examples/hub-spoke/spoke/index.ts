/**
 * A spoke of examples/hub-spoke/hub: it reads the hub's contract through a stack reference,
 * associates the hub's Route 53 Profile with its VPC (or the hub zones, for a hub sharing by
 * zones), and builds its own endpoints (the S3 gateway, and anything the hub keeps local for it)
 * with an EndpointPlan child. A VPC takes one Profile: set `associatedProfileId` if it has one.
 *
 *   pulumi config set hubStack acme/vpce-hub/prod
 *   pulumi config set vpcId vpc-0pay...
 *   pulumi config set --path 'subnets[0].id' subnet-0pa ; pulumi config set --path 'subnets[0].routeTableId' rtb-0pa
 */
import * as pulumi from "@pulumi/pulumi";
import { EndpointSpoke, type SubnetArgs } from "vpce-plan";

const config = new pulumi.Config();

const spoke = new EndpointSpoke(config.get("spokeName") ?? "payments", {
  hubStack: config.require("hubStack"),
  vpc: { id: config.require("vpcId") },
  subnets: config.requireObject<SubnetArgs[]>("subnets"),
  services: config.getObject<string[]>("services") ?? ["secretsmanager", "ecr.dkr", "s3"],
  traffic: config.getObject<Record<string, number>>("traffic"),
  associatedProfileId: config.get("associatedProfileId"),
});

/** Per service: hub or local, and the names that resolve there. */
export const resolution = spoke.resolution;
export const monthlyCostUsd = spoke.monthlyCostUsd;
