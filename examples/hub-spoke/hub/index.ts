/**
 * The hub of a hub-and-spoke network. The planner decides per service whether one hub endpoint is
 * cheaper than an endpoint in every spoke that needs it, from each spoke's AZs and expected traffic
 * and the transit price. The shared endpoints keep private DNS on and reach the spokes through one
 * Route 53 Profile (`dnsSharing: profile`; `auto` would pick private hosted zones until a zone's
 * 300-VPC quota forces the Profile). Spokes read the exported `contract` (examples/hub-spoke/spoke).
 *
 *   pulumi config set vpcId vpc-0hub...
 *   pulumi config set --path 'subnets[0].id' subnet-0a1 ; pulumi config set --path 'subnets[0].az' us-east-1a
 *   pulumi config set --path 'subnets[1].id' subnet-0b1 ; pulumi config set --path 'subnets[1].az' us-east-1b
 *   pulumi config set --path 'spokes[0].name' payments ; pulumi config set --path 'spokes[0].vpcId' vpc-0pay...
 *   pulumi config set --path 'spokes[0].cidrs[0]' 10.1.0.0/16 ; pulumi config set --path 'spokes[0].services[0]' secretsmanager
 */
import * as pulumi from "@pulumi/pulumi";
import { EndpointHub, type HubSpokeArgs, type SubnetArgs } from "vpce-plan";

const config = new pulumi.Config();

const hub = new EndpointHub("hub", {
  vpc: { id: config.require("vpcId") },
  subnets: config.requireObject<SubnetArgs[]>("subnets"),
  // What the hub VPC itself uses; spokes' shared services are added where the planner centralises them.
  services: config.getObject<string[]>("services") ?? ["sts"],
  spokes: config.requireObject<HubSpokeArgs[]>("spokes"),
  transit: "transitGateway",
  dnsSharing: "profile",
  tags: { team: "platform" },
});

/** The one output spokes read (docs/components.md: the contract format). */
export const contract = hub.contract;
export const monthlyCostUsd = hub.monthlyCostUsd;
export const savingsUsd = hub.plan.apply((plan) => plan.cost.savingsUsd as number);
