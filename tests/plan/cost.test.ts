/** Rule 7: the cost model, computed here from the region's price table, never typed-in totals. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { planNetwork } from "vpce-plan/plan";
import { vpcePlan } from "../helpers/cli";
import { network, spoke } from "../multi/fixtures";
import { assertUsd, endpoint, interfaceFixed, plan, prices, reasonCodes, request, subnets, warningCodes } from "../helpers/build";

describe("planEndpoints: cost (rule 7)", () => {
  it("an interface endpoint costs the hourly price x 730 h x AZs, in the region's prices", () => {
    for (const [region, letters] of [
      ["us-east-1", "ab"],
      ["eu-central-1", "abc"],
      ["ap-northeast-1", "ac"],
    ] as const) {
      const p = plan(request({ region, subnets: subnets(region, letters) }));
      const e = endpoint(p, "sts");
      const table = prices(region);
      assertUsd(e.cost.fixedMonthlyUsd, interfaceFixed(table, letters.length), `${region} fixed`);
      assert.equal(e.cost.perGbUsd, table.interfacePerGbUsd);
      assert.equal(e.cost.dataMonthlyUsd, 0);
      assert.equal(e.cost.expectedGb, undefined);
      assert.equal(e.cost.nat, undefined);
      assert.equal(e.monthlyCostUsd, e.cost.monthlyUsd);
      assertUsd(p.cost.monthlyTotalUsd, interfaceFixed(table, letters.length), `${region} total`);
      assert.equal(p.cost.priceRegion, region);
      assert.deepEqual(p.cost.prices, table);
      assert.equal(p.cost.nat, undefined);
    }
  });

  it("with traffic: data cost, NAT comparison, saving and break-even per interface endpoint", () => {
    const gb = 3000;
    const e = endpoint(plan(request({ subnets: subnets("us-east-1", "abc"), traffic: { sts: gb } })), "sts");
    const t = prices("us-east-1");
    const fixed = interfaceFixed(t, 3);
    const total = fixed + t.interfacePerGbUsd * gb;
    assert.equal(e.cost.expectedGb, gb);
    assertUsd(e.cost.dataMonthlyUsd, t.interfacePerGbUsd * gb, "data");
    assertUsd(e.monthlyCostUsd, total, "monthly");
    assertUsd(e.cost.nat?.natMonthlyUsd, t.natPerGbUsd * gb, "nat");
    assertUsd(e.cost.nat?.savingsUsd, t.natPerGbUsd * gb - total, "savings");
    assert.equal(e.cost.nat?.breakEvenGb, Math.ceil(fixed / (t.natPerGbUsd - t.interfacePerGbUsd)));
    assert.ok(!reasonCodes(e).includes("BELOW_BREAK_EVEN"));
  });

  it("below the break-even volume the endpoint says so (BELOW_BREAK_EVEN)", () => {
    const e = endpoint(plan(request({ traffic: { sts: 10 } })), "sts");
    assert.ok(e.cost.nat!.savingsUsd < 0);
    const why = e.reasons.find((r) => r.code === "BELOW_BREAK_EVEN");
    assert.ok(why);
    assert.match(why.message, new RegExp(`${e.cost.nat!.breakEvenGb} GB`));
  });

  it("a gateway is free and saves the whole NAT data charge", () => {
    const p = plan(request({ services: ["s3"], traffic: { s3: 2000 } }));
    const e = endpoint(p, "s3-gateway");
    const t = prices("us-east-1");
    assert.deepEqual([e.cost.fixedMonthlyUsd, e.cost.dataMonthlyUsd, e.monthlyCostUsd], [0, 0, 0]);
    assertUsd(e.cost.nat?.natMonthlyUsd, t.natPerGbUsd * 2000);
    assertUsd(e.cost.nat?.savingsUsd, t.natPerGbUsd * 2000);
    assert.equal(e.cost.nat?.breakEvenGb, 0);
    assertUsd(p.cost.nat?.savingsUsd, t.natPerGbUsd * 2000);
  });

  it("S3 traffic counts on the gateway; the outsiders' interface endpoint pays its AZ-hours only and is not compared with NAT", () => {
    const p = plan(request({ services: ["s3"], traffic: { s3: 2000 }, access: { onPremises: { cidrs: ["192.168.0.0/16"] } } }));
    const iface = endpoint(p, "s3");
    assert.equal(endpoint(p, "s3-gateway").cost.expectedGb, 2000);
    assert.equal(iface.cost.expectedGb, undefined);
    assert.equal(iface.cost.nat, undefined);
    assertUsd(iface.monthlyCostUsd, interfaceFixed(prices("us-east-1"), 2));
  });

  it("interface endpoints for outsiders only are not compared with NAT", () => {
    const e = endpoint(
      plan(request({ access: { fromVpc: false, onPremises: { cidrs: ["192.168.0.0/16"] } }, traffic: { sts: 100 } })),
      "sts",
    );
    assert.equal(e.cost.expectedGb, 100);
    assert.equal(e.cost.nat, undefined);
  });

  it("price overrides replace the listed prices only", () => {
    const p = plan(request({ prices: { interfaceHourUsd: 0.02, natPerGbUsd: 0.1 }, traffic: { sts: 1000 } }));
    const e = endpoint(p, "sts");
    const t = { ...prices("us-east-1"), interfaceHourUsd: 0.02, natPerGbUsd: 0.1 };
    assert.deepEqual(p.cost.prices, t);
    assertUsd(e.cost.fixedMonthlyUsd, interfaceFixed(t, 2));
    assertUsd(e.cost.nat?.natMonthlyUsd, 100);
    assert.equal(e.cost.nat?.breakEvenGb, Math.ceil(interfaceFixed(t, 2) / (t.natPerGbUsd - t.interfacePerGbUsd)));
  });

  it("NAT never cheaper per GB: break-even is null", () => {
    const e = endpoint(plan(request({ prices: { natPerGbUsd: 0.01 }, traffic: { sts: 1000 } })), "sts");
    assert.equal(e.cost.nat?.breakEvenGb, null);
  });

  it("plan totals are the sums of the endpoints", () => {
    const p = plan(request({ services: ["s3", "sts", "kms", "logs"], traffic: { s3: 500, sts: 20, logs: 4000 } }));
    const sum = (f: (e: (typeof p.endpoints)[number]) => number) => p.endpoints.reduce((a, e) => a + f(e), 0);
    assertUsd(
      p.cost.monthlyFixedUsd,
      sum((e) => e.cost.fixedMonthlyUsd),
    );
    assertUsd(
      p.cost.monthlyDataUsd,
      sum((e) => e.cost.dataMonthlyUsd),
    );
    assertUsd(
      p.cost.monthlyTotalUsd,
      sum((e) => e.monthlyCostUsd),
    );
    assertUsd(
      p.cost.nat?.monthlyUsd,
      sum((e) => e.cost.nat?.natMonthlyUsd ?? 0),
    );
    assertUsd(
      p.cost.nat?.savingsUsd,
      sum((e) => e.cost.nat?.savingsUsd ?? 0),
    );
    assert.equal(p.cost.currency, "USD");
  });

  it("the NAT comparison names the endpoints it covers and what the others cost on top", () => {
    const p = plan(request({ services: ["s3", "sts", "kms", "logs", "ssm"], traffic: { s3: 500, sts: 20 } }));
    const nat = p.cost.nat!;
    const compared = p.endpoints.filter((e) => e.cost.nat);
    const others = p.endpoints.filter((e) => !e.cost.nat);
    assert.deepEqual(nat.endpoints, ["s3-gateway", "sts"]);
    assert.deepEqual(nat.notCompared, ["kms", "logs", "ssm"]);
    assertUsd(
      nat.endpointsMonthlyUsd,
      compared.reduce((a, e) => a + e.monthlyCostUsd, 0),
    );
    assertUsd(
      nat.notComparedMonthlyUsd,
      others.reduce((a, e) => a + e.monthlyCostUsd, 0),
    );
    assertUsd(nat.endpointsMonthlyUsd + nat.notComparedMonthlyUsd, p.cost.monthlyTotalUsd, "the two parts are the whole plan");
  });

  it("the compared part is what NAT is weighed against: traffic from outside the VPC counts with the rest", () => {
    const p = plan(
      request({
        services: ["sts", "kms"],
        access: { onPremises: { cidrs: ["192.168.0.0/16"] } },
        traffic: { sts: { vpc: 100, onPremises: 900 } },
      }),
    );
    const nat = p.cost.nat!;
    assertUsd(nat.monthlyUsd - nat.savingsUsd, nat.endpointsMonthlyUsd, "NAT minus saving is the compared part");
    assert.ok(nat.endpointsMonthlyUsd < endpoint(p, "sts").monthlyCostUsd, "the on-premises GB are not in the compared part");
    assertUsd(nat.endpointsMonthlyUsd + nat.notComparedMonthlyUsd, p.cost.monthlyTotalUsd, "the two parts are the whole plan");
  });

  it("PRICES_ASSUMED for a region whose prices are copied from us-east-1, not for one with its own", () => {
    // The AZs looked up for sts settle that us-east-2 offers it, so only the price warning remains.
    const looked = { serviceAzs: { sts: ["us-east-2a", "us-east-2b"] } };
    const assumed = plan(request({ region: "us-east-2", subnets: subnets("us-east-2", "ab") }), looked);
    assert.deepEqual(warningCodes(assumed), ["PRICES_ASSUMED"]);
    assert.equal(assumed.warnings[0].path, "prices");
    assert.deepEqual(warningCodes(plan(request())), []);
  });

  it("under PRICES_ASSUMED, cost.priceRegion and the totals line name us-east-1, whose prices were used", () => {
    const looked = { serviceAzs: { sts: ["us-east-2a", "us-east-2b"] } };
    const p = plan(request({ region: "us-east-2", subnets: subnets("us-east-2", "ab"), facts: looked }));
    assert.equal(p.cost.priceRegion, "us-east-1");
    assert.deepEqual(p.cost.pricesAssumed, ["interfaceHourUsd", "interfacePerGbUsd"]);
    const line = vpcePlan(["plan", "-f", "-"], {
      input: JSON.stringify(request({ region: "us-east-2", subnets: subnets("us-east-2", "ab"), facts: looked })),
    })
      .stdout.split("\n")
      .find((l) => l.startsWith("Monthly:"))!;
    assert.match(line, / at us-east-1 list prices \(none published for us-east-2 in the catalog: interfaceHourUsd, interfacePerGbUsd\)\.$/);
    // Both copied fields overridden: the VPC region's own (and the request's) prices, and no warning.
    const own = plan(
      request({
        region: "us-east-2",
        subnets: subnets("us-east-2", "ab"),
        facts: looked,
        prices: { interfaceHourUsd: 0.011, interfacePerGbUsd: 0.01 },
      }),
    );
    assert.equal(own.cost.priceRegion, "us-east-2");
    assert.equal(own.cost.pricesAssumed, undefined);
    assert.deepEqual(warningCodes(own), []);
  });

  it("a network under PRICES_ASSUMED names us-east-1 as its price region too", () => {
    const base = network([spoke("a", 1, { region: "us-east-2", azs: ["us-east-2a", "us-east-2b"] })], {
      hubAzs: ["us-east-2a", "us-east-2b"],
    });
    const req = { ...base, region: "us-east-2" };
    assert.equal(planNetwork(req).cost.priceRegion, "us-east-1");
    assert.match(
      vpcePlan(["plan", "-f", "-"], { input: JSON.stringify(req) }).stdout,
      / at us-east-1 list prices \(none published for us-east-2/,
    );
  });

  it("PRICES_ASSUMED stays until every price of an assumed region is overridden", () => {
    const base = { region: "us-east-2", subnets: subnets("us-east-2", "ab"), facts: { serviceAzs: { sts: ["us-east-2a", "us-east-2b"] } } };
    assert.deepEqual(warningCodes(plan(request({ ...base, prices: {} }))), ["PRICES_ASSUMED"]);
    assert.deepEqual(warningCodes(plan(request({ ...base, prices: { interfaceHourUsd: 0.011 } }))), ["PRICES_ASSUMED"]);
    const all = Object.fromEntries(Object.keys(prices("us-east-2")).map((k) => [k, 0.02]));
    assert.deepEqual(warningCodes(plan(request({ ...base, prices: all }))), []);
  });
});

describe("planEndpoints: money in cents, figures that add up (issue 17 item 6)", () => {
  /** Every money figure of the plan JSON: keys ending in Usd, except the per-GB rates and the price table. */
  function moneyFields(value: unknown, path = "", out: Array<[string, number]> = []): Array<[string, number]> {
    if (Array.isArray(value)) value.forEach((v, i) => moneyFields(v, `${path}[${i}]`, out));
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        if (k === "prices" || /PerGbUsd$/.test(k)) continue;
        if (typeof v === "number" && /Usd$/.test(k)) out.push([`${path}.${k}`, v]);
        else moneyFields(v, `${path}.${k}`, out);
      }
    return out;
  }
  const cents = (usd: number): number => Math.round(usd * 100);

  it("property: every money figure is whole cents, and NAT minus the compared part is the saving to the cent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 0, max: 99_999 }),
        fc.constantFrom("ab", "abc"),
        (stsGb, logsVpc, logsOutside, letters) => {
          const p = plan(
            request({
              services: ["sts", "logs", "kms"],
              subnets: subnets("us-east-1", letters),
              access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" } },
              traffic: { sts: stsGb / 100, logs: { vpc: logsVpc / 10, onPremises: logsOutside / 10 } },
            }),
          );
          for (const [path, usd] of moneyFields(p)) assert.equal(usd, cents(usd) / 100, `${path} = ${usd} is not whole cents`);
          const nat = p.cost.nat!;
          assert.equal(cents(nat.monthlyUsd) - cents(nat.endpointsMonthlyUsd), cents(nat.savingsUsd));
          assert.equal(cents(nat.endpointsMonthlyUsd) + cents(nat.notComparedMonthlyUsd), cents(p.cost.monthlyTotalUsd));
          const sum = p.endpoints.reduce((a, e) => a + cents(e.monthlyCostUsd), cents(p.resolver!.monthlyCostUsd));
          assert.equal(sum, cents(p.cost.monthlyTotalUsd));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the NAT line: shown figures add up, and the Resolver is named as itself, not as traffic from outside the VPC", () => {
    const req = request({
      services: ["sts"],
      access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" } },
      traffic: { sts: 3333.33 },
    });
    const out = vpcePlan(["plan", "-f", "-"], { input: JSON.stringify(req) }).stdout;
    const line = out.split("\n").find((l) => l.startsWith("Against NAT"))!;
    const m = /^Against NAT for the same traffic \(\$([\d.]+)\): .*; \$([\d.]+)\) saves \$([\d.]+) a month\./.exec(line);
    assert.ok(m, line);
    assert.equal(cents(Number(m[1])) - cents(Number(m[2])), cents(Number(m[3])), line);
    assert.match(line, /Not compared .*: the Resolver inbound endpoint, \$[\d.]+ a month on top\./);
    assert.doesNotMatch(line, /traffic from outside the VPC/);
  });
});

