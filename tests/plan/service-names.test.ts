/** Rule 10 and the ways a request names services: keys, full service names, bundles. */
import assert from "node:assert/strict";
import { getBundle } from "vpce-plan/catalog";
import { endpoint, plan, problem, request, subnets } from "../helpers/build";

const china = (services: string[]) => request({ region: "cn-north-1", subnets: subnets("cn-north-1", "ab"), services });

describe("planEndpoints: service names (rule 10)", () => {
  it("SageMaker notebooks use aws.sagemaker.<region>.notebook", () => {
    const e = endpoint(plan(request({ services: ["sagemaker.notebook"] })), "sagemaker.notebook");
    assert.equal(e.serviceName, "aws.sagemaker.us-east-1.notebook");
    assert.deepEqual(e.privateDnsNames, ["*.notebook.us-east-1.sagemaker.aws"]);
  });

  it("China uses cn.com.amazonaws names where AWS does, and the .com.cn DNS suffix", () => {
    const p = plan(china(["s3", "sts", "ssm"]));
    // cn.com.amazonaws names are PrivateLink names: the S3 gateway keeps com.amazonaws.
    assert.equal(endpoint(p, "s3-gateway").serviceName, "com.amazonaws.cn-north-1.s3");
    assert.equal(endpoint(p, "sts").serviceName, "cn.com.amazonaws.cn-north-1.sts");
    assert.deepEqual(endpoint(p, "sts").privateDnsNames, ["sts.cn-north-1.amazonaws.com.cn"]);
    assert.equal(endpoint(p, "ssm").serviceName, "com.amazonaws.cn-north-1.ssm");
    const onPrem = plan({ ...china(["s3"]), access: { onPremises: { cidrs: ["192.168.0.0/16"] } } });
    assert.equal(endpoint(onPrem, "s3").serviceName, "cn.com.amazonaws.cn-north-1.s3");
  });

  it("full service names resolve to the catalog key, in the plan region's spelling", () => {
    const p = plan(
      request({ services: ["com.amazonaws.us-east-1.sts", "aws.sagemaker.us-east-1.notebook", "com.amazonaws.s3-global.accesspoint"] }),
    );
    assert.deepEqual(
      p.endpoints.map((e) => [e.service, e.serviceName]),
      [
        ["s3-global.accesspoint", "com.amazonaws.s3-global.accesspoint"],
        ["sagemaker.notebook", "aws.sagemaker.us-east-1.notebook"],
        ["sts", "com.amazonaws.us-east-1.sts"],
      ],
    );
    assert.equal(endpoint(plan(china(["cn.com.amazonaws.cn-north-1.sts"])), "sts").serviceName, "cn.com.amazonaws.cn-north-1.sts");
  });

  it("regionless service names work in any region", () => {
    assert.equal(endpoint(plan(request({ services: ["com.amazonaws.iam"] })), "iam").serviceName, "com.amazonaws.iam");
  });

  it("a full name of another region is SERVICE_REGION_MISMATCH, with the key as hint", () => {
    const p = problem(request({ services: ["com.amazonaws.eu-west-1.sts"] }), "SERVICE_REGION_MISMATCH");
    assert.equal(p.path, "services[0]");
    assert.match(p.message, /eu-west-1/);
    assert.match(p.hint, /sts/);
  });

  it("bundles expand to their services; a service also listed directly appears once", () => {
    const p = plan(request({ bundles: ["ecs-fargate", "secrets"], services: ["s3", "kms"] }));
    const expected = [...new Set([...getBundle("ecs-fargate")!.services, ...getBundle("secrets")!.services, "s3", "kms"])].sort();
    assert.deepEqual(
      p.endpoints.map((e) => e.service),
      expected,
    );
  });

  it("options on a service override its bundle membership", () => {
    const p = plan(request({ bundles: ["ecs-fargate"], services: [{ name: "logs", privateDns: false }] }));
    assert.equal(endpoint(p, "logs").privateDns, false);
    assert.equal(endpoint(p, "ecr.api").privateDns, true);
  });

  it("a service given by key and by name, both with options, is DUPLICATE_SERVICE", () => {
    const req = request({ services: [{ name: "sts" }, { name: "com.amazonaws.us-east-1.sts", privateDns: false }] });
    const p = problem(req, "DUPLICATE_SERVICE");
    assert.equal(p.path, "services[1]");
    assert.match(p.message, /services\[0\]/);
  });

  it("the same key twice as a bare name is merged", () => {
    assert.equal(plan(request({ services: ["sts", "sts", "com.amazonaws.us-east-1.sts"] })).endpoints.length, 1);
  });
});
