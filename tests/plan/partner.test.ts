/**
 * Endpoint services outside the catalog (sdk/src/plan/rules/endpointServices.ts): partner, SaaS,
 * Marketplace and own services by full name, with the catalog services' rules and facts keyed by
 * the full name; a missing fact is a warning.
 */
import assert from "node:assert/strict";
import type { PlanFacts } from "vpce-plan/plan";
import { endpoint, familyRows, ingressCidrs, plan, problemsOf, request, type FamilyRow } from "../helpers/build";

const SVC = "com.amazonaws.vpce.us-east-1.vpce-svc-0e87519c997c63cd8";
const WEST = "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0";
const NAME = "vpce-svc-0e87519c997c63cd8";
const KNOWN: PlanFacts = {
  serviceAzs: { [SVC]: ["us-east-1a", "us-east-1b"] },
  servicePrivateDns: { [SVC]: ["api.partner.example.com"] },
  servicePrivateDnsVerified: { [SVC]: true },
  serviceAcceptanceRequired: { [SVC]: false },
  servicePolicy: { [SVC]: false },
};
const FAMILY = [
  "ENDPOINT_SERVICE",
  "ENDPOINT_SERVICE_FACTS_MISSING",
  "ENDPOINT_SERVICE_ACCEPTANCE",
  "ENDPOINT_SERVICE_DNS_UNVERIFIED",
  "PRIVATE_DNS_NAME_UNKNOWN",
];
const inFamily = (code: string): boolean => FAMILY.includes(code);

const rows: FamilyRow[] = [
  { why: "the baseline has no endpoint service", request: request(), reasons: { sts: [] }, warnings: [] },
  {
    why: "by full name without facts: planned, with one warning naming what is missing",
    request: request({ services: [SVC] }),
    reasons: { [NAME]: ["ENDPOINT_SERVICE"] },
    warnings: ["ENDPOINT_SERVICE_FACTS_MISSING"],
  },
  {
    why: "every fact known: no warning",
    request: request({ services: [SVC] }),
    facts: KNOWN,
    reasons: { [NAME]: ["ENDPOINT_SERVICE"] },
    warnings: [],
  },
  {
    why: "a provider that accepts by hand",
    request: request({ services: [SVC] }),
    facts: { ...KNOWN, serviceAcceptanceRequired: { [SVC]: true } },
    warnings: ["ENDPOINT_SERVICE_ACCEPTANCE"],
  },
  {
    why: "an unverified private DNS name keeps private DNS off",
    request: request({ services: [SVC] }),
    facts: { ...KNOWN, servicePrivateDnsVerified: { [SVC]: false } },
    warnings: ["ENDPOINT_SERVICE_DNS_UNVERIFIED"],
  },
  {
    why: "private DNS asked for on an unverified name",
    request: request({ services: [{ name: SVC, privateDns: true }] }),
    facts: { ...KNOWN, servicePrivateDnsVerified: { [SVC]: false } },
    problems: [{ code: "PRIVATE_DNS_UNVERIFIED", path: "services[0].privateDns" }],
  },
  {
    why: "private DNS asked for while the name was not looked up: enabled as asked (unknown is not absent; issue 17, item 8)",
    request: request({ services: [{ name: SVC, privateDns: true }] }),
    reasons: { [NAME]: ["ENDPOINT_SERVICE", "PRIVATE_DNS_NAME_UNKNOWN"] },
    warnings: ["ENDPOINT_SERVICE_FACTS_MISSING"],
  },
  {
    why: "private DNS asked for where AWS reports no name: PRIVATE_DNS_UNSUPPORTED",
    request: request({ services: [{ name: SVC, privateDns: true }] }),
    facts: { ...KNOWN, servicePrivateDns: { [SVC]: [] } },
    problems: [{ code: "PRIVATE_DNS_UNSUPPORTED", path: "services[0].privateDns" }],
  },
  {
    why: "a gateway for an endpoint service",
    request: request({ services: [{ name: SVC, type: "Gateway" }] }),
    problems: [{ code: "GATEWAY_UNSUPPORTED", path: "services[0].type" }],
  },
  {
    why: "port on a catalog service",
    request: request({ services: [{ name: "sts", port: 8443 }] }),
    problems: [{ code: "SERVICE_PORT_FIXED", path: "services[0].port" }],
  },
  {
    why: "a region field that contradicts the name",
    request: request({ services: [{ name: SVC, region: "us-west-2" }] }),
    problems: [{ code: "SERVICE_REGION_MISMATCH", path: "services[0].region" }],
  },
  {
    why: "an endpoint service of another region is a cross-region endpoint its provider must allow",
    request: request({ services: [WEST] }),
    reasons: { "vpce-svc-0123456789abcdef0": ["ENDPOINT_SERVICE"] },
    warnings: ["ENDPOINT_SERVICE_FACTS_MISSING"],
  },
];

