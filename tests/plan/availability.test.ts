/** Rule 10: which services a region offers, and FIPS endpoint services (rules/availability.ts). */
import assert from "node:assert/strict";
import { isPlanRequestError, planEndpoints } from "vpce-plan/plan";
import type { Plan, PlanFacts, PlannedEndpoint, PlanRequest, Problem } from "vpce-plan/plan";
import { request, subnets } from "../helpers/build";

const FAMILY = ["SERVICE_UNAVAILABLE", "AVAILABILITY_UNKNOWN", "FIPS_UNAVAILABLE", "FIPS_ENDPOINT"];
const inRegion = (region: string, more: Partial<PlanRequest> = {}): PlanRequest =>
  request({ region, subnets: subnets(region, "ab"), ...more });
const azs = (region: string): string[] => [`${region}a`, `${region}b`];

interface Row {
  why: string;
  request: PlanRequest;
  facts?: PlanFacts;
  /** [code, path] of every problem of this family. */
  problems?: Array<[string, string]>;
  /** [code, path] of every warning of this family. */
  warnings?: Array<[string, string]>;
  /** Per endpoint name: its service name, and whether it carries FIPS_ENDPOINT. */
  endpoints?: Record<string, { serviceName: string; fips?: boolean; privateDnsNames?: string[] }>;
  message?: RegExp;
  hint?: RegExp;
}

