/**
 * Interface endpoint placement (rule 4): one subnet per Availability Zone, only in AZs the service
 * supports. Pure and order-independent: the same subnets in any order give the same choice.
 */
export interface PlacementSubnet {
  id: string;
  az: string;
}

export interface Placement {
  /** Chosen subnets, sorted by AZ. */
  chosen: PlacementSubnet[];
  /** Subnets passed over because another subnet already serves their AZ, sorted by id. */
  sameAz: PlacementSubnet[];
  /** Subnets in AZs where the service has no endpoint, sorted by id. */
  unsupported: PlacementSubnet[];
}

/** Subnets grouped by AZ (sorted by AZ), each group's subnets sorted by id. */
export type AzIndex = ReadonlyArray<{ az: string; subnets: PlacementSubnet[] }>;

const byId = (a: PlacementSubnet, b: PlacementSubnet): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function indexByAz(subnets: readonly PlacementSubnet[]): AzIndex {
  const groups = new Map<string, PlacementSubnet[]>();
  for (const subnet of subnets) {
    const group = groups.get(subnet.az);
    if (group) group.push(subnet);
    else groups.set(subnet.az, [subnet]);
  }
  return [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([az, list]) => ({ az, subnets: list.sort(byId) }));
}

/**
 * Picks, per AZ, the subnet with the smallest id: a stable choice that does not move when
 * subnets are added in other AZs or listed in another order. The index can be built once per VPC
 * and reused for every service.
 */
export function placeFromIndex(index: AzIndex, supportedAzs?: readonly string[]): Placement {
  const chosen: PlacementSubnet[] = [];
  const sameAz: PlacementSubnet[] = [];
  const unsupported: PlacementSubnet[] = [];
  for (const { az, subnets } of index) {
    if (supportedAzs && !supportedAzs.includes(az)) unsupported.push(...subnets);
    else {
      chosen.push(subnets[0]);
      for (let i = 1; i < subnets.length; i++) sameAz.push(subnets[i]);
    }
  }
  if (sameAz.length > 1) sameAz.sort(byId);
  if (unsupported.length > 1) unsupported.sort(byId);
  return { chosen, sameAz, unsupported };
}

export function placeInterface(subnets: readonly PlacementSubnet[], supportedAzs?: readonly string[]): Placement {
  return placeFromIndex(indexByAz(subnets), supportedAzs);
}
