/**
 * Gateway Load Balancer endpoints (sdk/src/plan/rules/endpointTypes.ts): one per AZ of the appliance,
 * routes from each listed route table to the endpoint in its AZ, no security group, priced at the
 * prices the request gives.
 */
import assert from "node:assert/strict";
import type { PlanFacts, PlanRequest } from "vpce-plan/plan";
import { parse } from "yaml";
import { fencedBlocks, readPage } from "../docs/markdown";
import { GWLB_SERVICE, GWLB_SUBNETS, plan, problem, problemsOf, request, warningCodes } from "../helpers/build";

const SVC = GWLB_SERVICE;
const ID = "vpce-svc-0a1b2c3d4e5f60718";
const SUBNETS = GWLB_SUBNETS;
const FACTS: PlanFacts = { serviceAzs: { [SVC]: ["us-east-1a", "us-east-1b"] } };
const gwlb = (extra: Record<string, unknown> = {}, overrides: Partial<PlanRequest> = {}): PlanRequest =>
  request({
    subnets: SUBNETS,
    services: [{ name: SVC, type: "GatewayLoadBalancer", routeTableIds: ["rtb-app-a", "rtb-app-b"], ...extra }],
    ...overrides,
  });

describe("planEndpoints: Gateway Load Balancer endpoints", () => {
  it("one endpoint per AZ, in the subnet whose route table does not target it, with that AZ's routes", () => {
    const p = plan(gwlb(), FACTS);
    assert.deepEqual(p.endpoints, []);
    assert.deepEqual(
      p.linkEndpoints!.map((e) => [e.name, e.type, e.subnetIds, e.routes]),
      [
        [`${ID}-us-east-1a`, "GatewayLoadBalancer", ["subnet-fw-a"], [{ routeTableId: "rtb-app-a", destinationCidrBlock: "0.0.0.0/0" }]],
        [`${ID}-us-east-1b`, "GatewayLoadBalancer", ["subnet-fw-b"], [{ routeTableId: "rtb-app-b", destinationCidrBlock: "0.0.0.0/0" }]],
      ],
    );
    const [a] = p.linkEndpoints!;
    assert.equal(a.serviceName, SVC);
    assert.deepEqual(
      a.reasons.map((r) => r.code),
      ["GWLB_ENDPOINT_PER_AZ", "GWLB_SUBNETS_DEFAULT", "GWLB_AZS_FROM_FACTS", "GWLB_ROUTES", "GWLB_NO_SECURITY_GROUP"],
    );
    assert.equal("securityGroup" in a, false);
    assert.deepEqual(warningCodes(p), ["GWLB_PRICES_UNKNOWN"]);
  });

  it("subnetIds choose the endpoints' subnets; destinationCidr the routes' destination", () => {
    const subnets = [...SUBNETS, { id: "subnet-fw2-a", az: "us-east-1a", routeTableId: "rtb-fw2-a" }];
    const p = plan(gwlb({ subnetIds: ["subnet-fw2-a", "subnet-fw-b"], destinationCidr: "10.20.0.0/16" }, { subnets }), FACTS);
    assert.deepEqual(
      p.linkEndpoints!.map((e) => [e.subnetIds[0], e.routes[0].destinationCidrBlock]),
      [
        ["subnet-fw2-a", "10.20.0.0/16"],
        ["subnet-fw-b", "10.20.0.0/16"],
      ],
    );
    assert.ok(!p.linkEndpoints![0].reasons.some((r) => r.code === "GWLB_SUBNETS_DEFAULT"));
  });

  it("the appliance's AZs: an AZ it is not in gets no endpoint (warning), and unknown AZs are a warning", () => {
    const oneAz = plan(gwlb({ routeTableIds: ["rtb-app-a"] }), { serviceAzs: { [SVC]: ["us-east-1a"] } });
    assert.deepEqual(
      oneAz.linkEndpoints!.map((e) => e.azs[0]),
      ["us-east-1a"],
    );
    assert.ok(warningCodes(oneAz).includes("GWLB_AZ_UNSUPPORTED"));
    assert.ok(warningCodes(plan(gwlb())).includes("GWLB_AZS_ASSUMED"));
    const none = problem(gwlb(), "GWLB_NO_SUPPORTED_AZ", { serviceAzs: { [SVC]: ["us-east-1c"] } });
    assert.equal(none.path, "subnets");
  });

  it("a route table of an AZ without an endpoint, or of the endpoint's own subnet, fails at routeTableIds", () => {
    const missing = problem(gwlb({ routeTableIds: ["rtb-app-a", "rtb-app-b"] }), "GWLB_ROUTE_AZ_WITHOUT_ENDPOINT", {
      serviceAzs: { [SVC]: ["us-east-1a"] },
    });
    assert.equal(missing.path, "services[0].routeTableIds");
    assert.match(missing.message, /rtb-app-b serves us-east-1b/);
    const loop = problem(gwlb({ subnetIds: ["subnet-app-a", "subnet-fw-b"] }), "GWLB_ROUTE_LOOP", FACTS);
    assert.match(loop.message, /rtb-app-a is the route table of subnet-app-a/);
  });

  it("route tables that no subnet uses, or that span AZs, and no route tables at all", () => {
    assert.equal(problem(gwlb({ routeTableIds: ["rtb-nope"] }), "GWLB_ROUTE_TABLE_UNKNOWN", FACTS).path, "services[0].routeTableIds");
    const shared = SUBNETS.map((s) => (s.id.startsWith("subnet-app") ? { ...s, routeTableId: "rtb-app" } : s));
    assert.match(
      problem(gwlb({ routeTableIds: ["rtb-app"] }, { subnets: shared }), "GWLB_ROUTE_TABLE_SPANS_AZS", FACTS).message,
      /us-east-1a, us-east-1b/,
    );
    assert.equal(problem(gwlb({ routeTableIds: [] }), "GWLB_NO_ROUTES", FACTS).path, "services[0].routeTableIds");
  });

  it("interface-only fields, a catalog service, two subnets in one AZ and a bad destination: every problem at once", () => {
    const problems = problemsOf(
      gwlb({ privateDns: true, policy: { template: "full-access" }, securityGroupIds: ["sg-0abc"], port: 6081, destinationCidr: "nope" }),
      FACTS,
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.path]),
      [
        ["ENDPOINT_TYPE_FIELD_UNSUPPORTED", "services[0].privateDns"],
        ["ENDPOINT_TYPE_FIELD_UNSUPPORTED", "services[0].policy"],
        ["ENDPOINT_TYPE_FIELD_UNSUPPORTED", "services[0].securityGroupIds"],
        ["ENDPOINT_TYPE_FIELD_UNSUPPORTED", "services[0].port"],
        ["GWLB_DESTINATION_CIDR", "services[0].destinationCidr"],
      ],
    );
    assert.match(problems[2].message, /security groups to interface endpoints only/);
    const catalog = problem(
      request({ subnets: SUBNETS, services: [{ name: "sts", type: "GatewayLoadBalancer", routeTableIds: ["rtb-app-a"] }] }),
      "GWLB_NOT_ENDPOINT_SERVICE",
    );
    assert.equal(catalog.path, "services[0].name");
    const twice = problem(gwlb({ subnetIds: ["subnet-fw-a", "subnet-app-a"] }), "GWLB_DUPLICATE_AZ", FACTS);
    assert.equal(twice.path, "services[0].subnetIds[1]");
    assert.equal(problem(gwlb({ subnetIds: ["subnet-zz"] }), "GWLB_UNKNOWN_SUBNET", FACTS).path, "services[0].subnetIds[0]");
  });

  it("priced per endpoint-hour and per GB at the request's prices, the traffic split over the AZs, in the plan's total", () => {
    const p = plan(
      gwlb(
        {},
        {
          services: ["sts", { name: SVC, type: "GatewayLoadBalancer", routeTableIds: ["rtb-app-a", "rtb-app-b"] }],
          prices: { gatewayLoadBalancerEndpointHourUsd: 0.01, gatewayLoadBalancerEndpointPerGbUsd: 0.0035 },
          traffic: { [SVC]: 1000 },
        },
      ),
      FACTS,
    );
    assert.ok(!warningCodes(p).includes("GWLB_PRICES_UNKNOWN"));
    for (const e of p.linkEndpoints!) {
      assert.equal(e.cost.fixedMonthlyUsd, 7.3);
      assert.equal(e.cost.expectedGb, 500);
      assert.equal(e.cost.dataMonthlyUsd, 1.75);
      assert.equal(e.monthlyCostUsd, 9.05);
    }
    const sts = p.endpoints.find((e) => e.service === "sts")!;
    assert.equal(p.cost.monthlyTotalUsd, Math.round((sts.monthlyCostUsd + 2 * 9.05) * 10_000) / 10_000);
  });

  it("counts against AWS's one quota for interface and Gateway Load Balancer endpoints per VPC", () => {
    const q = problem(
      gwlb({}, { services: ["sts", gwlb().services![0]], quotas: { interfaceEndpointsPerVpc: 2 } }),
      "QUOTA_EXCEEDED",
      FACTS,
    );
    assert.match(q.message, /needs 3/);
  });
});

describe("docs/endpoint-types.md", () => {
  it("its request plans into the endpoints, routes and cost the page shows", () => {
    const block = fencedBlocks(readPage("docs/endpoint-types.md")).find((b) => b.lang === "yaml")!;
    const p = plan(parse(block.body.join("\n")));
    const [a] = p.linkEndpoints!;
    assert.equal(a.name, `${ID}-us-east-1a`);
    assert.deepEqual(a.routes, [{ routeTableId: "rtb-app-a", destinationCidrBlock: "0.0.0.0/0" }]);
    assert.equal(a.monthlyCostUsd, 7.3);
    assert.deepEqual(p.warnings, []);
  });
});
