/**
 * Services AWS documents on several ports (catalog `ports`; issue 17, item 11): SES SMTP takes
 * STARTTLS on 25, 587 and 2587 and TLS Wrapper on 465 and 2465
 * (https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html). One port is opened per endpoint;
 * the plan says which, and `port` may choose another documented one.
 */
import assert from "node:assert/strict";
import { services } from "vpce-plan/catalog";
import { endpoint, plan, problem, reasonCodes, request } from "../helpers/build";

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
