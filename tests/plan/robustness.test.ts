/**
 * Issue 17 item 29, in process: inputs that used to crash the planner, widen a plan silently or
 * grow its output quadratically each end in a typed error (or a bounded plan) naming the field.
 */
import assert from "node:assert/strict";
import { readOverlay } from "vpce-plan/aws";
import { planEndpoints } from "vpce-plan/plan";
import type { PlanRequest } from "vpce-plan/plan";
import { plan, problemsOf, request, subnets } from "../helpers/build";

const codesAndPaths = (req: unknown): Array<[string, string]> => problemsOf(req).map((p) => [p.code, p.path]);

/** A document nested `depth` levels deep inside a statement's Condition. */
function deepDocument(depth: number): Record<string, unknown> {
  let inner: unknown = "x";
  for (let i = 0; i < depth; i++) inner = { k: inner };
  return { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: inner }] };
}

describe("planEndpoints: bad input ends in a typed error (issue 17 item 29)", () => {
  it("a policy document nested 5,000 levels deep is INVALID_VALUE at the document, not a stack overflow", () => {
    const req = request({ services: [{ name: "sts", policy: { document: deepDocument(5000) } }] });
    assert.deepEqual(codesAndPaths(req), [["INVALID_VALUE", "services[0].policy.document"]]);
    assert.match(problemsOf(req)[0].message, /nested more than 64 levels/);
  });

  it("a policy document that contains itself (a YAML alias inside its anchor) is INVALID_VALUE", () => {
    const document: Record<string, unknown> = { Statement: [] };
    (document.Statement as unknown[]).push(document);
    const req = request({ services: [{ name: "sts", policy: { document } }] });
    assert.deepEqual(codesAndPaths(req), [["INVALID_VALUE", "services[0].policy.document"]]);
    assert.match(problemsOf(req)[0].message, /contains itself/);
  });

  it("objects built by YAML tags (!!omap Map, !!set Set, !!timestamp Date) are refused, never read as empty maps", () => {
    const req = {
      ...request(),
      services: [{ name: "sts", access: new Map([["fromVpc", true]]) }],
      subnetTags: new Map([["tier", "private"]]),
      tags: new Set(["a"]),
      facts: { serviceAzs: new Date(0) },
    };
    assert.deepEqual(codesAndPaths(req), [
      ["INVALID_TYPE", "services[0].access"],
      ["INVALID_TYPE", "subnetTags"],
      ["INVALID_TYPE", "tags"],
      ["INVALID_TYPE", "facts.serviceAzs"],
    ]);
    assert.match(problemsOf(req)[0].message, /got a Map \(a YAML tag such as !!omap/);
  });

  it("a policy with both a template and a document is refused, naming both", () => {
    const req = request({
      services: [{ name: "sts", policy: { template: "account-only", accountIds: ["123456789012"], document: deepDocument(1) } }],
    });
    assert.deepEqual(codesAndPaths(req), [["POLICY_INVALID", "services[0].policy.template"]]);
    assert.match(problemsOf(req)[0].message, /both a template \(account-only\) and a document/);
  });

  for (const [family, halves] of [
    ["IPv4", ["0.0.0.0/1", "128.0.0.0/1"]],
    ["IPv6", ["::/1", "8000::/1"]],
  ] as const)
    it(`${family}: on-premises blocks that together are the whole internet (${halves.join(" + ")}) are OPEN_CIDR_NOT_EXPLICIT`, () => {
      const req = request({ access: { onPremises: { cidrs: [...halves] } } });
      assert.deepEqual(codesAndPaths(req), [["OPEN_CIDR_NOT_EXPLICIT", "access.onPremises.cidrs[0]"]]);
      assert.match(problemsOf(req)[0].message, /together admit the whole internet/);
    });

  it("the halves split between on-premises and a peer VPC are judged together too", () => {
    const req = request({ access: { onPremises: { cidrs: ["0.0.0.0/1"] }, peerVpcs: [{ name: "p", cidrs: ["128.0.0.0/1"] }] } });
    assert.ok(codesAndPaths(req).some(([code]) => code === "OPEN_CIDR_NOT_EXPLICIT"));
  });

  it("extraCidrs halves that merge into 0.0.0.0/0 warn OPEN_INGRESS like a literal 0.0.0.0/0", () => {
    const p = plan(request({ access: { extraCidrs: ["0.0.0.0/1", "128.0.0.0/1"] } }));
    const open = p.warnings.filter((w) => w.code === "OPEN_INGRESS");
    assert.equal(open.length, 1);
    assert.match(open[0].message, /admits 0\.0\.0\.0\/0 \(0\.0\.0\.0\/1, .*128\.0\.0\.0\/1 together\)/);
  });

  it("NaN (YAML .nan) is named as NaN, not as 'number null'", () => {
    const [p] = problemsOf(request({ ha: { minAzs: NaN } }));
    assert.equal(p.path, "ha.minAzs");
    assert.match(p.message, /got number NaN/);
  });

  it("a 1 MB string, a 1 MB key and a 1 MB region are cut in messages, paths and hints", () => {
    const huge = "a".repeat(1_000_000);
    const req = { ...request(), region: huge, vpc: { id: `vpc-${huge}!`, cidrs: ["10.0.0.0/16"] }, [huge]: 1 };
    const problems = problemsOf(req);
    assert.ok(problems.length >= 2, JSON.stringify(problems.map((p) => p.code)));
    for (const p of problems)
      for (const text of [p.message, p.path, p.hint]) assert.ok(text.length < 1100, `${p.code}: ${text.length} characters`);
  });

  for (const peers of [1000, 3000])
    it(`${peers} peer VPCs with one CIDR: one CIDR_OVERLAP warning naming a few of them, output linear in the input`, () => {
      const req = request({ access: { peerVpcs: Array.from({ length: peers }, (_, i) => ({ name: `p${i}`, cidrs: ["10.1.0.0/16"] })) } });
      const p = plan(req);
      const overlaps = p.warnings.filter((w) => w.code === "CIDR_OVERLAP");
      assert.equal(overlaps.length, 1);
      assert.match(
        overlaps[0].message,
        new RegExp(`^${peers} networks declare the same block 10\\.1\\.0\\.0/16 \\(peer VPC p0, .* and ${peers - 5} more\\)`),
      );
      // Before: 499,500 warnings and 133 MB for 1,000 peers.
      assert.ok(JSON.stringify(p).length < peers * 100, `${JSON.stringify(p).length} bytes`);
    });

  it("nested outside networks are reported once per pair of blocks, naming every side", () => {
    const peerVpcs = [
      ...Array.from({ length: 10 }, (_, i) => ({ name: `wide${i}`, cidrs: ["172.16.0.0/12"] })),
      ...Array.from({ length: 10 }, (_, i) => ({ name: `narrow${i}`, cidrs: ["172.16.4.0/24"] })),
    ];
    const messages = plan(request({ access: { peerVpcs } }))
      .warnings.filter((w) => w.code === "CIDR_OVERLAP")
      .map((w) => w.message);
    assert.equal(messages.length, 3, messages.join("\n"));
    assert.ok(
      messages.some((m) =>
        /peer VPC wide0, .* and 5 more's 172\.16\.0\.0\/12 contains peer VPC narrow0, .* and 5 more's 172\.16\.4\.0\/24/.test(m),
      ),
    );
  });

  it("reason messages name no request position: the same request with services in another order plans byte-identically", () => {
    const services: PlanRequest["services"] = [
      { name: "sts", access: { fromVpc: false } },
      { name: "kms", access: { onPremises: false } },
      "logs",
    ];
    const base = request({ subnets: subnets("us-east-1", "ab"), services, access: { onPremises: { cidrs: ["192.168.0.0/16"] } } });
    const reversed = { ...base, services: [...services].reverse() };
    const text = JSON.stringify(planEndpoints(base));
    assert.doesNotMatch(text, /services\[\d+\]/);
    assert.equal(JSON.stringify(planEndpoints(reversed)), text);
  });

  it("a shared security group that undoes a service's access narrowing warns SG_SHARED_WIDENS_ACCESS, naming what it also admits", () => {
    const req = request({
      services: [{ name: "sts", access: { fromVpc: false } }, "kms"],
      access: { onPremises: { cidrs: ["192.168.0.0/16"] } },
    });
    assert.ok(!plan(req).warnings.some((w) => w.code === "SG_SHARED_WIDENS_ACCESS"), "per-endpoint groups keep the narrowing");
    const shared = plan({ ...req, securityGroup: { mode: "shared" } });
    const warned = shared.warnings.filter((w) => w.code === "SG_SHARED_WIDENS_ACCESS");
    assert.deepEqual(
      warned.map((w) => [w.service, w.path]),
      [["sts", "securityGroup.mode"]],
    );
    assert.match(warned[0].message, /shared security group endpoints admits .*, so sts also admits 10\.0\.0\.0\/16\.$/);
  });

  it("catalog overlays are checked element by element: privateDnsNames [5, {}, null] names the first bad element", () => {
    const overlay = {
      version: 1,
      kind: "vpce-plan/catalog-overlay",
      region: "us-east-1",
      services: [{ serviceName: "com.amazonaws.us-east-1.sts", types: ["Interface"], azs: ["us-east-1a"], privateDnsNames: [5, {}, null] }],
    };
    const result = readOverlay(overlay);
    assert.equal(typeof result, "string");
    assert.match(
      result as string,
      /^services\[0\]\.privateDnsNames\[0\] must be a non-empty string, got number 5 \(and 2 more problems\)$/,
    );
  });
});
