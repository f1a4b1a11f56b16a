/** Rule 13, who: consumers by security group and per service (rules/access.ts). */
import assert from "node:assert/strict";
import { ACCESS_CODES as CODES } from "vpce-plan/plan";
import { endpoint, ingressCidrs, plan, problemsOf, request, types } from "../helpers/build";
import { runRows } from "../helpers/rows";

const OFFICE = { cidrs: ["192.168.0.0/16"] };
const PEERS = [
  { name: "spoke-a", cidrs: ["10.1.0.0/16"] },
  { name: "spoke-b", cidrs: ["10.2.0.0/16"] },
];

describe("planEndpoints: access", () => {
  runRows(CODES, [
    {
      why: "baseline: the VPC by CIDR, no narrowing",
      request: request(),
      check: (p) => assert.deepEqual(ingressCidrs(endpoint(p, "sts")), ["10.0.0.0/16"]),
    },
    {
      why: "access.securityGroups stand for the VPC: ingress references them, the VPC CIDR is not admitted (CDK securityGroups, terraform security_group_ids)",
      request: request({ access: { securityGroups: ["sg-app2", "sg-app1"] } }),
      reasons: { sts: ["VPC_BY_SECURITY_GROUP"] },
      check: (p) => {
        const rules = endpoint(p, "sts").securityGroup!.ingress;
        assert.deepEqual(
          rules.map((r) => [r.source, r.securityGroupId, r.cidr, r.fromPort]),
          [
            ["securityGroup", "sg-app1", undefined, 443],
            ["securityGroup", "sg-app2", undefined, 443],
          ],
        );
        assert.equal(rules[0].description, "TCP 443 from security group sg-app1");
      },
    },
    {
      why: "a team that wants groups and the CIDR lists the CIDR in extraCidrs",
      request: request({ access: { securityGroups: ["sg-app"], extraCidrs: ["10.0.0.0/16"] } }),
      reasons: { sts: ["VPC_BY_SECURITY_GROUP"] },
      check: (p) => assert.deepEqual(ingressCidrs(endpoint(p, "sts")), ["10.0.0.0/16", "sg-app"]),
    },
    {
      why: "groups need no vpc.cidrs",
      request: request({ vpc: { id: "vpc-0abc", dnsSupport: true, dnsHostnames: true }, access: { securityGroups: ["sg-app"] } }),
      reasons: { sts: ["VPC_BY_SECURITY_GROUP"] },
    },
    {
      why: "the gateway carries the VPC's S3 traffic: the on-premises interface endpoint references no group",
      request: request({ services: ["s3"], access: { securityGroups: ["sg-app"], onPremises: OFFICE } }),
      check: (p) => assert.deepEqual(ingressCidrs(endpoint(p, "s3")), ["192.168.0.0/16"]),
    },
    {
      why: "only S3 is used from the office: DynamoDB stays a gateway, STS and logs are not opened to the office",
      request: request({
        services: [
          { name: "s3", access: { onPremises: true } },
          { name: "dynamodb", access: { onPremises: false } },
          { name: "sts", access: { onPremises: false } },
          { name: "logs", access: { onPremises: false } },
        ],
        access: { onPremises: OFFICE },
      }),
      reasons: {
        "dynamodb-gateway": ["ACCESS_NARROWED"],
        "s3-gateway": ["ACCESS_NARROWED"],
        s3: ["ACCESS_NARROWED"],
        sts: ["ACCESS_NARROWED"],
        logs: ["ACCESS_NARROWED"],
      },
      check: (p) => {
        assert.deepEqual(types(p), [
          ["dynamodb", "Gateway"],
          ["logs", "Interface"],
          ["s3", "Gateway"],
          ["s3", "Interface"],
          ["sts", "Interface"],
        ]);
        assert.deepEqual(ingressCidrs(endpoint(p, "sts")), ["10.0.0.0/16"]);
        assert.deepEqual(ingressCidrs(endpoint(p, "logs")), ["10.0.0.0/16"]);
        assert.deepEqual(ingressCidrs(endpoint(p, "s3")), ["192.168.0.0/16"]);
        // The Resolver warning names only the service on-premises clients use.
        assert.match(p.warnings.find((w) => w.code === "ON_PREMISES_DNS_NEEDS_RESOLVER")!.message, /resolve s3 to/);
      },
    },
    {
      why: "peerVpcs narrows to named peers; the others are not admitted and get no DNS warning for it",
      request: request({ services: [{ name: "kms", access: { peerVpcs: ["spoke-b"] } }], access: { peerVpcs: PEERS } }),
      reasons: { kms: ["ACCESS_NARROWED"] },
      check: (p) => assert.deepEqual(ingressCidrs(endpoint(p, "kms")), ["10.0.0.0/16", "10.2.0.0/16"]),
    },
    {
      why: "securityGroups narrows to some of the declared groups",
      request: request({
        services: [{ name: "sts", access: { securityGroups: ["sg-b"] } }, "kms"],
        access: { securityGroups: ["sg-a", "sg-b"] },
      }),
      reasons: { kms: ["VPC_BY_SECURITY_GROUP"], sts: ["ACCESS_NARROWED", "VPC_BY_SECURITY_GROUP"] },
      check: (p) => {
        assert.deepEqual(ingressCidrs(endpoint(p, "sts")), ["sg-b"]);
        assert.deepEqual(ingressCidrs(endpoint(p, "kms")), ["sg-a", "sg-b"]);
      },
    },
    {
      why: "fromVpc: false for S3 with on-premises declared: no gateway, an interface endpoint for the office only",
      request: request({ services: [{ name: "s3", access: { fromVpc: false } }], access: { onPremises: OFFICE } }),
      reasons: { s3: ["ACCESS_NARROWED"] },
      check: (p) => assert.deepEqual(types(p), [["s3", "Interface"]]),
    },
    {
      why: "naming consumers the top level does not declare is an error, every one at once, with did-you-mean",
      request: request({
        services: [{ name: "sts", access: { onPremises: true, peerVpcs: ["spoke-c"], securityGroups: ["sg-x"] } }],
        access: { peerVpcs: PEERS },
      }),
      problems: [
        ["ACCESS_NOT_DECLARED", "services[0].access.onPremises"],
        ["ACCESS_NOT_DECLARED", "services[0].access.peerVpcs[0]"],
        ["ACCESS_NOT_DECLARED", "services[0].access.securityGroups[0]"],
      ],
    },
    {
      why: "fromVpc: true for a service when the top level says false",
      request: request({ services: [{ name: "sts", access: { fromVpc: true } }], access: { fromVpc: false, onPremises: OFFICE } }),
      problems: [["ACCESS_NOT_DECLARED", "services[0].access.fromVpc"]],
    },
    {
      why: "an access that leaves the service no consumer",
      request: request({ services: [{ name: "sts", access: { fromVpc: false, onPremises: false } }], access: { onPremises: OFFICE } }),
      problems: [["NO_CONSUMERS", "services[0].access"]],
    },
    {
      why: "no consumers at the top level",
      request: request({ access: { fromVpc: false } }),
      problems: [["NO_CONSUMERS", "access.fromVpc"]],
    },
    {
      why: "groups for the VPC side while the VPC is not a consumer",
      request: request({ access: { fromVpc: false, onPremises: OFFICE, securityGroups: ["sg-a"] } }),
      problems: [["SECURITY_GROUPS_WITHOUT_VPC", "access.securityGroups"]],
    },
    {
      why: "groups of another VPC (as the lookups and --from-aws report them) are refused, consumer groups and attached ones alike",
      request: request({
        services: [{ name: "sts", securityGroupIds: ["sg-other"] }],
        access: { securityGroups: ["sg-mine", "sg-theirs"] },
        facts: { securityGroupVpcs: { "sg-mine": "vpc-0abc", "sg-theirs": "vpc-9999", "sg-other": "vpc-9999" } },
      }),
      problems: [
        ["SECURITY_GROUP_NOT_IN_VPC", "access.securityGroups[1]"],
        ["SECURITY_GROUP_NOT_IN_VPC", "services[0].securityGroupIds[0]"],
      ],
    },
  ]);

  it("the shared security group unions group and CIDR sources without duplicates", () => {
    const p = request({
      services: ["sts", "kms", { name: "logs", access: { securityGroups: ["sg-a"] } }],
      access: { securityGroups: ["sg-a", "sg-b"], onPremises: OFFICE },
      securityGroup: { mode: "shared" },
    });
    const group = endpoint(plan(p), "sts").securityGroup!;
    assert.deepEqual(
      group.ingress.map((r) => r.cidr ?? r.securityGroupId),
      ["192.168.0.0/16", "sg-a", "sg-b"],
    );
  });
});

