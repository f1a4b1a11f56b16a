/** Endpoint policy templates (rule 6): documents AWS accepts on gateway and interface endpoints. */
import type { PolicySpec } from "./types";
import type { Problems } from "./problems";

export interface PolicyContext {
  serviceKey: string;
  partition: string;
  accountId?: string;
  path: string;
}

/** The policy document for `spec`, or null for AWS's default full-access policy. */
export function buildPolicy(spec: PolicySpec, ctx: PolicyContext, problems: Problems): Record<string, unknown> | null | undefined {
  if (spec.document && spec.template !== undefined) {
    // Either one alone is clear; together one would be dropped silently, and the document (often
    // Principal "*" without a condition) would win over a narrower template.
    problems.add(
      "POLICY_INVALID",
      `${ctx.path}.template`,
      `the ${ctx.serviceKey} policy has both a template (${spec.template}) and a document; only one can apply.`,
      "Keep the template (and its fields) or the document, not both.",
    );
    return undefined;
  }
  if (spec.document) return spec.document;
  const template = spec.template ?? "full-access";
  switch (template) {
    case "full-access":
      return null;
    case "organization-only":
      if (!spec.organizationId) {
        problems.add(
          "POLICY_ORGANIZATION_REQUIRED",
          `${ctx.path}.organizationId`,
          "the organization-only template needs the AWS Organization id.",
          "Set organizationId: o-xxxxxxxxxx (see `aws organizations describe-organization`).",
        );
        return undefined;
      }
      return allowAll({ StringEquals: { "aws:PrincipalOrgID": spec.organizationId } });
    case "account-only": {
      const accounts = spec.accountIds?.length ? [...spec.accountIds].sort() : ctx.accountId ? [ctx.accountId] : undefined;
      if (!accounts) {
        problems.add(
          "POLICY_ACCOUNT_REQUIRED",
          `${ctx.path}.accountIds`,
          "the account-only template needs at least one account id.",
          'Set accountIds: ["123456789012"].',
        );
        return undefined;
      }
      return allowAll({ StringEquals: { "aws:PrincipalAccount": accounts.length === 1 ? accounts[0] : accounts } });
    }
    case "s3-buckets": {
      // Directory buckets (s3express) use other actions and ARNs, so the template would be wrong there.
      if (ctx.serviceKey !== "s3") {
        problems.add(
          "POLICY_TEMPLATE_SERVICE",
          `${ctx.path}.template`,
          `the s3-buckets template applies to s3 only, not ${ctx.serviceKey}.`,
          ctx.serviceKey === "s3express"
            ? "Write a policy document with s3express actions and directory-bucket ARNs."
            : "Use organization-only, account-only or a document for this service.",
        );
        return undefined;
      }
      if (!spec.buckets?.length) {
        problems.add(
          "POLICY_BUCKETS_REQUIRED",
          `${ctx.path}.buckets`,
          "the s3-buckets template needs the bucket names.",
          "Set buckets: [my-bucket].",
        );
        return undefined;
      }
      const buckets = [...new Set(spec.buckets)].sort();
      const resources = buckets.flatMap((b) => [`arn:${ctx.partition}:s3:::${b}`, `arn:${ctx.partition}:s3:::${b}/*`]);
      return {
        Version: "2012-10-17",
        Statement: [{ Sid: "OnlyTheseBuckets", Effect: "Allow", Principal: "*", Action: "s3:*", Resource: resources }],
      };
    }
  }
}

function allowAll(condition: Record<string, unknown>): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "OnlyOurPrincipals", Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: condition }],
  };
}
