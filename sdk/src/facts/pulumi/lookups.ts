/**
 * The components' facts source: Pulumi invokes, in their plain-promise forms, so they run in
 * `pulumi preview` too and are awaited before the plan is made (never inside an apply). It answers
 * exactly what `factsNeeded` lists for the request; every failure becomes a Problem naming the
 * request field, so all of them are reported at once.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { PlanFacts, Problem } from "../../plan/types";
import { taggedSubnetNeed, type FactsNeeded, type NetworkFound, type ServiceNeed, type SubnetFound, type SubnetNeed } from "../needs";
import { factsFromServices, type ServiceLookup } from "../services";

/** How the invokes run: their options, and the region only when the caller named one (else the provider's). */
export interface Invoke {
  opts: pulumi.InvokeOptions;
  region?: string;
}

/** Why an invoke failed: the provider's message (mocks put it in `details`, gRPC errors too). */
const reasonOf = (err: unknown): string => {
  const e = err as { details?: string; message?: string };
  return (e?.details || e?.message || String(err)).replace(/\s+$/, "");
};

export async function lookUpRegion(opts: pulumi.InvokeOptions): Promise<string> {
  const region = await aws.getRegion({}, opts);
  return region.region;
}

/**
 * Answers `needs`: subnet AZs, tags, route tables (and whether they route to an internet gateway),
 * the subnets `subnetTags` finds, VPC attributes (all completing the request), and the service facts,
 * security groups' VPCs and account id (as PlanFacts).
 */
export async function lookUpNeeds(
  needs: FactsNeeded,
  region: string,
  invoke: Invoke,
): Promise<{ found: NetworkFound; facts: PlanFacts; problems: Problem[] }> {
  const [network, services, groups, accountId] = await Promise.all([
    lookUpNetwork(needs, region, invoke),
    lookUpServices(needs.services, region, invoke.opts),
    lookUpGroups(needs.securityGroups, invoke),
    needs.accountId ? lookUpAccountId(invoke.opts) : undefined,
  ]);
  const facts: PlanFacts = { ...services.facts };
  if (Object.keys(groups.vpcs).length) facts.securityGroupVpcs = groups.vpcs;
  if (accountId) facts.accountId = accountId;
  return { found: network.found, facts, problems: [...network.problems, ...groups.problems, ...services.problems] };
}

async function lookUpNetwork(needs: FactsNeeded, region: string, invoke: Invoke): Promise<{ found: NetworkFound; problems: Problem[] }> {
  const problems: Problem[] = [];
  const found: NetworkFound = { region, subnets: new Map() };
  const { opts } = invoke;
  const regionArg = invoke.region ? { region: invoke.region } : {};
  const failed = (path: string, what: string, hint: string) => (err: unknown) =>
    void problems.push({ code: "LOOKUP_FAILED", path, message: `${what} failed: ${reasonOf(err)}.`, hint });

  const lookUpSubnet = async (need: SubnetNeed): Promise<SubnetFound> => {
    const { id, path } = need;
    const entry: SubnetFound = {};
    const lookups: Promise<void>[] = [];
    if (need.az || need.tags) {
      lookups.push(
        aws.ec2.getSubnet({ id, ...regionArg }, opts).then(
          (result) => {
            if (need.az) {
              entry.az = result.availabilityZone;
              if (result.availabilityZoneId) entry.azId = result.availabilityZoneId;
              entry.ipv6 = Boolean(result.ipv6CidrBlock);
              // An IPv6-only subnet: an IPv6 CIDR and no IPv4 one (EC2's Ipv6Native).
              entry.ipv6Only = Boolean(result.ipv6Native || (result.ipv6CidrBlock && !result.cidrBlock));
            }
            if (need.tags) entry.tags = { ...(result.tags ?? {}) };
          },
          failed(`${path}.id`, `aws.ec2.getSubnet(${id})`, `Check the subnet id, or set ${path}.az.`),
        ),
      );
    }
    if (need.routeTable || need.public) {
      lookups.push(
        routeTableOf(id, need.routeTableId, needs.vpcId, regionArg, opts).then(
          (table) => {
            if (need.routeTable) entry.routeTableId = table.routeTableId;
            entry.public = routesToInternet(table.routes);
          },
          need.routeTable
            ? failed(`${path}.routeTableId`, `the route table lookup of ${id}`, `Set ${path}.routeTableId.`)
            : failed(
                `${path}.public`,
                `the route table lookup of ${id}`,
                `Set ${path}.public (true when it routes to an internet gateway).`,
              ),
        ),
      );
    }
    await Promise.all(lookups);
    return entry;
  };

  const subnets = needs.subnets.map(async (need) => {
    const entry = await lookUpSubnet(need);
    if (Object.keys(entry).length) found.subnets!.set(need.index, entry);
  });
  const tagged = (async () => {
    const { tagged: wanted, vpcId } = needs;
    if (!wanted || !vpcId) return;
    const filters = [
      { name: "vpc-id", values: [vpcId] },
      ...Object.entries(wanted.tags).map(([key, value]) => ({ name: `tag:${key}`, values: [value] })),
    ];
    try {
      const ids = (await aws.ec2.getSubnets({ filters, ...regionArg }, opts)).ids.filter((id) => !wanted.listed.includes(id));
      found.tagged = await Promise.all(
        [...ids].sort().map(async (id) => ({ id, tags: { ...wanted.tags }, ...(await lookUpSubnet(taggedSubnetNeed(needs, id))) })),
      );
    } catch (err) {
      failed("subnetTags", `aws.ec2.getSubnets(${vpcId}, tags)`, "Check subnetTags and the VPC id, or list subnets.")(err);
    }
  })();
  const vpcLookup = (async () => {
    if (!needs.vpc || !needs.vpcId) return;
    try {
      const result = await aws.ec2.getVpc({ id: needs.vpcId, ...regionArg }, opts);
      const cidrs = (result.cidrBlockAssociations ?? []).map((a) => a.cidrBlock).filter(Boolean);
      found.vpc = {
        cidrs: cidrs.length ? [...new Set(cidrs)].sort() : result.cidrBlock ? [result.cidrBlock] : [],
        ipv6Cidrs: result.ipv6CidrBlock ? [result.ipv6CidrBlock] : [],
        dnsSupport: result.enableDnsSupport,
        dnsHostnames: result.enableDnsHostnames,
      };
    } catch (err) {
      problems.push({
        code: "LOOKUP_FAILED",
        path: "vpc.id",
        message: `aws.ec2.getVpc(${needs.vpcId}) failed: ${reasonOf(err)}.`,
        hint: "Check the VPC id and the provider's region, or give vpc.cidrs, vpc.dnsSupport and vpc.dnsHostnames.",
      });
    }
  })();
  await Promise.all([...subnets, tagged, vpcLookup]);
  return { found, problems };
}

