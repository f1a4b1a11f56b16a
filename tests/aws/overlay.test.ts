/** The catalog overlay without AWS: the diff against the built-in catalog and the facts it gives. */
import assert from "node:assert/strict";
import { compareWithCatalog, overlayFacts, overlayOf, readOverlay, type ServiceFacts } from "vpce-plan/aws";
import { getRegion } from "vpce-plan/catalog";

const region = getRegion("us-east-1")!;
const facts = (serviceName: string, extra: Partial<ServiceFacts> = {}): ServiceFacts => ({
  serviceName,
  types: ["Interface"],
  azs: ["us-east-1a"],
  privateDnsNames: [],
  ...extra,
});

describe("catalog overlay (pure)", () => {
  const found = {
    "com.amazonaws.us-east-1.sts": facts("com.amazonaws.us-east-1.sts", {
      privateDnsNames: ["sts.us-east-1.amazonaws.com"],
      policySupported: true,
    }),
    "com.amazonaws.us-east-1.kms": facts("com.amazonaws.us-east-1.kms", {
      privateDnsNames: ["kms.us-east-1.amazonaws.com"],
      policySupported: false,
    }),
    "com.amazonaws.us-east-1.kms-fips": facts("com.amazonaws.us-east-1.kms-fips", {
      azs: ["us-east-1b"],
      privateDnsNames: ["kms-fips.us-east-1.amazonaws.com"],
      policySupported: true,
    }),
    "com.amazonaws.us-east-1.brand-new": facts("com.amazonaws.us-east-1.brand-new"),
  };
  const rows = new Map(compareWithCatalog(found, region).map((r) => [r.serviceName, r]));

  it("marks each name the same, different (saying which attribute), only in AWS or only in the catalog", () => {
    assert.equal(rows.get("com.amazonaws.us-east-1.sts")!.status, "same");
    assert.deepEqual(rows.get("com.amazonaws.us-east-1.kms")!.differences, ["policy"]);
    assert.equal(rows.get("com.amazonaws.us-east-1.kms-fips")!.status, "same");
    assert.equal(rows.get("com.amazonaws.us-east-1.kms-fips")!.key, "kms");
    assert.equal(rows.get("com.amazonaws.us-east-1.brand-new")!.status, "onlyInAws");
    assert.equal(rows.get("com.amazonaws.us-east-1.secretsmanager")!.status, "onlyInCatalog");
    // A service with a gateway and an interface under one name is one row.
    assert.equal([...rows.keys()].filter((n) => n === "com.amazonaws.us-east-1.s3").length, 1);
  });

  it("its facts are keyed by catalog key; a FIPS name does not overwrite its service's", () => {
    const overlay = readOverlay(JSON.parse(JSON.stringify(overlayOf(found, "us-east-1"))));
    assert.notEqual(typeof overlay, "string");
    const planFacts = overlayFacts(overlay as Exclude<typeof overlay, string>);
    assert.deepEqual(planFacts.serviceAzs?.kms, ["us-east-1a"]);
    assert.equal(planFacts.servicePolicy?.kms, false);
    assert.equal(planFacts.serviceAzs?.["brand-new"], undefined);
  });

  it("gives the region's whole list of names (DescribeVpcEndpointServices unfiltered), but not when read for another region", () => {
    assert.deepEqual(overlayFacts(overlayOf(found, "us-east-1")).regionServiceNames, Object.keys(found).sort());
    assert.equal(overlayFacts(overlayOf(found, "us-east-1", "us-west-2")).regionServiceNames, undefined);
  });

  it("a file that is not an overlay says what is wrong", () => {
    assert.match(String(readOverlay({ kind: "vpce-plan/catalog-overlay", version: 2, region: "us-east-1", services: [] })), /version 2/);
    assert.match(String(readOverlay({ kind: "vpce-plan/catalog-overlay", version: 1, region: "mars-1", services: [] })), /mars-1/);
    assert.match(
      String(readOverlay({ kind: "vpce-plan/catalog-overlay", version: 1, region: "us-east-1", services: [{}] })),
      /services\[0\]/,
    );
  });
});
