/**
 * Per-endpoint options: tags over the top-level tags, existing security groups beside the planned
 * one, and the DNS record IP type. docs/codes.md rows "Endpoint options".
 */
import type { DnsRecordIpType, IpAddressType, PlanRequest, Reason } from "../types";
import type { ResolvedService } from "../validate";
import type { RuleContext } from "./context";

export const CODES = {
  DNS_RECORD_IP_TYPE_MISMATCH: "problem",
  TOO_MANY_SECURITY_GROUPS: "problem",
  EXTRA_SECURITY_GROUPS: "reason",
  DNS_RECORD_IP_TYPE: "reason",
  INBOUND_ONLY_NOT_SENT: "warning",
  PRIVATE_DNS_KEEPS_GATEWAY: "reason",
  INBOUND_ONLY_UNAVAILABLE: "problem",
  TAG_NAME_REPLACED: "warning",
} as const;
type Ctx = RuleContext<keyof typeof CODES>;

/**
 * The Pulumi AWS provider (a bridge of terraform-provider-aws) sends
 * `PrivateDnsOnlyForInboundResolverEndpoint` only for interface endpoints whose service name is
 * `com.amazonaws.<region>.s3`, and drops it for every other service, DynamoDB and China's
 * `cn.com.amazonaws.<region>.s3` included (internal/service/ec2/vpc_endpoint.go: `isAmazonS3VPCEndpoint`
 * picks `expandDNSOptionsSpecificationWithPrivateDNSOnly`, on create and on update; @pulumi/aws
 * 7.48.0 documents the field without the restriction). What the plan sets for other services never
 * reaches AWS, so the plan does not set it.
 */
const INBOUND_ONLY_SENT = /^com\.amazonaws\.[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}\.s3$/;
export const providerSendsInboundOnly = (serviceName: string): boolean => INBOUND_ONLY_SENT.test(serviceName);

/**
 * Private DNS on an interface endpoint beside a gateway, where the flag cannot reach AWS: AWS would
 * answer the service's name with the interface endpoint for the whole VPC, sending the VPC's own
 * traffic (free through the gateway) through it, where its security group admits outsiders only.
 * Asked for explicitly, that is a problem; by default the endpoint keeps private DNS off, so the
 * gateway keeps the VPC's traffic (and its price), and outsiders use the endpoint's own DNS names.
 */
export function inboundOnlyNotSent(ctx: Ctx, service: ResolvedService, serviceName: string, explicit: boolean, reasons: Reason[]): void {
  if (explicit) {
    ctx.problem(
      "INBOUND_ONLY_UNAVAILABLE",
      `${service.path}.privateDns`,
      `private DNS for ${service.key} beside its gateway endpoint needs privateDnsOnlyForInboundResolverEndpoint, which the Pulumi AWS provider sends only for com.amazonaws.<region>.s3, not for ${serviceName}: AWS would resolve ${service.key} to the interface endpoint for the whole VPC.`,
      `Remove privateDns (outsiders then use the endpoint's own DNS names), or set type: Interface so the VPC uses the interface endpoint too.`,
    );
    return;
  }
  ctx.warn(
    "INBOUND_ONLY_NOT_SENT",
    `Private DNS is off on the ${service.key} interface endpoint: the Pulumi AWS provider sends privateDnsOnlyForInboundResolverEndpoint only for com.amazonaws.<region>.s3, not for ${serviceName}, and without it AWS would resolve ${service.key} to the interface endpoint for the whole VPC instead of the free gateway. On-premises clients and peers use the endpoint's own DNS names (its regional name).`,
    { service: service.key },
  );
  reasons.push(
    ctx.reason(
      "PRIVATE_DNS_KEEPS_GATEWAY",
      `Private DNS off so the VPC keeps using the free gateway: the flag that limits private DNS to the inbound Resolver endpoint does not reach AWS for ${serviceName}.`,
    ),
  );
}

/**
 * The endpoint IP address types each DNS record IP type works with, as AWS documents them for
 * `DnsRecordIpType` (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html
 * for the values; https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.VpcEndpointDnsRecordIpType.html
 * for the pairing, e.g. `service-defined` needs a dualstack endpoint).
 */
