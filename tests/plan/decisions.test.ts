/** Rules 1-3 of DESIGN.md: gateway vs interface, consumers outside the VPC, forced types. */
import assert from "node:assert/strict";
import type { Plan, PlanRequest } from "vpce-plan/plan";
import { endpoint, ingressCidrs, plan, problemsOf, reasonCodes, request, subnets, types, warningCodes } from "../helpers/build";

const ON_PREM = { onPremises: { cidrs: ["192.168.0.0/16"] } };

interface Case {
  name: string;
  request: PlanRequest;
  /** [endpoint name, type, reason codes in order of the type decision (first) and others that must be present] */
  endpoints: Array<[string, "Gateway" | "Interface", string[]]>;
  warnings?: string[];
  check?: (plan: Plan) => void;
}

const cases: Case[] = [
  {
    name: "S3 and DynamoDB used only inside the VPC get free gateway endpoints and nothing else",
    request: request({ services: ["s3", "dynamodb"] }),
    endpoints: [
      ["dynamodb-gateway", "Gateway", ["GATEWAY_FREE", "ROUTE_TABLES"]],
      ["s3-gateway", "Gateway", ["GATEWAY_FREE", "ROUTE_TABLES"]],
    ],
    check: (p) => {
      const s3 = endpoint(p, "s3-gateway");
      assert.equal(s3.serviceName, "com.amazonaws.us-east-1.s3");
      assert.deepEqual(s3.routeTableIds, ["rtb-a", "rtb-b"]);
      assert.equal(s3.subnetIds, undefined);
      assert.equal(s3.securityGroup, undefined);
      assert.equal(s3.privateDns, undefined);
      assert.equal(s3.policy, null);
      assert.equal(s3.monthlyCostUsd, 0);
    },
  },
  {
    name: "S3 Express has only a gateway endpoint",
    request: request({ services: ["s3express"] }),
    endpoints: [["s3express-gateway", "Gateway", ["GATEWAY_FREE"]]],
    check: (p) => assert.equal(endpoint(p, "s3express-gateway").serviceName, "com.amazonaws.us-east-1.s3express"),
  },
  {
    name: "a gateway's route tables are the subnets' route tables, each once and sorted",
    request: request({
      services: ["s3"],
      subnets: [
        { id: "subnet-c", az: "us-east-1c", routeTableId: "rtb-shared" },
        { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-z" },
        { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-shared" },
      ],
    }),
    endpoints: [["s3-gateway", "Gateway", ["GATEWAY_FREE"]]],
    check: (p) => assert.deepEqual(endpoint(p, "s3-gateway").routeTableIds, ["rtb-shared", "rtb-z"]),
  },
  {
    name: "routeTableIds on the service restricts the gateway's route tables",
    request: request({ services: [{ name: "s3", routeTableIds: ["rtb-b"] }] }),
    endpoints: [["s3-gateway", "Gateway", ["GATEWAY_FREE"]]],
    check: (p) => assert.deepEqual(endpoint(p, "s3-gateway").routeTableIds, ["rtb-b"]),
  },
  {
    name: "a subnet without route table is reported when others have one",
    request: request({ services: ["s3"], subnets: [...subnets("us-east-1", "a"), { id: "subnet-x", az: "us-east-1b" }] }),
    endpoints: [["s3-gateway", "Gateway", ["GATEWAY_FREE"]]],
    warnings: ["SUBNET_WITHOUT_ROUTE_TABLE"],
    check: (p) => {
      assert.deepEqual(endpoint(p, "s3-gateway").routeTableIds, ["rtb-a"]);
      assert.match(p.warnings[0].message, /subnet-x/);
    },
  },
  {
    name: "a service without gateway gets an interface endpoint in every subnet's AZ",
    request: request({ services: ["secretsmanager"] }),
    endpoints: [["secretsmanager", "Interface", ["INTERFACE_ONLY_SERVICE", "AZS_ASSUMED", "PRIVATE_DNS_ON", "SG_PER_ENDPOINT"]]],
    check: (p) => {
      const e = endpoint(p, "secretsmanager");
      assert.equal(e.serviceName, "com.amazonaws.us-east-1.secretsmanager");
      assert.deepEqual(e.subnetIds, ["subnet-a", "subnet-b"]);
      assert.deepEqual(e.azs, ["us-east-1a", "us-east-1b"]);
      assert.equal(e.routeTableIds, undefined);
      assert.equal(e.privateDns, true);
      assert.deepEqual(e.privateDnsNames, ["secretsmanager.us-east-1.amazonaws.com"]);
      assert.deepEqual(e.dnsOptions, { dnsRecordIpType: "ipv4" });
      assert.equal(e.dependsOn, undefined);
      assert.equal(e.port, 443);
      assert.deepEqual(e.securityGroup, {
        name: "secretsmanager",
        mode: "perEndpoint",
        ingress: [
          {
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidr: "10.0.0.0/16",
            source: "vpc",
            description: "TCP 443 from this VPC 10.0.0.0/16",
          },
        ],
      });
    },
  },
  {
    name: "S3 in the VPC and from on-premises: free gateway plus an inbound-only interface endpoint created after it",
    request: request({ services: ["s3"], access: ON_PREM }),
    endpoints: [
      ["s3-gateway", "Gateway", ["GATEWAY_FREE"]],
      ["s3", "Interface", ["ON_PREMISES_ACCESS", "PRIVATE_DNS_INBOUND_ONLY", "SG_EXTERNAL_ONLY", "SG_PER_ENDPOINT"]],
    ],
    warnings: ["ON_PREMISES_DNS_NEEDS_RESOLVER"],
    check: (p) => {
      const e = endpoint(p, "s3");
      assert.equal(e.privateDns, true);
      assert.deepEqual(e.dnsOptions, { dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: true });
      assert.deepEqual(e.dependsOn, ["s3-gateway"]);
      assert.deepEqual(e.securityGroup?.ingress, [
        {
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidr: "192.168.0.0/16",
          source: "onPremises",
          description: "TCP 443 from on-premises 192.168.0.0/16",
        },
      ]);
      assert.match(e.reasons[0].message, /gateway endpoints do not serve traffic from outside the VPC/);
    },
  },
  {
    // The Pulumi AWS provider sends privateDnsOnlyForInboundResolverEndpoint only for com.amazonaws.<region>.s3
    // (terraform-provider-aws vpc_endpoint.go): for DynamoDB it never reaches AWS, which would then
    // resolve dynamodb to the interface endpoint for the whole VPC. The plan keeps private DNS off instead.
    name: "DynamoDB in the VPC and from on-premises: gateway for the VPC, interface with private DNS off (the flag cannot reach AWS)",
    request: request({ services: ["dynamodb"], access: ON_PREM }),
    endpoints: [
      ["dynamodb-gateway", "Gateway", ["GATEWAY_FREE"]],
      ["dynamodb", "Interface", ["ON_PREMISES_ACCESS", "PRIVATE_DNS_KEEPS_GATEWAY", "SG_EXTERNAL_ONLY"]],
    ],
    warnings: ["INBOUND_ONLY_NOT_SENT"],
    check: (p) => {
      const e = endpoint(p, "dynamodb");
      assert.equal(e.privateDns, false);
      assert.equal(e.dnsOptions?.privateDnsOnlyForInboundResolverEndpoint, undefined);
      assert.equal(e.dependsOn, undefined);
      assert.deepEqual(ingressCidrs(e), ["192.168.0.0/16"]);
      assert.match(p.warnings[0].message, /com\.amazonaws\.us-east-1\.dynamodb/);
    },
  },
  {
    name: "S3 in China (cn.com.amazonaws.<region>.s3) is not sent the flag either: private DNS off beside the gateway",
    request: request({ region: "cn-north-1", subnets: subnets("cn-north-1", "ab"), services: ["s3"], access: ON_PREM }),
    endpoints: [
      ["s3-gateway", "Gateway", ["GATEWAY_FREE"]],
      ["s3", "Interface", ["ON_PREMISES_ACCESS", "PRIVATE_DNS_KEEPS_GATEWAY", "SG_EXTERNAL_ONLY"]],
    ],
    warnings: ["PRICES_ASSUMED", "INBOUND_ONLY_NOT_SENT"],
    check: (p) => {
      const e = endpoint(p, "s3");
      assert.equal(e.serviceName, "cn.com.amazonaws.cn-north-1.s3");
      assert.equal(e.privateDns, false);
      assert.equal(e.dnsOptions?.privateDnsOnlyForInboundResolverEndpoint, undefined);
    },
  },
  {
    name: "S3 used by a peer VPC in the same region: gateway plus interface admitting only the peer",
    request: request({ services: ["s3"], access: { peerVpcs: [{ name: "spoke-a", cidrs: ["10.1.0.0/16"], region: "us-east-1" }] } }),
    endpoints: [
      ["s3-gateway", "Gateway", ["GATEWAY_FREE"]],
      ["s3", "Interface", ["PEER_VPC_ACCESS", "SG_EXTERNAL_ONLY"]],
    ],
    warnings: ["PEER_DNS_NOT_SHARED"],
    check: (p) => {
      const e = endpoint(p, "s3");
      assert.ok(!reasonCodes(e).includes("CROSS_REGION_ACCESS"));
      assert.deepEqual(
        e.securityGroup?.ingress.map((r) => [r.cidr, r.source]),
        [["10.1.0.0/16", "peer:spoke-a"]],
      );
    },
  },
  {
    name: "a peer VPC in another region needs an interface endpoint (CROSS_REGION_ACCESS)",
    request: request({ services: ["s3", "sts"], access: { peerVpcs: [{ name: "far", cidrs: ["10.60.0.0/16"], region: "eu-west-1" }] } }),
    endpoints: [
      ["s3-gateway", "Gateway", ["GATEWAY_FREE"]],
      ["s3", "Interface", ["PEER_VPC_ACCESS", "CROSS_REGION_ACCESS"]],
      ["sts", "Interface", ["INTERFACE_ONLY_SERVICE", "PEER_VPC_ACCESS", "CROSS_REGION_ACCESS"]],
    ],
    warnings: ["PEER_DNS_NOT_SHARED"],
    check: (p) => {
      assert.match(endpoint(p, "sts").reasons[2].message, /far \(eu-west-1\)/);
      // STS serves the VPC too, so it admits the VPC and the peer.
      assert.deepEqual(ingressCidrs(endpoint(p, "sts")), ["10.0.0.0/16", "10.60.0.0/16"]);
      assert.deepEqual(ingressCidrs(endpoint(p, "s3")), ["10.60.0.0/16"]);
    },
  },
  {
    name: "access.fromVpc false: no gateway, an interface endpoint with full private DNS for the outside consumers only",
    request: request({ services: ["s3", "sts"], access: { fromVpc: false, ...ON_PREM } }),
    endpoints: [
      ["s3", "Interface", ["ON_PREMISES_ACCESS", "VPC_NOT_CONSUMER", "PRIVATE_DNS_ON"]],
      ["sts", "Interface", ["ON_PREMISES_ACCESS", "PRIVATE_DNS_ON"]],
    ],
    warnings: ["ON_PREMISES_DNS_NEEDS_RESOLVER"],
    check: (p) => {
      const s3 = endpoint(p, "s3");
      assert.deepEqual(s3.dnsOptions, { dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: false });
      assert.equal(s3.dependsOn, undefined);
      for (const e of p.endpoints) assert.deepEqual(ingressCidrs(e), ["192.168.0.0/16"], e.name);
    },
  },
  {
    name: "type Gateway is honoured",
    request: request({ services: [{ name: "dynamodb", type: "Gateway" }] }),
    endpoints: [["dynamodb-gateway", "Gateway", ["GATEWAY_FORCED"]]],
  },
  {
    name: "type Gateway with outside consumers warns that they cannot use it",
    request: request({ services: [{ name: "s3", type: "Gateway" }], access: ON_PREM }),
    endpoints: [["s3-gateway", "Gateway", ["GATEWAY_FORCED"]]],
    warnings: ["GATEWAY_EXTERNAL_UNREACHABLE"],
  },
  {
    name: "type Interface for S3 replaces the gateway; private DNS covers the VPC",
    request: request({ services: [{ name: "s3", type: "Interface" }] }),
    endpoints: [["s3", "Interface", ["INTERFACE_FORCED", "PRIVATE_DNS_ON"]]],
    check: (p) => {
      const e = endpoint(p, "s3");
      assert.match(e.reasons[0].message, /although a free gateway endpoint exists/);
      assert.deepEqual(e.dnsOptions, { dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: false });
      assert.deepEqual(ingressCidrs(e), ["10.0.0.0/16"]);
    },
  },
  {
    name: "type Interface on an interface-only service",
    request: request({ services: [{ name: "kms", type: "Interface" }] }),
    endpoints: [["kms", "Interface", ["INTERFACE_FORCED"]]],
    check: (p) => assert.doesNotMatch(endpoint(p, "kms").reasons[0].message, /gateway/),
  },
  {
    name: "S3 Express reached from on-premises stays a gateway and warns",
    request: request({ services: ["s3express"], access: ON_PREM }),
    endpoints: [["s3express-gateway", "Gateway", ["GATEWAY_FREE"]]],
    warnings: ["GATEWAY_EXTERNAL_UNREACHABLE"],
  },
  {
    name: "endpoints come sorted by service key, gateway before interface",
    request: request({ services: ["sts", "s3", "dynamodb", "kms"], access: ON_PREM }),
    endpoints: [
      ["dynamodb-gateway", "Gateway", ["GATEWAY_FREE"]],
      ["dynamodb", "Interface", ["ON_PREMISES_ACCESS"]],
      ["kms", "Interface", ["INTERFACE_ONLY_SERVICE", "ON_PREMISES_ACCESS"]],
      ["s3-gateway", "Gateway", ["GATEWAY_FREE"]],
      ["s3", "Interface", ["ON_PREMISES_ACCESS"]],
      ["sts", "Interface", ["INTERFACE_ONLY_SERVICE", "ON_PREMISES_ACCESS"]],
    ],
    warnings: ["ON_PREMISES_DNS_NEEDS_RESOLVER", "INBOUND_ONLY_NOT_SENT"],
  },
];

describe("planEndpoints: privateDnsOnlyForInboundResolverEndpoint where the provider does not send it", () => {
  it("privateDns: true on DynamoDB beside its gateway is INBOUND_ONLY_UNAVAILABLE, naming both ways out", () => {
    const problems = problemsOf(request({ services: [{ name: "dynamodb", privateDns: true }], access: ON_PREM }));
    assert.deepEqual(
      problems.map((p) => [p.code, p.path]),
      [["INBOUND_ONLY_UNAVAILABLE", "services[0].privateDns"]],
    );
    assert.match(problems[0].hint, /type: Interface/);
  });

  it("DynamoDB as an interface endpoint only keeps private DNS for the whole VPC, with no flag to send", () => {
    const e = endpoint(plan(request({ services: [{ name: "dynamodb", type: "Interface" }], access: ON_PREM })), "dynamodb");
    assert.equal(e.privateDns, true);
    assert.equal(e.dnsOptions?.privateDnsOnlyForInboundResolverEndpoint, undefined);
  });
});

describe("planEndpoints: gateway vs interface (rules 1-3)", () => {
  for (const c of cases) {
    it(c.name, () => {
      const p = plan(c.request);
      assert.deepEqual(
        p.endpoints.map((e) => [e.name, e.type]),
        c.endpoints.map(([name, type]) => [name, type]),
      );
      for (const [name, , codes] of c.endpoints) {
        const got = reasonCodes(endpoint(p, name));
        assert.equal(got[0], codes[0], `${name}: first reason is the type decision`);
        for (const code of codes) assert.ok(got.includes(code), `${name}: ${code} missing from ${got.join(", ")}`);
        // Reasons keep the order in which the planner decided: the listed ones appear in that order.
        const positions = codes.map((code) => got.indexOf(code));
        assert.deepEqual(
          positions,
          [...positions].sort((a, b) => a - b),
          `${name}: reasons out of order: ${got.join(", ")}`,
        );
      }
      assert.deepEqual(warningCodes(p), c.warnings ?? [], JSON.stringify(p.warnings));
      assert.deepEqual(p.errors, []);
      assert.equal(p.version, 1);
      for (const e of p.endpoints) for (const r of e.reasons) assert.ok(r.message.length > 10, `${e.name}/${r.code} has a sentence`);
      c.check?.(p);
    });
  }

  it("every endpoint type of a mixed plan is either Gateway for a gateway service or Interface", () => {
    const p = plan(request({ services: ["s3", "dynamodb", "sts", "ecr.dkr"] }));
    assert.deepEqual(types(p), [
      ["dynamodb", "Gateway"],
      ["ecr.dkr", "Interface"],
      ["s3", "Gateway"],
      ["sts", "Interface"],
    ]);
  });
});
