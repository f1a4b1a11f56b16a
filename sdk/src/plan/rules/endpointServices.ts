/**
 * Rule 10, endpoint services outside the catalog: partner, SaaS, AWS Marketplace and your own
 * services, asked for by full name (`com.amazonaws.vpce.<region>.vpce-svc-...`). They follow the
 * catalog services' placement, security-group, DNS and cost rules; what the catalog would say comes
 * from facts keyed by the full name (looked up, or given). A missing fact is a warning, never a
 * guess. docs/codes.md rows "Endpoint services".
 *
 * AWS facts, with their pages:
 * - names, and private DNS names that only resolve once the provider verified the domain:
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html and
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html
 * - connection requests wait for the provider's acceptance unless it accepts automatically:
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/endpoint-service-overview.html
 */
import type { CatalogService, EndpointServiceName } from "../../catalog";
import type { PlanFacts, Reason, ServiceRequest } from "../types";
import type { RuleContext } from "./context";

export const CODES = {
  ENDPOINT_SERVICE: "reason",
  ENDPOINT_SERVICE_FACTS_MISSING: "warning",
  ENDPOINT_SERVICE_ACCEPTANCE: "warning",
  ENDPOINT_SERVICE_DNS_UNVERIFIED: "warning",
  PRIVATE_DNS_UNVERIFIED: "problem",
  PRIVATE_DNS_NAME_UNKNOWN: "reason",
  SERVICE_PORT_FIXED: "problem",
  SERVICE_PORT_CHOSEN: "reason",
} as const;

export type EndpointServiceContext = RuleContext<keyof typeof CODES>;

/** PrivateLink's default: HTTPS. */
export const DEFAULT_PORT = 443;

/**
 * The catalog entry an endpoint service would have: interface only, on the requested port; its
 * private DNS names and policy support are facts the planner reads separately.
 */
export function endpointServiceEntry(name: EndpointServiceName, port: number | undefined): CatalogService {
  return {
    key: name.serviceName,
    title: `Endpoint service ${name.id}`,
    types: ["Interface"],
    serviceName: name.serviceName,
    port: port ?? DEFAULT_PORT,
    privateDnsNames: [],
    policy: false,
    doc: "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-service.html",
  };
}

/**
 * `port` applies to endpoint services, and to a catalog service only as another of the ports AWS
 * documents for it (`ports`: SES SMTP, https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html):
 * the entry the plan uses then listens there.
 */
export function withPort(
  ctx: EndpointServiceContext,
  catalog: CatalogService,
  options: ServiceRequest | undefined,
  path: string,
): CatalogService {
  const port = options?.port;
  if (port === undefined || port === catalog.port) return catalog;
  if (catalog.ports?.includes(port)) return { ...catalog, port };
  ctx.problem(
    "SERVICE_PORT_FIXED",
    `${path}.port`,
    catalog.ports
      ? `${catalog.key} listens on TCP ${catalog.ports.join(", ")}, not ${port}.`
      : `${catalog.key} listens on TCP ${catalog.port}; port applies to endpoint services outside the catalog only.`,
    catalog.ports ? `Set port to one of ${catalog.ports.join(", ")}, or remove it (${catalog.port}).` : "Remove port.",
  );
  return catalog;
}

/** One port of several is open: the reason says which, and how to open another. */
export function portReason(ctx: EndpointServiceContext, catalog: CatalogService): Reason | undefined {
  if (!catalog.ports || catalog.ports.length < 2) return undefined;
  return ctx.reason(
    "SERVICE_PORT_CHOSEN",
    `${catalog.key} listens on TCP ${catalog.ports.join(", ")}; this endpoint's security group admits ${catalog.port} only, so clients connect there (set port to open another).`,
  );
}

export interface EndpointServiceFacts {
  /** Private DNS names that may be enabled: verified ones (or asked for while verification is unknown). */
  privateDnsNames: string[];
  /** Whether an endpoint policy may be applied. */
  policy: boolean;
  /** Private DNS asked for while the service's name was not looked up: enabled as asked, and why. */
  privateDnsUnknown?: Reason;
}

/** Reads the facts of one endpoint service, and says what is missing or in the way. */
export function readEndpointService(
  ctx: EndpointServiceContext,
  s: { key: string; port: number; path: string; options: ServiceRequest },
  facts: PlanFacts,
): { facts: EndpointServiceFacts; reason: ReturnType<EndpointServiceContext["reason"]> } {
  const { key, path, options } = s;
  const names = facts.servicePrivateDns?.[key];
  const verified = facts.servicePrivateDnsVerified?.[key];
  const acceptance = facts.serviceAcceptanceRequired?.[key];
  const policy = facts.servicePolicy?.[key];
  const missing = [
    facts.serviceAzs?.[key] === undefined && "AZs (every subnet AZ is assumed)",
    names === undefined &&
      (options.privateDns === true
        ? "private DNS name (privateDns: true goes to AWS as asked)"
        : "private DNS name (private DNS stays off)"),
    names?.length && verified === undefined && "whether its private DNS name is verified",
    acceptance === undefined && "whether the provider must accept connections",
    policy === undefined && "whether it takes endpoint policies",
  ].filter((m): m is string => Boolean(m));
  if (missing.length)
    ctx.warn(
      "ENDPOINT_SERVICE_FACTS_MISSING",
      `Not known for ${key}: ${missing.join("; ")}. Plan with --from-aws, let the component look it up, or give facts keyed by the full service name.`,
      { path, service: key },
    );
  if (acceptance)
    ctx.warn(
      "ENDPOINT_SERVICE_ACCEPTANCE",
      `${key} accepts connections by hand: the endpoint stays pendingAcceptance, carrying nothing, until the provider accepts it.`,
      { path, service: key },
    );
  let usable = names ?? [];
  if (usable.length && verified === false) {
    // The problem fails the plan; the names stay so that no second problem says there are none.
    if (options.privateDns === true)
      ctx.problem(
        "PRIVATE_DNS_UNVERIFIED",
        `${path}.privateDns`,
        `the provider of ${key} has not verified ${usable.join(", ")}, so AWS cannot enable private DNS for it.`,
        "Remove privateDns (clients use the endpoint's own DNS names), or ask the provider to verify the domain.",
      );
    else {
      ctx.warn(
        "ENDPOINT_SERVICE_DNS_UNVERIFIED",
        `${usable.join(", ")} of ${key} is not verified by its provider: private DNS stays off; clients use the endpoint's own DNS names.`,
        { path, service: key },
      );
      usable = [];
    }
  } else if (usable.length && verified === undefined && options.privateDns !== true) usable = [];
  // Unknown is not absent: AWS itself refuses privateDns where the service has no name.
  const privateDnsUnknown =
    names === undefined && options.privateDns === true
      ? ctx.reason(
          "PRIVATE_DNS_NAME_UNKNOWN",
          `Private DNS on as asked: the private DNS name of ${key} was not looked up, so AWS enables it if the provider has a verified one and refuses the endpoint otherwise.`,
        )
      : undefined;
  return {
    facts: { privateDnsNames: usable, policy: policy ?? Boolean(options.policy), ...(privateDnsUnknown ? { privateDnsUnknown } : {}) },
    reason: ctx.reason(
      "ENDPOINT_SERVICE",
      `${key} is an endpoint service outside the catalog (partner, SaaS, Marketplace or your own): an interface endpoint on TCP ${s.port}.`,
    ),
  };
}