describe("planEndpoints: endpoint services outside the catalog", () => {
  familyRows(rows, inFamily);

  it("same placement, security group, DNS and cost rules as a catalog service, on its port", () => {
    const p = plan(
      request({
        subnets: [...request().subnets!, { id: "subnet-c", az: "us-east-1c", routeTableId: "rtb-c" }],
        services: [{ name: SVC, port: 8443 }],
        access: { onPremises: { cidrs: ["192.168.0.0/16"] } },
      }),
      KNOWN,
    );
    const e = endpoint(p, NAME);
    assert.equal(e.type, "Interface");
    assert.equal(e.service, SVC);
    assert.equal(e.serviceName, SVC);
    assert.equal(e.port, 8443);
    assert.deepEqual(e.azs, ["us-east-1a", "us-east-1b"]);
    assert.ok(p.warnings.some((w) => w.code === "AZ_UNSUPPORTED" && w.service === SVC));
    assert.deepEqual(ingressCidrs(e).sort(), ["10.0.0.0/16", "192.168.0.0/16"]);
    assert.ok(e.securityGroup!.ingress.every((r) => r.fromPort === 8443 && r.toPort === 8443));
    assert.equal(e.privateDns, true);
    assert.deepEqual(e.privateDnsNames, ["api.partner.example.com"]);
    assert.equal(e.monthlyCostUsd, 14.6);
  });

  it("the port defaults to 443", () => {
    assert.equal(endpoint(plan(request({ services: [SVC] })), NAME).port, 443);
  });

  it("a private DNS name whose verification is unknown stays off unless asked for", () => {
    const facts = { servicePrivateDns: { [SVC]: ["api.partner.example.com"] } };
    assert.equal(endpoint(plan(request({ services: [SVC] }), facts), NAME).privateDns, false);
    assert.equal(endpoint(plan(request({ services: [{ name: SVC, privateDns: true }] }), facts), NAME).privateDns, true);
    const [warning] = plan(request({ services: [SVC] }), facts).warnings.filter((w) => w.code === "ENDPOINT_SERVICE_FACTS_MISSING");
    assert.match(warning.message, /verified/);
  });

  it("privateDns: true with the name not looked up reaches AWS as asked, and the warning says so", () => {
    const p = plan(request({ services: [{ name: SVC, privateDns: true }] }));
    assert.equal(endpoint(p, NAME).privateDns, true);
    const [warning] = p.warnings.filter((w) => w.code === "ENDPOINT_SERVICE_FACTS_MISSING");
    assert.match(warning.message, /privateDns: true goes to AWS as asked/);
  });

  it("a policy applies where facts say the service takes one, or where the request gives one", () => {
    const policy = { template: "account-only" as const, accountIds: ["123456789012"] };
    const taken = plan(request({ services: [{ name: SVC, policy }] }), { ...KNOWN, servicePolicy: { [SVC]: true } });
    assert.ok(endpoint(taken, NAME).policy);
    const refused = problemsOf(request({ services: [{ name: SVC, policy }] }), KNOWN);
    assert.deepEqual(
      refused.map((p) => p.code),
      ["POLICY_UNSUPPORTED"],
    );
    assert.ok(endpoint(plan(request({ services: [{ name: SVC, policy }] })), NAME).policy);
  });

  it("a cross-region endpoint service gets serviceRegion", () => {
    const e = endpoint(plan(request({ services: [WEST] })), "vpce-svc-0123456789abcdef0");
    assert.equal(e.serviceRegion, "us-west-2");
    assert.equal(e.serviceName, WEST);
  });

  it("a malformed endpoint service name is UNKNOWN_SERVICE", () => {
    const [problem] = problemsOf(request({ services: ["com.amazonaws.vpce.us-east-1.vpce-svc-xyz"] }));
    assert.equal(problem.code, "UNKNOWN_SERVICE");
  });
});
