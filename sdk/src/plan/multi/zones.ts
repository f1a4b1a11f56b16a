/**
 * Private hosted zones that make a hub endpoint resolve in other VPCs (rule 9). A name `X` becomes
 * zone `X` with an apex alias record; `*.X` becomes zone `X` with a wildcard record. Names that
 * share a zone (`X` and `*.X`) share one zone with both records.
 */
import type { IpAddressType } from "../types";
import type { ZoneRecord } from "./types";

export interface ZoneShape {
  name: string;
  records: ZoneRecord[];
}

const recordTypes = (ip: IpAddressType): ZoneRecord["types"] => (ip === "ipv4" ? ["A"] : ip === "dualstack" ? ["A", "AAAA"] : ["AAAA"]);

export function zonesFor(privateDnsNames: readonly string[], endpoint: string, ipAddressType: IpAddressType): ZoneShape[] {
  const byZone = new Map<string, ZoneRecord[]>();
  for (const name of [...privateDnsNames].sort()) {
    const wildcard = name.startsWith("*.");
    const zone = (wildcard ? name.slice(2) : name).toLowerCase();
    const records = byZone.get(zone) ?? [];
    records.push({ name: name.toLowerCase(), wildcard, types: recordTypes(ipAddressType), alias: { endpoint, dnsName: "regional" } });
    byZone.set(zone, records);
  }
  return [...byZone.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, records]) => ({ name, records }));
}
