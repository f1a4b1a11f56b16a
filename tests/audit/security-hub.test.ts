/** The audit's AWS Security Hub endpoint controls (EC2.10, EC2.55-58, EC2.60), on hand-written snapshots. */
import assert from "node:assert/strict";
import { auditVpc, RULES } from "vpce-plan/audit";
import type { EndpointFacts, VpcSnapshot } from "vpce-plan/aws";
import { getRegion } from "vpce-plan/catalog";
import { HOURS_PER_MONTH } from "vpce-plan/plan";

const CONTROLS: Record<string, string> = {
  SECURITY_HUB_EC2_10: "ec2",
  SECURITY_HUB_EC2_55: "ecr.api",
  SECURITY_HUB_EC2_56: "ecr.dkr",
  SECURITY_HUB_EC2_57: "ssm",
  SECURITY_HUB_EC2_58: "ssm-contacts",
  SECURITY_HUB_EC2_60: "ssm-incidents",
};

const iface = (key: string, region = "us-east-1"): EndpointFacts => ({
  id: `vpce-${key.replace(/\W/g, "")}`,
  type: "Interface",
  serviceName: `com.amazonaws.${region}.${key}`,
  state: "available",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  routeTableIds: [],
  securityGroupIds: [],
  privateDns: true,
});

function snapshot(endpoints: EndpointFacts[], region = "us-east-1"): VpcSnapshot {
  return {
    region,
    vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], ipv6Cidrs: [], dnsSupport: true, dnsHostnames: true, isDefault: false },
    subnets: ["a", "b", "c"].map((l) => ({ id: `subnet-${l}`, az: `${region}${l}`, ipv6: false })),
    routeTables: [],
    natGateways: [],
    endpoints,
    securityGroups: [],
  };
}

describe("audit: Security Hub endpoint controls", () => {
  it("are off unless asked for, so existing audits keep their findings", () => {
    assert.deepEqual(
      auditVpc(snapshot([])).filter((f) => f.rule.startsWith("SECURITY_HUB_")),
      [],
    );
  });

  it("each control fails a VPC without its endpoint, pricing what meeting it costs in the VPC's AZs", () => {
    const findings = auditVpc(snapshot([iface("ec2")]), { securityHub: true });
    assert.deepEqual(
      findings.map((f) => f.rule).sort(),
      Object.keys(CONTROLS).filter((r) => r !== "SECURITY_HUB_EC2_10"),
    );
    const perAz = getRegion("us-east-1")!.prices.interfaceHourUsd * HOURS_PER_MONTH;
    for (const f of findings) {
      assert.equal(f.severity, "medium");
      assert.equal(f.resource, "vpc-0abc");
      assert.equal(f.serviceName, `com.amazonaws.us-east-1.${CONTROLS[f.rule]}`);
      assert.ok(f.message.includes(`costs USD ${(perAz * 3).toFixed(2)} a month (3 AZ x USD ${perAz.toFixed(2)})`), f.message);
      assert.match(RULES[f.rule].title, /^Security Hub EC2\.\d+: VPC without an interface endpoint for /);
    }
  });

  it("a VPC with all six endpoints passes; a pending endpoint does not count, and rules can be chosen one by one", () => {
    const all = Object.values(CONTROLS).map((k) => iface(k));
    assert.deepEqual(auditVpc(snapshot(all), { securityHub: true }), []);
    const pending = all.map((e) => (e.serviceName.endsWith(".ssm") ? { ...e, state: "deleted" } : e));
    assert.deepEqual(
      auditVpc(snapshot(pending), { rules: ["SECURITY_HUB_EC2_57"] }).map((f) => f.id),
      ["SECURITY_HUB_EC2_57/vpc-0abc"],
    );
  });

  it("prices in the snapshot's region", () => {
    const [f] = auditVpc(snapshot([], "eu-west-1"), { rules: ["SECURITY_HUB_EC2_10"] });
    const perAz = getRegion("eu-west-1")!.prices.interfaceHourUsd * HOURS_PER_MONTH;
    assert.ok(f.message.includes(`USD ${(perAz * 3).toFixed(2)} a month`), f.message);
    assert.equal(f.serviceName, "com.amazonaws.eu-west-1.ec2");
  });
});
