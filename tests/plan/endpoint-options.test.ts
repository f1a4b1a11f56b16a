/** Per-endpoint options: tags, extra security groups, DNS record IP type (rules/endpointOptions.ts). */
import assert from "node:assert/strict";
import { DNS_RECORD_IP_TYPES, ENDPOINT_OPTION_CODES as CODES, type DnsRecordIpType } from "vpce-plan/plan";
import { endpoint, plan as planOf, request, subnets } from "../helpers/build";
import { runRows } from "../helpers/rows";

const V6 = subnets("us-east-1", "ab", { ipv6: true });

describe("planEndpoints: endpoint options", () => {
  runRows(CODES, [
    {
      why: "baseline: no options, no tags, dnsRecordIpType follows the IP type",
      request: request(),
      check: (p) => assert.equal(endpoint(p, "sts").dnsOptions!.dnsRecordIpType, "ipv4"),
    },
    {
      why: "services[].tags merge over the top-level tags, per endpoint (terraform-aws-modules' per-endpoint tags)",
      request: request({ services: [{ name: "sts", tags: { team: "id", env: "dev" } }, "s3"], tags: { env: "prod", owner: "platform" } }),
      check: (p) => {
        assert.deepEqual(endpoint(p, "sts").tags, { env: "dev", owner: "platform", team: "id" });
        assert.deepEqual(endpoint(p, "s3-gateway").tags, { env: "prod", owner: "platform" });
      },
    },
    {
      why: "a tags.Name the request gives is replaced by each resource's name, and the plan says so (issue 17, item 17)",
      request: request({ services: [{ name: "sts", tags: { Name: "my-sts" } }, "kms"], tags: { Name: "everything", env: "prod" } }),
      warnings: ["TAG_NAME_REPLACED", "TAG_NAME_REPLACED"],
      check: (p) =>
        assert.deepEqual(
          p.warnings
            .filter((w) => w.code === "TAG_NAME_REPLACED")
            .map((w) => w.path)
            .sort(),
          ["services[0].tags.Name", "tags.Name"],
        ),
    },
    {
      why: "securityGroupIds are attached beside the planned group (terraform's security_group_ids per endpoint)",
      request: request({ services: [{ name: "sts", securityGroupIds: ["sg-b", "sg-a", "sg-b"] }] }),
      reasons: { sts: ["EXTRA_SECURITY_GROUPS"] },
      check: (p) => {
        assert.deepEqual(endpoint(p, "sts").extraSecurityGroupIds, ["sg-a", "sg-b"]);
        assert.equal(endpoint(p, "sts").securityGroup!.mode, "perEndpoint");
      },
    },
    {
      why: "planned plus extra groups above AWS's 5 per network interface is an error (existing-mode ids count too)",
      request: request({
        services: [{ name: "sts", securityGroupIds: ["sg-1", "sg-2", "sg-3"] }],
        securityGroup: { mode: "existing", ids: ["sg-x", "sg-y", "sg-z"] },
      }),
      problems: [["TOO_MANY_SECURITY_GROUPS", "services[0].securityGroupIds"]],
    },
    {
      why: "dnsRecordIpType service-defined on a dualstack endpoint",
      request: request({ subnets: V6, services: [{ name: "sts", ipAddressType: "dualstack", dnsRecordIpType: "service-defined" }] }),
      reasons: { sts: ["DNS_RECORD_IP_TYPE"] },
      check: (p) => assert.equal(endpoint(p, "sts").dnsOptions!.dnsRecordIpType, "service-defined"),
    },
    {
      why: "dnsRecordIpType that the endpoint's IP type cannot have",
      request: request({
        services: [
          { name: "sts", dnsRecordIpType: "service-defined" },
          { name: "kms", dnsRecordIpType: "ipv6" },
        ],
      }),
      problems: [
        ["DNS_RECORD_IP_TYPE_MISMATCH", "services[1].dnsRecordIpType"],
        ["DNS_RECORD_IP_TYPE_MISMATCH", "services[0].dnsRecordIpType"],
      ],
    },
    {
      why: "a value AWS does not accept is refused by the request shape",
      request: request({ services: [{ name: "sts", dnsRecordIpType: "ipv5" as DnsRecordIpType }] }),
      problems: [["INVALID_VALUE", "services[0].dnsRecordIpType"]],
    },
  ]);

  it("every dnsRecordIpType AWS accepts plans on an endpoint of a matching IP type", () => {
    assert.deepEqual(Object.keys(DNS_RECORD_IP_TYPES).sort(), ["dualstack", "ipv4", "ipv6", "service-defined"]);
    for (const [record, ipTypes] of Object.entries(DNS_RECORD_IP_TYPES))
      for (const ipAddressType of ipTypes) {
        // ipv6 endpoints take IPv6-only subnets (rules/ipv6.ts).
        const subnets = ipAddressType === "ipv6" ? V6.map((x) => ({ ...x, ipv6Only: true })) : V6;
        const p = request({ subnets, services: [{ name: "sts", ipAddressType, dnsRecordIpType: record as DnsRecordIpType }] });
        assert.equal(endpoint(planOf(p), "sts").dnsOptions!.dnsRecordIpType, record);
      }
  });
});
