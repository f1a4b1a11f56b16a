/**
 * A catalog overlay: what DescribeVpcEndpointServices reported for one region (optionally from a
 * service region), saved by `vpce-plan catalog --from-aws --write FILE` and used ahead of the
 * built-in catalog by `plan --catalog FILE` and the components' `catalogOverlay` arg. Pure: the
 * comparison with the built-in catalog and the facts it yields need no AWS SDK.
 */
import {
  findService,
  getRegion,
  hasFipsIn,
  privateDnsNamesIn,
  serviceNameIn,
  services,
  type CatalogService,
  type Region,
} from "../catalog";
import { Problems } from "../plan/problems";
import { checkShape, describeValue, jsonProblem, quote, type Shape } from "../plan/shape";
import type { PlanFacts } from "../plan/types";
import { factsFromServices, type ServiceFacts } from "./services";

export const OVERLAY_KIND = "vpce-plan/catalog-overlay";

export interface CatalogOverlay {
  version: 1;
  kind: typeof OVERLAY_KIND;
  /** The region that was read (the VPCs' region). */
  region: string;
  /** The region hosting the services, when they were read for cross-region endpoints. */
  serviceRegion?: string;
  /** By service name, as AWS reported them. */
  services: ServiceFacts[];
}

export type DiffStatus = "same" | "different" | "onlyInAws" | "onlyInCatalog";

