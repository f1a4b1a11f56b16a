/**
 * Zones: a subnet's Availability Zone, by name (`az`) and by ID (`azId`), against the request's
 * region and against the AZ IDs AWS documents for it (catalog `zones.json`, whose notes give the
 * pages: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html).
 * AZ names are checked for their region only: AWS ties no letter to the number of AZs, and in the
 * oldest regions maps the letters per account
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html). The single-VPC
 * request, the hub and spokes of a network request and the components' args all pass here
 * (validate.ts `readRequest`). docs/request.md, the AZ paragraph.
 */
import { documentedAzIds, regionOfAzId } from "../../catalog";
import type { SubnetSpec } from "../types";
import type { RuleContext } from "./context";

export const CODES = {
  SUBNET_AZ_MISSING: "problem",
  SUBNET_AZ_REGION: "problem",
  SUBNET_AZ_ID_REGION: "problem",
  SUBNET_AZ_UNKNOWN: "problem",
} as const;
type Ctx = RuleContext<keyof typeof CODES>;

/** An AZ ID without a location: Local Zone IDs (`use1-bos1-az1`) are not in the AZ lists. */
const AZ_ID_OF_AN_AZ = /^[a-z]+\d+-az\d+$/;

/**
 * The zone the planner places the subnet by (its AZ name, else its AZ ID), or undefined when the
 * subnet's zone is rejected. `region` is undefined when the request's region is unknown: against it
 * every zone would "mismatch", and UNKNOWN_REGION already says what to fix.
 */
export function subnetZone(ctx: Ctx, subnet: SubnetSpec, path: string, region: string | undefined): string | undefined {
  if (!subnet.az && !subnet.azId) {
    ctx.problem(
      "SUBNET_AZ_MISSING",
      `${path}.az`,
      `subnet ${subnet.id} has no Availability Zone.`,
      "Set az (e.g. us-east-1a) or azId (e.g. use1-az1), or let vpce-plan look it up (--from-aws, or the Pulumi component).",
    );
    return undefined;
  }
  if (region && subnet.azId && !checkAzId(ctx, subnet.azId, `${path}.azId`, region)) return undefined;
  if (!subnet.az) return subnet.azId;
  if (region && !subnet.az.startsWith(region)) {
    ctx.problem(
      "SUBNET_AZ_REGION",
      `${path}.az`,
      `${subnet.az} is not an Availability Zone of ${region}.`,
      `Use an AZ of ${region}, or fix region.`,
    );
    return undefined;
  }
  return subnet.az;
}

function checkAzId(ctx: Ctx, azId: string, path: string, region: string): boolean {
  const home = regionOfAzId(azId);
  if (home ? home !== region : !azIdInRegion(azId, region)) {
    ctx.problem(
      "SUBNET_AZ_ID_REGION",
      path,
      `${azId} is not an Availability Zone ID of ${region}${home ? ` (AWS documents it for ${home})` : ""}.`,
      `Use an AZ ID of ${region} (aws ec2 describe-availability-zones --region ${region} lists them), or fix region.`,
    );
    return false;
  }
  const documented = documentedAzIds(region);
  if (!home && documented && AZ_ID_OF_AN_AZ.test(azId)) {
    ctx.problem(
      "SUBNET_AZ_UNKNOWN",
      path,
      `${azId} is not an Availability Zone ID AWS documents for ${region}, whose AZ IDs are ${documented.join(", ")}.`,
      `Use one of those (aws ec2 describe-availability-zones --region ${region} shows your account's), or fix region; an AZ AWS opened after this vpce-plan release needs a newer one.`,
    );
    return false;
  }
  return true;
}

/**
 * Where the catalog lists no AZ IDs (China, GovCloud), the format decides: an AZ ID starts with
 * letters of the Region code and carries its number (use1 for us-east-1, usgw1 for us-gov-west-1,
 * cnnw1 for cn-northwest-1; AWS now calls it "a Region-specific prefix").
 */
function azIdInRegion(azId: string, region: string): boolean {
  const [head, ...rest] = region.split("-");
  const number = rest.pop();
  const prefix = /^([a-z]+)(\d+)-/.exec(azId);
  return Boolean(prefix && prefix[1].startsWith(head) && prefix[2] === number && rest.every((part) => prefix[1].includes(part[0])));
}
