import assert from "node:assert/strict";
import { auditVpc, isFullAccessPolicy } from "vpce-plan/audit";
import { planFromSnapshot } from "vpce-plan/diff";
import type { VpcSnapshot } from "vpce-plan/aws";
import { compareWithExisting, planEndpoints } from "vpce-plan/plan";

const request = {
  region: "us-east-1",
  vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
  subnets: [
    { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
    { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-a" },
  ],
  services: ["sts"],
};

describe("reconcile (pure)", () => {
  it("keeps the closest existing endpoint, not merely the smallest id", () => {
    const plan = planEndpoints(request);
    const sn = "com.amazonaws.us-east-1.sts";
    const x = compareWithExisting(plan, [
      { id: "vpce-1", serviceName: sn, type: "Interface", subnetIds: ["subnet-a"], privateDns: false },
      { id: "vpce-2", serviceName: sn, type: "Interface", subnetIds: ["subnet-a", "subnet-b"], privateDns: true },
      // Same service, other type: not a match for an interface endpoint.
      { id: "vpce-3", serviceName: sn, type: "Gateway", routeTableIds: ["rtb-a"] },
    ]);
    assert.deepEqual(
      x.kept.map((k) => [k.id, k.changes]),
      [["vpce-2", []]],
    );
    assert.deepEqual(
      x.removable.map((r) => [r.id, r.reason, r.monthlySavingUsd]),
      [
        ["vpce-1", "DUPLICATE", 7.3],
        ["vpce-3", "NOT_REQUESTED", 0],
      ],
    );
    assert.deepEqual(x.create, []);
  });
});

describe("audit engine (pure)", () => {
  const snapshot = (over: Partial<VpcSnapshot> = {}): VpcSnapshot => ({
    region: "us-east-1",
    vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], ipv6Cidrs: [], dnsSupport: true, dnsHostnames: true, isDefault: false },
    subnets: [{ id: "subnet-a", az: "us-east-1a", ipv6: false, routeTableId: "rtb-a" }],
    routeTables: [
      { id: "rtb-a", main: true, subnetIds: [], routes: [{ destination: "0.0.0.0/0", natGatewayId: "nat-1", state: "active" }] },
    ],
    natGateways: [{ id: "nat-1" }],
    endpoints: [],
    securityGroups: [],
    ...over,
  });

  it("counts a route to the gateway endpoint as coverage even when the endpoint does not list the table", () => {
    const gateway = {
      id: "vpce-s3",
      type: "Gateway",
      serviceName: "com.amazonaws.us-east-1.s3",
      state: "available",
      subnetIds: [],
      routeTableIds: [],
      securityGroupIds: [],
      privateDns: false,
    };
    const routes = [
      { destination: "0.0.0.0/0", natGatewayId: "nat-1", state: "active" },
      { destination: "pl-63a5400a", prefixListId: "pl-63a5400a", gatewayId: "vpce-s3" },
    ];
    const ids = auditVpc(snapshot({ endpoints: [gateway], routeTables: [{ id: "rtb-a", main: true, subnetIds: [], routes }] })).map(
      (f) => f.id,
    );
    assert.deepEqual(ids, ["NAT_WITHOUT_GATEWAY_ENDPOINT/rtb-a/dynamodb"]);
    // Deleted endpoints do not count.
    const deleted = auditVpc(snapshot({ endpoints: [{ ...gateway, state: "deleted" }] })).map((f) => f.id);
    assert.deepEqual(deleted, ["NAT_WITHOUT_GATEWAY_ENDPOINT/rtb-a/dynamodb", "NAT_WITHOUT_GATEWAY_ENDPOINT/rtb-a/s3"]);
  });

  it("recognises the full-access default in its variants, and not a conditioned policy", () => {
    assert.equal(isFullAccessPolicy('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}'), true);
    assert.equal(isFullAccessPolicy('{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["*"],"Resource":"*"}}'), true);
    assert.equal(
      isFullAccessPolicy(
        '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}',
      ),
      false,
    );
    assert.equal(isFullAccessPolicy("not json"), false);
  });
});

