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
import { describePorts, type PortSet } from "../security";
import type { PlanFacts, PortRange, Reason, ServiceRequest } from "../types";
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
  SERVICE_PORTS: "reason",
  SERVICE_PORTS_INVALID: "problem",
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
 * the entry the plan uses then listens there. `ports` and `protocol` name several ports (and ranges)
 * and UDP; the entry then listens on the first port, and `ports` is the whole set.
 */
export function withPorts(
  ctx: EndpointServiceContext,
  catalog: CatalogService,
  options: ServiceRequest | undefined,
  path: string,
  outside: boolean,
): { catalog: CatalogService; ports?: PortSet } {
  const ports = readPorts(ctx, catalog, options, path, outside);
  if (ports) return { catalog: { ...catalog, port: ports.ranges[0].fromPort }, ports };
  const port = options?.port;
  if (port === undefined || port === catalog.port) return { catalog };
  if (catalog.ports?.includes(port)) return { catalog: { ...catalog, port } };
  ctx.problem(
    "SERVICE_PORT_FIXED",
    `${path}.port`,
    catalog.ports
      ? `${catalog.key} listens on TCP ${catalog.ports.join(", ")}, not ${port}.`
      : `${catalog.key} listens on TCP ${catalog.port}; port applies to endpoint services outside the catalog only.`,
    catalog.ports ? `Set port to one of ${catalog.ports.join(", ")}, or remove it (${catalog.port}).` : "Remove port.",
  );
  return { catalog };
}

/** A port or a `from-to` range as the request writes it (the shape already made it digits). */
function readRange(entry: number | string): PortRange | string {
  const [from, to = from] = String(entry).split("-").map(Number);
  if (from < 1 || to > 65535) return `${entry} is outside 1-65535`;
  if (from > to) return `${entry} runs backwards`;
  return { fromPort: from, toPort: to };
}

/**
 * `ports` and `protocol`, checked: every entry a port or range of 1-65535, none overlapping another
 * (AWS would hold one rule inside another), not beside `port`; a catalog service takes only ports AWS
 * documents for it, over TCP. Undefined when neither is given, or when a problem was reported.
 */
function readPorts(
  ctx: EndpointServiceContext,
  catalog: CatalogService,
  options: ServiceRequest | undefined,
  path: string,
  outside: boolean,
): PortSet | undefined {
  if (options?.ports === undefined && options?.protocol === undefined) return undefined;
  let ok = true;
  const fail = (code: "SERVICE_PORTS_INVALID" | "SERVICE_PORT_FIXED", at: string, message: string, hint: string): void => {
    ctx.problem(code, at, message, hint);
    ok = false;
  };
  const documented = catalog.ports ?? [catalog.port];
  if (options.ports !== undefined && options.port !== undefined)
    fail(
      "SERVICE_PORTS_INVALID",
      `${path}.port`,
      "port and ports are both given.",
      "Keep ports (it may hold the one port too), or port alone.",
    );
  if (options.protocol === "udp" && !outside)
    fail(
      "SERVICE_PORT_FIXED",
      `${path}.protocol`,
      `${catalog.key} listens on TCP (${documented.join(", ")}); protocol applies to endpoint services outside the catalog only.`,
      "Remove protocol.",
    );
  const entries = options.ports ?? [options.port ?? catalog.port];
  const ranges: Array<PortRange & { at: string }> = [];
  entries.forEach((entry, i) => {
    const at = options.ports ? `${path}.ports[${i}]` : `${path}.port`;
    const range = readRange(entry);
    if (typeof range === "string")
      return fail("SERVICE_PORTS_INVALID", at, `${range}.`, 'Write a port (8443) or a range "from-to" with from <= to (8443-8451).');
    if (!outside && (range.fromPort !== range.toPort || !documented.includes(range.fromPort)))
      return fail(
        "SERVICE_PORT_FIXED",
        at,
        `${catalog.key} listens on TCP ${documented.join(", ")}, not ${entry}.`,
        documented.length > 1 ? `Keep ports among ${documented.join(", ")}.` : "Remove ports.",
      );
    const clash = ranges.find((r) => r.fromPort <= range.toPort && range.fromPort <= r.toPort);
    if (clash)
      return fail(
        "SERVICE_PORTS_INVALID",
        at,
        `${entry} overlaps ${clash.at} (${clash.fromPort === clash.toPort ? clash.fromPort : `${clash.fromPort}-${clash.toPort}`}).`,
        "List each port once.",
      );
    ranges.push({ ...range, at });
  });
  if (!ok) return undefined;
  return {
    protocol: options.protocol ?? "tcp",
    ranges: ranges.map(({ fromPort, toPort }) => ({ fromPort, toPort })).sort((a, b) => a.fromPort - b.fromPort),
  };
}

/**
 * Which of the ports the endpoint opens: every one asked for (`ports`), or one of several AWS
 * documents, which the reason names with how to open others.
 */
export function portReason(ctx: EndpointServiceContext, catalog: CatalogService, ports: PortSet | undefined): Reason | undefined {
  if (ports && (ports.ranges.length > 1 || ports.ranges[0].fromPort !== ports.ranges[0].toPort || ports.protocol !== "tcp"))
    return ctx.reason(
      "SERVICE_PORTS",
      `The endpoint listens on ${describePorts(ports)} (ports${ports.protocol === "tcp" ? "" : ", protocol"}): its security group admits each declared source on each of them, one rule per port or range.`,
    );
  if (!catalog.ports || catalog.ports.length < 2 || ports) return undefined;
  return ctx.reason(
    "SERVICE_PORT_CHOSEN",
    `${catalog.key} listens on TCP ${catalog.ports.join(", ")}; this endpoint's security group admits ${catalog.port} only, so clients connect there (set port to open another, or ports to open several).`,
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
  s: { key: string; ports: PortSet; path: string; options: ServiceRequest },
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
      `${key} is an endpoint service outside the catalog (partner, SaaS, Marketplace or your own): an interface endpoint on ${describePorts(s.ports)}.`,
    ),
  };
}
