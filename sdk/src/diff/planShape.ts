/**
 * Plan JSON read back from a file (`diff --base plan.json`), checked like a request before diff
 * and its renderers read it: every field they read, with its type, every problem at once. Fields
 * they do not read (and fields a later vpce-plan adds) are not checked.
 */
import { Problems } from "../plan/problems";
import { checkShape, type Shape } from "../plan/shape";
import type { Problem } from "../plan/types";

const str: Shape = { kind: "string" };
const strings: Shape = { kind: "array", of: str };
const num: Shape = { kind: "number" };
const obj = (fields: Record<string, Shape>, required: string[] = []): Shape & { kind: "object" } => ({ kind: "object", fields, required });

const reasons: Shape = { kind: "array", of: obj({ code: str, message: str }, ["code", "message"]) };

const rule = obj(
  {
    protocol: str,
    fromPort: num,
    toPort: num,
    cidr: str,
    securityGroupId: str,
    source: str,
    description: { kind: "string" },
    covers: strings,
  },
  ["fromPort", "toPort", "source"],
);
const group = obj({ name: str, mode: str, ids: strings, ingress: { kind: "array", of: rule } }, ["ingress"]);

const endpoint = obj(
  {
    name: str,
    service: str,
    serviceName: str,
    serviceRegion: str,
    type: str,
    routeTableIds: strings,
    subnetIds: strings,
    azs: strings,
    azIds: strings,
    privateDns: { kind: "boolean" },
    privateDnsNames: strings,
    ipAddressType: str,
    dnsOptions: obj({ dnsRecordIpType: str, privateDnsOnlyForInboundResolverEndpoint: { kind: "boolean" } }),
    port: num,
    securityGroup: group,
    securityGroups: { kind: "array", of: group },
    extraSecurityGroupIds: strings,
    policy: { kind: "json-object" },
    dependsOn: strings,
    reasons,
    monthlyCostUsd: num,
  },
  ["name", "service", "type", "reasons"],
);

const resolver = obj({ subnetIds: strings, azs: strings, securityGroup: group, monthlyCostUsd: num }, ["subnetIds", "azs"]);

export const planJsonShape = obj(
  {
    version: num,
    region: str,
    vpcId: str,
    endpoints: { kind: "array", of: endpoint },
    resolver,
    warnings: { kind: "array", of: obj({ code: str, message: str }) },
    cost: obj({ monthlyTotalUsd: num }, ["monthlyTotalUsd"]),
  },
  ["region", "vpcId", "endpoints", "warnings", "cost"],
);

const spoke = obj(
  {
    name: str,
    vpcId: str,
    fromHub: strings,
    local: strings,
    plan: planJsonShape,
    zoneAssociations: { kind: "array", of: obj({ zone: str, service: str }) },
  },
  ["name", "vpcId", "fromHub", "local"],
);

const associations: Shape = { kind: "array", of: obj({ spoke: str, vpcId: str }, ["spoke"]) };

export const networkPlanJsonShape = obj(
  {
    kind: { kind: "enum", values: ["network"] },
    region: str,
    transit: obj({ type: str }, ["type"]),
    hub: obj({ vpcId: str, centralized: strings, plan: planJsonShape }, ["vpcId", "centralized"]),
    services: {
      kind: "array",
      of: obj({ service: str, reasons, spokes: { kind: "array", of: obj({ spoke: str, placement: str, reasons }, ["reasons"]) } }, [
        "reasons",
        "spokes",
      ]),
    },
    spokes: { kind: "array", of: spoke },
    dnsSharing: obj({ mode: str, reasons }, ["mode"]),
    zones: { kind: "array", of: obj({ name: str, associations }, ["name", "associations"]) },
    profile: obj({ associations }, ["associations"]),
    cost: obj({ monthlyTotalUsd: num }, ["monthlyTotalUsd"]),
  },
  ["kind", "region", "transit", "hub", "services", "spokes", "dnsSharing", "zones", "cost"],
);

/** What is wrong with plan JSON (single-VPC or network), paths as in the file; empty when diff can read it. */
export function checkPlanJson(value: unknown): Problem[] {
  // Plans write "no value" as null (policy, profile, a hub without endpoints): an absent field here.
  const withoutNulls = JSON.parse(JSON.stringify(value, (key, v: unknown) => (v === null && key !== "" ? undefined : v))) as unknown;
  const problems = new Problems();
  const network = (value as { kind?: unknown }).kind === "network";
  checkShape(withoutNulls, network ? networkPlanJsonShape : planJsonShape, "", problems);
  return problems.list.filter((p) => p.code !== "UNKNOWN_FIELD");
}