/** A public subnet's route table sends traffic to an internet gateway (https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html). */
const routesToInternet = (routes: ReadonlyArray<{ gatewayId?: string }> | undefined): boolean =>
  (routes ?? []).some((r) => r.gatewayId?.startsWith("igw-") ?? false);

/** The VPC of every security group the request names as a consumer or an attached group. */
async function lookUpGroups(
  named: FactsNeeded["securityGroups"],
  invoke: Invoke,
): Promise<{ vpcs: Record<string, string>; problems: Problem[] }> {
  const regionArg = invoke.region ? { region: invoke.region } : {};
  const vpcs: Record<string, string> = {};
  const problems: Problem[] = [];
  const seen = new Set<string>();
  await Promise.all(
    named.map(async ({ id, path }) => {
      if (seen.has(id)) return;
      seen.add(id);
      try {
        vpcs[id] = (await aws.ec2.getSecurityGroup({ id, ...regionArg }, invoke.opts)).vpcId;
      } catch (err) {
        problems.push({
          code: "LOOKUP_FAILED",
          path,
          message: `aws.ec2.getSecurityGroup(${id}) failed: ${reasonOf(err)}.`,
          hint: "Check the security group id (a group of this VPC).",
        });
      }
    }),
  );
  return { vpcs, problems };
}

/**
 * A subnet's route table: the one the request names, else its explicit association, else the VPC's
 * main route table (AWS routes a subnet without an association through the main one).
 */
async function routeTableOf(
  subnetId: string,
  given: string | undefined,
  vpcId: string | undefined,
  regionArg: { region?: string },
  opts: pulumi.InvokeOptions,
): Promise<aws.ec2.GetRouteTableResult> {
  if (given !== undefined) return aws.ec2.getRouteTable({ routeTableId: given, ...regionArg }, opts);
  try {
    return await aws.ec2.getRouteTable({ subnetId, ...regionArg }, opts);
  } catch (explicit) {
    if (vpcId === undefined) throw explicit;
    return aws.ec2.getRouteTable({ vpcId, filters: [{ name: "association.main", values: ["true"] }], ...regionArg }, opts);
  }
}

/** The caller's account id, for `account-only` policies that name no account. */
function lookUpAccountId(opts: pulumi.InvokeOptions): Promise<string | undefined> {
  // Without it the planner reports POLICY_ACCOUNT_REQUIRED, which says how to fix it.
  return aws.getCallerIdentity({}, opts).then(
    (identity) => identity.accountId,
    () => undefined,
  );
}

/** Per service that may get an interface endpoint: AZs, private DNS names, IP types, policy support. */
async function lookUpServices(
  services: readonly ServiceNeed[],
  region: string,
  opts: pulumi.InvokeOptions,
): Promise<{ facts: PlanFacts; problems: Problem[] }> {
  const lookup: ServiceLookup = { found: {}, missing: [] };
  const problems: Problem[] = [];
  await Promise.all(
    services.map(async ({ key, serviceName, path, serviceRegion, serviceType = "Interface" }) => {
      try {
        // serviceType: S3 and DynamoDB publish a Gateway and an Interface service under one name.
        const result = await aws.ec2.getVpcEndpointService(
          { serviceName, serviceType, ...(serviceRegion ? { serviceRegions: [serviceRegion] } : {}) },
          opts,
        );
        lookup.found[serviceName] = {
          serviceName,
          ...(serviceRegion ? { serviceRegion } : {}),
          types: [serviceType],
          azs: [...(result.availabilityZones ?? [])].sort(),
          privateDnsNames: [...(result.privateDnsNames ?? (result.privateDnsName ? [result.privateDnsName] : []))].sort(),
          ...(result.supportedIpAddressTypes ? { ipTypes: [...result.supportedIpAddressTypes].sort() } : {}),
          ...(result.vpcEndpointPolicySupported !== undefined ? { policySupported: result.vpcEndpointPolicySupported } : {}),
          ...(result.acceptanceRequired !== undefined ? { acceptanceRequired: result.acceptanceRequired } : {}),
          ...(result.owner ? { owner: result.owner } : {}),
        };
      } catch (err) {
        problems.push({
          code: "LOOKUP_FAILED",
          path,
          message: `aws.ec2.getVpcEndpointService(${serviceName}) failed: ${reasonOf(err)}.`,
          hint: `Check that ${key} offers interface endpoints in ${region}, or give facts.serviceAzs.${key} (and lookups: false to skip lookups).`,
        });
      }
    }),
  );
  return { facts: factsFromServices(lookup, undefined, region), problems };
}
