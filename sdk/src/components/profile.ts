/**
 * The hub's Route 53 Profile (rule 15, dnsSharing mode `profile`): one Profile, every shared
 * interface endpoint associated with it (their private DNS stays on, so the Profile carries it to
 * each spoke VPC that associates the Profile), and an AWS RAM share with the spokes' other
 * accounts. The hub VPC itself is not associated: it already resolves the names through the
 * endpoints' own private DNS. Spokes associate themselves (`EndpointSpoke`,
 * aws.route53.ProfilesAssociation), so a spoke's VPC, which takes one Profile, is its team's
 * choice. Sources: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/profile-associate-vpc-endpoints.html,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/sharing-profiles.html.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NetworkPlan } from "../plan/multi/types";
import type { EndpointOutput } from "./args";
import { awsName, profileEndpointName, profilePrincipalName, profileResourceName, profileShareName } from "./names";

export interface ProfileContext {
  parent: pulumi.ComponentResource;
  name: string;
  region?: string;
  tags?: Record<string, string>;
  /** The hub's endpoints by plan name (perEndpoint's result). */
  endpoints: Record<string, pulumi.Output<EndpointOutput>>;
  /** Share with the organization rather than per account. */
  organizationArn?: string;
}

export function createProfile(plan: NetworkPlan, ctx: ProfileContext): aws.route53.ProfilesProfile | undefined {
  const planned = plan.profile;
  if (!planned) return undefined;
  const opts: pulumi.CustomResourceOptions = { parent: ctx.parent };
  const region = ctx.region ? { region: ctx.region } : {};
  const tags = (resourceName: string): Record<string, string> => ({ ...(ctx.tags ?? {}), Name: awsName("tagValue", resourceName) });
  const profileName = profileResourceName(ctx.name);
  const profile = new aws.route53.ProfilesProfile(
    profileName,
    { name: awsName("route53Profile", profileName), tags: tags(profileName), ...region },
    opts,
  );
  for (const endpoint of planned.endpoints) {
    const resourceName = profileEndpointName(ctx.name, endpoint);
    new aws.route53.ProfilesResourceAssociation(
      resourceName,
      {
        name: awsName("profileResourceAssociation", resourceName),
        profileId: profile.id,
        resourceArn: ctx.endpoints[endpoint].apply((e) => e.arn ?? ""),
        ...region,
      },
      opts,
    );
  }
  if (planned.sharedWith.length) {
    const shareName = profileShareName(ctx.name);
    const organization = ctx.organizationArn;
    const share = new aws.ram.ResourceShare(
      shareName,
      // Without an organization the principals are explicit account ids; external ones are allowed
      // so that a spoke account outside the hub's organization can accept the invitation.
      { name: awsName("ramResourceShare", shareName), allowExternalPrincipals: !organization, tags: tags(shareName), ...region },
      opts,
    );
    new aws.ram.ResourceAssociation(`${shareName}-profile`, { resourceArn: profile.arn, resourceShareArn: share.arn, ...region }, opts);
    const principals: Array<[string, string]> = organization
      ? [["organization", organization]]
      : planned.sharedWith.map((account) => [account, account]);
    for (const [label, principal] of principals)
      new aws.ram.PrincipalAssociation(profilePrincipalName(ctx.name, label), { principal, resourceShareArn: share.arn, ...region }, opts);
  }
  return profile;
}
