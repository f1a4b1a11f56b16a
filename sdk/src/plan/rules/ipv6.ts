/**
 * IP address types. AWS: an `ipv4` endpoint needs subnets with IPv4 ranges, `dualstack` subnets
 * with both, `ipv6` IPv6-only subnets ("supported only if all selected subnets are IPv6 only
 * subnets": https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.VpcEndpointIpAddressType.html,
 * AWS's wording of the EC2 IpAddressType values). Gateway endpoints take an IP address type for S3 only
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-ip-address-type,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#privatelink-ip-address-types;
 * the 2025-11 S3 announcement covers S3 alone, so DynamoDB and S3 Express gateways stay IPv4).
 * A problem caused by `defaults.ipAddressType` is reported there, once, naming the services in
 * request order. docs/codes.md rows "IP address types".
 */
import type { AccessSpec, IpAddressType, PlanFacts, PlannedEndpoint } from "../types";
import type { ResolvedService } from "../validate";
import type { RuleContext } from "./context";

export const CODES = {
  IPV6_SUBNET_REQUIRED: "problem",
  IPV6_ONLY_SUBNET_REQUIRED: "problem",
  IPV4_SUBNET_REQUIRED: "problem",
  IP_TYPE_UNSUPPORTED: "problem",
  IPV6_CONSUMERS_DROPPED: "warning",
  GATEWAY_IP_TYPE_UNSUPPORTED: "warning",
  IP_TYPES_ASSUMED: "warning",
} as const;

type Code = keyof typeof CODES;
export type IpContext = RuleContext<Code>;

/** Gateway services whose endpoint takes an IP address type. */
const GATEWAY_IP_TYPES: Readonly<Record<string, readonly IpAddressType[]>> = { s3: ["ipv4", "dualstack", "ipv6"] };

export interface IpSubnet {
  id: string;
  ipv6?: boolean;
  ipv6Only?: boolean;
}

interface Finding {
  code: Code;
  service: ResolvedService;
  type: IpAddressType;
  /** What the service's subnets lack, and the subnets. */
  need: string;
  subnets: string[];
}

const hasIpv6 = (s: IpSubnet | undefined): boolean => Boolean(s?.ipv6 || s?.ipv6Only);

/** Position of a service in the request, for request-order reports: `bundles[1]` and `services[3]` by where the user wrote them. */
function requestOrder(roots: readonly string[]): (s: ResolvedService) => [number, number] {
  return (s) => {
    const m = /^([a-zA-Z]+)\[(\d+)\]/.exec(s.path);
    return m ? [roots.indexOf(m[1]), Number(m[2])] : [roots.length, 0];
  };
}

/** Checks each endpoint's IP address type as the planner plans it, and reports in request order at the end. */
export class IpTypes {
  private readonly findings: Finding[] = [];

  constructor(
    private readonly ctx: IpContext,
    private readonly defaults: IpAddressType | undefined,
    private readonly facts: PlanFacts,
    private readonly subnets: ReadonlyMap<string, IpSubnet>,
  ) {}

  /** The interface endpoint's type; subnets that cannot carry it are recorded. */
  interfaceType(service: ResolvedService, chosen: ReadonlyArray<{ id: string }>): IpAddressType {
    const type = service.options.ipAddressType ?? this.defaults ?? "ipv4";
    const of = (s: { id: string }): IpSubnet | undefined => this.subnets.get(s.id);
    const record = (code: Code, need: string, bad: Array<{ id: string }>): void => {
      if (bad.length) this.findings.push({ code, service, type, need, subnets: bad.map((s) => s.id) });
    };
    if (type === "ipv6")
      record(
        "IPV6_ONLY_SUBNET_REQUIRED",
        "IPv6-only subnets",
        chosen.filter((s) => !of(s)?.ipv6Only),
      );
    else {
      record(
        "IPV4_SUBNET_REQUIRED",
        "subnets with IPv4 CIDRs",
        chosen.filter((s) => of(s)?.ipv6Only),
      );
      if (type === "dualstack")
        record(
          "IPV6_SUBNET_REQUIRED",
          "subnets with IPv6 CIDRs",
          chosen.filter((s) => !hasIpv6(of(s))),
        );
    }
    const supported = this.facts.serviceIpTypes?.[service.key];
    // Like AZS_ASSUMED: not looked up is not known, and AWS refuses the endpoint where IPv6 is missing.
    if (type !== "ipv4" && !supported)
      this.ctx.warn(
        "IP_TYPES_ASSUMED",
        `The IP address types of ${service.key} were not looked up; ${type} is assumed to be supported, and AWS rejects the endpoint if ${service.key} has no IPv6 there. Plan with --from-aws, let the component look it up, or give facts.serviceIpTypes.`,
        { path: service.options.ipAddressType ? `${service.path}.ipAddressType` : "defaults.ipAddressType", service: service.key },
      );
    if (type !== "ipv4" && supported && !supported.includes("ipv6"))
      this.findings.push({
        code: "IP_TYPE_UNSUPPORTED",
        service,
        type,
        need: `support for IPv6 (${service.key} supports only ${supported.join(", ")} here)`,
        subnets: [],
      });
    return type;
  }

