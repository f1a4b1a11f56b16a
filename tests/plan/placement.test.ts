/** Rule 4: interface placement (one subnet per supported AZ), HA, and IPv6/dualstack subnets. */
import assert from "node:assert/strict";
import { endpoint, ingressCidrs, plan, problem, reasonCodes, request, subnets, warningCodes } from "../helpers/build";

describe("planEndpoints: interface placement (rule 4)", () => {
  it("without AZ facts every subnet AZ is assumed supported", () => {
    const e = endpoint(plan(request({ subnets: subnets("us-east-1", "abc") })), "sts");
    assert.deepEqual(e.azs, ["us-east-1a", "us-east-1b", "us-east-1c"]);
    assert.deepEqual(e.subnetIds, ["subnet-a", "subnet-b", "subnet-c"]);
    assert.ok(reasonCodes(e).includes("AZS_ASSUMED"));
  });

  it("subnets in AZs the service does not support are skipped with a warning naming AZ and subnet", () => {
    const p = plan(request({ subnets: subnets("us-east-1", "abc"), facts: { serviceAzs: { sts: ["us-east-1a", "us-east-1c"] } } }));
    const e = endpoint(p, "sts");
    assert.deepEqual(e.azs, ["us-east-1a", "us-east-1c"]);
    assert.deepEqual(e.subnetIds, ["subnet-a", "subnet-c"]);
    assert.ok(reasonCodes(e).includes("AZS_FROM_FACTS"));
    assert.deepEqual(warningCodes(p), ["AZ_UNSUPPORTED"]);
    assert.equal(p.warnings[0].service, "sts");
    assert.match(p.warnings[0].message, /us-east-1b/);
    assert.match(p.warnings[0].message, /subnet-b/);
  });

  it("AZ facts passed as the second argument are used, and the request's facts win over them", () => {
    const looked = { serviceAzs: { sts: ["us-east-1a"] } };
    assert.deepEqual(endpoint(plan(request({ ha: { minAzs: 1 } }), looked), "sts").azs, ["us-east-1a"]);
    const given = request({ facts: { serviceAzs: { sts: ["us-east-1b"] } }, ha: { minAzs: 1 } });
    assert.deepEqual(endpoint(plan(given, looked), "sts").azs, ["us-east-1b"]);
  });

  it("no subnet in a supported AZ is an error (NO_SUPPORTED_AZ) that lists the supported AZs", () => {
    const p = problem(request({ facts: { serviceAzs: { sts: ["us-east-1f"] } } }), "NO_SUPPORTED_AZ");
    assert.equal(p.path, "subnets");
    assert.match(p.message, /us-east-1f/);
  });

  it("two subnets in one AZ: the smallest id is used, the other is named in ONE_SUBNET_PER_AZ", () => {
    const req = request({
      subnets: [
        { id: "subnet-b2", az: "us-east-1b" },
        { id: "subnet-a9", az: "us-east-1a" },
        { id: "subnet-a1", az: "us-east-1a" },
      ],
    });
    const e = endpoint(plan(req), "sts");
    assert.deepEqual(e.azs, ["us-east-1a", "us-east-1b"]);
    assert.deepEqual(e.subnetIds, ["subnet-a1", "subnet-b2"]);
    const why = e.reasons.find((r) => r.code === "ONE_SUBNET_PER_AZ");
    assert.ok(why);
    assert.match(why.message, /subnet-a9/);
  });

  it("subnets given by AZ ID alone are placed one per AZ ID; an AZ name, when given too, places the subnet", () => {
    const byId = plan(
      request({
        subnets: [
          { id: "subnet-2", azId: "use1-az2" },
          { id: "subnet-1", azId: "use1-az1" },
          { id: "subnet-1b", azId: "use1-az1" },
          { id: "subnet-n", az: "us-east-1c", azId: "use1-az6" },
        ],
        facts: { serviceAzs: { sts: ["use1-az1", "use1-az2", "us-east-1c"] } },
      }),
    );
    const sts = endpoint(byId, "sts");
    assert.deepEqual(sts.azs, ["us-east-1c", "use1-az1", "use1-az2"]);
    assert.deepEqual(sts.subnetIds, ["subnet-n", "subnet-1", "subnet-2"]);
  });

  it("subnetIds on the service restrict placement", () => {
    const req = request({ subnets: subnets("us-east-1", "abc"), services: [{ name: "sts", subnetIds: ["subnet-c", "subnet-b"] }] });
    assert.deepEqual(endpoint(plan(req), "sts").subnetIds, ["subnet-b", "subnet-c"]);
  });

  describe("HA", () => {
    it("one AZ is a warning by default (minAzs 2)", () => {
      const p = plan(request({ subnets: subnets("us-east-1", "a") }));
      assert.deepEqual(warningCodes(p), ["HA_BELOW_MIN_AZS"]);
      assert.equal(p.warnings[0].path, "ha.minAzs");
      assert.equal(p.warnings[0].service, "sts");
      assert.deepEqual(endpoint(p, "sts").azs, ["us-east-1a"]);
    });

    it("two AZs against minAzs 3 warns; minAzs 1 does not", () => {
      assert.deepEqual(warningCodes(plan(request({ ha: { minAzs: 3 } }))), ["HA_BELOW_MIN_AZS"]);
      assert.deepEqual(warningCodes(plan(request({ subnets: subnets("us-east-1", "a"), ha: { minAzs: 1 } }))), []);
    });

    it("strict HA makes it an error (HA_TOO_FEW_AZS)", () => {
      const p = problem(request({ subnets: subnets("us-east-1", "a"), ha: { strict: true } }), "HA_TOO_FEW_AZS");
      assert.equal(p.path, "ha.minAzs");
      assert.match(p.message, /sts gets 1 AZ/);
    });

    it("AZs dropped for lack of support count against HA", () => {
      const req = request({ facts: { serviceAzs: { sts: ["us-east-1a"] } }, ha: { strict: true } });
      problem(req, "HA_TOO_FEW_AZS");
    });
  });

  describe("IPv6 and dualstack", () => {
    const v6 = { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], ipv6Cidrs: ["2600:1f18:abcd:1200::/56"], dnsSupport: true, dnsHostnames: true };

    it("dualstack needs subnets with IPv6 (IPV6_SUBNET_REQUIRED names them)", () => {
      const p = problem(request({ vpc: v6, services: [{ name: "sts", ipAddressType: "dualstack" }] }), "IPV6_SUBNET_REQUIRED");
      assert.equal(p.path, "services[0].ipAddressType");
      assert.match(p.message, /subnet-a, subnet-b/);
    });

    it("dualstack with IPv6 subnets sets the DNS record type and admits the VPC's IPv6 CIDRs", () => {
      const e = endpoint(
        plan(
          request({
            vpc: v6,
            subnets: subnets("us-east-1", "ab", { ipv6: true }),
            services: [{ name: "sts", ipAddressType: "dualstack" }],
          }),
        ),
        "sts",
      );
      assert.equal(e.ipAddressType, "dualstack");
      assert.deepEqual(e.dnsOptions, { dnsRecordIpType: "dualstack" });
      assert.deepEqual(ingressCidrs(e), ["10.0.0.0/16", "2600:1f18:abcd:1200::/56"]);
    });

    it("ipv4 endpoints do not admit IPv6 CIDRs", () => {
      const e = endpoint(plan(request({ vpc: v6 })), "sts");
      assert.deepEqual(ingressCidrs(e), ["10.0.0.0/16"]);
    });

    it("defaults.ipAddressType applies to every interface endpoint", () => {
      const p = plan(
        request({ vpc: v6, subnets: subnets("us-east-1", "ab", { ipv6: true, ipv6Only: true }), defaults: { ipAddressType: "ipv6" } }),
      );
      assert.equal(endpoint(p, "sts").ipAddressType, "ipv6");
      assert.equal(endpoint(p, "sts").dnsOptions?.dnsRecordIpType, "ipv6");
    });

    it("a service that AWS reports IPv4-only rejects dualstack (IP_TYPE_UNSUPPORTED)", () => {
      const req = request({
        vpc: v6,
        subnets: subnets("us-east-1", "ab", { ipv6: true }),
        services: [{ name: "sts", ipAddressType: "dualstack" }],
        facts: { serviceIpTypes: { sts: ["ipv4"] } },
      });
      assert.equal(problem(req, "IP_TYPE_UNSUPPORTED").path, "services[0].ipAddressType");
    });
  });
});