/** `access.vpcCidrs` (issue 20, item 3): the VPC's consumers are only some of its blocks. */
describe("planEndpoints: access.vpcCidrs", () => {
  const PRIVATE = ["10.0.32.0/19", "10.0.64.0/19"];

  it("admits the declared blocks instead of the whole VPC, and a service narrows them", () => {
    const p = plan(
      request({
        services: ["sts", { name: "kms", access: { vpcCidrs: ["10.0.64.0/19"] } }],
        access: { vpcCidrs: PRIVATE, onPremises: OFFICE },
      }),
    );
    assert.deepEqual(ingressCidrs(endpoint(p, "sts")), ["10.0.32.0/19", "10.0.64.0/19", "192.168.0.0/16"]);
    assert.deepEqual(ingressCidrs(endpoint(p, "kms")), ["10.0.64.0/19", "192.168.0.0/16"]);
    assert.match(endpoint(p, "kms").reasons.find((r) => r.code === "VPC_BY_CIDRS")!.message, /10\.0\.64\.0\/19 \(access\.vpcCidrs\)/);
    assert.match(endpoint(p, "kms").reasons.find((r) => r.code === "ACCESS_NARROWED")!.message, /the VPC's 10\.0\.64\.0\/19/);
  });

  it("without vpcCidrs the whole VPC is admitted and no VPC_BY_CIDRS is given", () => {
    const e = endpoint(plan(request()), "sts");
    assert.deepEqual(ingressCidrs(e), ["10.0.0.0/16"]);
    assert.ok(!e.reasons.some((r) => r.code === "VPC_BY_CIDRS"));
  });

  it("an IPv6 block of the VPC is admitted on a dualstack endpoint only", () => {
    const vpc = { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], ipv6Cidrs: ["2600:1f18:abcd:1200::/56"], dnsSupport: true, dnsHostnames: true };
    const access = { vpcCidrs: ["10.0.32.0/19", "2600:1f18:abcd:1210::/60"] };
    const ipv4 = plan(request({ vpc, access }));
    assert.deepEqual(ingressCidrs(endpoint(ipv4, "sts")), ["10.0.32.0/19"]);
    const dual = plan(
      request({
        vpc,
        access,
        subnets: [
          { id: "subnet-a", az: "us-east-1a", ipv6: true },
          { id: "subnet-b", az: "us-east-1b", ipv6: true },
        ],
        defaults: { ipAddressType: "dualstack" },
        facts: { serviceIpTypes: { sts: ["ipv4", "ipv6"] } },
      }),
    );
    assert.deepEqual(ingressCidrs(endpoint(dual, "sts")), ["10.0.32.0/19", "2600:1f18:abcd:1210::/60"]);
  });

  it("every bad block at once: outside the VPC, not a CIDR, undeclared per service, beside groups or without the VPC", () => {
    const found = problemsOf(
      request({
        services: [{ name: "kms", access: { vpcCidrs: ["10.0.96.0/19"] } }],
        access: { vpcCidrs: ["10.1.0.0/19", "bad", "10.0.32.0/19"], securityGroups: ["sg-1"] },
      }),
    );
    assert.deepEqual(
      found.map((p) => [p.code, p.path]),
      [
        ["INVALID_CIDR", "access.vpcCidrs[1]"],
        ["VPC_CIDRS_CONFLICT", "access.vpcCidrs"],
        ["VPC_CIDRS_NOT_IN_VPC", "access.vpcCidrs[0]"],
        ["ACCESS_NOT_DECLARED", "services[0].access.vpcCidrs[0]"],
      ],
    );
    assert.match(found[2].message, /10\.1\.0\.0\/19 is not inside the VPC's CIDRs \(10\.0\.0\.0\/16\)/);
    const off = problemsOf(request({ access: { fromVpc: false, vpcCidrs: ["10.0.32.0/19"], onPremises: OFFICE } }));
    assert.deepEqual(
      off.map((p) => [p.code, p.path]),
      [["VPC_CIDRS_CONFLICT", "access.vpcCidrs"]],
    );
    assert.match(off[0].hint, /set access\.fromVpc: true/);
  });
});
