/**
 * Facts the component looks up itself, with the plain-promise invoke forms: they run in
 * `pulumi preview` too, and they are awaited before the plan is made (never inside an apply).
 * Every failure becomes a Problem naming the arg, so all of them are reported at once.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { PlanFacts, Problem } from "../plan/types";
import type { EndpointPlanArgs } from "./args";
import { isPlain, mayUseGateway, mergeFacts, servicesToLookUp, type LookedUpArgs } from "./request";

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
 * AZs of subnets given by plain id without `az`, their route tables when a gateway endpoint may need
 * them, and VPC attributes not given in the args.
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
  const subnets = (Array.isArray(args.subnets) ? args.subnets : []).map(async (subnet, i) => {
    if (!isPlain(subnet?.id)) return;
    const entry: { az?: string; azId?: string; ipv6?: boolean; routeTableId?: string } = {};
    const lookups: Promise<void>[] = [];
    if (!subnet.az) {
      lookups.push(
        aws.ec2.getSubnet({ id: subnet.id, ...regionArg }, opts).then(
          (result) => {
            entry.az = result.availabilityZone;
            if (result.availabilityZoneId) entry.azId = result.availabilityZoneId;
            entry.ipv6 = Boolean(result.ipv6CidrBlock);
          },
          (err) =>
            void problems.push({
              code: "LOOKUP_FAILED",
              path: `subnets[${i}].id`,
              message: `aws.ec2.getSubnet(${subnet.id}) failed: ${reasonOf(err)}.`,
              hint: `Check the subnet id, or set subnets[${i}].az.`,
            }),
        ),
      );
    }
    if (gateway && subnet.routeTableId === undefined) {
      lookups.push(
        routeTableOf(subnet.id, args.vpc?.id, regionArg, opts).then(
          (routeTableId) => void (entry.routeTableId = routeTableId),
          (err) =>
            void problems.push({
              code: "LOOKUP_FAILED",
              path: `subnets[${i}].routeTableId`,
              message: `the route table of ${subnet.id} could not be looked up: ${reasonOf(err)}.`,
              hint: `Set subnets[${i}].routeTableId.`,
            }),
        ),
      );
    }
    await Promise.all(lookups);
    if (Object.keys(entry).length) found.subnets!.set(i, entry);
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
  await Promise.all([...subnets, vpcLookup]);
  return { found, problems };
}

/**
 * A subnet's route table: its explicit association, else the VPC's main route table (AWS routes a
 * subnet without an association through the main one).
 */
async function routeTableOf(
  subnetId: string,
  vpcId: pulumi.Input<string> | undefined,
  regionArg: { region?: string },
  opts: pulumi.InvokeOptions,
): Promise<string> {
  try {
    return (await aws.ec2.getRouteTable({ subnetId, ...regionArg }, opts)).routeTableId;
  } catch (explicit) {
    if (!isPlain(vpcId)) throw explicit;
    const main = await aws.ec2.getRouteTable({ vpcId, filters: [{ name: "association.main", values: ["true"] }], ...regionArg }, opts);
    return main.routeTableId;
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
  const facts: PlanFacts = {};
  const problems: Problem[] = [];
  await Promise.all(
    servicesToLookUp(args, region).map(async ({ key, serviceName, path }) => {
      try {
        // serviceType: S3 and DynamoDB publish a Gateway and an Interface service under one name.
        const result = await aws.ec2.getVpcEndpointService({ serviceName, serviceType: "Interface" }, opts);
        mergeFacts(facts, key, {
          azs: result.availabilityZones,
          dns: result.privateDnsNames ?? (result.privateDnsName ? [result.privateDnsName] : []),
          ipTypes: result.supportedIpAddressTypes,
          policy: result.vpcEndpointPolicySupported,
        });
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
  return { facts, problems };
}
