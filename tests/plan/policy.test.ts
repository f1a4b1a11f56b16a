/** Rule 6: endpoint policies from templates or documents, on gateway and interface endpoints. */
import assert from "node:assert/strict";
import { endpoint, plan, problem, reasonCodes, request, subnets } from "../helpers/build";

const allowWhen = (condition: Record<string, unknown>) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "OnlyOurPrincipals", Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: condition }],
});

describe("planEndpoints: endpoint policies (rule 6)", () => {
  it("no policy: AWS default (null), no policy reason", () => {
    const e = endpoint(plan(request()), "sts");
    assert.equal(e.policy, null);
    assert.ok(!reasonCodes(e).some((c) => c.startsWith("POLICY_")));
  });

  it("organization-only: aws:PrincipalOrgID, on the gateway and the interface endpoint alike", () => {
    const p = plan(
      request({
        services: [{ name: "s3", policy: { template: "organization-only", organizationId: "o-a1b2c3d4e5" } }],
        access: { onPremises: { cidrs: ["192.168.0.0/16"] } },
      }),
    );
    for (const e of p.endpoints) {
      assert.deepEqual(e.policy, allowWhen({ StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }), e.name);
      assert.ok(reasonCodes(e).includes("POLICY_APPLIED"));
    }
    assert.equal(p.endpoints.length, 2);
  });

  it("account-only: one account as a string, several sorted, or the caller's account from facts", () => {
    const one = endpoint(
      plan(request({ services: [{ name: "sts", policy: { template: "account-only", accountIds: ["123456789012"] } }] })),
      "sts",
    );
    assert.deepEqual(one.policy, allowWhen({ StringEquals: { "aws:PrincipalAccount": "123456789012" } }));
    const two = endpoint(
      plan(request({ services: [{ name: "sts", policy: { template: "account-only", accountIds: ["999999999999", "111111111111"] } }] })),
      "sts",
    );
    assert.deepEqual(two.policy, allowWhen({ StringEquals: { "aws:PrincipalAccount": ["111111111111", "999999999999"] } }));
    const fromFacts = endpoint(plan(request({ defaults: { policy: { template: "account-only" } } }), { accountId: "222233334444" }), "sts");
    assert.deepEqual(fromFacts.policy, allowWhen({ StringEquals: { "aws:PrincipalAccount": "222233334444" } }));
  });

  it("s3-buckets: the buckets and their objects, with the partition of the region", () => {
    const policyFor = (region: string): unknown =>
      endpoint(
        plan(
          request({
            region,
            subnets: subnets(region, "ab"),
            services: [{ name: "s3", policy: { template: "s3-buckets", buckets: ["logs-b", "assets-a", "logs-b"] } }],
          }),
        ),
        "s3-gateway",
      ).policy;
    const expected = (partition: string) => ({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "OnlyTheseBuckets",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:*",
          Resource: [
            `arn:${partition}:s3:::assets-a`,
            `arn:${partition}:s3:::assets-a/*`,
            `arn:${partition}:s3:::logs-b`,
            `arn:${partition}:s3:::logs-b/*`,
          ],
        },
      ],
    });
    assert.deepEqual(policyFor("us-east-1"), expected("aws"));
    assert.deepEqual(policyFor("cn-north-1"), expected("aws-cn"));
    assert.deepEqual(policyFor("us-gov-west-1"), expected("aws-us-gov"));
  });

  it("a document is used as given", () => {
    const document = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "sts:*", Resource: "*" }] };
    const e = endpoint(plan(request({ services: [{ name: "sts", policy: { document } }] })), "sts");
    assert.deepEqual(e.policy, document);
    assert.match(e.reasons.find((r) => r.code === "POLICY_APPLIED")!.message, /document/);
  });

  it("full-access is the AWS default: null with POLICY_FULL_ACCESS", () => {
    const e = endpoint(plan(request({ services: [{ name: "sts", policy: { template: "full-access" } }] })), "sts");
    assert.equal(e.policy, null);
    assert.ok(reasonCodes(e).includes("POLICY_FULL_ACCESS"));
  });

  it("defaults.policy applies to every endpoint that accepts policies; the others get POLICY_UNSUPPORTED and one DEFAULT_POLICY_NOT_APPLIED", () => {
    const p = plan(
      request({
        services: ["sts", "config", "servicecatalog"],
        defaults: { policy: { template: "organization-only", organizationId: "o-a1b2c3d4e5" } },
      }),
    );
    assert.ok(endpoint(p, "sts").policy);
    assert.equal(endpoint(p, "config").policy, null);
    assert.ok(reasonCodes(endpoint(p, "config")).includes("POLICY_UNSUPPORTED"));
    const warnings = p.warnings.filter((w) => w.code === "DEFAULT_POLICY_NOT_APPLIED");
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].path, "defaults.policy");
    assert.match(warnings[0].message, /not applied to config, servicecatalog: they take no endpoint policy/);
  });

  it("defaults.policy that reaches every service: no DEFAULT_POLICY_NOT_APPLIED", () => {
    const p = plan(request({ services: ["sts"], defaults: { policy: { template: "organization-only", organizationId: "o-a1b2c3d4e5" } } }));
    assert.ok(!p.warnings.some((w) => w.code === "DEFAULT_POLICY_NOT_APPLIED"));
  });

  it("Systems Manager endpoints take policies (AWS documents SSM endpoint policies; issue 17, item 10)", () => {
    const policy = { template: "organization-only" as const, organizationId: "o-a1b2c3d4e5" };
    const p = plan(request({ services: ["ssm", "ssmmessages", "ec2messages"].map((name) => ({ name, policy })) }));
    for (const name of ["ssm", "ssmmessages", "ec2messages"]) {
      assert.ok(endpoint(p, name).policy, name);
      assert.ok(reasonCodes(endpoint(p, name)).includes("POLICY_APPLIED"), name);
    }
  });

  it("a policy on a service that takes none is an error", () => {
    const req = request({ services: [{ name: "config", policy: { template: "organization-only", organizationId: "o-a1b2c3d4e5" } }] });
    assert.equal(problem(req, "POLICY_UNSUPPORTED").path, "services[0].policy");
  });

  it("facts.servicePolicy overrides the catalog", () => {
    const req = request({
      services: [{ name: "sts", policy: { template: "account-only", accountIds: ["123456789012"] } }],
      facts: { servicePolicy: { sts: false } },
    });
    problem(req, "POLICY_UNSUPPORTED");
  });

  it("template parameters are required; s3-buckets is for S3 only", () => {
    const svc = (policy: object) => request({ services: [{ name: "sts", policy }] });
    assert.equal(problem(svc({ template: "organization-only" }), "POLICY_ORGANIZATION_REQUIRED").path, "services[0].policy.organizationId");
    assert.equal(problem(svc({ template: "account-only" }), "POLICY_ACCOUNT_REQUIRED").path, "services[0].policy.accountIds");
    assert.equal(problem(svc({ template: "s3-buckets", buckets: ["b1b"] }), "POLICY_TEMPLATE_SERVICE").path, "services[0].policy.template");
    const s3 = request({ services: [{ name: "s3", policy: { template: "s3-buckets" } }] });
    assert.equal(problem(s3, "POLICY_BUCKETS_REQUIRED").path, "services[0].policy.buckets");
  });

  it("an S3 bucket allow-list without ECR's layer bucket warns when ECR images are pulled", () => {
    const pulls = (buckets: string[]) =>
      plan(request({ bundles: ["ecs-fargate"], services: [{ name: "s3", policy: { template: "s3-buckets", buckets } }] }));
    const blocked = pulls(["my-assets"]);
    assert.deepEqual(
      blocked.warnings.map((w) => [w.code, w.path]),
      [["S3_POLICY_BLOCKS_ECR_LAYERS", "services[0].policy.buckets"]],
    );
    assert.match(blocked.warnings[0].message, /prod-us-east-1-starport-layer-bucket/);
    assert.deepEqual(pulls(["my-assets", "prod-us-east-1-starport-layer-bucket"]).warnings, []);
    const noEcr = plan(request({ services: [{ name: "s3", policy: { template: "s3-buckets", buckets: ["my-assets"] } }] }));
    assert.deepEqual(noEcr.warnings, []);
  });

  it("a policy document that leaves out ECR's layer bucket warns too, at the document (issue 17, item 18)", () => {
    const only = (resource: string[], extra: object[] = []) => ({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: resource }, ...extra],
    });
    const pulls = (document: Record<string, unknown>) =>
      plan(request({ services: ["ecr.dkr", "ecr.api", { name: "s3", policy: { document } }] })).warnings.map((w) => [w.code, w.path]);
    assert.deepEqual(pulls(only(["arn:aws:s3:::my-assets/*"])), [["S3_POLICY_BLOCKS_ECR_LAYERS", "services[2].policy.document"]]);
    assert.deepEqual(pulls(only(["arn:aws:s3:::my-assets/*", "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"])), []);
    assert.deepEqual(pulls(only(["arn:aws:s3:::prod-*-starport-layer-bucket/*"])), []);
    const denied = only(
      ["*"],
      [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*" }],
    );
    assert.deepEqual(pulls(denied), [["S3_POLICY_BLOCKS_ECR_LAYERS", "services[2].policy.document"]]);
  });

  it("ecr.dkr without any S3 endpoint warns ECR_LAYERS_WITHOUT_S3: the layers would go through NAT (issue 17, item 18)", () => {
    const warned = plan(request({ services: ["ecr.dkr", "ecr.api"] })).warnings.filter((w) => w.code === "ECR_LAYERS_WITHOUT_S3");
    assert.equal(warned.length, 1);
    assert.match(warned[0].message, /prod-us-east-1-starport-layer-bucket/);
    assert.ok(!plan(request({ services: ["ecr.dkr", "ecr.api", "s3"] })).warnings.some((w) => w.code === "ECR_LAYERS_WITHOUT_S3"));
    assert.ok(!plan(request({ services: ["ecr.api"] })).warnings.some((w) => w.code === "ECR_LAYERS_WITHOUT_S3"));
  });

  it("s3-buckets is refused for S3 Express: directory buckets use other actions and ARNs", () => {
    const express = request({ services: [{ name: "s3express", policy: { template: "s3-buckets", buckets: ["b1b"] } }] });
    assert.match(problem(express, "POLICY_TEMPLATE_SERVICE").hint, /s3express actions/);
  });
});
