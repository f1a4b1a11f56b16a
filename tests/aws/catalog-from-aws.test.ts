/**
 * `vpce-plan catalog --from-aws` against the emulator: its DescribeVpcEndpointServices listing beside
 * the built-in catalog, and the overlay it writes, used by `plan --catalog`. moto's list is older than
 * the catalog, which is what the diff is for.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serviceNameIn, services, getRegion } from "vpce-plan/catalog";
import type { Plan } from "vpce-plan/plan";
import { useMoto } from "../helpers/moto";
import { request } from "../helpers/build";
import { json, vpcePlan } from "./cli";

interface Listing {
  region: string;
  counts: Record<string, number>;
  services: Array<{ serviceName: string; key?: string; status: string; differences: string[]; aws?: { azs: string[]; owner?: string } }>;
}

describe("vpce-plan catalog --from-aws (emulator)", function () {
  this.timeout(60_000);
  const moto = useMoto();
  const dir = mkdtempSync(join(tmpdir(), "vpce-catalog-"));

  it("lists AWS's services beside the catalog, paginated, each marked", async () => {
    const run = await vpcePlan([
      "catalog",
      "--from-aws",
      "--region",
      "us-east-1",
      "--endpoint-url",
      moto.url(),
      "--page-size",
      "50",
      "--format",
      "json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const listing = json<Listing>(run);
    const byName = new Map(listing.services.map((s) => [s.serviceName, s]));
    const region = getRegion("us-east-1")!;
    // Every catalog service appears once, found in AWS or marked only in the catalog.
    for (const s of services) assert.ok(byName.has(serviceNameIn(s, region)), s.key);
    const sts = byName.get("com.amazonaws.us-east-1.sts")!;
    assert.equal(sts.key, "sts");
    assert.ok(["same", "different"].includes(sts.status));
    assert.ok(sts.aws!.azs.includes("us-east-1a"));
    // moto's list and the catalog disagree in every direction, and each row says how.
    for (const status of ["same", "different", "onlyInAws", "onlyInCatalog"])
      assert.ok(listing.counts[status] > 0, `${status}: ${JSON.stringify(listing.counts)}`);
    for (const s of listing.services.filter((r) => r.status === "different")) assert.ok(s.differences.length > 0, s.serviceName);
    for (const s of listing.services.filter((r) => r.status === "onlyInAws")) assert.equal(s.key, undefined);
    assert.equal(
      listing.services.length,
      Object.values(listing.counts).reduce((a, b) => a + b, 0),
    );
    assert.match(run.stderr, /in both \(\d+ different\), \d+ only in AWS, \d+ only in the catalog/);
  });

  it("writes an overlay that plan --catalog uses ahead of the built-in data", async () => {
    const overlay = join(dir, "overlay.json");
    const write = await vpcePlan(["catalog", "--from-aws", "--region", "us-east-1", "--endpoint-url", moto.url(), "--write", overlay]);
    assert.equal(write.code, 0, write.stderr);
    assert.match(write.stderr, /overlay written/);
    const saved = JSON.parse(readFileSync(overlay, "utf8")) as {
      kind: string;
      region: string;
      services: Array<{ serviceName: string; azs: string[] }>;
    };
    assert.equal(saved.kind, "vpce-plan/catalog-overlay");
    assert.equal(saved.region, "us-east-1");
    const stsAzs = saved.services.find((s) => s.serviceName === "com.amazonaws.us-east-1.sts")!.azs;

    const file = join(dir, "request.json");
    writeFileSync(
      file,
      JSON.stringify(
        request({
          subnets: [
            { id: "subnet-a", az: "us-east-1a" },
            { id: "subnet-z", az: "us-east-1z" },
          ],
        }),
      ),
    );
    const without = json<Plan>(await vpcePlan(["plan", "--file", file, "--format", "json"]));
    assert.ok(without.endpoints[0].reasons.some((r) => r.code === "AZS_ASSUMED"));
    const planned = await vpcePlan(["plan", "--file", file, "--catalog", overlay, "--format", "json"]);
    assert.equal(planned.code, 0, planned.stderr);
    const sts = json<Plan>(planned).endpoints[0];
    assert.ok(sts.reasons.some((r) => r.code === "AZS_FROM_FACTS"));
    // us-east-1z is not among the AZs AWS reported, so the overlay's facts decided placement.
    assert.ok(!stsAzs.includes("us-east-1z"));
    assert.deepEqual(sts.azs, ["us-east-1a"]);
  });

  it("the overlay is the region's whole list: a catalog service AWS does not list there is SERVICE_UNAVAILABLE", async () => {
    const overlay = join(dir, "whole.json");
    assert.equal(
      (await vpcePlan(["catalog", "--from-aws", "--region", "us-east-1", "--endpoint-url", moto.url(), "--write", overlay])).code,
      0,
    );
    const listed = new Set(
      (JSON.parse(readFileSync(overlay, "utf8")) as { services: Array<{ serviceName: string }> }).services.map((s) => s.serviceName),
    );
    // moto's list is years old: some interface-only service of the catalog is not in it.
    const east = getRegion("us-east-1")!;
    const absent = services.find((s) => s.types.join() === "Interface" && !listed.has(serviceNameIn(s, east)))!;
    assert.ok(absent, "moto lists every catalog service");
    const file = join(dir, "absent.json");
    writeFileSync(file, JSON.stringify(request({ services: ["sts", absent.key] })));
    assert.equal((await vpcePlan(["plan", "--file", file])).code, 0, "the built-in catalog has us-east-1 offer it");
    const planned = await vpcePlan(["plan", "--file", file, "--catalog", overlay, "--format", "json"]);
    assert.equal(planned.code, 2, planned.stdout);
    const errors = (JSON.parse(planned.stdout) as { errors: Array<{ code: string; path: string }> }).errors;
    assert.deepEqual(
      errors.map((e) => [e.code, e.path]),
      [["SERVICE_UNAVAILABLE", "services[1]"]],
    );
  });

  it("rejects an overlay of another region and a file that is not one", async () => {
    const overlay = join(dir, "west.json");
    assert.equal(
      (await vpcePlan(["catalog", "--from-aws", "--region", "us-west-2", "--endpoint-url", moto.url(), "--write", overlay])).code,
      0,
    );
    const file = join(dir, "east.json");
    writeFileSync(file, JSON.stringify(request()));
    const wrongRegion = await vpcePlan(["plan", "--file", file, "--catalog", overlay]);
    assert.equal(wrongRegion.code, 2);
    assert.match(wrongRegion.stderr, /read in us-west-2, but the request is for us-east-1/);
    const notOverlay = await vpcePlan(["plan", "--file", file, "--catalog", file]);
    assert.equal(notOverlay.code, 2);
    assert.match(notOverlay.stderr, /not "vpce-plan\/catalog-overlay"/);
  });

  it("--service-region reads what the region offers from another, and flags need --from-aws", async () => {
    const run = await vpcePlan([
      "catalog",
      "--from-aws",
      "--region",
      "us-east-1",
      "--service-region",
      "us-west-2",
      "--endpoint-url",
      moto.url(),
      "--format",
      "json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const listing = json<Listing & { serviceRegion?: string }>(run);
    assert.equal(listing.serviceRegion, "us-west-2");
    // The catalog side is us-west-2's names; moto ignores ServiceRegions and answers with us-east-1's.
    assert.ok(listing.services.some((s) => s.serviceName === "com.amazonaws.us-west-2.s3" && s.status === "onlyInCatalog"));
    const stray = await vpcePlan(["catalog", "--service-region", "us-west-2"]);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /only work with --from-aws/);
  });
});
