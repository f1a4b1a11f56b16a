import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isNetworkRequest, planEndpoints } from "vpce-plan/plan";
import { exampleRequestFiles, loadExampleRequest, REPO_ROOT } from "../helpers/requests";

describe("bundled example requests", () => {
  // Hub-and-spoke requests have their own planner and tests (tests/multi).
  for (const file of exampleRequestFiles().filter((f) => !isNetworkRequest(loadExampleRequest(f)))) {
    it(`${file} plans without errors`, () => {
      const plan = planEndpoints(loadExampleRequest(file));
      assert.ok(plan.endpoints.length > 0);
      assert.deepEqual(plan.errors, []);
    });
  }

  it("an example that limits S3 to its buckets and pulls from ECR admits the region's ECR layer bucket", () => {
    // ECR serves image layers from the AWS-owned bucket prod-<region>-starport-layer-bucket (ECR user
    // guide, "Amazon ECR interface VPC endpoints"): without it an S3 bucket policy blocks every pull.
    let checked = 0;
    for (const file of exampleRequestFiles().filter((f) => !isNetworkRequest(loadExampleRequest(f)))) {
      const plan = planEndpoints(loadExampleRequest(file));
      const s3 = plan.endpoints.filter((e) => e.service === "s3" && e.policy);
      if (!s3.length || !plan.endpoints.some((e) => e.service.startsWith("ecr."))) continue;
      for (const e of s3) {
        const statement = (e.policy as { Statement: Array<{ Resource: string[] }> }).Statement[0];
        assert.ok(statement.Resource.includes(`arn:aws:s3:::prod-${plan.region}-starport-layer-bucket/*`), `${file}: ${e.name}`);
        checked++;
      }
    }
    assert.ok(checked > 0, "no example combines an s3-buckets policy with ECR");
  });

  it("on-prem-resolver plans the Resolver inbound endpoint instead of warning", () => {
    const plan = planEndpoints(loadExampleRequest("on-prem-resolver.yaml"));
    assert.deepEqual(plan.resolver?.azs, ["us-east-1a", "us-east-1b"]);
    assert.deepEqual(
      plan.resolver?.securityGroup.ingress.map((r) => `${r.protocol} ${r.cidr}`),
      ["tcp 172.16.0.0/12", "udp 172.16.0.0/12"],
    );
    assert.ok(!plan.warnings.some((w) => w.code === "ON_PREMISES_DNS_NEEDS_RESOLVER"));
  });

  it("fips-vpc plans every interface endpoint on its FIPS endpoint service but the one that opts out", () => {
    const plan = planEndpoints(loadExampleRequest("fips-vpc.yaml"));
    const names = Object.fromEntries(plan.endpoints.map((e) => [e.name, e.serviceName]));
    assert.deepEqual(names, {
      kms: "com.amazonaws.us-east-1.kms-fips",
      logs: "com.amazonaws.us-east-1.logs",
      "s3-gateway": "com.amazonaws.us-east-1.s3",
      sqs: "com.amazonaws.us-east-1.sqs-fips",
      ssm: "com.amazonaws.us-east-1.ssm-fips",
      sts: "com.amazonaws.us-east-1.sts-fips",
    });
    assert.deepEqual(plan.endpoints.find((e) => e.name === "kms")?.privateDnsNames, ["kms-fips.us-east-1.amazonaws.com"]);
    assert.deepEqual(plan.warnings, []);
  });

  it("on-prem-s3 pairs the free gateway with an inbound-only interface endpoint that waits for it", () => {
    const plan = planEndpoints(loadExampleRequest("on-prem-s3.yaml"));
    const [gateway, iface] = plan.endpoints;
    assert.equal(gateway.type, "Gateway");
    assert.deepEqual(gateway.routeTableIds, ["rtb-dx"]);
    assert.equal(iface.type, "Interface");
    assert.deepEqual(iface.dnsOptions, { dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: true });
    assert.deepEqual(iface.dependsOn, ["s3-gateway"]);
    assert.deepEqual(
      iface.securityGroup?.ingress.map((r) => r.cidr),
      ["172.16.0.0/12"],
    );
  });
});

describe("docs/request.md: the S3 batch example's table", () => {
  it("shows each service's scope, what each endpoint admits, the traffic it is priced for and its cost, as planned", () => {
    const plan = planEndpoints(loadExampleRequest("s3-batch-on-prem.yaml"));
    const page = readFileSync(join(REPO_ROOT, "docs", "request.md"), "utf8");
    const table = /<!-- example:s3-batch-on-prem:start -->\n([\s\S]*?)\n<!-- example:s3-batch-on-prem:end -->/.exec(page);
    assert.ok(table, "docs/request.md has the example table");
    const rows = table[1]
      .split("\n")
      .slice(2)
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    const from = { vpc: "from the VPC", onPremises: "from on-premises", peers: "from peer VPCs" } as const;
    const expected = plan.endpoints.map((e) => {
      const narrowed = e.reasons.find((r) => r.code === "ACCESS_NARROWED");
      const scope = narrowed ? /is used by (.*) only/.exec(narrowed.message)![1] : "the VPC, on-premises";
      const admits = e.type === "Gateway" ? "(route)" : e.securityGroup!.ingress.map((r) => r.cidr ?? r.securityGroupId).join(", ");
      const parts = Object.entries(e.cost.trafficGb!).filter(([, gb]) => gb > 0);
      const traffic = parts.map(([part, gb]) => `${gb} ${from[part as keyof typeof from]}`).join(", ");
      return [e.service, scope.replace(/security groups sg-0batch/, "the VPC"), e.type, admits, traffic, `$${e.monthlyCostUsd.toFixed(2)}`];
    });
    assert.deepEqual(rows, expected);
    // What the text says the per-service access avoids.
    const request = loadExampleRequest("s3-batch-on-prem.yaml") as { services: Array<string | { name: string }> };
    const broad = planEndpoints({ ...request, services: request.services.map((s) => (typeof s === "string" ? s : s.name)) });
    const dynamodb = broad.endpoints.find((e) => e.name === "dynamodb")!;
    assert.equal(dynamodb.monthlyCostUsd, 14.6);
    assert.ok(broad.endpoints.find((e) => e.name === "sts")!.securityGroup!.ingress.some((r) => r.cidr === "172.16.0.0/12"));
    assert.match(
      page,
      new RegExp(`Total \\$${plan.cost.monthlyTotalUsd} a month, \\$${plan.cost.nat!.savingsUsd.toFixed(2)} less than NAT`),
    );
  });
});
