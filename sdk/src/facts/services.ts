/**
 * The one facts shape every source yields for endpoint services: the AWS SDK reader (CLI), the
 * Pulumi invokes (components) and a catalog overlay read from an account. Each source fills a
 * `ServiceLookup` keyed by service name; `factsFromServices` turns it into the planner's
 * `PlanFacts`, so the CLI and the components hand the planner the same facts the same way.
 */
import { findService, parseEndpointServiceName } from "../catalog";
import type { PlanFacts } from "../plan/types";

/** `DescribeVpcEndpointServices` (or `aws.ec2.getVpcEndpointService`) for one service name, both of its types merged. */
export interface ServiceFacts {
  /** Full service name. */
  serviceName: string;
  /** Region that hosts the service (`ServiceRegion`), when the lookup says. */
  serviceRegion?: string;
  /** `Gateway` and/or `Interface`. */
  types: string[];
  /** AZs where the interface endpoint is offered (the gateway entry's when there is no interface). */
  azs: string[];
  /** Private DNS names. */
  privateDnsNames: string[];
  /** Whether it takes endpoint policies (`VpcEndpointPolicySupported`). */
  policySupported?: boolean;
  /** `SupportedIpAddressTypes`; absent when the API does not say (moto, older regions). */
  ipTypes?: string[];
  /** `AcceptanceRequired`: the provider accepts connections by hand. */
  acceptanceRequired?: boolean;
  /** `PrivateDnsNameVerificationState` is `verified`; absent when not reported. */
  privateDnsVerified?: boolean;
  /** `Owner`: `amazon`, or the provider's account id. */
  owner?: string;
}

export interface ServiceLookup {
  /** By service name. */
  found: Record<string, ServiceFacts>;
  /** Names the region does not offer (`InvalidServiceName`). */
  missing: string[];
}

/**
 * PlanFacts keyed as the planner keys services: by catalog key, and by full service name for a
 * service hosted in another region than `region` (a cross-region endpoint's).
 */
export function factsFromServices(lookup: ServiceLookup, ownerId?: string, region?: string): PlanFacts {
  const keyOf = (name: string, serviceRegion?: string): string | undefined => {
    const found = findService(name);
    // Endpoint services outside the catalog are keyed by their full name wherever they live.
    if (!found) return parseEndpointServiceName(name) ? name : undefined;
    const hostedIn = serviceRegion ?? found.region;
    return region && hostedIn && hostedIn !== region ? name : found.service.key;
  };
  const facts: Required<
    Pick<
      PlanFacts,
      "serviceAzs" | "servicePrivateDns" | "serviceIpTypes" | "servicePolicy" | "servicePrivateDnsVerified" | "serviceAcceptanceRequired"
    >
  > = {
    serviceAzs: {},
    servicePrivateDns: {},
    serviceIpTypes: {},
    servicePolicy: {},
    servicePrivateDnsVerified: {},
    serviceAcceptanceRequired: {},
  };
  for (const service of Object.values(lookup.found)) {
    const key = keyOf(service.serviceName, service.serviceRegion);
    if (!key) continue;
    if (service.types.includes("Interface")) {
      // AWS reports no AZs for a service of another region; its endpoints sit in the VPC's AZs.
      if (key === service.serviceName && findService(key) && key !== findService(key)?.service.key) {
        if (service.azs.length) facts.serviceAzs[key] = service.azs;
      } else facts.serviceAzs[key] = service.azs;
      facts.servicePrivateDns[key] = service.privateDnsNames;
    }
    // An appliance's endpoint service: its AZs are where Gateway Load Balancer endpoints may go.
    if (service.types.includes("GatewayLoadBalancer")) facts.serviceAzs[key] = service.azs;
    if (service.ipTypes) facts.serviceIpTypes[key] = service.ipTypes;
    if (service.policySupported !== undefined) facts.servicePolicy[key] = service.policySupported;
    if (service.privateDnsVerified !== undefined) facts.servicePrivateDnsVerified[key] = service.privateDnsVerified;
    if (service.acceptanceRequired !== undefined) facts.serviceAcceptanceRequired[key] = service.acceptanceRequired;
  }
  // A service the region does not offer has no AZ: the planner then says so (NO_SUPPORTED_AZ).
  for (const name of lookup.missing) {
    const key = keyOf(name);
    if (key) facts.serviceAzs[key] = [];
  }
  const out: PlanFacts = {};
  for (const [field, map] of Object.entries(facts)) {
    if (Object.keys(map).length) (out as Record<string, unknown>)[field] = map;
  }
  if (ownerId) out.accountId = ownerId;
  return out;
}
