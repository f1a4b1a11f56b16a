/** Rule 8: private DNS, its names, and the VPC attribute check. */
import assert from "node:assert/strict";
import { endpoint, plan, problemsOf, reasonCodes, request, warningCodes } from "../helpers/build";

describe("planEndpoints: private DNS (rule 8)", () => {
  it("outside consumers are told how they can resolve private DNS names, once per kind, only when private DNS is on", () => {
    const access = { onPremises: { cidrs: ["192.168.0.0/16"] }, peerVpcs: [{ name: "p", cidrs: ["10.1.0.0/16"] }] };
    const on = plan(request({ services: ["sts", "kms"], access }));
    assert.deepEqual(warningCodes(on), ["ON_PREMISES_DNS_NEEDS_RESOLVER", "PEER_DNS_NOT_SHARED"]);
    assert.match(on.warnings[0].message, /kms, sts .*Resolver inbound endpoint in vpc-0abc/);
    const off = plan(request({ services: ["sts", "kms"], access, defaults: { privateDns: false } }));
    assert.deepEqual(warningCodes(off), []);
  });

  it("is on by default and lists the service's names, wildcards included", () => {
    const e = endpoint(plan(request({ services: ["ecr.dkr"] })), "ecr.dkr");
    assert.equal(e.privateDns, true);
    assert.deepEqual(e.privateDnsNames, ["*.dkr.ecr.us-east-1.amazonaws.com"]);
    assert.ok(reasonCodes(e).includes("PRIVATE_DNS_ON"));
  });

  it("privateDns: false turns it off (PRIVATE_DNS_OFF) and drops the names", () => {
    const e = endpoint(plan(request({ services: [{ name: "sts", privateDns: false }] })), "sts");
    assert.equal(e.privateDns, false);
    assert.equal(e.privateDnsNames, undefined);
    assert.ok(reasonCodes(e).includes("PRIVATE_DNS_OFF"));
  });

  it("defaults.privateDns: false applies unless the service says otherwise", () => {
    const p = plan(request({ services: ["kms", { name: "sts", privateDns: true }], defaults: { privateDns: false } }));
    assert.equal(endpoint(p, "kms").privateDns, false);
    assert.equal(endpoint(p, "sts").privateDns, true);
  });

  it("a service without private DNS names gets PRIVATE_DNS_UNAVAILABLE; asking for it is an error", () => {
    const e = endpoint(plan(request({ services: ["apprunner.requests"] })), "apprunner.requests");
    assert.equal(e.privateDns, false);
    assert.ok(reasonCodes(e).includes("PRIVATE_DNS_UNAVAILABLE"));
    const problems = problemsOf(request({ services: [{ name: "apprunner.requests", privateDns: true }] }));
    assert.deepEqual(
      problems.map((p) => [p.code, p.path]),
      [["PRIVATE_DNS_UNSUPPORTED", "services[0].privateDns"]],
    );
  });

  it("facts.servicePrivateDns overrides the catalog names", () => {
    const e = endpoint(plan(request({ facts: { servicePrivateDns: { sts: ["sts.example.internal"] } } })), "sts");
    assert.deepEqual(e.privateDnsNames, ["sts.example.internal"]);
  });

  it("enableDnsSupport / enableDnsHostnames false: both reported at once, each naming its attribute", () => {
    const problems = problemsOf(request({ vpc: { id: "vpc-1", cidrs: ["10.0.0.0/16"], dnsSupport: false, dnsHostnames: false } }));
    assert.deepEqual(
      problems.map((p) => [p.code, p.path]),
      [
        ["VPC_DNS_SUPPORT_DISABLED", "vpc.dnsSupport"],
        ["VPC_DNS_HOSTNAMES_DISABLED", "vpc.dnsHostnames"],
      ],
    );
    assert.match(problems[0].message, /enableDnsSupport/);
    assert.match(problems[1].message, /enableDnsHostnames/);
    for (const p of problems) assert.match(p.hint, /modify-vpc-attribute --vpc-id vpc-1/);
  });

  it("the inbound-only S3 interface endpoint also needs the VPC DNS attributes", () => {
    const req = request({
      vpc: { id: "vpc-1", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: false },
      services: ["s3"],
      access: { onPremises: { cidrs: ["192.168.0.0/16"] } },
    });
    assert.deepEqual(
      problemsOf(req).map((p) => p.code),
      ["VPC_DNS_HOSTNAMES_DISABLED"],
    );
  });

  it("no private DNS anywhere: the attributes are not needed", () => {
    const vpc = { id: "vpc-1", cidrs: ["10.0.0.0/16"], dnsSupport: false, dnsHostnames: false };
    assert.deepEqual(plan(request({ vpc, services: [{ name: "sts", privateDns: false }, "s3"] })).errors, []);
  });

  it("unknown attributes with private DNS warn VPC_DNS_UNKNOWN", () => {
    const p = plan(request({ vpc: { id: "vpc-1", cidrs: ["10.0.0.0/16"] } }));
    assert.deepEqual(warningCodes(p), ["VPC_DNS_UNKNOWN"]);
    assert.match(p.warnings[0].message, /enableDnsSupport and enableDnsHostnames/);
  });

  it("VPC_DNS_UNKNOWN names only the attribute that was not given", () => {
    for (const [given, missing, other] of [
      [{ dnsSupport: true }, "enableDnsHostnames", "enableDnsSupport"],
      [{ dnsHostnames: true }, "enableDnsSupport", "enableDnsHostnames"],
    ] as const) {
      const p = plan(request({ vpc: { id: "vpc-1", cidrs: ["10.0.0.0/16"], ...given } }));
      assert.deepEqual(warningCodes(p), ["VPC_DNS_UNKNOWN"]);
      assert.match(p.warnings[0].message, new RegExp(`^${missing} of vpc-1 was not given; .* fails if it is off\\.$`));
      assert.doesNotMatch(p.warnings[0].message, new RegExp(other));
    }
  });

  it("gateway-only plans need no DNS attributes", () => {
    assert.deepEqual(warningCodes(plan(request({ vpc: { id: "vpc-1", cidrs: ["10.0.0.0/16"] }, services: ["s3"] }))), []);
  });
});
