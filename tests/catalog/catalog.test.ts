/** The catalog data files and their lookups (issue 2, "Service catalog"). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  bundles,
  findService,
  getBundle,
  getRegion,
  getService,
  privateDnsNamesIn,
  regions,
  serviceNameIn,
  services,
  suggest,
  suggestNames,
} from "vpce-plan/catalog";
import { planEndpoints } from "vpce-plan/plan";
import { REPO_ROOT } from "../helpers/requests";

const URL = /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*$/;
const GATEWAY_SERVICES = ["dynamodb", "s3", "s3express"];

/** Required bundles and the services issue 2 lists for them (a bundle may add more). */
const REQUIRED_BUNDLES: Record<string, string[]> = {
  "ecs-fargate": ["ecr.api", "ecr.dkr", "s3", "logs"],
  "ecs-ec2": ["ecr.api", "ecr.dkr", "s3", "logs", "ecs", "ecs-agent", "ecs-telemetry"],
  "eks-private-nodes": ["ec2", "ecr.api", "ecr.dkr", "s3", "sts", "logs", "elasticloadbalancing", "autoscaling"],
  "ssm-session-manager": ["ssm", "ssmmessages", "ec2messages"],
  "lambda-in-vpc": ["lambda"],
  secrets: ["secretsmanager", "kms", "ssm"],
};

describe("catalog: services", () => {
  it("lists at least 150 services with interface endpoints", () => {
    assert.ok(services.filter((s) => s.types.includes("Interface")).length >= 150);
  });

  it("keys are unique and sorted", () => {
    const keys = services.map((s) => s.key);
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(keys, [...keys].sort());
  });

  it("gateway endpoints only for s3, dynamodb and s3express; S3 and DynamoDB also have interface endpoints", () => {
    assert.deepEqual(
      services.filter((s) => s.types.includes("Gateway")).map((s) => s.key),
      GATEWAY_SERVICES,
    );
    assert.deepEqual(getService("s3")?.types, ["Gateway", "Interface"]);
    assert.deepEqual(getService("dynamodb")?.types, ["Gateway", "Interface"]);
  });

  it("every entry is complete: title, types, a service-name pattern, a TCP port, a doc URL", () => {
    for (const s of services) {
      assert.ok(s.title.length > 2, s.key);
      assert.ok(s.types.length >= 1 && s.types.every((t) => t === "Gateway" || t === "Interface"), s.key);
      assert.match(s.serviceName, /^(com\.amazonaws|aws\.sagemaker|aws\.api|api\.aws)\.|\{region\}/, s.key);
      assert.ok(Number.isInteger(s.port) && s.port > 0 && s.port < 65536, s.key);
      assert.equal(typeof s.policy, "boolean", s.key);
      assert.match(s.doc, URL, s.key);
      for (const name of s.privateDnsNames) assert.match(name, /^(\*\.)?[a-zA-Z0-9{}.-]+$/, `${s.key}: ${name}`);
    }
  });

  it("service names follow AWS's exceptions", () => {
    const us = getRegion("us-east-1")!;
    const cn = getRegion("cn-north-1")!;
    assert.equal(serviceNameIn(getService("sagemaker.notebook")!, us), "aws.sagemaker.us-east-1.notebook");
    assert.equal(serviceNameIn(getService("s3-global.accesspoint")!, us), "com.amazonaws.s3-global.accesspoint");
    assert.equal(serviceNameIn(getService("s3")!, cn), "cn.com.amazonaws.cn-north-1.s3");
    assert.deepEqual(privateDnsNamesIn(getService("ecr.dkr")!, us), ["*.dkr.ecr.us-east-1.amazonaws.com"]);
    assert.deepEqual(privateDnsNamesIn(getService("sts")!, cn), ["sts.cn-north-1.amazonaws.com.cn"]);
    assert.equal(getService("cassandra")?.port, 9142);
  });

  it("the data file cites its sources as URLs", () => {
    const sources = (file: string): string[] => JSON.parse(readFileSync(join(REPO_ROOT, "sdk", "src", "catalog", file), "utf8")).sources;
    assert.ok(sources("services.json").length > 0);
    assert.ok(sources("regions.json").length > 0);
    assert.ok(sources("availability.json").every((u: string) => URL.test(u)) && sources("availability.json").length > 0);
    for (const file of ["services.json", "regions.json"]) for (const source of sources(file)) assert.match(source, URL, file);
  });
});

