/** IP address types (rules/ipv6.ts): IPv6-only subnets, no IPv4 rules on ipv6 endpoints, gateways, blame. */
import assert from "node:assert/strict";
import { endpoint, ingressCidrs, request, subnets } from "../helpers/build";
import { runRows } from "../helpers/acceptRows";

const v6vpc = { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], ipv6Cidrs: ["2600:1f18:abcd:1200::/56"], dnsSupport: true, dnsHostnames: true };
const dual = subnets("us-east-1", "ab", { ipv6: true });
const v6only = subnets("us-east-1", "ab", { ipv6: true, ipv6Only: true });

describe("planEndpoints: IP address types", () => {
  runRows([
    {
      why: "ipAddressType ipv6 on dual-stack subnets is IPV6_ONLY_SUBNET_REQUIRED, naming the subnets",
      request: request({ vpc: v6vpc, subnets: dual, services: [{ name: "sts", ipAddressType: "ipv6" }] }),
      problems: [["IPV6_ONLY_SUBNET_REQUIRED", "services[0].ipAddressType"]],
      checkProblems: ([p]) => {
        assert.match(p.message, /subnet-a, subnet-b are not/);
        assert.match(p.hint, /ipv6Only: true/);
      },
    },
    {
      why: "an ipv6 endpoint on IPv6-only subnets admits no IPv4 rule",
      request: request({ vpc: v6vpc, subnets: v6only, services: [{ name: "sts", ipAddressType: "ipv6" }] }),
      check: (p) => assert.deepEqual(ingressCidrs(endpoint(p, "sts")), ["2600:1f18:abcd:1200::/56"]),
    },
    {
      why: "an ipv4 endpoint (nobody wrote a type) on IPv6-only subnets is IPV4_SUBNET_REQUIRED at subnets",
      request: request({ vpc: v6vpc, subnets: v6only }),
      problems: [["IPV4_SUBNET_REQUIRED", "subnets"]],
    },
    {
      why: "a problem caused by defaults.ipAddressType is reported once, at defaults.ipAddressType, services in request order",
      request: request({
        vpc: v6vpc,
        subnets: dual,
        services: ["sts", "kms", "logs", "ssm"],
        defaults: { ipAddressType: "ipv6" },
      }),
      problems: [["IPV6_ONLY_SUBNET_REQUIRED", "defaults.ipAddressType"]],
      checkProblems: ([p]) => {
        assert.match(p.message, /sts \(services\[0\]\).*kms \(services\[1\]\).*logs \(services\[2\]\).*ssm \(services\[3\]\)/);
        assert.match(p.hint, /Give services\[0\], services\[1\], services\[2\], services\[3\] subnetIds of subnets/);
      },
    },
    {
      why: "problems of services that wrote ipAddressType themselves come in request order, at their own fields",
      request: request({
        vpc: v6vpc,
        subnets: dual,
        services: [{ name: "sts", ipAddressType: "ipv6" }, "kms", { name: "ecr.api", ipAddressType: "ipv6" }],
      }),
      problems: [
        ["IPV6_ONLY_SUBNET_REQUIRED", "services[0].ipAddressType"],
        ["IPV6_ONLY_SUBNET_REQUIRED", "services[2].ipAddressType"],
      ],
    },
    {
      why: "IPv6 on-premises networks for an ipv4 endpoint: IPV6_CONSUMERS_DROPPED names them and the fix",
      request: request({ access: { onPremises: { cidrs: ["192.168.0.0/16", "2001:db8::/48"] } } }),
      warnings: [["IPV6_CONSUMERS_DROPPED", "access.onPremises.cidrs"]],
      check: (p) => {
        const w = p.warnings.find((x) => x.code === "IPV6_CONSUMERS_DROPPED")!;
        assert.match(w.message, /2001:db8::\/48/);
        assert.match(w.message, /ipAddressType: dualstack/);
      },
    },
    {
      why: "dualstack endpoints admit the IPv6 on-premises networks, and nothing is dropped",
      request: request({
        vpc: v6vpc,
        subnets: dual,
        defaults: { ipAddressType: "dualstack" },
        access: { onPremises: { cidrs: ["2001:db8::/48"] } },
      }),
      absent: ["IPV6_CONSUMERS_DROPPED"],
      check: (p) => assert.ok(ingressCidrs(endpoint(p, "sts")).includes("2001:db8::/48")),
    },
    {
      why: "dualstack for a service whose IP types were not looked up: IP_TYPES_ASSUMED (issue 17, item 16), like AZS_ASSUMED",
      request: request({ vpc: v6vpc, subnets: dual, services: ["sts", "kms"], defaults: { ipAddressType: "dualstack" } }),
      warnings: [["IP_TYPES_ASSUMED", "defaults.ipAddressType"]],
      check: (p) =>
        assert.deepEqual(
          p.warnings.filter((w) => w.code === "IP_TYPES_ASSUMED").map((w) => w.service),
          ["kms", "sts"],
        ),
    },
    {
      why: "IP types known: no IP_TYPES_ASSUMED; an ipv4 endpoint never needs them",
      request: request({
        vpc: v6vpc,
        subnets: dual,
        services: [{ name: "sts", ipAddressType: "dualstack" }, "kms"],
        facts: { serviceIpTypes: { sts: ["ipv4", "ipv6"] } },
      }),
      absent: ["IP_TYPES_ASSUMED"],
    },
    {
      why: "an S3 gateway takes ipAddressType (AWS supports it for S3 gateways)",
      request: request({ vpc: v6vpc, subnets: dual, services: [{ name: "s3", ipAddressType: "dualstack" }] }),
      check: (p) => assert.equal(endpoint(p, "s3-gateway").ipAddressType, "dualstack"),
    },
    {
      why: "a DynamoDB gateway does not: GATEWAY_IP_TYPE_UNSUPPORTED instead of dropping it silently",
      request: request({ vpc: v6vpc, subnets: dual, services: [{ name: "dynamodb", ipAddressType: "dualstack" }] }),
      warnings: [["GATEWAY_IP_TYPE_UNSUPPORTED", "services[0].ipAddressType"]],
      check: (p) => assert.equal(endpoint(p, "dynamodb-gateway").ipAddressType, undefined),
    },
  ]);
});
