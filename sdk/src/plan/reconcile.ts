/**
 * Compares a plan with the endpoints a VPC already has: which planned endpoints exist (kept, with
 * their ids and what adopting them would change), which are missing (create), and which existing
 * ones the plan does not need (removable, with the monthly saving). Pure and deterministic.
 */
import { findService } from "../catalog";
import { HOURS_PER_MONTH, money } from "./cost";
import type { EndpointChange, ExistingComparison, ExistingEndpoint, KeptEndpoint, Plan, PlannedEndpoint, RemovableEndpoint } from "./types";

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What the duplicate rule reads of an existing endpoint. */
export interface DuplicateCandidate {
  id: string;
  privateDns?: boolean;
  subnetIds?: readonly string[];
  routeTableIds?: readonly string[];
}

/**
 * The one rule for endpoints of the same service and type in one VPC, used by audit, diff
 * --from-aws, plan --from-aws and import alike: best first, the first is kept. The one with private
 * DNS comes first: AWS lets only one endpoint per service and VPC have it, so deleting it would cut
 * name resolution, and no other can take private DNS while it exists. Then the one reaching the most
 * subnets or route tables (least to move), then the smallest id, so reruns agree. It reads only the
 * endpoints, never a plan, so every command names the same one.
 */
export function rankDuplicates<T extends DuplicateCandidate>(list: readonly T[]): T[] {
  const reach = (e: T): number => (e.subnetIds?.length ?? 0) + (e.routeTableIds?.length ?? 0);
  return [...list].sort(
    (a, b) => Number(Boolean(b.privateDns)) - Number(Boolean(a.privateDns)) || reach(b) - reach(a) || byText(a.id, b.id),
  );
}

export function reconcile(plan: Plan, existing: readonly ExistingEndpoint[]): Plan {
  return { ...plan, existing: compareWithExisting(plan, existing) };
}

export function compareWithExisting(plan: Plan, existing: readonly ExistingEndpoint[]): ExistingComparison {
  const unclaimed = [...existing].sort((a, b) => byText(a.id, b.id));
  const kept: KeptEndpoint[] = [];
  const create: string[] = [];
  const removable: RemovableEndpoint[] = [];
  for (const planned of plan.endpoints) {
    const candidates = unclaimed.filter((e) => e.serviceName === planned.serviceName && e.type === planned.type);
    if (!candidates.length) {
      create.push(planned.name);
      continue;
    }
    const [best, ...rest] = rankDuplicates(candidates);
    kept.push({ name: planned.name, id: best.id, service: planned.service, type: planned.type, changes: changesFor(planned, best) });
    for (const e of rest) {
      removable.push(removableOf(plan, e, "DUPLICATE", `${best.id} is kept for ${planned.name}; this one duplicates it.`));
    }
    for (const e of candidates) unclaimed.splice(unclaimed.indexOf(e), 1);
  }
  for (const e of unclaimed) {
    removable.push(
      removableOf(plan, e, "NOT_REQUESTED", `The request does not need a ${e.type.toLowerCase()} endpoint for ${e.serviceName}.`),
    );
  }
  const createMonthlyUsd = money(plan.endpoints.filter((p) => create.includes(p.name)).reduce((sum, p) => sum + p.monthlyCostUsd, 0));
  removable.sort((a, b) => byText(a.id, b.id));
  return {
    kept,
    create,
    removable,
    createMonthlyUsd,
    removableMonthlySavingUsd: money(removable.reduce((sum, r) => sum + r.monthlySavingUsd, 0)),
  };
}

function changesFor(planned: PlannedEndpoint, e: ExistingEndpoint): EndpointChange[] {
  const changes: EndpointChange[] = [];
  const list = (field: "subnetIds" | "routeTableIds", want: string[] | undefined, have: string[] | undefined): void => {
    const a = [...(have ?? [])].sort();
    const b = [...(want ?? [])].sort();
    if (a.join() !== b.join()) changes.push({ field, existing: a, planned: b });
  };
  if (planned.type === "Gateway") list("routeTableIds", planned.routeTableIds, e.routeTableIds);
  else {
    list("subnetIds", planned.subnetIds, e.subnetIds);
    const want = Boolean(planned.privateDns);
    if (e.privateDns !== undefined && e.privateDns !== want) changes.push({ field: "privateDns", existing: e.privateDns, planned: want });
  }
  return changes;
}

function removableOf(plan: Plan, e: ExistingEndpoint, reason: RemovableEndpoint["reason"], message: string): RemovableEndpoint {
  // An interface endpoint has one ENI per AZ, and AWS allows one subnet per AZ: subnets = AZs.
  const azs = e.type === "Interface" ? (e.subnetIds?.length ?? 0) : 0;
  const key = findService(e.serviceName)?.service.key;
  return {
    id: e.id,
    serviceName: e.serviceName,
    ...(key ? { service: key } : {}),
    type: e.type,
    reason,
    message,
    monthlySavingUsd: money(plan.cost.prices.interfaceHourUsd * HOURS_PER_MONTH * azs),
  };
}