describe("catalog: bundles", () => {
  it("has the required bundles with their services", () => {
    for (const [key, required] of Object.entries(REQUIRED_BUNDLES)) {
      const bundle = getBundle(key);
      assert.ok(bundle, key);
      for (const service of required) assert.ok(bundle.services.includes(service), `${key} lacks ${service}`);
    }
  });

  it("every bundle's services exist, once each, sorted; every bundle cites a doc URL", () => {
    for (const b of bundles) {
      for (const key of b.services) assert.ok(getService(key), `${b.key}: ${key}`);
      assert.deepEqual(b.services, [...new Set(b.services)].sort(), b.key);
      assert.match(b.doc, URL, b.key);
    }
  });

  it("a key that is both a bundle and a service (bedrock) is the service under services, the bundle under bundles", () => {
    const both = bundles.filter((b) => getService(b.key)).map((b) => b.key);
    assert.deepEqual(both, ["bedrock"]);
    const base = { region: "us-east-1", vpc: { id: "vpc-1", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true } };
    const subnets = [
      { id: "subnet-a", az: "us-east-1a" },
      { id: "subnet-b", az: "us-east-1b" },
    ];
    assert.deepEqual(
      planEndpoints({ ...base, subnets, services: ["bedrock"] }).endpoints.map((e) => e.service),
      ["bedrock"],
    );
    assert.deepEqual(
      planEndpoints({ ...base, subnets, bundles: ["bedrock"] }).endpoints.map((e) => e.service),
      getBundle("bedrock")!.services,
    );
  });
});

describe("catalog: regions", () => {
  it("every region has a price table with non-negative numbers and a known partition", () => {
    for (const r of regions) {
      assert.ok(["aws", "aws-cn", "aws-us-gov"].includes(r.partition), r.code);
      for (const [field, value] of Object.entries(r.prices)) assert.ok(typeof value === "number" && value >= 0, `${r.code}.${field}`);
    }
    assert.equal(getRegion("us-east-1")?.pricesAssumed, undefined);
    assert.equal(getRegion("cn-north-1")?.dnsSuffix, "amazonaws.com.cn");
  });
});

describe("catalog: lookups", () => {
  it("findService by key and by full service name, with the region it names", () => {
    assert.equal(findService("secretsmanager")?.service.key, "secretsmanager");
    assert.equal(findService("secretsmanager")?.region, undefined);
    assert.deepEqual(
      [findService("com.amazonaws.eu-west-1.ecr.dkr")?.service.key, findService("com.amazonaws.eu-west-1.ecr.dkr")?.region],
      ["ecr.dkr", "eu-west-1"],
    );
    assert.equal(findService("aws.sagemaker.us-west-2.notebook")?.service.key, "sagemaker.notebook");
    assert.equal(findService("cn.com.amazonaws.cn-north-1.s3")?.region, "cn-north-1");
    assert.equal(findService("com.amazonaws.s3-global.accesspoint")?.service.key, "s3-global.accesspoint");
    assert.equal(findService("com.amazonaws.not-a-region.sts"), undefined);
    assert.equal(findService("nothing"), undefined);
  });

  it("a one-letter typo ranks before a longer name that merely contains the input", () => {
    assert.deepEqual(suggest("typ", ["ipAddressType", "type"]), ["type", "ipAddressType"]);
  });

  it("suggests the closest keys and bundles for a misspelt name", () => {
    assert.equal(suggestNames("secretmanager")[0], "secretsmanager");
    assert.ok(suggestNames("ecs-fargte").includes("ecs-fargate"));
    assert.ok(suggestNames("com.amazonaws.us-east-1.dynamodbb").includes("dynamodb"));
    assert.deepEqual(suggestNames("zzzzzzzzzzzzzzzzzzzz"), []);
  });

  it("suggests by the names users type: titles, common names and bundles, not only keys", () => {
    const rows: Array<[string, string[]]> = [
      ["keyspaces", ["cassandra", "cassandra-streams"]], // titles: Amazon Keyspaces (for Apache Cassandra), its streams
      ["ses", ["email", "email-smtp", "mail-manager"]], // titles: Amazon SES, Amazon SES (SMTP), Amazon SES Mail Manager
      ["sessionmanager", ["ssm-session-manager", "ssmmessages"]], // the bundle's key, then the title
      ["Session Manager", ["ssm-session-manager", "ssmmessages"]],
    ];
    for (const [input, expected] of rows) assert.deepEqual(suggestNames(input), expected, input);
  });
});
