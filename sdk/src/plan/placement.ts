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
  /** Subnets passed over because another subnet already serves their AZ. */
  sameAz: PlacementSubnet[];
  /** Subnets in AZs where the service has no endpoint. */
  unsupported: PlacementSubnet[];
}

/**
 * Picks, per AZ, the subnet with the smallest id: a stable choice that does not move when
 * subnets are added in other AZs or listed in another order.
 */
export function placeInterface(subnets: readonly PlacementSubnet[], supportedAzs?: readonly string[]): Placement {
  const supported = supportedAzs ? new Set(supportedAzs) : undefined;
  const byAz = new Map<string, PlacementSubnet>();
  const sameAz: PlacementSubnet[] = [];
  const unsupported: PlacementSubnet[] = [];
  for (const subnet of subnets) {
    if (supported && !supported.has(subnet.az)) {
      unsupported.push(subnet);
      continue;
    }
    const current = byAz.get(subnet.az);
    if (!current) byAz.set(subnet.az, subnet);
    else if (subnet.id < current.id) {
      sameAz.push(current);
      byAz.set(subnet.az, subnet);
    } else sameAz.push(subnet);
  }
  const byId = (a: PlacementSubnet, b: PlacementSubnet): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const chosen = [...byAz.values()].sort((a, b) => (a.az < b.az ? -1 : a.az > b.az ? 1 : 0));
  return { chosen, sameAz: sameAz.sort(byId), unsupported: unsupported.sort(byId) };
}
