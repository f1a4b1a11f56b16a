/**
 * The audit's rules: stable ids (they appear in SARIF and in suppressions people write, so never
 * rename one), default severity, and the help text shown by code-scanning tools.
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
  | "VPC_DNS_DISABLED";

export interface Rule {
  id: RuleId;
  severity: Severity;
  title: string;
  /** Why it matters and how to fix it, in general; each finding adds the specifics. */
  help: string;
}

export const RULES: Record<RuleId, Rule> = {
  ENDPOINT_SINGLE_AZ: {
    id: "ENDPOINT_SINGLE_AZ",
    severity: "medium",
    title: "Interface endpoint in one Availability Zone",
    help: "An interface endpoint has one network interface per subnet. In a single AZ, an outage of that AZ cuts every client in the VPC off from the service. Add a subnet in a second AZ the service supports.",
  },
  SG_OPEN_INGRESS: {
    id: "SG_OPEN_INGRESS",
    severity: "high",
    title: "Endpoint security group open to the internet",
    help: "A security group of an interface endpoint admits 0.0.0.0/0 or ::/0. Anything that can route to the endpoint (peered VPCs, on-premises, shared networks) can use it. Admit only the VPC's CIDRs and the declared consumers.",
  },
  SG_BROADER_THAN_CONSUMERS: {
    id: "SG_BROADER_THAN_CONSUMERS",
    severity: "medium",
    title: "Endpoint security group admits more than the VPC and declared consumers",
    help: "An ingress rule admits a CIDR outside the VPC's own CIDRs and the consumers declared with --consumers. Narrow the rule, or declare the consumer.",
  },
  SG_EXTRA_PORTS: {
    id: "SG_EXTRA_PORTS",
    severity: "low",
    title: "Endpoint security group opens more ports than the service uses",
    help: "Interface endpoints answer on the service's port only (443 for most services). Rules for all traffic or wider port ranges admit nothing useful and hide mistakes. Allow TCP on the service port only.",
  },
  POLICY_FULL_ACCESS: {
    id: "POLICY_FULL_ACCESS",
    severity: "low",
    title: "Endpoint uses the full-access default policy",
    help: "The service supports endpoint policies, but this endpoint keeps the AWS default that allows any principal any action on any resource. Restrict it to your organization, your accounts, or the resources the workloads use.",
  },
  PRIVATE_DNS_OFF: {
    id: "PRIVATE_DNS_OFF",
    severity: "medium",
    title: "Private DNS off on an interface endpoint",
    help: "Private DNS is off, so the service's public name still resolves to public addresses inside the VPC: SDKs and CLIs keep going through NAT or the internet unless every client is configured with the endpoint's own DNS name. Turn private DNS on, unless a private hosted zone serves the name.",
  },
  NAT_WITHOUT_GATEWAY_ENDPOINT: {
    id: "NAT_WITHOUT_GATEWAY_ENDPOINT",
    severity: "medium",
    title: "S3 or DynamoDB traffic through NAT without a gateway endpoint",
    help: "A route table sends internet-bound traffic through a NAT gateway and has no route to the S3 or DynamoDB gateway endpoint, so that traffic pays NAT data processing (USD 0.045/GB in us-east-1). Gateway endpoints are free: add one, associated with this route table.",
  },
  DUPLICATE_ENDPOINT: {
    id: "DUPLICATE_ENDPOINT",
    severity: "medium",
    title: "Two endpoints for one service in one VPC",
    help: "More than one endpoint of the same type serves the same service in this VPC. Only one interface endpoint per service can own private DNS, and every extra interface endpoint costs AZ-hours. Keep one and delete the others.",
  },
  SUBNET_AZ_UNSUPPORTED: {
    id: "SUBNET_AZ_UNSUPPORTED",
    severity: "medium",
    title: "Endpoint subnet in an AZ the service does not support",
    help: "The endpoint is associated with a subnet in an Availability Zone where the service offers no endpoint, so clients there get no local endpoint network interface. Use a subnet in a supported AZ.",
  },
  VPC_DNS_DISABLED: {
    id: "VPC_DNS_DISABLED",
    severity: "high",
    title: "VPC DNS attributes off while private DNS is expected",
    help: "Private DNS for interface endpoints needs both VPC attributes enableDnsSupport and enableDnsHostnames. With either off, the service names resolve to public addresses and traffic bypasses the endpoints.",
  },
};
