/** Endpoint policy documents (rules/policyDocument.ts), checked before AWS sees them. */
import assert from "node:assert/strict";
import { request } from "../helpers/build";
import { runRows } from "../helpers/acceptRows";

const doc = (document: Record<string, unknown>) => request({ services: [{ name: "sts", policy: { document } }] });
const allow = { Effect: "Allow", Principal: "*", Action: "sts:*", Resource: "*" };

describe("planEndpoints: endpoint policy documents", () => {
  runRows([
    {
      why: "a document with Statement and Principal is applied",
      request: doc({ Version: "2012-10-17", Statement: [allow] }),
      absent: ["POLICY_DENIES_ALL"],
    },
    {
      why: "a statement without Principal is rejected (AWS requires one)",
      request: doc({ Version: "2012-10-17", Statement: [allow, { Sid: "NoWho", Effect: "Allow", Action: "*", Resource: "*" }] }),
      problems: [["POLICY_PRINCIPAL_MISSING", "services[0].policy.document.Statement[1]"]],
      checkProblems: ([p]) => assert.match(p.message, /NoWho/),
    },
    {
      why: "a document without Statement is POLICY_INVALID",
      request: doc({ Version: "2012-10-17" }),
      problems: [["POLICY_INVALID", "services[0].policy.document"]],
    },
    {
      why: "only Deny statements: accepted by AWS, denies everything: POLICY_DENIES_ALL",
      request: doc({ Version: "2012-10-17", Statement: [{ ...allow, Effect: "Deny" }] }),
      warnings: [["POLICY_DENIES_ALL", "services[0].policy.document"]],
    },
    {
      why: "a document over 20,480 characters is QUOTA_EXCEEDED (a fixed limit)",
      request: doc({
        Version: "2012-10-17",
        Statement: [{ ...allow, Resource: Array.from({ length: 700 }, (_, i) => `arn:aws:iam::123456789012:role/r${i}`) }],
      }),
      problems: [["QUOTA_EXCEEDED", "services[0].policy.document"]],
    },
    {
      why: "an s3-buckets template with too many buckets is too long as well",
      request: request({
        services: [
          { name: "s3", policy: { template: "s3-buckets", buckets: Array.from({ length: 400 }, (_, i) => `bucket-number-${i}`) } },
        ],
      }),
      problems: [["QUOTA_EXCEEDED", "services[0].policy"]],
    },
    {
      why: "a wildcard with aws:PrincipalAccount (a system-generated id) is refused at the key's path",
      request: doc({ Statement: [{ ...allow, Condition: { StringLike: { "aws:PrincipalAccount": "1234567890*" } } }] }),
      problems: [["POLICY_WILDCARD_SYSTEM_ID", "services[0].policy.document.Statement[0].Condition.StringLike.aws:PrincipalAccount"]],
    },
    {
      why: "a ? wildcard with aws:SourceVpc, keys matched case-insensitively as IAM does",
      request: doc({ Statement: [allow, { ...allow, Condition: { StringEquals: { "aws:sourcevpc": ["vpc-0abc", "vpc-0ab?"] } } }] }),
      problems: [["POLICY_WILDCARD_SYSTEM_ID", "services[0].policy.document.Statement[1].Condition.StringEquals.aws:sourcevpc"]],
    },
    {
      why: "a numeric operator with aws:PrincipalAccount is refused even without a wildcard",
      request: doc({ Statement: [{ ...allow, Condition: { NumericLessThan: { "aws:PrincipalAccount": "200000000000" } } }] }),
      problems: [["POLICY_WILDCARD_SYSTEM_ID", "services[0].policy.document.Statement[0].Condition.NumericLessThan.aws:PrincipalAccount"]],
    },
    {
      why: "fewer than six characters beside a wildcard in a string condition is refused, with the value in the message",
      request: doc({ Statement: [{ ...allow, Condition: { "ForAnyValue:StringLike": { "aws:PrincipalArn": ["ab*", "*"] } } }] }),
      problems: [
        ["POLICY_WILDCARD_TOO_SHORT", "services[0].policy.document.Statement[0].Condition.ForAnyValue:StringLike.aws:PrincipalArn"],
        ["POLICY_WILDCARD_TOO_SHORT", "services[0].policy.document.Statement[0].Condition.ForAnyValue:StringLike.aws:PrincipalArn"],
      ],
      checkProblems: ([p]) => assert.match(p.message, /"ab\*"/),
    },
    {
      why: "an ARN account part mixing an id and a wildcard is refused in Resource and in a Condition",
      request: doc({
        Statement: [
          {
            ...allow,
            Resource: ["arn:aws:dynamodb:us-east-1:12345678901*:table/orders"],
            Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::1234567890??:role/deployer" } },
          },
        ],
      }),
      problems: [
        ["POLICY_ARN_ACCOUNT_WILDCARD", "services[0].policy.document.Statement[0].Resource"],
        ["POLICY_ARN_ACCOUNT_WILDCARD", "services[0].policy.document.Statement[0].Condition.ArnLike.aws:PrincipalArn"],
      ],
    },
    {
      why: "what the page allows passes: six characters beside each wildcard, a whole-account *, exact system ids, no account part",
      request: doc({
        Statement: [
          {
            ...allow,
            Resource: ["arn:aws:s3:::my-bucket/*", "arn:aws:dynamodb:us-east-1:*:table/orders"],
            Condition: {
              StringEquals: { "aws:PrincipalAccount": ["123456789012"], "aws:SourceVpc": "vpc-0abc" },
              "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" },
              StringLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/deploy-*" },
            },
          },
        ],
      }),
      absent: ["POLICY_WILDCARD_SYSTEM_ID", "POLICY_WILDCARD_TOO_SHORT", "POLICY_ARN_ACCOUNT_WILDCARD"],
    },
  ]);
});
