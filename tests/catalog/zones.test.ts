/** The catalog's per-region AZ IDs (zones.json) and their lookups. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { documentedAzIds, regionCodes, regionOfAzId } from "vpce-plan/catalog";
import { REPO_ROOT } from "../helpers/requests";

const file = JSON.parse(readFileSync(join(REPO_ROOT, "sdk", "src", "catalog", "zones.json"), "utf8")) as {
  sources: string[];
  notes: string;
  regions: Record<string, { azIds: string[]; source: string }>;
};
const AWS_PAGE = /^https:\/\/docs\.aws\.amazon\.com\/global-infrastructure\/latest\/regions\/aws-availability-zones\.html#zones-[a-z-]+$/;

describe("catalog: zones", () => {
  it("cites AWS pages, each region its section of the AWS Availability Zones page", () => {
    assert.ok(file.sources.length > 0 && file.sources.every((u) => /^https:\/\/docs\.(aws\.amazon\.com|amazonaws\.cn)\//.test(u)));
    assert.ok(file.notes.length > 100);
    for (const [region, zones] of Object.entries(file.regions)) assert.match(zones.source, AWS_PAGE, region);
  });

  it("lists catalog regions only, AZ IDs of the region's prefix, each ID once, at least three per region", () => {
    const all = Object.values(file.regions).flatMap((z) => z.azIds);
    assert.equal(new Set(all).size, all.length);
    for (const [region, zones] of Object.entries(file.regions)) {
      assert.ok(regionCodes().includes(region), region);
      assert.ok(zones.azIds.length >= 3, region);
      const prefix = zones.azIds[0].replace(/-az\d+$/, "");
      for (const id of zones.azIds) assert.match(id, new RegExp(`^${prefix}-az\\d+$`), region);
    }
  });

  it("leaves unknown exactly the regions no AWS page lists AZ IDs for: China and GovCloud", () => {
    assert.deepEqual(
      regionCodes().filter((r) => !documentedAzIds(r)),
      ["cn-north-1", "cn-northwest-1", "us-gov-east-1", "us-gov-west-1"],
    );
  });

  it("finds an ID's region, and none for an ID AWS does not document", () => {
    assert.equal(regionOfAzId("euw2-az4"), "eu-west-2");
    assert.equal(regionOfAzId("use1-az6"), "us-east-1");
    assert.equal(regionOfAzId("cac1-az3"), undefined);
    assert.equal(regionOfAzId("use1-bos1-az1"), undefined);
    assert.deepEqual(documentedAzIds("ca-central-1"), ["cac1-az1", "cac1-az2", "cac1-az4"]);
  });
});
