/**
 * Services AWS documents on several ports (catalog `ports`; issue 17, item 11): SES SMTP takes
 * STARTTLS on 25, 587 and 2587 and TLS Wrapper on 465 and 2465
 * (https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html). One port is opened per endpoint;
 * the plan says which, and `port` may choose another documented one.
 */
import assert from "node:assert/strict";
import { services } from "vpce-plan/catalog";
import { endpoint, plan, problem, problemsOf, reasonCodes, request } from "../helpers/build";

const SES_PORTS = [25, 465, 587, 2465, 2587];
const admitted = (p: ReturnType<typeof plan>): number[] => [
  ...new Set(endpoint(p, "email-smtp").securityGroup!.ingress.flatMap((r) => [r.fromPort, r.toPort])),
];

describe("planEndpoints: services on several ports", () => {
  it("the catalog lists every SES SMTP port AWS documents", () => {
    const ses = services.find((s) => s.key === "email-smtp")!;
    assert.deepEqual(ses.ports, SES_PORTS);
    assert.ok(ses.ports!.includes(ses.port));
  });

  it("by default 587 is opened and the plan says the others are not", () => {
    const p = plan(request({ services: ["email-smtp"] }));
    assert.deepEqual(admitted(p), [587]);
    const e = endpoint(p, "email-smtp");
    assert.ok(reasonCodes(e).includes("SERVICE_PORT_CHOSEN"));
    assert.match(e.reasons.find((r) => r.code === "SERVICE_PORT_CHOSEN")!.message, /25, 465, 587, 2465, 2587.*admits 587 only/);
  });

  for (const port of SES_PORTS)
    it(`port ${port} opens that port instead`, () => {
      const p = plan(request({ services: [{ name: "email-smtp", port }] }));
      assert.deepEqual(admitted(p), [port]);
      assert.equal(endpoint(p, "email-smtp").port, port);
    });

  it("a port SES does not document is SERVICE_PORT_FIXED, naming the ones it does", () => {
    const found = problem(request({ services: [{ name: "email-smtp", port: 443 }] }), "SERVICE_PORT_FIXED");
    assert.equal(found.path, "services[0].port");
    assert.match(found.message, /25, 465, 587, 2465, 2587, not 443/);
  });

  it("a single-port service has no SERVICE_PORT_CHOSEN", () => {
    assert.ok(!reasonCodes(endpoint(plan(request()), "sts")).includes("SERVICE_PORT_CHOSEN"));
  });
});

/**
 * `services[].ports` and `protocol` (issue 20, item 2): several ports and ranges on one endpoint, and
 * UDP for an endpoint service outside the catalog. One ingress rule per port or range per source.
 */
