/** The multi-VPC request's structure (version 1), built from the single-VPC request's field shapes. */
import { requestShape } from "../schema";
import type { Shape } from "../shape";

type ObjectShape = Shape & { kind: "object" };

const single = requestShape.fields;
const singleVpc = single.vpc as ObjectShape;
const ACCOUNT = /^\d{12}$/;
const centralize: Shape = { kind: "enum", values: ["auto", "required", "never"] };
const obj = (fields: Record<string, Shape>, required: string[] = []): ObjectShape => ({ kind: "object", fields, required });
const accountId: Shape = { kind: "string", example: "123456789012", pattern: ACCOUNT };

export const hubShape = obj(
  {
    vpc: obj({ ...singleVpc.fields, accountId }, ["id"]),
    subnets: single.subnets,
    services: single.services,
    bundles: single.bundles,
    access: single.access,
    traffic: single.traffic,
    securityGroup: single.securityGroup,
  },
  ["vpc"],
);

export const spokeShape = obj(
  {
    name: { kind: "string", example: "payments", pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/ },
    vpc: obj({ ...singleVpc.fields, region: { kind: "string", example: "us-east-1" }, accountId }, ["id", "cidrs"]),
    subnets: single.subnets,
    services: single.services,
    bundles: single.bundles,
    traffic: single.traffic,
    centralize,
    securityGroup: single.securityGroup,
  },
  ["name", "vpc"],
);

export const networkRequestShape = obj(
  {
    version: single.version,
    region: single.region,
    hub: hubShape,
    spokes: { kind: "array", of: spokeShape, minItems: 1 },
    transit: obj({ type: { kind: "enum", values: ["transitGateway", "peering"] } }, ["type"]),
    centralize,
    prices: single.prices,
    ha: single.ha,
    defaults: single.defaults,
    facts: single.facts,
    tags: single.tags,
    quotas: single.quotas,
  },
  ["region", "hub", "spokes", "transit"],
);

/** A request is a network request when it has a hub or spokes (a single-VPC request has neither). */
export function isNetworkRequest(request: unknown): boolean {
  return typeof request === "object" && request !== null && !Array.isArray(request) && ("hub" in request || "spokes" in request);
}
