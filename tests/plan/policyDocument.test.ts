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
  ]);
});