const rows: Row[] = [
  {
    why: "baseline: sts in us-east-1, whose list is the PrivateLink table",
    request: request(),
    endpoints: { sts: { serviceName: "com.amazonaws.us-east-1.sts" } },
  },
  {
    why: "IAM's regionless endpoint service in its home region",
    request: request({ services: ["iam"] }),
    endpoints: { iam: { serviceName: "com.amazonaws.iam", privateDnsNames: ["iam.amazonaws.com"] } },
  },
  {
    why: "IAM elsewhere in the partition is unavailable, naming the home region and the cross-region alternative",
    request: inRegion("eu-central-1", { services: ["sts", "iam"] }),
    problems: [["SERVICE_UNAVAILABLE", "services[1]"]],
    message: /iam \(com\.amazonaws\.iam\) is not offered in eu-central-1: it is a regionless service.*us-east-1/,
    hint: /plan the VPC in us-east-1, or reach us-east-1 through a cross-region interface endpoint/,
  },
  {
    why: "IAM asked for by a bundle-free full name is the same",
    request: inRegion("eu-west-1", { services: ["com.amazonaws.iam"] }),
    problems: [["SERVICE_UNAVAILABLE", "services[0]"]],
  },
  {
    why: "AZs looked up from AWS settle availability: AWS answered for the service in this region",
    request: inRegion("eu-central-1", { services: ["iam"] }),
    facts: { serviceAzs: { iam: azs("eu-central-1") } },
    endpoints: { iam: { serviceName: "com.amazonaws.iam" } },
  },
  {
    why: "Route 53's regionless endpoint service lives in us-east-1 (requests are signed for it): elsewhere it is unavailable",
    request: inRegion("eu-central-1", { services: ["route53"] }),
    problems: [["SERVICE_UNAVAILABLE", "services[0]"]],
    message:
      /route53 \(com\.amazonaws\.route53\) is not offered in eu-central-1: it is a regionless service.*us-east-1 \(https:\/\/docs\.aws\.amazon\.com\/general\/latest\/gr\/r53\.html\)/,
    hint: /reach us-east-1 through a cross-region interface endpoint/,
  },
  {
    why: "Route 53 reached in its home region through a cross-region endpoint is available there",
    request: inRegion("eu-central-1", { services: [{ name: "route53", region: "us-east-1" }] }),
  },
  {
    why: "China's Route 53 lives in cn-northwest-1: planned there without an availability warning",
    request: inRegion("cn-northwest-1", { services: ["route53"] }),
    endpoints: { route53: { serviceName: "com.amazonaws.route53" } },
  },
  {
    why: "China's Route 53 is unavailable in cn-north-1, naming cn-northwest-1",
    request: inRegion("cn-north-1", { services: ["route53"] }),
    problems: [["SERVICE_UNAVAILABLE", "services[0]"]],
    hint: /plan the VPC in cn-northwest-1/,
  },
  {
    why: "CloudFront's API lives only in us-east-1: unavailable in us-west-2",
    request: inRegion("us-west-2", { services: ["cloudfront"] }),
    problems: [["SERVICE_UNAVAILABLE", "services[0]"]],
    message: /cloudfront .*us-east-1 \(https:\/\/docs\.aws\.amazon\.com\/general\/latest\/gr\/cf_region\.html\)/,
  },
  {
    why: "Lightsail runs only where its own API lists a region: not in China",
    request: inRegion("cn-north-1", { services: ["lightsail"] }),
    problems: [["SERVICE_UNAVAILABLE", "services[0]"]],
    hint: /no region of aws-cn offers it/,
  },
  {
    why: "GovCloud offers Step Functions through PrivateLink only for FIPS endpoints: the non-FIPS states name is unavailable",
    request: inRegion("us-gov-east-1", { services: ["states"] }),
    problems: [["SERVICE_UNAVAILABLE", "services[0]"]],
    message: /states .*govcloud-step-functions\.html/,
    hint: /no region of aws-us-gov offers it/,
  },
  {
    why: "Polly runs only in Ningxia among the China regions: unavailable in Beijing, naming Ningxia",
    request: inRegion("cn-north-1", { services: ["polly"] }),
    problems: [["SERVICE_UNAVAILABLE", "services[0]"]],
    message:
      /polly \(com\.amazonaws\.cn-north-1\.polly\) is not offered in cn-north-1; AWS offers it in cn-northwest-1 \(https:\/\/docs\.amazonaws\.cn\/en_us\/aws\/latest\/userguide\/polly\.html\)/,
    hint: /plan the VPC in cn-northwest-1/,
  },
  {
    why: "Polly in Ningxia has its China name (CDK's table): planned without a warning",
    request: inRegion("cn-northwest-1", { services: ["polly"] }),
    endpoints: { polly: { serviceName: "cn.com.amazonaws.cn-northwest-1.polly" } },
  },
  {
    why: "IoT TwinMaker and Greengrass run only in Beijing: unavailable in Ningxia, one problem each",
    request: inRegion("cn-northwest-1", { services: ["iottwinmaker.api", "greengrass"] }),
    problems: [
      ["SERVICE_UNAVAILABLE", "services[1]"],
      ["SERVICE_UNAVAILABLE", "services[0]"],
    ],
    message: /iottwinmaker\.api .*cn-north-1 \(https:\/\/docs\.amazonaws\.cn\/en_us\/aws\/latest\/userguide\/iottm\.md\)/,
  },
  {
    why: "in the one China region IoT TwinMaker runs in, whether it has an endpoint service stays unknown",
    request: inRegion("cn-north-1", { services: ["iottwinmaker.api"] }),
    warnings: [["AVAILABILITY_UNKNOWN", "region"]],
  },
  {
    why: "China's IAM lives in Beijing, where the China regions' IAM control plane is",
    request: inRegion("cn-north-1", { services: ["iam"] }),
    endpoints: { iam: { serviceName: "com.amazonaws.iam", privateDnsNames: ["iam.amazonaws.com.cn"] } },
  },
  {
    why: "IAM in Ningxia is unavailable, naming Beijing and the cross-region alternative",
    request: inRegion("cn-northwest-1", { services: ["iam"] }),
    problems: [["SERVICE_UNAVAILABLE", "services[0]"]],
    message: /iam \(com\.amazonaws\.iam\) is not offered in cn-northwest-1: it is a regionless service.*cn-north-1/,
    hint: /plan the VPC in cn-north-1, or reach cn-north-1 through a cross-region interface endpoint/,
  },
  {
    why: "IAM reached in Beijing from Ningxia through a cross-region endpoint (China lists IAM as cross-region enabled)",
    request: inRegion("cn-northwest-1", { services: [{ name: "iam", region: "cn-north-1" }] }),
  },
  {
    why: "GovCloud's IAM control plane region is not stated: IAM there stays unknown",
    request: inRegion("us-gov-west-1", { services: ["iam"] }),
    warnings: [["AVAILABILITY_UNKNOWN", "region"]],
  },
  {
    why: "Lightsail in a region its API lists is known to be offered",
    request: inRegion("eu-north-1", { services: ["lightsail"] }),
    endpoints: { lightsail: { serviceName: "com.amazonaws.eu-north-1.lightsail" } },
  },
  {
    why: "a region whose list the catalog does not know: one warning names the services planned anyway",
    request: inRegion("eu-west-1", { services: ["sqs", "kms"] }),
    warnings: [["AVAILABILITY_UNKNOWN", "region"]],
    message: /does not know whether eu-west-1 offers kms, sqs;/,
  },
  {
    why: "the region's whole list read from the account (facts.regionServiceNames) settles what the catalog does not know",
    request: inRegion("eu-west-1", { services: ["sqs", "kms"] }),
    facts: { regionServiceNames: ["com.amazonaws.eu-west-1.kms", "com.amazonaws.eu-west-1.sqs"] },
    endpoints: { kms: { serviceName: "com.amazonaws.eu-west-1.kms" }, sqs: { serviceName: "com.amazonaws.eu-west-1.sqs" } },
  },
  {
    why: "a catalog service the region's list leaves out is unavailable, at its own entry",
    request: inRegion("eu-west-1", { services: ["sqs", "kms"] }),
    facts: { regionServiceNames: ["com.amazonaws.eu-west-1.sqs"] },
    problems: [["SERVICE_UNAVAILABLE", "services[1]"]],
    message: /kms \(com\.amazonaws\.eu-west-1\.kms\) is not offered in eu-west-1: the region's list of endpoint services/,
    hint: /catalog --from-aws --region eu-west-1 --write FILE/,
  },
  {
    why: "the list wins over the catalog: AWS listing IAM's regionless name in eu-central-1 offers it there",
    request: inRegion("eu-central-1", { services: ["iam"] }),
    facts: { regionServiceNames: ["com.amazonaws.iam"] },
    endpoints: { iam: { serviceName: "com.amazonaws.iam" } },
  },
  {
    why: "a gateway-only S3 plan is offered when the list has S3's name",
    request: inRegion("eu-west-1", { services: ["s3"] }),
    facts: { regionServiceNames: ["com.amazonaws.eu-west-1.s3"] },
    endpoints: { "s3-gateway": { serviceName: "com.amazonaws.eu-west-1.s3" } },
  },
  {
    why: "China: the list is matched by the region's own name (cn.com.amazonaws for account in cn-northwest-1)",
    request: inRegion("cn-northwest-1", { services: ["account"] }),
    facts: { regionServiceNames: ["com.amazonaws.cn-northwest-1.account"] },
    problems: [["SERVICE_UNAVAILABLE", "services[0]"]],
  },
  {
    why: "looked up and not found (facts.serviceAzs empty, as --from-aws and the lookups record it): unavailable, not 'no supported AZ'",
    request: inRegion("eu-west-1", { services: ["sts", "kms"] }),
    facts: { serviceAzs: { sts: azs("eu-west-1"), kms: [] } },
    problems: [["SERVICE_UNAVAILABLE", "services[1]"]],
    message: /kms \(com\.amazonaws\.eu-west-1\.kms\) is not offered in eu-west-1: AWS reports no such interface endpoint service there/,
  },
  {
    why: "looked up and not found with fips: the message names the FIPS endpoint service that was looked up",
    request: inRegion("us-east-1", { services: [{ name: "kms", fips: true }] }),
    facts: { serviceAzs: { kms: [] } },
    problems: [["SERVICE_UNAVAILABLE", "services[0]"]],
    message: /kms \(com\.amazonaws\.us-east-1\.kms-fips\) is not offered/,
  },
  {
    why: "STS's VPC endpoint page lists the regions that offer it: no warning there, China and GovCloud included",
    request: inRegion("us-gov-west-1", { services: ["sts"] }),
    endpoints: { sts: { serviceName: "com.amazonaws.us-gov-west-1.sts" } },
  },
  {
    why: "STS in China's cn-north-1 is listed too (under its cn.com.amazonaws name)",
    request: inRegion("cn-north-1", { services: ["sts"] }),
    endpoints: { sts: { serviceName: "cn.com.amazonaws.cn-north-1.sts" } },
  },
  {
    why: "a region the STS page leaves out stays unknown, not unavailable",
    request: inRegion("mx-central-1", { services: ["sts"] }),
    warnings: [["AVAILABILITY_UNKNOWN", "region"]],
  },
  {
    why: "facts for every service leave nothing unknown",
    request: inRegion("eu-west-1", { services: ["sts", "kms"] }),
    facts: { serviceAzs: { sts: azs("eu-west-1"), kms: azs("eu-west-1") } },
  },
  {
    why: "China: account has its cn.com.amazonaws name in cn-northwest-1, where CDK's table says it is offered",
    request: inRegion("cn-northwest-1", { services: ["account"] }),
    endpoints: {
      account: { serviceName: "cn.com.amazonaws.cn-northwest-1.account", privateDnsNames: ["account.cn-northwest-1.amazonaws.com.cn"] },
    },
  },
  {
    why: "China: account in cn-north-1 keeps com.amazonaws, and the catalog cannot tell whether it is offered",
    request: inRegion("cn-north-1", { services: ["account", "iotsitewise.api"] }),
    warnings: [["AVAILABILITY_UNKNOWN", "region"]],
    message: /offers account;/,
    endpoints: {
      account: { serviceName: "com.amazonaws.cn-north-1.account" },
      "iotsitewise.api": { serviceName: "cn.com.amazonaws.cn-north-1.iotsitewise.api" },
    },
  },
  {
    why: "fips: true picks the FIPS endpoint service and its private DNS name",
    request: request({ services: [{ name: "kms", fips: true }, "sts"] }),
    endpoints: {
      kms: { serviceName: "com.amazonaws.us-east-1.kms-fips", fips: true, privateDnsNames: ["kms-fips.us-east-1.amazonaws.com"] },
      sts: { serviceName: "com.amazonaws.us-east-1.sts" },
    },
  },
  {
    why: "the FIPS key asks for the FIPS endpoint service",
    request: request({ services: ["kms-fips"] }),
    endpoints: { kms: { serviceName: "com.amazonaws.us-east-1.kms-fips", fips: true } },
  },
  {
    why: "the full FIPS name asks for it too",
    request: request({ services: ["com.amazonaws.us-east-1.sts-fips"] }),
    endpoints: {
      sts: { serviceName: "com.amazonaws.us-east-1.sts-fips", fips: true, privateDnsNames: ["sts-fips.us-east-1.amazonaws.com"] },
    },
  },
  {
    why: "defaults.fips applies to every interface endpoint; a service may opt out",
    request: request({ services: ["kms", "sqs", { name: "ecr.api", fips: false }], defaults: { fips: true } }),
    endpoints: {
      kms: { serviceName: "com.amazonaws.us-east-1.kms-fips", fips: true },
      sqs: { serviceName: "com.amazonaws.us-east-1.sqs-fips", fips: true },
      "ecr.api": { serviceName: "com.amazonaws.us-east-1.ecr.api" },
    },
  },
  {
    why: "defaults.fips with a service that has no FIPS endpoint service points at defaults.fips",
    request: request({ services: ["kms", "ecr.api"], defaults: { fips: true } }),
    problems: [["FIPS_UNAVAILABLE", "defaults.fips"]],
    message: /ecr\.api has no FIPS endpoint service/,
    hint: /fips: false/,
  },
  {
    why: "fips in a region without FIPS endpoints lists the regions that have them",
    request: inRegion("eu-west-1", { services: [{ name: "sqs", fips: true }] }),
    facts: { serviceAzs: { sqs: azs("eu-west-1") } },
    problems: [["FIPS_UNAVAILABLE", "services[0].fips"]],
    message: /sqs has no FIPS endpoint service in eu-west-1;.*us-east-1/,
  },
  {
    why: "a FIPS name in a region without FIPS endpoints points at the name",
    request: inRegion("eu-west-1", { services: ["sqs-fips"] }),
    facts: { serviceAzs: { sqs: azs("eu-west-1") } },
    problems: [["FIPS_UNAVAILABLE", "services[0]"]],
  },
  {
    why: "KMS lists FIPS endpoints in every region (its General Reference page), Europe included",
    request: inRegion("eu-west-1", { services: [{ name: "kms", fips: true }] }),
    facts: { serviceAzs: { kms: azs("eu-west-1") } },
    endpoints: { kms: { serviceName: "com.amazonaws.eu-west-1.kms-fips", fips: true } },
  },
  {
    why: "China names KMS's FIPS endpoint service with cn.com.amazonaws",
    request: inRegion("cn-northwest-1", { services: [{ name: "kms", fips: true }] }),
    warnings: [["AVAILABILITY_UNKNOWN", "region"]],
    endpoints: { kms: { serviceName: "cn.com.amazonaws.cn-northwest-1.kms-fips", fips: true } },
  },
  {
    why: "GovCloud has FIPS endpoints; its list is not known, so it warns as well",
    request: inRegion("us-gov-west-1", { services: [{ name: "kms", fips: true }] }),
    warnings: [["AVAILABILITY_UNKNOWN", "region"]],
    endpoints: { kms: { serviceName: "com.amazonaws.us-gov-west-1.kms-fips", fips: true } },
  },
  {
    why: "China's FIPS name for EFS is region-specific",
    request: inRegion("cn-north-1", { services: [{ name: "elasticfilesystem", fips: true }] }),
    endpoints: { elasticfilesystem: { serviceName: "cn.com.amazonaws.cn-north-1.elasticfilesystem-fips", fips: true } },
  },
  {
    why: "FIPS concerns interface endpoints: a gateway-only S3 plan is unaffected",
    request: request({ services: ["s3"], defaults: { fips: true } }),
    endpoints: { "s3-gateway": { serviceName: "com.amazonaws.us-east-1.s3" } },
  },
];

