/**
 * The audit: findings over VPC snapshots. Pure (no SDK, no I/O) and deterministic: the same
 * snapshot gives the same findings, in the same order, with the same ids.
 */
import { findService, getRegion, getService, privateDnsNamesIn, serviceNameIn } from "../catalog";
import type { EndpointFacts, ServiceFacts, VpcSnapshot } from "../facts/aws/snapshot";
import { isLiveEndpoint } from "../facts/aws/snapshot";
import { containsCidr, isOpen } from "./cidr";
import { HOURS_PER_MONTH, money } from "../plan/cost";
import { rankDuplicates } from "../plan/reconcile";
import {
  isSecurityHubRule,
  RULES,
  SECURITY_HUB_ENDPOINTS,
  severityRank,
  type RuleId,
  type SecurityHubRuleId,
  type Severity,
} from "./rules";

export interface Finding {
  /** Stable across runs: rule plus the resource ids involved. */
  id: string;
  rule: RuleId;
  severity: Severity;
  vpcId: string;
  /** The resource at fault (vpce-, sg-, rtb-, vpc- id). */
  resource: string;
  resourceType: "vpc" | "vpc-endpoint" | "security-group" | "route-table";
  serviceName?: string;
  message: string;
  why: string;
  fix: string;
}

export interface AuditOptions {
  /** CIDRs besides the VPC's own that may reach the endpoints (on-premises, peers). */
  consumers?: string[];
  /** DescribeVpcEndpointServices results by service name; unknown services fall back to the catalog. */
  services?: Record<string, ServiceFacts>;
  /** Also check the AWS Security Hub endpoint controls (EC2.10, EC2.55-58, EC2.60). Default false. */
  securityHub?: boolean;
  /** Only these rules (the policy pack runs one rule per policy). Default: every rule. */
  rules?: readonly RuleId[];
}

export function auditVpcs(snapshots: readonly VpcSnapshot[], options: AuditOptions = {}): Finding[] {
  return snapshots.flatMap((s) => auditVpc(s, options));
}

