/**
 * The audit's rules: stable ids (they appear in SARIF, in suppressions people write and as the
 * policy pack's policy names, so never rename one), default severity, the help text shown by
 * code-scanning tools, and how the policy pack (`vpce-plan/policy`) enforces each at preview time.
 */
export type Severity = "high" | "medium" | "low";
export const SEVERITIES: readonly Severity[] = ["low", "medium", "high"];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export type RuleId =
  | "ENDPOINT_SINGLE_AZ"
  | "SG_OPEN_INGRESS"
  | "SG_BROADER_THAN_CONSUMERS"
  | "SG_EXTRA_PORTS"
  | "POLICY_FULL_ACCESS"
  | "PRIVATE_DNS_OFF"
  | "NAT_WITHOUT_GATEWAY_ENDPOINT"
  | "DUPLICATE_ENDPOINT"
  | "SUBNET_AZ_UNSUPPORTED"
  | "VPC_DNS_DISABLED"
  | MetricRuleId
  | SecurityHubRuleId;

/** Findings from CloudWatch metrics and measured traffic (`audit --metrics`; metrics.ts). */
export type MetricRuleId = "ENDPOINT_IDLE" | "ENDPOINT_BELOW_BREAK_EVEN" | "ENDPOINT_MISSING" | "NAT_TO_S3" | "NAT_TO_DYNAMODB";

/** AWS Security Hub controls that ask for an interface endpoint in every VPC (off by default in `audit`). */
export type SecurityHubRuleId =
  | "SECURITY_HUB_EC2_10"
  | "SECURITY_HUB_EC2_55"
  | "SECURITY_HUB_EC2_56"
  | "SECURITY_HUB_EC2_57"
  | "SECURITY_HUB_EC2_58"
  | "SECURITY_HUB_EC2_60";

/** CrossGuard's levels; `disabled` turns a policy off. */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface Rule {
  id: RuleId;
  severity: Severity;
  title: string;
  /** Why it matters and how to fix it, in general; each finding adds the specifics. */
  help: string;
  /** The policy pack's default; overridable per policy (docs/reviewing.md "Policy pack"). */
  enforcementLevel: EnforcementLevel;
}

/**
 * Security Hub control -> the catalog key of the interface endpoint it asks for in every VPC.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html (#ec2-10, #ec2-55,
 * #ec2-56, #ec2-57, #ec2-58, #ec2-60; each control's `serviceNames` parameter; severity medium).
 */
export const SECURITY_HUB_ENDPOINTS: Record<SecurityHubRuleId, { control: string; service: string; title: string }> = {
  SECURITY_HUB_EC2_10: { control: "EC2.10", service: "ec2", title: "Amazon EC2" },
  SECURITY_HUB_EC2_55: { control: "EC2.55", service: "ecr.api", title: "ECR API" },
  SECURITY_HUB_EC2_56: { control: "EC2.56", service: "ecr.dkr", title: "Docker Registry" },
  SECURITY_HUB_EC2_57: { control: "EC2.57", service: "ssm", title: "Systems Manager" },
  SECURITY_HUB_EC2_58: { control: "EC2.58", service: "ssm-contacts", title: "Systems Manager Incident Manager Contacts" },
  SECURITY_HUB_EC2_60: { control: "EC2.60", service: "ssm-incidents", title: "Systems Manager Incident Manager" },
};

const securityHubRule = (id: SecurityHubRuleId): Rule => {
  const { control, service, title } = SECURITY_HUB_ENDPOINTS[id];
  return {
    id,
    severity: "medium",
    title: `Security Hub ${control}: VPC without an interface endpoint for ${title}`,
    help: `AWS Security Hub control ${control} fails every VPC that has no interface endpoint for ${title} (${service}), so calls to it leave the VPC through NAT or an internet gateway. Create one (vpce-plan: services: [${service}]); it costs interface AZ-hours in every AZ it serves.`,
    enforcementLevel: "advisory",
  };
};

export const isSecurityHubRule = (id: RuleId): id is SecurityHubRuleId => id in SECURITY_HUB_ENDPOINTS;

