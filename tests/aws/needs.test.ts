/** `factsNeeded`: which facts a request still needs, the one list both sources (invokes, AWS SDK) answer. */
import assert from "node:assert/strict";
import { factsNeeded, serviceNamesByRegion } from "vpce-plan/aws";
import { request } from "../helpers/build";

const services = (r: Parameters<typeof factsNeeded>[0]) => factsNeeded(r).services.map((s) => [s.key, s.serviceName, s.path]);

describe("factsNeeded (pure)", () => {
  it("a complete request needs only the interface services' facts", () => {
    const complete = request({ services: ["sts", "s3"] });
    // Whether a subnet is public is looked up (its route table) unless given.
    assert.deepEqual(
      factsNeeded(complete).subnets.map((s) => [s.id, s.public, s.routeTable, s.routeTableId]),
      [
        ["subnet-a", true, false, "rtb-a"],
        ["subnet-b", true, false, "rtb-b"],
      ],
    );
    const needs = factsNeeded({ ...complete, subnets: (complete.subnets ?? []).map((s) => ({ ...s, public: false })) });
    assert.deepEqual(
      needs.services.map((s) => s.key),
      ["sts"],
    );
    assert.equal(needs.gateway, true);
    assert.deepEqual(needs.subnets, []);
    assert.equal(needs.vpc, false);
    assert.equal(needs.accountId, false);
    assert.deepEqual(needs.securityGroups, []);
  });

  it("S3 is looked up only when something may need its interface endpoint", () => {
    assert.deepEqual(services(request({ services: ["s3"] })), []);
    assert.deepEqual(services(request({ services: ["s3"], access: { onPremises: { cidrs: ["192.168.0.0/16"] } } })), [
      ["s3", "com.amazonaws.us-east-1.s3", "services[0]"],
    ]);
    assert.deepEqual(services(request({ services: [{ name: "s3", type: "Interface" }] })), [
      ["s3", "com.amazonaws.us-east-1.s3", "services[0]"],
    ]);
  });

  it("given facts are not looked up again; bundle members name their bundle; FIPS and other regions by their own names", () => {
    assert.deepEqual(services(request({ services: ["sts"], facts: { serviceAzs: { sts: ["us-east-1a"] } } })), []);
    assert.deepEqual(services(request({ services: [], bundles: ["ssm-session-manager"] })), [
      ["ec2messages", "com.amazonaws.us-east-1.ec2messages", "bundles[0]"],
      ["ssm", "com.amazonaws.us-east-1.ssm", "bundles[0]"],
      ["ssmmessages", "com.amazonaws.us-east-1.ssmmessages", "bundles[0]"],
    ]);
    assert.deepEqual(services(request({ services: ["kms"], defaults: { fips: true } })), [
      ["kms", "com.amazonaws.us-east-1.kms-fips", "services[0]"],
    ]);
    const remote = factsNeeded(request({ services: [{ name: "kms", region: "eu-west-1" }] }));
    assert.deepEqual(remote.services, [
      { key: "com.amazonaws.eu-west-1.kms", serviceName: "com.amazonaws.eu-west-1.kms", path: "services[0]", serviceRegion: "eu-west-1" },
    ]);
    assert.deepEqual(serviceNamesByRegion([...remote.services, ...factsNeeded(request()).services]), {
      "": ["com.amazonaws.us-east-1.sts"],
      "eu-west-1": ["com.amazonaws.eu-west-1.kms"],
    });
  });

  it("subnets, VPC, groups and account: what is missing, never by an id that is a placeholder", () => {
    const r = request({
      vpc: { id: "vpc-0abc" },
      services: ["s3", { name: "sts", securityGroupIds: ["sg-0att", "sg-pending-sts-0"], policy: { template: "account-only" } }],
      subnets: [{ id: "subnet-a" }, { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b", public: false }, { id: "subnet-pending-x" }],
      subnetTags: { tier: "private" },
      access: { securityGroups: ["sg-0app"] },
    });
    const needs = factsNeeded(r, new Set(["subnet-pending-x", "sg-pending-sts-0"]));
    assert.deepEqual(needs.subnets, [
      { index: 0, id: "subnet-a", path: "subnets[0]", az: true, tags: true, routeTable: true, public: true },
      { index: 1, id: "subnet-b", path: "subnets[1]", az: false, tags: true, routeTable: false, public: false, routeTableId: "rtb-b" },
    ]);
    assert.equal(needs.vpc, true);
    assert.deepEqual(needs.tagged, { tags: { tier: "private" }, listed: ["subnet-a", "subnet-b", "subnet-pending-x"] });
    assert.deepEqual(needs.securityGroups, [
      { id: "sg-0app", path: "access.securityGroups[0]" },
      { id: "sg-0att", path: "services[1].securityGroupIds[0]" },
    ]);
    assert.equal(needs.accountId, true);
    assert.equal(factsNeeded({ ...r, facts: { accountId: "123456789012" } }).accountId, false);

    const unknownVpc = factsNeeded(r, new Set(["vpc-0abc"]));
    assert.equal(unknownVpc.vpc, false);
    assert.equal(unknownVpc.vpcId, undefined);
    assert.equal(unknownVpc.tagged, undefined);
  });
});