  /** The gateway endpoint's type where AWS takes one (S3); elsewhere a non-IPv4 type is said to be ignored. */
  gatewayType(service: ResolvedService): IpAddressType | undefined {
    const type = service.options.ipAddressType ?? this.defaults;
    if (!type || type === "ipv4") return undefined;
    if (GATEWAY_IP_TYPES[service.key]?.includes(type)) return type;
    this.ctx.warn(
      "GATEWAY_IP_TYPE_UNSUPPORTED",
      `${service.key} gateway endpoints take no IP address type (only S3 gateways do): ${type} applies to its interface endpoint only, the gateway stays IPv4.`,
      { path: service.options.ipAddressType ? `${service.path}.ipAddressType` : "defaults.ipAddressType", service: service.key },
    );
    return undefined;
  }

  /** Every recorded problem, in request order: once at `defaults.ipAddressType` for what the default caused. */
  report(roots: readonly string[], endpoints: readonly PlannedEndpoint[], access: AccessSpec | undefined): void {
    const order = requestOrder(roots);
    const byOrder = (a: Finding, b: Finding): number => {
      const [x, y] = [order(a.service), order(b.service)];
      return x[0] - y[0] || x[1] - y[1];
    };
    const fromDefaults = this.findings.filter((f) => !f.service.options.ipAddressType).sort(byOrder);
    for (const f of this.findings.filter((f) => f.service.options.ipAddressType).sort(byOrder)) {
      this.ctx.problem(
        f.code,
        `${f.service.path}.ipAddressType`,
        `${f.type} endpoints need ${f.need}${f.subnets.length ? `; ${f.subnets.join(", ")} ${f.subnets.length === 1 ? "is" : "are"} not` : ""}.`,
        this.fix(f, [f]),
      );
    }
    for (const code of [...new Set(fromDefaults.map((f) => f.code))]) {
      const found = fromDefaults.filter((f) => f.code === code);
      const list = found
        .map((f) => `${f.service.key} (${f.service.path})${f.subnets.length ? `: ${f.subnets.join(", ")}` : ""}`)
        .join("; ");
      // Nobody wrote a type (ipv4 by default): the subnets are what does not fit.
      const path = this.defaults ? "defaults.ipAddressType" : "subnets";
      this.ctx.problem(code, path, `${found[0].type} endpoints need ${found[0].need}; not so for ${list}.`, this.fix(found[0], found));
    }
    this.warnDroppedConsumers(endpoints, access);
  }

  private fix(f: Finding, all: Finding[]): string {
    const where = all.map((x) => x.service.path).join(", ");
    if (f.code === "IP_TYPE_UNSUPPORTED") return `Set ipAddressType: ipv4 on ${where}.`;
    const other = f.code === "IPV6_ONLY_SUBNET_REQUIRED" ? "dualstack or ipv4" : f.code === "IPV4_SUBNET_REQUIRED" ? "ipv6" : "ipv4";
    const subnets =
      f.code === "IPV6_ONLY_SUBNET_REQUIRED"
        ? "subnets with an IPv6 CIDR and no IPv4 CIDR (subnets[].ipv6Only: true)"
        : f.code === "IPV4_SUBNET_REQUIRED"
          ? "subnets with an IPv4 CIDR"
          : "subnets with IPv6 CIDRs (subnets[].ipv6: true)";
    return `Give ${where} subnetIds of ${subnets}, or set ipAddressType: ${other} there.`;
  }

  /** Outside consumers' IPv6 blocks cannot reach an ipv4 endpoint: say which, and how to admit them. */
  private warnDroppedConsumers(endpoints: readonly PlannedEndpoint[], access: AccessSpec | undefined): void {
    const v4 = endpoints.filter((e) => e.type === "Interface" && e.ipAddressType === "ipv4").map((e) => e.service);
    if (!v4.length || !access) return;
    const sources: Array<[string, string[]]> = [
      ["access.onPremises.cidrs", access.onPremises?.cidrs ?? []],
      ...(access.peerVpcs ?? []).map((p, i): [string, string[]] => [`access.peerVpcs[${i}].cidrs`, p.cidrs]),
      ["access.extraCidrs", access.extraCidrs ?? []],
    ];
    for (const [path, cidrs] of sources) {
      const v6 = cidrs.filter((c) => c.includes(":"));
      if (v6.length)
        this.ctx.warn(
          "IPV6_CONSUMERS_DROPPED",
          `${path} lists IPv6 networks ${v6.join(", ")}, but ${v4.join(", ")} ${v4.length === 1 ? "is an ipv4 endpoint" : "are ipv4 endpoints"}: no rule admits them. To serve them, set ipAddressType: dualstack (per service or defaults.ipAddressType) on subnets with IPv6 CIDRs.`,
          { path },
        );
    }
  }
}
