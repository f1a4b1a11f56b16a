/**
 * AWS's published address ranges (`ip-ranges.json`): `prefixes[]` with `ip_prefix`, `ipv6_prefixes[]`
 * with `ipv6_prefix`, each with `region` and `service`. The attribution's last resort for naming a
 * destination, and only for the services whose ranges AWS publishes by name and that have gateway
 * endpoints: `S3` and `DYNAMODB`. https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html
 */
import { blockContains, parseBlock, type Block } from "../../plan/cidr";

/** ip-ranges `service` values (and flow logs' `pkt-*-aws-service` values) that name a catalog key. */
export const AWS_SERVICE_KEYS: Readonly<Record<string, string>> = { S3: "s3", DYNAMODB: "dynamodb" };

export interface IpRange {
  block: Block;
  key: string;
}

interface IpRangesFile {
  prefixes?: Array<{ ip_prefix?: string; region?: string; service?: string }>;
  ipv6_prefixes?: Array<{ ipv6_prefix?: string; region?: string; service?: string }>;
}

/** The S3 and DynamoDB ranges of one region, or why the text is not an ip-ranges file. */
export function parseIpRanges(text: string, region: string): IpRange[] | string {
  let file: IpRangesFile;
  try {
    file = JSON.parse(text) as IpRangesFile;
  } catch {
    return "is not JSON";
  }
  if (!Array.isArray(file.prefixes)) return "has no prefixes[]; expected AWS's ip-ranges.json";
  const rows = [
    ...file.prefixes.map((p) => ({ cidr: p.ip_prefix, region: p.region, service: p.service })),
    ...(file.ipv6_prefixes ?? []).map((p) => ({ cidr: p.ipv6_prefix, region: p.region, service: p.service })),
  ];
  const out: IpRange[] = [];
  for (const r of rows) {
    const key = r.service ? AWS_SERVICE_KEYS[r.service] : undefined;
    const block = key && r.region === region && r.cidr ? parseBlock(r.cidr) : undefined;
    if (key && block) out.push({ block, key });
  }
  return out;
}

/** The key of the range holding the address, the narrowest first. */
export function keyOfAddress(ranges: readonly IpRange[], addr: string): string | undefined {
  const a = parseBlock(addr);
  if (!a) return undefined;
  let best: IpRange | undefined;
  for (const r of ranges) if (blockContains(r.block, a) && (!best || r.block.prefix > best.block.prefix)) best = r;
  return best?.key;
}
