import assert from "node:assert/strict";
import { isNetworkRequest, planEndpoints } from "vpce-plan/plan";
import { exampleRequestFiles, loadExampleRequest } from "../helpers/requests";

describe("bundled example requests", () => {
  // Hub-and-spoke requests have their own planner and tests (tests/multi).
  for (const file of exampleRequestFiles().filter((f) => !isNetworkRequest(loadExampleRequest(f)))) {
    it(`${file} plans without errors`, () => {
      const plan = planEndpoints(loadExampleRequest(file));
      assert.ok(plan.endpoints.length > 0);
      assert.deepEqual(plan.errors, []);
    });
  }

  it("on-prem-s3 pairs the free gateway with an inbound-only interface endpoint that waits for it", () => {
    const plan = planEndpoints(loadExampleRequest("on-prem-s3.yaml"));
    const [gateway, iface] = plan.endpoints;
    assert.equal(gateway.type, "Gateway");
    assert.deepEqual(gateway.routeTableIds, ["rtb-dx"]);
    assert.equal(iface.type, "Interface");
    assert.deepEqual(iface.dnsOptions, { dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: true });
    assert.deepEqual(iface.dependsOn, ["s3-gateway"]);
    assert.deepEqual(
      iface.securityGroup?.ingress.map((r) => r.cidr),
      ["172.16.0.0/12"],
    );
  });
});
