/**
 * Rule 1: a gateway endpoint adds a route in route tables: the service's own `routeTableIds`, else
 * those of the request's subnets. Subnets that name no route table are reported once for every
 * gateway that falls back to the subnets' tables, not once per gateway service. docs/codes.md row
 * "Gateway vs interface".
 */
import type { ResolvedService, NormalizedRequest } from "../validate";
import type { RuleContext } from "./context";

export const CODES = {
  SUBNET_WITHOUT_ROUTE_TABLE: "warning",
  NO_ROUTE_TABLES: "problem",
} as const;

type Ctx = RuleContext<keyof typeof CODES>;

/** The gateway's route tables, sorted and unique; undefined (with a problem) when there are none. */
export function gatewayRouteTables(ctx: Ctx, service: ResolvedService, subnets: NormalizedRequest["subnets"]): string[] | undefined {
  const { key, options, path } = service;
  const tables = [...new Set(options.routeTableIds ?? subnets.map((s) => s.routeTableId).filter((r): r is string => Boolean(r)))].sort();
  if (!tables.length) {
    ctx.problem(
      "NO_ROUTE_TABLES",
      options.routeTableIds ? `${path}.routeTableIds` : "subnets",
      `the ${key} gateway endpoint needs at least one route table.`,
      "Set subnets[].routeTableId, or routeTableIds on the service.",
    );
    return undefined;
  }
  return tables;
}

/** One warning for the subnets without a route table, naming every gateway they miss. */
export function checkSubnetsWithoutRouteTable(ctx: Ctx, subnets: NormalizedRequest["subnets"], gateways: readonly ResolvedService[]): void {
  const missing = subnets
    .filter((s) => !s.routeTableId)
    .map((s) => s.id)
    .sort();
  const keys = gateways.filter((g) => !g.options.routeTableIds).map((g) => g.key);
  if (!missing.length || !keys.length || missing.length === subnets.length) return;
  ctx.warn(
    "SUBNET_WITHOUT_ROUTE_TABLE",
    `Subnets ${missing.join(", ")} name no route table, so their ${keys.join(", ")} traffic will not use the gateway endpoint${keys.length > 1 ? "s" : ""}.`,
    { path: "subnets" },
  );
}