export function auditVpc(snapshot: VpcSnapshot, options: AuditOptions = {}): Finding[] {
  const ctx = new Context(snapshot, options);
  const findings = [
    ...vpcDns(ctx),
    ...ctx.endpoints.flatMap((e) => [...singleAz(ctx, e), ...unsupportedAz(ctx, e), ...privateDnsOff(ctx, e), ...fullAccess(ctx, e)]),
    ...securityGroups(ctx),
    ...duplicates(ctx),
    ...natWithoutGateway(ctx),
    ...(options.securityHub || options.rules?.some(isSecurityHubRule) ? securityHub(ctx) : []),
  ].filter((f) => !options.rules || options.rules.includes(f.rule));
  return findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

class Context {
  readonly endpoints: EndpointFacts[];
  readonly vpcId: string;

  constructor(
    readonly snapshot: VpcSnapshot,
    readonly options: AuditOptions,
  ) {
    this.vpcId = snapshot.vpc.id;
    this.endpoints = snapshot.endpoints.filter((e) => isLiveEndpoint(e) && (e.type === "Interface" || e.type === "Gateway"));
  }

  service(name: string): ServiceFacts | undefined {
    return this.options.services?.[name];
  }

  privateDnsNames(name: string): readonly string[] {
    const facts = this.service(name);
    if (facts) return facts.privateDnsNames;
    const region = getRegion(this.snapshot.region);
    const known = findService(name)?.service;
    return known && region ? privateDnsNamesIn(known, region) : [];
  }

  policySupported(name: string): boolean {
    return this.service(name)?.policySupported ?? findService(name)?.service.policy ?? false;
  }

  port(name: string): number {
    return findService(name)?.service.port ?? 443;
  }

  /** The service name of a catalog key's endpoint of this type in the snapshot's region (China forms included). */
  serviceName(key: string, type: "Gateway" | "Interface"): string {
    const region = getRegion(this.snapshot.region);
    const service = getService(key);
    return region && service ? serviceNameIn(service, region, type) : `com.amazonaws.${this.snapshot.region}.${key}`;
  }

  finding(
    rule: RuleId,
    parts: string[],
    f: Omit<Finding, "id" | "rule" | "severity" | "vpcId" | "why"> & { severity?: Severity },
  ): Finding {
    return {
      id: [rule, ...parts].join("/"),
      rule,
      severity: f.severity ?? RULES[rule].severity,
      vpcId: this.vpcId,
      why: RULES[rule].help,
      ...f,
    };
  }
}

const interfaces = (ctx: Context): EndpointFacts[] => ctx.endpoints.filter((e) => e.type === "Interface");

function vpcDns(ctx: Context): Finding[] {
  const { vpc } = ctx.snapshot;
  const withDns = interfaces(ctx).filter((e) => e.privateDns);
  const off = [!vpc.dnsSupport ? "enableDnsSupport" : "", !vpc.dnsHostnames ? "enableDnsHostnames" : ""].filter(Boolean);
  if (!withDns.length || !off.length) return [];
  return [
    ctx.finding("VPC_DNS_DISABLED", [vpc.id], {
      resource: vpc.id,
      resourceType: "vpc",
      message: `${off.join(" and ")} ${off.length > 1 ? "are" : "is"} off on ${vpc.id}, but ${withDns.map((e) => e.id).join(", ")} ${withDns.length > 1 ? "expect" : "expects"} private DNS.`,
      fix: off
        .map(
          (a) =>
            `aws ec2 modify-vpc-attribute --vpc-id ${vpc.id} --${a === "enableDnsSupport" ? "enable-dns-support" : "enable-dns-hostnames"}`,
        )
        .join(" && "),
    }),
  ];
}

function singleAz(ctx: Context, e: EndpointFacts): Finding[] {
  if (e.type !== "Interface" || e.subnetIds.length !== 1) return [];
  const subnets = new Map(ctx.snapshot.subnets.map((s) => [s.id, s]));
  const az = subnets.get(e.subnetIds[0])?.az;
  const supported = ctx.service(e.serviceName)?.azs;
  const other = ctx.snapshot.subnets.find((s) => s.az !== az && (!supported || supported.includes(s.az)));
  return [
    ctx.finding("ENDPOINT_SINGLE_AZ", [e.id], {
      resource: e.id,
      resourceType: "vpc-endpoint",
      serviceName: e.serviceName,
      message: `${e.id} (${e.serviceName}) has a network interface only in ${az ?? e.subnetIds[0]}.`,
      fix: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${e.id} --add-subnet-ids ${other?.id ?? "<subnet in another AZ>"}`,
    }),
  ];
}

function unsupportedAz(ctx: Context, e: EndpointFacts): Finding[] {
  const supported = ctx.service(e.serviceName)?.azs;
  if (e.type !== "Interface" || !supported) return [];
  const subnets = new Map(ctx.snapshot.subnets.map((s) => [s.id, s]));
  return e.subnetIds
    .filter((id) => subnets.has(id) && !supported.includes(subnets.get(id)!.az))
    .map((id) =>
      ctx.finding("SUBNET_AZ_UNSUPPORTED", [e.id, id], {
        resource: e.id,
        resourceType: "vpc-endpoint",
        serviceName: e.serviceName,
        message: `${e.id} uses ${id} in ${subnets.get(id)!.az}, where ${e.serviceName} offers no endpoint (it does in ${supported.join(", ")}).`,
        fix: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${e.id} --remove-subnet-ids ${id}, and add a subnet in ${supported.join(" or ")}.`,
      }),
    );
}

function privateDnsOff(ctx: Context, e: EndpointFacts): Finding[] {
  if (e.type !== "Interface" || e.privateDns || !ctx.privateDnsNames(e.serviceName).length) return [];
  // S3/DynamoDB interface endpoints next to a gateway endpoint often keep private DNS off on
  // purpose (the VPC uses the free gateway); the better setup is private DNS for the inbound Resolver only.
  const gateway = ctx.endpoints.find((g) => g.type === "Gateway" && g.serviceName === e.serviceName);
  return [
    ctx.finding("PRIVATE_DNS_OFF", [e.id], {
      resource: e.id,
      resourceType: "vpc-endpoint",
      serviceName: e.serviceName,
      ...(gateway ? { severity: "low" as const } : {}),
      message: gateway
        ? `${e.id} (${e.serviceName}) has private DNS off; the VPC reaches the service through gateway ${gateway.id}, so on-premises clients must use the endpoint's own DNS name.`
        : `${e.id} (${e.serviceName}) has private DNS off: ${ctx.privateDnsNames(e.serviceName)[0]} resolves to public addresses in ${ctx.vpcId}.`,
      fix: gateway
        ? `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${e.id} --private-dns-enabled --dns-options PrivateDnsOnlyForInboundResolverEndpoint=true`
        : `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${e.id} --private-dns-enabled`,
    }),
  ];
}

/** The AWS default policy: allow everything to everyone, no conditions. */
export function isFullAccessPolicy(text: string | undefined): boolean {
  if (!text) return false;
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    return false;
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  const star = (v: unknown): boolean => v === "*" || (Array.isArray(v) && v.includes("*"));
  return statements.some((s: Record<string, unknown>) => {
    const principal = s.Principal as unknown;
    const anyone =
      star(principal) || (typeof principal === "object" && principal !== null && star((principal as Record<string, unknown>).AWS));
    return s.Effect === "Allow" && anyone && star(s.Action) && star(s.Resource ?? "*") && !s.Condition && !s.NotAction && !s.NotResource;
  });
}

function fullAccess(ctx: Context, e: EndpointFacts): Finding[] {
  if (!isFullAccessPolicy(e.policy) || !ctx.policySupported(e.serviceName)) return [];
  return [
    ctx.finding("POLICY_FULL_ACCESS", [e.id], {
      resource: e.id,
      resourceType: "vpc-endpoint",
      serviceName: e.serviceName,
      message: `${e.id} (${e.serviceName}) allows any principal any action on any resource.`,
      fix: `Attach a narrower policy: aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${e.id} --policy-document file://policy.json (vpce-plan's organization-only, account-only or s3-buckets templates).`,
    }),
  ];
}

function securityGroups(ctx: Context): Finding[] {
  const { vpc } = ctx.snapshot;
  const allowed = [...vpc.cidrs, ...vpc.ipv6Cidrs, ...(ctx.options.consumers ?? [])];
  const out: Finding[] = [];
  for (const group of ctx.snapshot.securityGroups) {
    const users = interfaces(ctx).filter((e) => e.securityGroupIds.includes(group.id));
    if (!users.length) continue;
    const usedBy = users.map((e) => e.id).join(", ");
    const ports = [...new Set(users.map((e) => ctx.port(e.serviceName)))].sort((a, b) => a - b);
    const cidrs = [...new Set(group.ingress.flatMap((r) => [...r.cidrs, ...r.ipv6Cidrs]))].sort();
    const open = cidrs.filter(isOpen);
    if (open.length) {
      out.push(
        ctx.finding("SG_OPEN_INGRESS", [group.id], {
          resource: group.id,
          resourceType: "security-group",
          message: `${group.id} (${group.name}, used by ${usedBy}) admits ${open.join(" and ")}.`,
          fix: `aws ec2 revoke-security-group-ingress --group-id ${group.id} --ip-permissions ... for ${open.join(", ")}; admit ${allowed.join(", ") || "the VPC's CIDRs"} instead.`,
        }),
      );
    }
    const broad = cidrs.filter((c) => !isOpen(c) && !allowed.some((a) => containsCidr(a, c)));
    if (broad.length) {
      out.push(
        ctx.finding("SG_BROADER_THAN_CONSUMERS", [group.id], {
          resource: group.id,
          resourceType: "security-group",
          message: `${group.id} (${group.name}, used by ${usedBy}) admits ${broad.join(", ")}, outside ${vpc.id} (${[...vpc.cidrs, ...vpc.ipv6Cidrs].join(", ")})${ctx.options.consumers?.length ? ` and the declared consumers (${ctx.options.consumers.join(", ")})` : ""}.`,
          fix: `Remove the rules for ${broad.join(", ")}, or declare them with --consumers if those networks use the endpoints.`,
        }),
      );
    }
    const extra = group.ingress.filter(
      (r) => !(r.protocol === "tcp" || r.protocol === "6") || r.fromPort !== r.toPort || !ports.includes(r.fromPort ?? -1),
    );
    if (extra.length) {
      const describe = (r: (typeof extra)[number]): string =>
        r.protocol === "-1" ? "all traffic" : `${r.protocol} ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`}`;
      out.push(
        ctx.finding("SG_EXTRA_PORTS", [group.id], {
          resource: group.id,
          resourceType: "security-group",
          message: `${group.id} (${group.name}) admits ${[...new Set(extra.map(describe))].join(", ")}; its endpoints answer on TCP ${ports.join(", ")} only.`,
          fix: `Replace those rules with TCP ${ports.join(", ")} from the same sources.`,
        }),
      );
    }
  }
  return out;
}

function duplicates(ctx: Context): Finding[] {
  const groups = new Map<string, EndpointFacts[]>();
  for (const e of ctx.endpoints) {
    const key = `${e.serviceName}\u0000${e.type}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const out: Finding[] = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const [first, ...rest] = rankDuplicates(list);
    for (const e of rest) {
      out.push(
        ctx.finding("DUPLICATE_ENDPOINT", [e.id], {
          resource: e.id,
          resourceType: "vpc-endpoint",
          serviceName: e.serviceName,
          message: `${e.id} is a second ${e.type.toLowerCase()} endpoint for ${e.serviceName} in ${ctx.vpcId} (also ${first.id}).`,
          fix: `Move its subnets or route tables to ${first.id}, then: aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${e.id}`,
        }),
      );
    }
  }
  return out;
}

function natWithoutGateway(ctx: Context): Finding[] {
  const { subnets, routeTables } = ctx.snapshot;
  const out: Finding[] = [];
  for (const table of routeTables) {
    const served = subnets.filter((s) => s.routeTableId === table.id);
    const nat = table.routes.find((r) => r.natGatewayId && (r.state ?? "active") === "active");
    if (!served.length || !nat) continue;
    for (const key of ["s3", "dynamodb"]) {
      const name = ctx.serviceName(key, "Gateway");
      const gateways = ctx.endpoints.filter((e) => e.type === "Gateway" && e.serviceName === name);
      // The endpoint's own list is the truth; a route targeting the endpoint counts too, because
      // route tables and endpoint associations can be edited from either side.
      const covered = gateways.some((g) => g.routeTableIds.includes(table.id) || table.routes.some((r) => r.gatewayId === g.id));
      if (covered) continue;
      out.push(
        ctx.finding("NAT_WITHOUT_GATEWAY_ENDPOINT", [table.id, key], {
          resource: table.id,
          resourceType: "route-table",
          serviceName: name,
          message: `${table.id} (subnets ${served.map((s) => s.id).join(", ")}) sends ${key} traffic through ${nat.natGatewayId}: no ${key} gateway endpoint route.`,
          fix: gateways.length
            ? `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${gateways[0].id} --add-route-table-ids ${table.id}`
            : `aws ec2 create-vpc-endpoint --vpc-id ${ctx.vpcId} --vpc-endpoint-type Gateway --service-name ${name} --route-table-ids ${table.id}`,
        }),
      );
    }
  }
  return out;
}

/**
 * The Security Hub controls that fail a VPC without an interface endpoint for a service. Each
 * finding prices meeting the control: interface AZ-hours in every AZ the VPC's subnets use.
 */
function securityHub(ctx: Context): Finding[] {
  const azs = new Set(ctx.snapshot.subnets.map((s) => s.az).filter(Boolean)).size;
  const prices = (getRegion(ctx.snapshot.region) ?? getRegion("us-east-1")!).prices;
  const perAz = money(prices.interfaceHourUsd * HOURS_PER_MONTH);
  const out: Finding[] = [];
  for (const [rule, { control, service, title }] of Object.entries(SECURITY_HUB_ENDPOINTS) as Array<
    [SecurityHubRuleId, (typeof SECURITY_HUB_ENDPOINTS)[SecurityHubRuleId]]
  >) {
    const name = ctx.serviceName(service, "Interface");
    const present = interfaces(ctx).some((e) => e.serviceName === name || findService(e.serviceName)?.service.key === service);
    if (present) continue;
    const cost = azs
      ? `USD ${money(perAz * azs).toFixed(2)} a month (${azs} AZ x USD ${perAz.toFixed(2)})`
      : `USD ${perAz.toFixed(2)} a month per AZ`;
    out.push(
      ctx.finding(rule, [ctx.vpcId], {
        resource: ctx.vpcId,
        resourceType: "vpc",
        serviceName: name,
        message: `${ctx.vpcId} has no interface endpoint for ${title} (${name}): Security Hub ${control} fails. Meeting it costs ${cost} plus USD ${prices.interfacePerGbUsd}/GB.`,
        fix: `aws ec2 create-vpc-endpoint --vpc-id ${ctx.vpcId} --vpc-endpoint-type Interface --service-name ${name} --private-dns-enabled --subnet-ids <one subnet per AZ> (or add ${service} to the vpce-plan request)`,
      }),
    );
  }
  return out;
}
