/**
 * Interface endpoint placement (rules 4 and 13): one subnet per Availability Zone, only in AZs the
 * service supports, a private subnet wherever the AZ has one. Pure and order-independent: the same
 * subnets in any order give the same choice.
 */
export interface PlacementSubnet {
  id: string;
  az: string;
  /** Routes to an internet gateway: used only where the AZ has no other subnet. */
  public?: boolean;
}

export interface Placement {
  /** Chosen subnets, sorted by AZ. */
  chosen: PlacementSubnet[];
  /** Subnets passed over because another subnet already serves their AZ, sorted by id. */
  sameAz: PlacementSubnet[];
  /** Subnets in AZs where the service has no endpoint, sorted by id. */
  unsupported: PlacementSubnet[];
  /** Public subnets passed over for a private one in the same AZ, sorted by id. */
  publicSkipped: PlacementSubnet[];
  /** Chosen subnets that are public (their AZ has no other), sorted by AZ. */
  publicUsed: PlacementSubnet[];
}

/** Subnets grouped by AZ (sorted by AZ), each group's subnets private first, then by id. */
export type AzIndex = ReadonlyArray<{ az: string; subnets: PlacementSubnet[] }>;

const byId = (a: PlacementSubnet, b: PlacementSubnet): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const privateFirst = (a: PlacementSubnet, b: PlacementSubnet): number =>
  Number(Boolean(a.public)) - Number(Boolean(b.public)) || byId(a, b);

export function indexByAz(subnets: readonly PlacementSubnet[]): AzIndex {
  const groups = new Map<string, PlacementSubnet[]>();
  for (const subnet of subnets) {
    const group = groups.get(subnet.az);
    if (group) group.push(subnet);
    else groups.set(subnet.az, [subnet]);
  }
  return [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([az, list]) => ({ az, subnets: list.sort(privateFirst) }));
}

/**
 * Picks, per AZ, the private subnet with the smallest id (a public one only when the AZ has no
 * other): a stable choice that does not move when subnets are added in other AZs or listed in
 * another order. The index can be built once per VPC and reused for every service.
 */
export function placeFromIndex(index: AzIndex, supportedAzs?: readonly string[]): Placement {
  const chosen: PlacementSubnet[] = [];
  const sameAz: PlacementSubnet[] = [];
  const unsupported: PlacementSubnet[] = [];
  const publicSkipped: PlacementSubnet[] = [];
  const publicUsed: PlacementSubnet[] = [];
  for (const { az, subnets } of index) {
    if (supportedAzs && !supportedAzs.includes(az)) unsupported.push(...subnets);
    else {
      const first = subnets[0];
      chosen.push(first);
      if (first.public) publicUsed.push(first);
      for (let i = 1; i < subnets.length; i++) (subnets[i].public && !first.public ? publicSkipped : sameAz).push(subnets[i]);
    }
  }
  if (sameAz.length > 1) sameAz.sort(byId);
  if (unsupported.length > 1) unsupported.sort(byId);
  if (publicSkipped.length > 1) publicSkipped.sort(byId);
  return { chosen, sameAz, unsupported, publicSkipped, publicUsed };
}

export function placeInterface(subnets: readonly PlacementSubnet[], supportedAzs?: readonly string[]): Placement {
  return placeFromIndex(indexByAz(subnets), supportedAzs);
}