function outcome(row: Row): { plan?: Plan; problems: Problem[] } {
  try {
    return { plan: planEndpoints(row.request, row.facts), problems: [] };
  } catch (err) {
    if (!isPlanRequestError(err)) throw err;
    return { problems: err.problems };
  }
}

describe("planEndpoints: availability", () => {
  for (const row of rows) {
    it(row.why, () => {
      const { plan, problems } = outcome(row);
      const mine = problems.filter((p) => FAMILY.includes(p.code));
      assert.deepEqual(
        mine.map((p) => [p.code, p.path]),
        row.problems ?? [],
      );
      assert.deepEqual(problems.length, mine.length, `other problems: ${JSON.stringify(problems)}`);
      const said = [...mine.map((p) => p.message), ...(plan?.warnings.filter((w) => FAMILY.includes(w.code)).map((w) => w.message) ?? [])];
      if (row.message)
        assert.ok(
          said.some((m) => row.message!.test(m)),
          said.join("\n"),
        );
      if (row.hint)
        assert.ok(
          mine.some((p) => row.hint!.test(p.hint)),
          mine.map((p) => p.hint).join("\n"),
        );
      if (!plan) return;
      assert.deepEqual(
        plan.warnings.filter((w) => FAMILY.includes(w.code)).map((w) => [w.code, w.path]),
        row.warnings ?? [],
      );
      for (const [name, want] of Object.entries(row.endpoints ?? {})) {
        const e: PlannedEndpoint | undefined = plan.endpoints.find((x) => x.name === name);
        assert.ok(e, `no endpoint ${name}`);
        assert.equal(e.serviceName, want.serviceName);
        assert.equal(
          e.reasons.some((r) => r.code === "FIPS_ENDPOINT"),
          Boolean(want.fips),
        );
        if (want.privateDnsNames) assert.deepEqual(e.privateDnsNames, want.privateDnsNames);
      }
    });
  }
});