describe("planEndpoints: services[].ports and protocol", () => {
  const SVC = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
  const onPremises = { onPremises: { cidrs: ["192.168.0.0/16"] } };
  const rules = (p: ReturnType<typeof plan>, name: string): string[] =>
    endpoint(p, name).securityGroup!.ingress.map((r) => `${r.protocol} ${r.fromPort}-${r.toPort} ${r.cidr ?? r.securityGroupId}`);

  it("an endpoint service on Databricks' ports: one rule per port or range per source, the plan lists them", () => {
    const p = plan(request({ services: [{ name: SVC, ports: [443, "8443-8451", 2443, 5432, 6666] }], access: onPremises }));
    const e = endpoint(p, "vpce-svc-0123456789abcdef0");
    assert.equal(e.port, 443);
    assert.deepEqual(e.ports, [
      { fromPort: 443, toPort: 443 },
      { fromPort: 2443, toPort: 2443 },
      { fromPort: 5432, toPort: 5432 },
      { fromPort: 6666, toPort: 6666 },
      { fromPort: 8443, toPort: 8451 },
    ]);
    assert.equal(e.protocol, undefined);
    assert.deepEqual(
      rules(p, e.name),
      ["443-443", "2443-2443", "5432-5432", "6666-6666", "8443-8451"].flatMap((r) => [`tcp ${r} 10.0.0.0/16`, `tcp ${r} 192.168.0.0/16`]),
    );
    assert.match(e.reasons.find((r) => r.code === "SERVICE_PORTS")!.message, /TCP 443, 2443, 5432, 6666, 8443-8451/);
    assert.match(e.reasons.find((r) => r.code === "ENDPOINT_SERVICE")!.message, /on TCP 443, 2443, 5432, 6666, 8443-8451/);
    const description = e.securityGroup!.ingress.find((r) => r.fromPort === 8443)!.description;
    assert.match(description, /^TCP 8443-8451 from /);
  });

  it("UDP: every rule is UDP and the plan says so", () => {
    const p = plan(request({ services: [{ name: SVC, ports: [2055], protocol: "udp" }] }));
    const e = endpoint(p, "vpce-svc-0123456789abcdef0");
    assert.equal(e.protocol, "udp");
    assert.equal(e.ports, undefined);
    assert.deepEqual(rules(p, e.name), ["udp 2055-2055 10.0.0.0/16"]);
    assert.match(e.reasons.find((r) => r.code === "SG_PER_ENDPOINT")!.message, /UDP 2055/);
  });

  it("a catalog service opens several of its documented ports, and only those", () => {
    const p = plan(request({ services: [{ name: "email-smtp", ports: [465, 587] }] }));
    assert.deepEqual(admitted(p), [465, 587]);
    assert.ok(!reasonCodes(endpoint(p, "email-smtp")).includes("SERVICE_PORT_CHOSEN"));
    assert.ok(reasonCodes(endpoint(p, "email-smtp")).includes("SERVICE_PORTS"));
  });

  it("shared mode: endpoints on the same ports share a group, others get their own", () => {
    const p = plan(
      request({
        services: ["sts", { name: "email-smtp", ports: [25, 587] }, { name: SVC, ports: [25, 587] }],
        securityGroup: { mode: "shared" },
      }),
    );
    assert.equal(endpoint(p, "sts").securityGroup!.name, "endpoints");
    assert.equal(endpoint(p, "email-smtp").securityGroup!.name, "endpoints-25-587");
    assert.equal(endpoint(p, "vpce-svc-0123456789abcdef0").securityGroup, endpoint(p, "email-smtp").securityGroup);
    assert.deepEqual(rules(p, "email-smtp"), ["tcp 25-25 10.0.0.0/16", "tcp 587-587 10.0.0.0/16"]);
  });

  it("the rules quota counts one rule per port: 5 ports from 13 blocks are 65 rules, spread over groups", () => {
    // Blocks two apart never merge into a larger one, so every rule stays.
    const cidrs = Array.from({ length: 12 }, (_, i) => `172.${16 + i * 2}.0.0/16`);
    const p = plan(request({ services: [{ name: SVC, ports: [443, 2443, 5432, 6666, "8443-8451"] }], access: { onPremises: { cidrs } } }));
    const e = endpoint(p, "vpce-svc-0123456789abcdef0");
    const groups = e.securityGroups ?? [e.securityGroup!];
    // The VPC's block and the 12 on-premises ones, on each of the five.
    assert.equal(
      groups.reduce((n, g) => n + g.ingress.length, 0),
      65,
    );
    assert.ok(groups.length > 1 && groups.every((g) => g.ingress.length <= 60), JSON.stringify(groups.map((g) => g.ingress.length)));
    assert.ok(reasonCodes(e).includes("SG_RULES_SPREAD"));
  });

  it("bad ports and protocols: every problem at once, at its field", () => {
    const found = problemsOf(
      request({
        services: [
          { name: SVC, port: 443, ports: [443, "8451-8443", "440-450", "99999"] },
          { name: "email-smtp", ports: [26, "25-587"], protocol: "udp" },
        ],
      }),
    );
    assert.deepEqual(
      found.map((p) => [p.code, p.path]),
      [
        ["SERVICE_PORTS_INVALID", "services[0].port"],
        ["SERVICE_PORTS_INVALID", "services[0].ports[1]"],
        ["SERVICE_PORTS_INVALID", "services[0].ports[2]"],
        ["SERVICE_PORTS_INVALID", "services[0].ports[3]"],
        ["SERVICE_PORT_FIXED", "services[1].protocol"],
        ["SERVICE_PORT_FIXED", "services[1].ports[0]"],
        ["SERVICE_PORT_FIXED", "services[1].ports[1]"],
      ],
    );
    assert.match(found[1].message, /8451-8443 runs backwards/);
    assert.match(found[2].message, /440-450 overlaps services\[0\]\.ports\[0\] \(443\)/);
    assert.match(found[3].message, /99999 is outside 1-65535/);
    assert.match(found[5].hint, /Keep ports among 25, 465, 587, 2465, 2587/);
  });

  it("ports of the wrong shape are reported by the shape check, each one", () => {
    const found = problemsOf(request({ services: [{ name: SVC, ports: [0, "https", 1.5, true] as never }] }));
    assert.deepEqual(
      found.map((p) => [p.code, p.path]),
      [
        ["INVALID_VALUE", "services[0].ports[0]"],
        ["INVALID_FORMAT", "services[0].ports[1]"],
        ["INVALID_VALUE", "services[0].ports[2]"],
        ["INVALID_TYPE", "services[0].ports[3]"],
      ],
    );
  });
});
