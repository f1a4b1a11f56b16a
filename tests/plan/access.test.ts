/** Rule 13, who: consumers by security group and per service (rules/access.ts). */
import assert from "node:assert/strict";
import { ACCESS_CODES as CODES } from "vpce-plan/plan";
import { endpoint, ingressCidrs, plan, request, types } from "../helpers/build";
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
