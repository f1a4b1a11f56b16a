/** Security groups that fit (rules/securityGroups.ts): exact merging, then spreading, never wider than declared. */
import assert from "node:assert/strict";
import { endpoint, plan, request } from "../helpers/build";
import { runRows } from "../helpers/acceptRows";

/** `/24`s from 172.16.0.0, `step` apart (step 2 leaves a gap after each, so none merge). */
const blocks = (n: number, step = 1): string[] =>
  Array.from({ length: n }, (_, i) => `172.${16 + ((i * step) >> 8)}.${(i * step) & 255}.0/24`);

describe("planEndpoints: security groups that fit", () => {
  runRows([
    {
      why: "a group within the quota is left exactly as declared (no merging)",
      request: request({ access: { onPremises: { cidrs: blocks(4) } } }),
      absent: ["SG_CIDRS_MERGED", "SG_RULES_SPREAD"],
      check: (p) => assert.equal(endpoint(p, "sts").securityGroup!.ingress.length, 5),
    },
    {
      why: "over the quota, adjacent blocks merge into the exact larger block (128 /24s -> one /17)",
      request: request({ access: { onPremises: { cidrs: blocks(128) } } }),
      reasons: [["sts", "SG_CIDRS_MERGED"]],
      absent: ["SG_RULES_SPREAD"],
      check: (p) => {
        const rules = endpoint(p, "sts").securityGroup!.ingress;
        assert.deepEqual(
          rules.map((r) => r.cidr),
          ["10.0.0.0/16", "172.16.0.0/17"],
        );
        assert.equal(rules[1].covers?.length, 128);
      },
    },
    {
      why: "blocks that do not form a larger block exactly are never merged (a gap keeps them apart)",
      request: request({ access: { onPremises: { cidrs: blocks(61, 2) } } }),
      reasons: [["sts", "SG_RULES_SPREAD"]],
      check: (p) => {
        const e = endpoint(p, "sts");
        const all = e.securityGroups!.flatMap((g) => g.ingress.map((r) => r.cidr));
        assert.deepEqual(all.sort(), ["10.0.0.0/16", ...blocks(61, 2)].sort());
        for (const g of e.securityGroups!) assert.ok(g.ingress.length <= 60);
        assert.equal(e.securityGroup, e.securityGroups![0]);
        assert.equal(e.securityGroups![0].name, "sts");
      },
    },
    {
      why: "IPv4 and IPv6 rules are counted apart: 60 of each fit one group",
      request: request({
        vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
        subnets: [
          { id: "subnet-a", az: "us-east-1a", ipv6: true },
          { id: "subnet-b", az: "us-east-1b", ipv6: true },
        ],
        services: [{ name: "sts", ipAddressType: "dualstack" }],
        access: {
          onPremises: {
            cidrs: [...blocks(59, 2), ...Array.from({ length: 60 }, (_, i) => `2001:db8:${(i * 2).toString(16)}::/48`)],
          },
        },
      }),
      absent: ["SG_RULES_SPREAD", "SG_CIDRS_MERGED"],
    },
  ]);

  it("split groups keep their names, and rules stay in their group, when one consumer is added", () => {
    const before = plan(request({ access: { onPremises: { cidrs: blocks(150, 2).slice(0, 149) } } }));
    const after = plan(request({ access: { onPremises: { cidrs: blocks(150, 2) } } }));
    const where = (p: typeof before): Map<string, string> =>
      new Map(endpoint(p, "sts").securityGroups!.flatMap((g) => g.ingress.map((r) => [r.cidr, g.name!] as [string, string])));
    const [a, b] = [where(before), where(after)];
    assert.deepEqual([...new Set(a.values())].sort(), [...new Set(b.values())].sort());
    const moved = [...a].filter(([cidr, group]) => b.get(cidr) !== group);
    assert.deepEqual(moved, []);
  });
});