describe("--from-aws request (pure)", () => {
  it("marks a subnet with an IPv6 CIDR and no IPv4 CIDR as ipv6Only, whether or not the request lists it", async () => {
    const { completeRequest } = await import("vpce-plan/aws");
    const snapshot: VpcSnapshot = {
      region: "us-east-1",
      vpc: {
        id: "vpc-0abc",
        cidrs: ["10.0.0.0/16"],
        ipv6Cidrs: ["2600:1f18::/56"],
        dnsSupport: true,
        dnsHostnames: true,
        isDefault: false,
      },
      subnets: [
        { id: "subnet-v6", az: "us-east-1a", ipv6: true },
        { id: "subnet-dual", az: "us-east-1b", cidr: "10.0.1.0/24", ipv6: true },
      ],
      routeTables: [],
      natGateways: [],
      endpoints: [],
      securityGroups: [],
    };
    const all = completeRequest(undefined, snapshot).request.subnets!;
    assert.deepEqual(
      all.map((s) => [s.id, s.ipv6Only ?? false]),
      [
        ["subnet-v6", true],
        ["subnet-dual", false],
      ],
    );
    const listed = completeRequest({ subnets: [{ id: "subnet-v6" }] }, snapshot).request.subnets!;
    assert.equal(listed[0].ipv6Only, true);
  });
});

describe("duplicate endpoints: one rule for audit, diff --from-aws, plan --from-aws and import (pure)", () => {
  // vpce-1 has the smaller id, vpce-2 owns private DNS (and reaches fewer subnets): vpce-2 is kept everywhere.
  const sts = (id: string, privateDns: boolean, subnetIds: string[]) => ({
    id,
    type: "Interface",
    serviceName: "com.amazonaws.us-east-1.sts",
    state: "available",
    subnetIds,
    routeTableIds: [],
    securityGroupIds: [],
    privateDns,
  });
  const endpoints = [sts("vpce-1", false, ["subnet-a", "subnet-b"]), sts("vpce-2", true, ["subnet-a"])];
  const snapshot: VpcSnapshot = {
    region: "us-east-1",
    vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], ipv6Cidrs: [], dnsSupport: true, dnsHostnames: true, isDefault: false },
    subnets: [
      { id: "subnet-a", az: "us-east-1a", ipv6: false, routeTableId: "rtb-a" },
      { id: "subnet-b", az: "us-east-1b", ipv6: false, routeTableId: "rtb-a" },
    ],
    routeTables: [{ id: "rtb-a", main: true, subnetIds: [], routes: [] }],
    natGateways: [],
    endpoints,
    securityGroups: [],
  };

  it("audit names the endpoint without private DNS as the duplicate", () => {
    const found = auditVpc(snapshot).filter((f) => f.rule === "DUPLICATE_ENDPOINT");
    assert.deepEqual(
      found.map((f) => f.resource),
      ["vpce-1"],
    );
    assert.match(found[0].fix, /to vpce-2/);
  });

  it("plan --from-aws and import keep the same one", () => {
    const x = compareWithExisting(planEndpoints(request), endpoints as Parameters<typeof compareWithExisting>[1]);
    assert.deepEqual(
      x.kept.map((k) => k.id),
      ["vpce-2"],
    );
    assert.deepEqual(
      x.removable.map((r) => [r.id, r.reason]),
      [["vpce-1", "DUPLICATE"]],
    );
  });

  it("diff --from-aws compares the same one with the head plan", () => {
    const live = planFromSnapshot(snapshot, planEndpoints(request));
    assert.match(live.endpoints.find((e) => e.name === "sts")!.reasons[0].message, /^vpce-2 /);
    assert.ok(live.endpoints.some((e) => e.name === "sts-vpce-1"));
  });
});
