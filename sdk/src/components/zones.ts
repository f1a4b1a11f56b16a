/**
 * The hub's Route 53 side (rule 9): per planned zone a private hosted zone attached to the hub VPC,
 * alias records to the hub endpoint's regional DNS name, and, for spokes in other accounts, one
 * VpcAssociationAuthorization per zone and spoke VPC. Spokes associate themselves
 * (`EndpointSpoke`, aws.route53.ZoneAssociation), so the zone ignores changes to its inline `vpcs`:
 * the provider documents that inline VPCs and separate associations otherwise fight forever.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NetworkPlan } from "../plan/multi/types";
import type { EndpointOutput } from "./args";
import { DELETE_BEFORE_REPLACE } from "./replacement";
import { awsName, zoneAuthorizationName, zoneRecordName, zoneResourceName } from "./names";

export interface ZoneContext {
  parent: pulumi.ComponentResource;
  name: string;
  hubVpcId: pulumi.Input<string>;
  region?: string;
  tags?: Record<string, string>;
  /** The hub's endpoints by plan name (perEndpoint's result). */
  endpoints: Record<string, pulumi.Output<EndpointOutput>>;
  /** Planner spoke VPC id -> the real id Input. */
  spokeVpcIds: Map<string, pulumi.Input<string>>;
}

/** Creates every planned zone with its records and authorizations; returns the zones by name. */
export function createZones(plan: NetworkPlan, ctx: ZoneContext): Map<string, aws.route53.Zone> {
  const opts: pulumi.CustomResourceOptions = { parent: ctx.parent };
  const zones = new Map<string, aws.route53.Zone>();
  for (const planned of plan.zones) {
    const zoneName = zoneResourceName(ctx.name, planned.name);
    const zone = new aws.route53.Zone(
      zoneName,
      {
        name: planned.name,
        comment: `${planned.service} through the hub's VPC endpoint (vpce-plan)`,
        // A private zone needs a VPC when it is created: the hub's, inline. Spokes add theirs separately.
        vpcs: [{ vpcId: ctx.hubVpcId, ...(ctx.region ? { vpcRegion: ctx.region } : {}) }],
        tags: { ...(ctx.tags ?? {}), Name: awsName("tagValue", zoneName) },
      },
      { ...opts, ignoreChanges: ["vpcs"], ...DELETE_BEFORE_REPLACE },
    );
    zones.set(planned.name, zone);
    const endpoint = ctx.endpoints[planned.endpoint];
    // AWS lists the endpoint's regional DNS name first; its hosted zone id is the alias target's zone.
    const regional = endpoint.apply((e) => e.dnsEntries[0]);
    for (const record of planned.records) {
      for (const type of record.types) {
        new aws.route53.Record(
          zoneRecordName(ctx.name, planned.name, record.wildcard, type),
          {
            zoneId: zone.zoneId,
            name: record.name,
            type,
            aliases: [
              { name: regional.apply((e) => e.dnsName), zoneId: regional.apply((e) => e.hostedZoneId), evaluateTargetHealth: false },
            ],
          },
          opts,
        );
      }
    }
    for (const association of planned.associations) {
      if (!association.authorizationRequired) continue;
      new aws.route53.VpcAssociationAuthorization(
        zoneAuthorizationName(ctx.name, planned.name, association.spoke),
        {
          zoneId: zone.zoneId,
          vpcId: ctx.spokeVpcIds.get(association.vpcId) ?? association.vpcId,
          vpcRegion: association.region,
        },
        opts,
      );
    }
  }
  return zones;
}