export const DNS_RECORD_IP_TYPES: Readonly<Record<DnsRecordIpType, readonly IpAddressType[]>> = {
  ipv4: ["ipv4", "dualstack"],
  ipv6: ["ipv6", "dualstack"],
  dualstack: ["dualstack"],
  "service-defined": ["dualstack"],
};

/**
 * AWS's default for security groups per network interface (adjustable up to 16):
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
 */
export const SECURITY_GROUPS_PER_INTERFACE = 5;

/** The endpoint's tags: top-level tags with the service's own over them; undefined when neither has any. */
export function endpointTags(request: PlanRequest, service: ResolvedService): Record<string, string> | undefined {
  // Most services have no tags at all: no object to build then.
  if (!request.tags && !service.options.tags) return undefined;
  const tags = { ...(request.tags ?? {}), ...(service.options.tags ?? {}) };
  return Object.keys(tags).length ? tags : undefined;
}

/**
 * The components tag every resource with `Name` = its resource name (`app-sts`, `app-sts-sg`), which
 * is how the console lists it: a `Name` the request gives is replaced, and this says so.
 */
export function checkNameTags(ctx: Ctx, request: PlanRequest, services: readonly ResolvedService[]): void {
  const given: Array<[string, string]> = [
    ...(request.tags?.Name !== undefined ? [["tags.Name", request.tags.Name] as [string, string]] : []),
    ...services.flatMap((s): Array<[string, string]> =>
      s.options.tags?.Name !== undefined ? [[`${s.path}.tags.Name`, s.options.tags.Name]] : [],
    ),
  ];
  for (const [path, name] of given)
    ctx.warn(
      "TAG_NAME_REPLACED",
      `${path} "${name}" is replaced: every resource vpce-plan creates is tagged Name with its own resource name (such as app-sts or app-sts-sg). Use another tag key for "${name}".`,
      { path },
    );
}

/** The DNS record IP type asked for, checked against the endpoint's IP address type. */
export function dnsRecordIpType(ctx: Ctx, service: ResolvedService, ipAddressType: IpAddressType, reasons: Reason[]): DnsRecordIpType {
  const asked = service.options.dnsRecordIpType;
  if (!asked) return ipAddressType;
  if (!DNS_RECORD_IP_TYPES[asked].includes(ipAddressType)) {
    ctx.problem(
      "DNS_RECORD_IP_TYPE_MISMATCH",
      `${service.path}.dnsRecordIpType`,
      `dnsRecordIpType ${asked} needs an endpoint of ipAddressType ${DNS_RECORD_IP_TYPES[asked].join(" or ")}, and ${service.key}'s is ${ipAddressType}.`,
      `Set ipAddressType: ${DNS_RECORD_IP_TYPES[asked][0]}, or remove dnsRecordIpType.`,
    );
  } else if (asked !== ipAddressType) {
    reasons.push(ctx.reason("DNS_RECORD_IP_TYPE", `DNS records of type ${asked} for the ${ipAddressType} endpoint, as requested.`));
  }
  return asked;
}

/** Existing groups beside the planned one, within AWS's groups-per-interface quota. */
export function extraSecurityGroups(
  ctx: Ctx,
  service: ResolvedService,
  plannedCount: number,
  reasons: Reason[],
  limit = SECURITY_GROUPS_PER_INTERFACE,
): string[] | undefined {
  const ids = service.options.securityGroupIds;
  if (!ids?.length) return undefined;
  const extra = [...new Set(ids)].sort();
  const total = plannedCount + extra.length;
  if (total > limit)
    ctx.problem(
      "TOO_MANY_SECURITY_GROUPS",
      `${service.path}.securityGroupIds`,
      `the ${service.key} endpoint would have ${total} security groups; AWS allows ${limit} per network interface${limit === SECURITY_GROUPS_PER_INTERFACE ? " by default" : " (quotas.securityGroupsPerInterface)"}.`,
      `Attach at most ${limit - plannedCount} existing group(s) here.`,
    );
  reasons.push(ctx.reason("EXTRA_SECURITY_GROUPS", `Existing security groups ${extra.join(", ")} attached beside the planned one.`));
  return extra;
}
