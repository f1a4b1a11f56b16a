/**
 * S3 from the VPC and from the data centre over Direct Connect: a free gateway endpoint for the
 * VPC, plus an interface endpoint with private DNS for the inbound Resolver endpoint only, created
 * after the gateway (AWS rejects the flag otherwise). Both carry the organisation-only policy.
 */
import * as pulumi from "@pulumi/pulumi";
import { EndpointPlan, type SubnetArgs } from "vpce-plan";

const config = new pulumi.Config();

const endpoints = new EndpointPlan("dx", {
  vpc: { id: config.require("vpcId") },
  subnets: config.requireObject<SubnetArgs[]>("subnets"),
  services: ["s3"],
  serviceOptions: { s3: { policy: { template: "organization-only", organizationId: config.require("organizationId") } } },
  access: { onPremises: { cidrs: config.requireObject<string[]>("onPremisesCidrs") } },
  traffic: { s3: 10_000 },
});

export const s3 = endpoints.endpoints;
export const monthlyCostUsd = endpoints.monthlyCostUsd;
