/** The organization's own findings, over hand-written snapshots: each rule's valid and invalid rows. */
import assert from "node:assert/strict";
import { centralizeCandidates, unusedEndpoints } from "vpce-plan/audit";
import type { EndpointFacts, VpcSnapshot } from "vpce-plan/aws";

const endpoint = (over: Partial<EndpointFacts>): EndpointFacts => ({
  id: "vpce-1",
  type: "Interface",
  serviceName: "com.amazonaws.us-east-1.sts",
  state: "available",
  subnetIds: ["subnet-a", "subnet-b"],
  routeTableIds: [],
  securityGroupIds: ["sg-1"],
  privateDns: true,
  ...over,
});

const vpc = (id: string, endpoints: EndpointFacts[], ingress = true): VpcSnapshot => ({
  region: "us-east-1",
  vpc: { id, cidrs: ["10.0.0.0/16"], ipv6Cidrs: [], dnsSupport: true, dnsHostnames: true, isDefault: false },
  subnets: [],
  routeTables: [],
  natGateways: [],
  endpoints,
  securityGroups: [
    {
      id: "sg-1",
      name: "endpoints",
      ingress: ingress
        ? [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["10.0.0.0/16"], ipv6Cidrs: [], groupIds: [], prefixListIds: [] }]
        : [],
    },
  ],
});

const at = (account: string, snapshot: VpcSnapshot, region = "us-east-1") => ({ account, region, snapshot });

describe("organization findings", () => {
  it("valid: used endpoints, one VPC per service and region: no finding", () => {
    const vpcs = [
      at(
        "111111111111",
        vpc("vpc-a", [
          endpoint({}),
          endpoint({
            id: "vpce-gw",
            type: "Gateway",
            serviceName: "com.amazonaws.us-east-1.s3",
            subnetIds: [],
            securityGroupIds: [],
            routeTableIds: ["rtb-1"],
          }),
        ]),
      ),
    ];
    assert.deepEqual(unusedEndpoints(vpcs), []);
    assert.deepEqual(centralizeCandidates(vpcs), []);
  });

  it("ENDPOINT_ROUTES_NOTHING: a gateway endpoint with no route table", () => {
    const gw = endpoint({
      id: "vpce-gw",
      type: "Gateway",
      serviceName: "com.amazonaws.us-east-1.s3",
      subnetIds: [],
      securityGroupIds: [],
      routeTableIds: [],
    });
    const [f] = unusedEndpoints([at("111111111111", vpc("vpc-a", [gw]))]);
    assert.equal(f?.rule, "ENDPOINT_ROUTES_NOTHING");
    assert.equal(f?.id, "111111111111/us-east-1/ENDPOINT_ROUTES_NOTHING/vpce-gw");
  });

  it("ENDPOINT_UNREACHABLE: an interface endpoint whose groups admit no one, with its AZ-hours", () => {
    const [f] = unusedEndpoints([at("111111111111", vpc("vpc-a", [endpoint({})], false))]);
    assert.equal(f?.rule, "ENDPOINT_UNREACHABLE");
    assert.equal(f?.monthlyUsd, 14.6, "2 AZ x USD 0.01 x 730 h");
  });

  it("a group the read did not see is not 'admits nothing'", () => {
    assert.deepEqual(unusedEndpoints([at("111111111111", vpc("vpc-a", [endpoint({ securityGroupIds: ["sg-elsewhere"] })], false))]), []);
  });

  it("ORG_CENTRALIZE: one service in VPCs of two accounts in one region; not across regions", () => {
    const two = [at("111111111111", vpc("vpc-a", [endpoint({})])), at("222222222222", vpc("vpc-b", [endpoint({ id: "vpce-2" })]))];
    const [f] = centralizeCandidates(two);
    assert.equal(f?.rule, "ORG_CENTRALIZE");
    assert.equal(f?.resource, "us-east-1:sts");
    assert.match(f!.message, /2 VPCs in us-east-1 pay USD 29\.20 a month/);
    assert.equal(f?.monthlyUsd, undefined, "no saving without a network plan");
    const regions = [
      two[0]!,
      at("222222222222", vpc("vpc-b", [endpoint({ id: "vpce-2", serviceName: "com.amazonaws.eu-west-1.sts" })]), "eu-west-1"),
    ];
    assert.deepEqual(centralizeCandidates(regions), []);
  });
});