/** One service name, as AWS reports it and as the built-in catalog has it. */
export interface CatalogDiffRow {
  serviceName: string;
  /** Catalog key, when the catalog knows the name. */
  key?: string;
  status: DiffStatus;
  /** Attributes that differ (`types`, `privateDnsNames`, `policy`). */
  differences: string[];
  aws?: ServiceFacts;
  catalog?: { types: string[]; privateDnsNames: string[]; policy: boolean };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

interface NamedEntry {
  service: CatalogService;
  fips: boolean;
}

/** Every catalog service by the names it has in `region`: gateway names where they differ, and FIPS names. */
function catalogNames(region: Region): Map<string, NamedEntry> {
  const out = new Map<string, NamedEntry>();
  for (const s of services) {
    out.set(serviceNameIn(s, region), { service: s, fips: false });
    if (s.types.includes("Gateway")) out.set(serviceNameIn(s, region, "Gateway"), { service: s, fips: false });
    if (hasFipsIn(s, region)) out.set(serviceNameIn(s, region, "Interface", true), { service: s, fips: true });
  }
  return out;
}

const catalogSide = (e: NamedEntry, region: Region): NonNullable<CatalogDiffRow["catalog"]> => ({
  // A FIPS endpoint service is an interface one.
  types: e.fips ? ["Interface"] : [...e.service.types],
  privateDnsNames: [...privateDnsNamesIn(e.service, region, e.fips)],
  policy: e.service.policy,
});

/** The AWS listing beside the catalog of `serviceRegion` (default `region`), sorted by service name. */
export function compareWithCatalog(found: Record<string, ServiceFacts>, region: Region, serviceRegion?: Region): CatalogDiffRow[] {
  const hosted = serviceRegion ?? region;
  const known = catalogNames(hosted);
  const rows: CatalogDiffRow[] = [];
  for (const [name, aws] of Object.entries(found)) {
    const entry = known.get(name);
    if (!entry) {
      rows.push({ serviceName: name, status: "onlyInAws", differences: [], aws });
      continue;
    }
    const catalog = catalogSide(entry, hosted);
    const differences = [
      !sameSet(catalog.types, aws.types) && "types",
      aws.types.includes("Interface") && !sameSet(catalog.privateDnsNames, aws.privateDnsNames) && "privateDnsNames",
      aws.policySupported !== undefined && aws.policySupported !== catalog.policy && "policy",
    ].filter((d): d is string => Boolean(d));
    rows.push({ serviceName: name, key: entry.service.key, status: differences.length ? "different" : "same", differences, aws, catalog });
  }
  const reported = new Set(Object.keys(found));
  const listed = new Set<string>();
  for (const [name, entry] of known) {
    // A service with a gateway and an interface name under one name is listed once.
    if (reported.has(name) || listed.has(name)) continue;
    listed.add(name);
    rows.push({ serviceName: name, key: entry.service.key, status: "onlyInCatalog", differences: [], catalog: catalogSide(entry, hosted) });
  }
  return rows.sort((a, b) => (a.serviceName < b.serviceName ? -1 : a.serviceName > b.serviceName ? 1 : 0));
}

export function overlayOf(found: Record<string, ServiceFacts>, region: string, serviceRegion?: string): CatalogOverlay {
  return {
    version: 1,
    kind: OVERLAY_KIND,
    region,
    ...(serviceRegion ? { serviceRegion } : {}),
    services: Object.values(found).sort((a, b) => (a.serviceName < b.serviceName ? -1 : 1)),
  };
}

const names: Shape = { kind: "array", of: { kind: "string" } };
const SERVICE_FACTS: Shape = {
  kind: "object",
  required: ["serviceName", "types", "azs", "privateDnsNames"],
  fields: {
    serviceName: { kind: "string" },
    serviceRegion: { kind: "string" },
    types: names,
    azs: names,
    privateDnsNames: names,
    policySupported: { kind: "boolean" },
    ipTypes: names,
    acceptanceRequired: { kind: "boolean" },
    privateDnsVerified: { kind: "boolean" },
    owner: { kind: "string" },
  },
};

/** A field's value in a message, as written (`2`, `"x"`); lists and objects by kind, never echoed whole. */
const shown = (v: unknown): string =>
  typeof v === "object" && v !== null ? describeValue(v) : typeof v === "string" ? quote(v) : String(v);

/** Checks a parsed overlay file; returns what is wrong with it, or the overlay. */
export function readOverlay(value: unknown): CatalogOverlay | string {
  const o = value as Partial<CatalogOverlay> | null;
  if (typeof o !== "object" || o === null || Array.isArray(o)) return "is not a catalog overlay object";
  // Before any field is echoed: a value that contains itself (or nests without end) cannot be.
  const notJson = jsonProblem(o);
  if (notJson) return notJson;
  if (o.kind !== OVERLAY_KIND)
    return `has kind ${shown(o.kind)}, not "${OVERLAY_KIND}" (write one with vpce-plan catalog --from-aws --write FILE)`;
  if (o.version !== 1) return `has version ${shown(o.version)}; this vpce-plan reads version 1`;
  if (typeof o.region !== "string" || !getRegion(o.region)) return `names region ${shown(o.region)}, which is not a catalog region`;
  if (o.serviceRegion !== undefined && (typeof o.serviceRegion !== "string" || !getRegion(o.serviceRegion)))
    return `names serviceRegion ${shown(o.serviceRegion)}, which is not a catalog region`;
  if (!Array.isArray(o.services)) return "has no services list";
  // Every element is checked: a number or null among privateDnsNames must not reach a plan.
  const problems = new Problems();
  checkShape(o.services, { kind: "array", of: SERVICE_FACTS }, "services", problems);
  // Fields a later vpce-plan writes are no reason to refuse the overlay; wrong values are.
  const wrong = problems.list.filter((p) => p.code !== "UNKNOWN_FIELD");
  if (wrong.length)
    return `${wrong[0].path} ${wrong[0].message.replace(/\.$/, "")}${wrong.length > 1 ? ` (and ${wrong.length - 1} more problems)` : ""}`;
  return o as CatalogOverlay;
}

/** The planner facts an overlay gives, keyed as the planner keys services in the overlay's region. */
export function overlayFacts(overlay: CatalogOverlay): PlanFacts {
  // Facts are keyed by catalog key, which a FIPS name shares with its service: the overlay gives the
  // default endpoint service's facts, and a FIPS plan's lookups (or facts) give the FIPS one's.
  const found = Object.fromEntries(
    overlay.services
      .filter((s) => !findService(s.serviceName)?.fips)
      .map((s) => [s.serviceName, overlay.serviceRegion && !s.serviceRegion ? { ...s, serviceRegion: overlay.serviceRegion } : s]),
  );
  const facts = factsFromServices({ found, missing: [] }, undefined, overlay.region);
  // An overlay holds DescribeVpcEndpointServices unfiltered: the region's whole list. Read for
  // another region's services (--service-region), it lists only what is reachable from there.
  if (!overlay.serviceRegion) facts.regionServiceNames = overlay.services.map((s) => s.serviceName);
  return facts;
}