export const RULES: Record<RuleId, Rule> = {
  ENDPOINT_SINGLE_AZ: {
    id: "ENDPOINT_SINGLE_AZ",
    severity: "medium",
    title: "Interface endpoint in one Availability Zone",
    help: "An interface endpoint has one network interface per subnet. In a single AZ, an outage of that AZ cuts every client in the VPC off from the service. Add a subnet in a second AZ the service supports.",
    enforcementLevel: "advisory",
  },
  SG_OPEN_INGRESS: {
    id: "SG_OPEN_INGRESS",
    severity: "high",
    title: "Endpoint security group open to the internet",
    help: "A security group of an interface endpoint admits 0.0.0.0/0 or ::/0. Anything that can route to the endpoint (peered VPCs, on-premises, shared networks) can use it. Admit only the VPC's CIDRs and the declared consumers.",
    enforcementLevel: "mandatory",
  },
  SG_BROADER_THAN_CONSUMERS: {
    id: "SG_BROADER_THAN_CONSUMERS",
    severity: "medium",
    title: "Endpoint security group admits more than the VPC and declared consumers",
    help: "An ingress rule admits a CIDR outside the VPC's own CIDRs and the consumers declared with --consumers. Narrow the rule, or declare the consumer.",
    enforcementLevel: "advisory",
  },
  SG_EXTRA_PORTS: {
    id: "SG_EXTRA_PORTS",
    severity: "low",
    title: "Endpoint security group opens more ports than the service uses",
    help: "Interface endpoints answer on the service's port only (443 for most services). Rules for all traffic or wider port ranges admit nothing useful and hide mistakes. Allow TCP on the service port only.",
    enforcementLevel: "advisory",
  },
  POLICY_FULL_ACCESS: {
    id: "POLICY_FULL_ACCESS",
    severity: "low",
    title: "Endpoint uses the full-access default policy",
    help: "The service supports endpoint policies, but this endpoint keeps the AWS default that allows any principal any action on any resource. Restrict it to your organization, your accounts, or the resources the workloads use.",
    enforcementLevel: "advisory",
  },
  PRIVATE_DNS_OFF: {
    id: "PRIVATE_DNS_OFF",
    severity: "medium",
    title: "Private DNS off on an interface endpoint",
    help: "Private DNS is off, so the service's public name still resolves to public addresses inside the VPC: SDKs and CLIs keep going through NAT or the internet unless every client is configured with the endpoint's own DNS name. Turn private DNS on, unless a private hosted zone serves the name.",
    enforcementLevel: "advisory",
  },
  NAT_WITHOUT_GATEWAY_ENDPOINT: {
    id: "NAT_WITHOUT_GATEWAY_ENDPOINT",
    severity: "medium",
    title: "S3 or DynamoDB traffic through NAT without a gateway endpoint",
    help: "A route table sends internet-bound traffic through a NAT gateway and has no route to the S3 or DynamoDB gateway endpoint, so that traffic pays NAT data processing (USD 0.045/GB in us-east-1). Gateway endpoints are free: add one, associated with this route table.",
    enforcementLevel: "advisory",
  },
  DUPLICATE_ENDPOINT: {
    id: "DUPLICATE_ENDPOINT",
    severity: "medium",
    title: "Two endpoints for one service in one VPC",
    help: "More than one endpoint of the same type serves the same service in this VPC. Only one interface endpoint per service can own private DNS, and every extra interface endpoint costs AZ-hours. Keep one and delete the others.",
    enforcementLevel: "advisory",
  },
  SUBNET_AZ_UNSUPPORTED: {
    id: "SUBNET_AZ_UNSUPPORTED",
    severity: "medium",
    title: "Endpoint subnet in an AZ the service does not support",
    help: "The endpoint is associated with a subnet in an Availability Zone where the service offers no endpoint, so clients there get no local endpoint network interface. Use a subnet in a supported AZ.",
    enforcementLevel: "advisory",
  },
  VPC_DNS_DISABLED: {
    id: "VPC_DNS_DISABLED",
    severity: "high",
    title: "VPC DNS attributes off while private DNS is expected",
    help: "Private DNS for interface endpoints needs both VPC attributes enableDnsSupport and enableDnsHostnames. With either off, the service names resolve to public addresses and traffic bypasses the endpoints.",
    enforcementLevel: "advisory",
  },
  ...(Object.fromEntries((Object.keys(SECURITY_HUB_ENDPOINTS) as SecurityHubRuleId[]).map((id) => [id, securityHubRule(id)])) as Record<
    SecurityHubRuleId,
    Rule
  >),
  ENDPOINT_IDLE: {
    id: "ENDPOINT_IDLE",
    severity: "medium",
    title: "Interface endpoint with no traffic",
    help: "An interface or Gateway Load Balancer endpoint costs its AZ-hours whether or not anything uses it. With no BytesProcessed datapoints over the window (or under --idle-gb), it is paying for nothing: delete it, or find who should be using it.",
    enforcementLevel: "advisory",
  },
  ENDPOINT_BELOW_BREAK_EVEN: {
    id: "ENDPOINT_BELOW_BREAK_EVEN",
    severity: "low",
    title: "Interface endpoint carrying less than its break-even volume",
    help: "An interface endpoint beats NAT only above the volume where NAT's extra per-GB charge exceeds the endpoint's fixed AZ-hours. Below it, and where no rule requires private access, NAT is cheaper.",
    enforcementLevel: "advisory",
  },
  ENDPOINT_MISSING: {
    id: "ENDPOINT_MISSING",
    severity: "medium",
    title: "Service traffic through NAT above an endpoint's break-even",
    help: "Measured traffic to this service goes through a NAT gateway at its per-GB charge, more than an interface endpoint would cost for it. Add the endpoint; the NAT gateway's hourly charge stays while other traffic needs it.",
    enforcementLevel: "advisory",
  },
  NAT_TO_S3: {
    id: "NAT_TO_S3",
    severity: "medium",
    title: "S3 traffic through NAT",
    help: "Measured S3 traffic goes through a NAT gateway at its per-GB charge; an S3 gateway endpoint carries it for free.",
    enforcementLevel: "advisory",
  },
  NAT_TO_DYNAMODB: {
    id: "NAT_TO_DYNAMODB",
    severity: "medium",
    title: "DynamoDB traffic through NAT",
    help: "Measured DynamoDB traffic goes through a NAT gateway at its per-GB charge; a DynamoDB gateway endpoint carries it for free.",
    enforcementLevel: "advisory",
  },
};
