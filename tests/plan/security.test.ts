/** Rule 5: security groups, ports and ingress sources. */
import assert from "node:assert/strict";
import { endpoint, ingressCidrs, plan, problem, reasonCodes, request, warningCodes } from "../helpers/build";

describe("planEndpoints: security groups (rule 5)", () => {
  const ports: Array<[string, number]> = [
    ["sts", 443],
    ["cassandra", 9142],
    ["email-smtp", 587],
    ["transfer.server", 22],
  ];
  for (const [service, port] of ports) {
    it(`${service} ingress is TCP ${port} only`, () => {
      const e = endpoint(plan(request({ services: [service] })), service);
      assert.equal(e.port, port);
      for (const rule of e.securityGroup!.ingress) {
        assert.deepEqual([rule.protocol, rule.fromPort, rule.toPort], ["tcp", port, port]);
        assert.equal(rule.description, `TCP ${port} from this VPC ${rule.cidr}`);
      }
    });
  }

  it("rule descriptions stay within what AWS accepts, whatever a peer VPC is called", () => {
    // AWS: up to 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*
    const allowed = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;
    for (const name of ["Zahlungs-VPC (Müller's)", "x".repeat(300)]) {
      const e = endpoint(plan(request({ access: { peerVpcs: [{ name, cidrs: ["10.1.0.0/16"] }] } })), "sts");
      const rule = e.securityGroup!.ingress.find((r) => r.cidr === "10.1.0.0/16")!;
      assert.match(rule.description, allowed);
      assert.ok(rule.description.startsWith("TCP 443 from peer VPC "), rule.description);
      assert.ok(rule.description.endsWith(" 10.1.0.0/16"), rule.description);
    }
  });

  it("admits exactly the declared consumers, each labelled with its source", () => {
    const e = endpoint(
      plan(
        request({
          access: {
            onPremises: { cidrs: ["192.168.0.0/16"] },
            peerVpcs: [{ name: "spoke", cidrs: ["10.1.0.0/16"] }],
            extraCidrs: ["100.64.0.0/10"],
          },
        }),
      ),
      "sts",
    );
    assert.deepEqual(
      e.securityGroup!.ingress.map((r) => [r.cidr, r.source]),
      [
        ["10.0.0.0/16", "vpc"],
        ["10.1.0.0/16", "peer:spoke"],
        ["100.64.0.0/10", "extra"],
        ["192.168.0.0/16", "onPremises"],
      ],
    );
  });

  it("never admits 0.0.0.0/0 unless listed in access.extraCidrs, and then warns OPEN_INGRESS", () => {
    assert.ok(!ingressCidrs(endpoint(plan(request()), "sts")).includes("0.0.0.0/0"));
    const p = plan(request({ access: { extraCidrs: ["0.0.0.0/0"] } }));
    assert.ok(ingressCidrs(endpoint(p, "sts")).includes("0.0.0.0/0"));
    assert.deepEqual(warningCodes(p), ["OPEN_INGRESS"]);
    assert.equal(p.warnings[0].path, "access.extraCidrs");
  });

  it("an IPv6 catch-all in any spelling triggers OPEN_INGRESS (and, for an ipv4 endpoint, IPV6_CONSUMERS_DROPPED)", () => {
    for (const open of ["::/0", "0::/0", "0:0:0:0:0:0:0:0/0"]) {
      const p = plan(request({ access: { extraCidrs: [open] } }));
      assert.deepEqual(warningCodes(p).sort(), ["IPV6_CONSUMERS_DROPPED", "OPEN_INGRESS"], open);
    }
  });

  it("an open CIDR anywhere but extraCidrs is an error (OPEN_CIDR_NOT_EXPLICIT)", () => {
    assert.equal(
      problem(request({ access: { onPremises: { cidrs: ["0.0.0.0/0"] } } }), "OPEN_CIDR_NOT_EXPLICIT").path,
      "access.onPremises.cidrs[0]",
    );
    assert.equal(
      problem(request({ access: { peerVpcs: [{ name: "p", cidrs: ["::/0"] }] } }), "OPEN_CIDR_NOT_EXPLICIT").path,
      "access.peerVpcs[0].cidrs[0]",
    );
  });

  it("perEndpoint (default): one group per interface endpoint, named after it", () => {
    const p = plan(request({ services: ["sts", "kms", "s3"] }));
    for (const e of p.endpoints.filter((x) => x.type === "Interface")) {
      assert.equal(e.securityGroup?.name, e.name);
      assert.equal(e.securityGroup?.mode, "perEndpoint");
      assert.ok(reasonCodes(e).includes("SG_PER_ENDPOINT"));
    }
    assert.equal(endpoint(p, "s3-gateway").securityGroup, undefined);
  });

  it("shared: one group per port (`endpoints` for 443, `endpoints-<port>` else), so no endpoint opens another service's port", () => {
    const p = plan(request({ services: ["sts", "kms", "cassandra", "email-smtp", "transfer.server"], securityGroup: { mode: "shared" } }));
    const group = (name: string) => endpoint(p, name).securityGroup!;
    assert.equal(group("sts"), group("kms"));
    assert.deepEqual(
      p.endpoints.map((e) => [e.name, e.securityGroup?.name, [...new Set(e.securityGroup!.ingress.map((r) => r.fromPort))]]),
      [
        ["cassandra", "endpoints-9142", [9142]],
        ["email-smtp", "endpoints-587", [587]],
        ["kms", "endpoints", [443]],
        ["sts", "endpoints", [443]],
        ["transfer.server", "endpoints-22", [22]],
      ],
    );
    for (const e of p.endpoints) {
      assert.equal(e.securityGroup?.mode, "shared");
      assert.deepEqual(ingressCidrs(e), ["10.0.0.0/16"]);
      assert.ok(reasonCodes(e).includes("SG_SHARED"));
    }
  });

  it("shared: an inbound-only S3 interface endpoint no longer claims to admit outsiders only", () => {
    const p = plan(
      request({ services: ["s3", "sts"], access: { onPremises: { cidrs: ["192.168.0.0/16"] } }, securityGroup: { mode: "shared" } }),
    );
    const s3 = endpoint(p, "s3");
    assert.ok(!reasonCodes(s3).includes("SG_EXTERNAL_ONLY"));
    assert.ok(reasonCodes(s3).includes("SG_SHARED"));
    assert.deepEqual(
      s3.securityGroup?.ingress.map((r) => r.cidr),
      ["10.0.0.0/16", "192.168.0.0/16"],
    );
  });

  it("existing: the given ids (sorted) on every interface endpoint, no rules of ours", () => {
    const p = plan(request({ services: ["sts", "kms"], securityGroup: { mode: "existing", ids: ["sg-2", "sg-1"] } }));
    for (const e of p.endpoints) {
      assert.deepEqual(e.securityGroup, { mode: "existing", ids: ["sg-1", "sg-2"], ingress: [] });
      assert.ok(reasonCodes(e).includes("SG_EXISTING"));
    }
  });

  it("existing without ids, or ids without existing, are errors", () => {
    assert.equal(problem(request({ securityGroup: { mode: "existing" } }), "SECURITY_GROUP_IDS_REQUIRED").path, "securityGroup.ids");
    assert.equal(problem(request({ securityGroup: { ids: ["sg-1"] } }), "SECURITY_GROUP_IDS_UNUSED").path, "securityGroup.ids");
    problem(request({ securityGroup: { mode: "shared", ids: ["sg-1"] } }), "SECURITY_GROUP_IDS_UNUSED");
  });

  it("an interface endpoint that admits the VPC needs vpc.cidrs (VPC_CIDRS_REQUIRED)", () => {
    const p = problem(request({ vpc: { id: "vpc-1", dnsSupport: true, dnsHostnames: true } }), "VPC_CIDRS_REQUIRED");
    assert.equal(p.path, "vpc.cidrs");
  });

  it("vpc.cidrs is not needed when only outsiders use the interface endpoint", () => {
    const p = plan(
      request({
        vpc: { id: "vpc-1", dnsSupport: true, dnsHostnames: true },
        services: ["s3"],
        access: { onPremises: { cidrs: ["192.168.0.0/16"] } },
      }),
    );
    assert.deepEqual(ingressCidrs(endpoint(p, "s3")), ["192.168.0.0/16"]);
  });
});