describe("planEndpoints: data processing tiers", () => {
  const PB = 1024 * 1024;
  const p = prices("us-east-1");
  const rows: Array<{ why: string; gb: Record<string, number>; perGb: number; tiered: boolean }> = [
    { why: "up to 1 PB: the first tier", gb: { sts: PB }, perGb: p.interfacePerGbUsd, tiered: false },
    {
      why: "2 PB over two services: half at the first tier, half at the second",
      gb: { sts: PB, kms: PB },
      perGb: (p.interfacePerGbUsd + p.interfacePerGbTier2Usd) / 2,
      tiered: true,
    },
    {
      why: "10 PB: 1 at the first tier, 4 at the second, 5 at the third",
      gb: { sts: 10 * PB },
      perGb: (p.interfacePerGbUsd + 4 * p.interfacePerGbTier2Usd + 5 * p.interfacePerGbTier3Usd) / 10,
      tiered: true,
    },
    // S3 traffic goes to the free gateway, so it is not interface traffic and moves no tier.
    { why: "gateway traffic does not count", gb: { sts: PB, s3: 5 * PB }, perGb: p.interfacePerGbUsd, tiered: false },
  ];
  for (const row of rows) {
    it(row.why, () => {
      const sts = endpoint(plan(request({ services: Object.keys(row.gb), traffic: row.gb })), "sts");
      assertUsd(sts.cost.perGbUsd, row.perGb, "per GB");
      assert.equal(
        sts.reasons.some((r) => r.code === "DATA_TIER_PRICE"),
        row.tiered,
      );
      assertUsd(sts.cost.dataMonthlyUsd, Math.round(row.perGb * row.gb.sts * 10_000) / 10_000, "data");
    });
  }

  it("every region has the tiers and the inter-region transfer price (from allRegions, overridable)", () => {
    for (const code of ["us-east-1", "eu-central-1", "cn-north-1", "us-gov-west-1"]) {
      const table = prices(code);
      assert.equal(table.interfacePerGbTier2Usd, 0.006, code);
      assert.equal(table.interfacePerGbTier3Usd, 0.004, code);
      assert.equal(table.interRegionPerGbUsd, 0.02, code);
    }
    const overridden = plan(request({ traffic: { sts: 2 * PB }, prices: { interfacePerGbTier2Usd: 0.001 } }));
    assertUsd(endpoint(overridden, "sts").cost.perGbUsd, (p.interfacePerGbUsd + 0.001) / 2, "override");
  });
});
