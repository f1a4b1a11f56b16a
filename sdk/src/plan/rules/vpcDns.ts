/**
 * Rule 8: private DNS (and a hub's private hosted zones) answer only in VPCs with both DNS
 * attributes on (https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html). One
 * check for the single-VPC planner and for spokes. docs/codes.md rows "VPC DNS attributes".
 */
import type { RuleContext } from "./context";

export const CODES = {
  VPC_DNS_SUPPORT_DISABLED: "problem",
  VPC_DNS_HOSTNAMES_DISABLED: "problem",
  VPC_DNS_UNKNOWN: "warning",
} as const;

export interface VpcDnsSubject {
  vpc: { id: string; dnsSupport?: boolean; dnsHostnames?: boolean };
  /** Request path of the VPC object, e.g. `vpc` or `spokes[2].vpc`. */
  path: string;
  /** What needs the attributes, e.g. "private DNS for sts, kms". */
  needs: string;
  /** How to do without, e.g. "set privateDns: false". */
  alternative: string;
  /** How the VPC is named in messages: its id, or "spoke-a (vpc-1)". */
  label?: string;
}

export function checkVpcDns(ctx: RuleContext<keyof typeof CODES>, s: VpcDnsSubject): void {
  const { vpc, path } = s;
  const label = s.label ?? vpc.id;
  const attrs = [
    ["dnsSupport", "enableDnsSupport", "--enable-dns-support", "VPC_DNS_SUPPORT_DISABLED"],
    ["dnsHostnames", "enableDnsHostnames", "--enable-dns-hostnames", "VPC_DNS_HOSTNAMES_DISABLED"],
  ] as const;
  for (const [field, attribute, flag, code] of attrs) {
    if (vpc[field] === false)
      ctx.problem(
        code,
        `${path}.${field}`,
        `${s.needs} needs the VPC attribute ${attribute}, which is false on ${label}.`,
        `Enable it: aws ec2 modify-vpc-attribute --vpc-id ${vpc.id} ${flag}, or ${s.alternative}.`,
      );
  }
  // Name only the attributes that were not given: the other one was checked above.
  const unknown = attrs.filter(([field]) => vpc[field] === undefined).map(([, attribute]) => attribute);
  if (unknown.length)
    ctx.warn(
      "VPC_DNS_UNKNOWN",
      unknown.length === 2
        ? `enableDnsSupport and enableDnsHostnames of ${label} were not given; ${s.needs} fails if either is off.`
        : `${unknown[0]} of ${label} was not given; ${s.needs} fails if it is off.`,
      { path },
    );
}
