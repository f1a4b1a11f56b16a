/** Rule 13, cost: traffic split by who sends it, priced where it flows (rules/traffic.ts). */
import assert from "node:assert/strict";
import { TRAFFIC_CODES as CODES } from "vpce-plan/plan";
import { endpoint, prices, request } from "../helpers/build";
import { runRows } from "../helpers/rows";

const OFFICE = { onPremises: { cidrs: ["192.168.0.0/16"] } };
const P = prices("us-east-1");

describe("planEndpoints: traffic", () => {
  runRows(CODES, [
    {
      why: "baseline: a plain number is the VPC's own traffic, compared with NAT",
      request: request({ traffic: { sts: 100 } }),
      check: (p) => {
        const c = endpoint(p, "sts").cost;
        assert.deepEqual(c.trafficGb, { vpc: 100, onPremises: 0, peers: 0 });
        assert.equal(c.nat!.natMonthlyUsd, 100 * P.natPerGbUsd);
      },
    },
    {
      why: "500 GB from on-premises through the S3 interface endpoint is priced there (USD 5.00), the VPC's 2000 GB on the free gateway",
      request: request({ services: ["s3"], access: OFFICE, traffic: { s3: { vpc: 2000, onPremises: 500 } } }),
      reasons: { s3: ["OUTSIDE_TRAFFIC_PRICED"] },
      check: (p) => {
        const iface = endpoint(p, "s3").cost;
        assert.equal(iface.expectedGb, 500);
        assert.equal(iface.dataMonthlyUsd, 500 * P.interfacePerGbUsd);
        assert.equal(iface.nat, undefined, "NAT could not carry on-premises traffic");
        const gw = endpoint(p, "s3-gateway").cost;
        assert.deepEqual(gw.trafficGb, { vpc: 2000, onPremises: 0, peers: 0 });
        assert.equal(gw.nat!.savingsUsd, 2000 * P.natPerGbUsd);
        assert.equal(p.cost.monthlyDataUsd, 500 * P.interfacePerGbUsd);
        assert.match(
          endpoint(p, "s3").reasons.find((r) => r.code === "OUTSIDE_TRAFFIC_PRICED")!.message,
          /500 GB from on-premises .*USD 5\.00/,
        );
      },
    },
    {
      why: "an interface-only service: the endpoint carries every part; the NAT comparison and break-even count only the VPC's own",
      request: request({
        access: { ...OFFICE, peerVpcs: [{ name: "p", cidrs: ["10.1.0.0/16"] }] },
        traffic: { sts: { vpc: 100, onPremises: 50, peers: 25 } },
      }),
      reasons: { sts: ["OUTSIDE_TRAFFIC_PRICED"] },
      check: (p) => {
        const c = endpoint(p, "sts").cost;
        assert.equal(c.expectedGb, 175);
        assert.equal(c.dataMonthlyUsd, Math.round(175 * P.interfacePerGbUsd * 1e4) / 1e4);
        assert.equal(c.nat!.natMonthlyUsd, Math.round(100 * P.natPerGbUsd * 1e4) / 1e4);
        const vpcShare = c.fixedMonthlyUsd + 100 * P.interfacePerGbUsd;
        assert.equal(c.nat!.savingsUsd, Math.round((100 * P.natPerGbUsd - vpcShare) * 1e4) / 1e4);
        assert.equal(c.nat!.breakEvenGb, Math.ceil(c.fixedMonthlyUsd / (P.natPerGbUsd - P.interfacePerGbUsd)));
        assert.equal(p.cost.nat!.monthlyUsd, c.nat!.natMonthlyUsd);
      },
    },
    {
      why: "a plain number for a service only outsiders use is theirs: priced, not compared with NAT",
      request: request({ access: { fromVpc: false, ...OFFICE }, traffic: { sts: 100 } }),
      reasons: { sts: ["OUTSIDE_TRAFFIC_PRICED"] },
      check: (p) => {
        assert.match(endpoint(p, "sts").reasons.find((r) => r.code === "OUTSIDE_TRAFFIC_PRICED")!.message, /no NAT comparison/);
        assert.deepEqual(endpoint(p, "sts").cost.trafficGb, { vpc: 0, onPremises: 100, peers: 0 });
        assert.equal(endpoint(p, "sts").cost.nat, undefined);
      },
    },
    {
      why: "traffic from a consumer the service does not have is an error, per part",
      request: request({
        services: ["sts", { name: "kms", access: { onPremises: false } }, { name: "s3", type: "Gateway" }],
        access: OFFICE,
        traffic: { sts: { peers: 10 }, kms: { onPremises: 5 }, s3: { onPremises: 7 } },
      }),
      problems: [
        ["TRAFFIC_WITHOUT_CONSUMER", "traffic.kms.onPremises"],
        ["TRAFFIC_WITHOUT_CONSUMER", "traffic.s3.onPremises"],
        ["TRAFFIC_WITHOUT_CONSUMER", "traffic.sts.peers"],
      ],
    },
    {
      why: "traffic parts must be numbers >= 0 and known fields",
      request: request({ traffic: { sts: { vpc: -1, office: 3 } as never } }),
      problems: [
        ["INVALID_VALUE", "traffic.sts.vpc"],
        ["UNKNOWN_FIELD", "traffic.sts.office"],
      ],
    },
  ]);
});
