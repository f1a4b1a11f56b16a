/**
 * Facts the components look up themselves (Pulumi invokes), with the plain-promise invoke forms: they run in
 * `pulumi preview` too, and they are awaited before the plan is made (never inside an apply).
 * Every failure becomes a Problem naming the arg, so all of them are reported at once.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { EndpointPlanArgs, SubnetArgs } from "../../components/args";
import { isPlain, mayUseGateway, servicesToLookUp, type LookedUpArgs, type SubnetFound } from "../../components/request";
import type { PlanFacts, Problem } from "../../plan/types";
import { factsFromServices, type ServiceLookup } from "../services";

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
 * AZs (and tags) of subnets given by plain id, their route tables when a gateway endpoint may need
 * them and whether those route to an internet gateway, the subnets `subnetTags` finds, the VPCs of
 * named security groups, and VPC attributes not given in the args.
 */
export async function lookUpNetwork(
  args: EndpointPlanArgs,
  region: string,
  opts: pulumi.InvokeOptions,
): Promise<{ found: LookedUpArgs; problems: Problem[] }> {
  const problems: Problem[] = [];
  const found: LookedUpArgs = { region, subnets: new Map() };
  const regionArg = args.region ? { region: args.region } : {};
  const gateway = mayUseGateway(args, region);
  const wantTags = Object.keys(args.subnetTags ?? {}).length > 0;
  const listed = Array.isArray(args.subnets) ? args.subnets : [];
  const failed = (path: string, what: string, hint: string) => (err: unknown) =>
    void problems.push({ code: "LOOKUP_FAILED", path, message: `${what} failed: ${reasonOf(err)}.`, hint });

  /** What one subnet's lookups find; `known` is what the args already say. */
  const lookUpSubnet = async (id: string, known: SubnetArgs, path: string): Promise<SubnetFound> => {
    const entry: SubnetFound = {};
    const lookups: Promise<void>[] = [];
    if (!known.az || (wantTags && !known.tags)) {
      lookups.push(
        aws.ec2.getSubnet({ id, ...regionArg }, opts).then(
          (result) => {
            if (!known.az) {
              entry.az = result.availabilityZone;
              if (result.availabilityZoneId) entry.azId = result.availabilityZoneId;
              entry.ipv6 = Boolean(result.ipv6CidrBlock);
              // An IPv6-only subnet: an IPv6 CIDR and no IPv4 one (EC2's Ipv6Native).
              entry.ipv6Only = Boolean(result.ipv6Native || (result.ipv6CidrBlock && !result.cidrBlock));
            }
            if (wantTags && !known.tags) entry.tags = { ...(result.tags ?? {}) };
          },
          failed(`${path}.id`, `aws.ec2.getSubnet(${id})`, `Check the subnet id, or set ${path}.az.`),
        ),
      );
    }
    const needTable = gateway && known.routeTableId === undefined;
    if (needTable || known.public === undefined) {
      lookups.push(
        routeTableOf(id, known.routeTableId, args.vpc?.id, regionArg, opts).then(
          (table) => {
            if (needTable) entry.routeTableId = table.routeTableId;
            entry.public = routesToInternet(table.routes);
          },
          needTable
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

  const subnets = listed.map(async (subnet, i) => {
    if (!isPlain(subnet?.id)) return;
    const entry = await lookUpSubnet(subnet.id, subnet, `subnets[${i}]`);
    if (Object.keys(entry).length) found.subnets!.set(i, entry);
  });
  const tagged = (async () => {
    if (!wantTags || !isPlain(args.vpc?.id)) return;
    const filters = [
      { name: "vpc-id", values: [args.vpc.id] },
      ...Object.entries(args.subnetTags!).map(([key, value]) => ({ name: `tag:${key}`, values: [value] })),
    ];
    try {
      const ids = (await aws.ec2.getSubnets({ filters, ...regionArg }, opts)).ids.filter((id) => !listed.some((s) => s?.id === id));
      found.tagged = await Promise.all(
        [...ids].sort().map(async (id) => ({
          id,
          tags: { ...args.subnetTags! },
          ...(await lookUpSubnet(id, { id, tags: args.subnetTags }, "subnetTags")),
        })),
      );
    } catch (err) {
      failed("subnetTags", `aws.ec2.getSubnets(${args.vpc.id}, tags)`, "Check subnetTags and the VPC id, or list subnets.")(err);
    }
  })();
  const groups = lookUpGroups(args, regionArg, opts, problems).then((vpcs) => {
    if (Object.keys(vpcs).length) found.securityGroupVpcs = vpcs;
  });
  const vpc = args.vpc;
  const vpcLookup = (async () => {
    const missing = vpc && (vpc.cidrs === undefined || vpc.dnsSupport === undefined || vpc.dnsHostnames === undefined);
    if (!missing || !isPlain(vpc.id)) return;
    try {
      const result = await aws.ec2.getVpc({ id: vpc.id, ...regionArg }, opts);
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
        message: `aws.ec2.getVpc(${vpc.id}) failed: ${reasonOf(err)}.`,
        hint: "Check the VPC id and the provider's region, or give vpc.cidrs, vpc.dnsSupport and vpc.dnsHostnames.",
      });
    }
  })();
  await Promise.all([...subnets, tagged, groups, vpcLookup]);
  return { found, problems };
}

/** A public subnet's route table sends traffic to an internet gateway (https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html). */
const routesToInternet = (routes: ReadonlyArray<{ gatewayId?: string }> | undefined): boolean =>
  (routes ?? []).some((r) => r.gatewayId?.startsWith("igw-") ?? false);

/** The VPC of every plain security group id the args name as a consumer or an attached group. */
async function lookUpGroups(
  args: EndpointPlanArgs,
  regionArg: { region?: string },
  opts: pulumi.InvokeOptions,
  problems: Problem[],
): Promise<Record<string, string>> {
  const named: Array<[string, string]> = [
    ...(args.access?.securityGroups ?? []).map((id, i): [string, string] => [id, `access.securityGroups[${i}]`]),
    ...Object.entries(args.serviceOptions ?? {}).flatMap(([name, o]) =>
      (o?.securityGroupIds ?? []).flatMap((id, i): Array<[string, string]> =>
        isPlain(id) ? [[id, `serviceOptions.${name}.securityGroupIds[${i}]`]] : [],
      ),
    ),
  ];
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  await Promise.all(
    named.map(async ([id, path]) => {
      if (seen.has(id)) return;
      seen.add(id);
      try {
        out[id] = (await aws.ec2.getSecurityGroup({ id, ...regionArg }, opts)).vpcId;
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
  return out;
}

/**
 * A subnet's route table: the one named in the args, else its explicit association, else the VPC's
 * main route table (AWS routes a subnet without an association through the main one).
 */
async function routeTableOf(
  subnetId: string,
  given: pulumi.Input<string> | undefined,
  vpcId: pulumi.Input<string> | undefined,
  regionArg: { region?: string },
  opts: pulumi.InvokeOptions,
): Promise<aws.ec2.GetRouteTableResult> {
  if (isPlain(given)) return aws.ec2.getRouteTable({ routeTableId: given, ...regionArg }, opts);
  try {
    return await aws.ec2.getRouteTable({ subnetId, ...regionArg }, opts);
  } catch (explicit) {
    if (!isPlain(vpcId)) throw explicit;
    return aws.ec2.getRouteTable({ vpcId, filters: [{ name: "association.main", values: ["true"] }], ...regionArg }, opts);
  }
}

/** The caller's account id, for `account-only` policies that name no account. */
export async function lookUpAccountId(args: EndpointPlanArgs, opts: pulumi.InvokeOptions): Promise<string | undefined> {
  const policies = [args.defaults?.policy, ...Object.values(args.serviceOptions ?? {}).map((o) => o?.policy)];
  const needed = policies.some((p) => p?.template === "account-only" && !p.accountIds?.length && !p.document);
  if (!needed || args.facts?.accountId) return undefined;
  // Without it the planner reports POLICY_ACCOUNT_REQUIRED, which says how to fix it.
  return aws.getCallerIdentity({}, opts).then(
    (identity) => identity.accountId,
    () => undefined,
  );
}

/** Per service that may get an interface endpoint: AZs, private DNS names, IP types, policy support. */
export async function lookUpServices(
  args: EndpointPlanArgs,
  region: string,
  opts: pulumi.InvokeOptions,
): Promise<{ facts: PlanFacts; problems: Problem[] }> {
  const lookup: ServiceLookup = { found: {}, missing: [] };
  const problems: Problem[] = [];
  await Promise.all(
    servicesToLookUp(args, region).map(async ({ key, serviceName, path, serviceRegion, serviceType = "Interface" }) => {
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
