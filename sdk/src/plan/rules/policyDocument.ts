/**
 * Endpoint policy documents, checked before AWS sees them: "a JSON policy document that uses the
 * IAM policy language. It must contain a Principal element. The size of an endpoint policy cannot
 * exceed 20,480 characters, including white space"
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html). A policy of only
 * Deny statements is valid but blocks every request through the endpoint: a warning. docs/codes.md row
 * "Endpoint policies".
 */
import type { RuleContext } from "./context";
import { checkFixed, type QuotaContext } from "./quotas";

export const CODES = {
  POLICY_INVALID: "problem",
  POLICY_PRINCIPAL_MISSING: "problem",
  POLICY_DENIES_ALL: "warning",
  DEFAULT_POLICY_NOT_APPLIED: "warning",
} as const;

export type PolicyContext = RuleContext<keyof typeof CODES>;

/** Checks the document the endpoint will carry; `path` is the field it comes from, `written` true for a user's document. */
export function checkPolicyDocument(
  ctx: PolicyContext,
  quotaCtx: QuotaContext,
  document: Record<string, unknown>,
  at: { path: string; service: string; written: boolean },
): void {
  const statements = document.Statement;
  const list = Array.isArray(statements) ? statements : statements && typeof statements === "object" ? [statements] : undefined;
  if (!list?.length) {
    ctx.problem(
      "POLICY_INVALID",
      at.path,
      `the ${at.service} policy document has no Statement.`,
      'Add "Statement": [{ "Effect": ..., "Principal": ..., "Action": ..., "Resource": ... }].',
    );
    return;
  }
  list.forEach((statement, i) => {
    const s = statement as Record<string, unknown> | null;
    if (!s || typeof s !== "object" || Array.isArray(s)) {
      ctx.problem(
        "POLICY_INVALID",
        `${at.path}.Statement[${i}]`,
        `statement ${i} of the ${at.service} policy is not an object.`,
        "Write each statement as a JSON object.",
      );
    } else if (s.Principal === undefined && s.NotPrincipal === undefined) {
      ctx.problem(
        "POLICY_PRINCIPAL_MISSING",
        `${at.path}.Statement[${i}]`,
        `statement ${i}${typeof s.Sid === "string" ? ` (${s.Sid})` : ""} of the ${at.service} policy has no Principal; AWS rejects endpoint policies without one.`,
        'Add "Principal": "*" (and narrow it with a Condition such as aws:PrincipalOrgID).',
      );
    }
  });
  checkFixed(quotaCtx, "policyCharacters", JSON.stringify(document).length, {
    path: at.path,
    what: `the ${at.service} policy's size in characters`,
    fix: at.written ? "Shorten the document (fewer statements, wildcards in Resource)" : "Allow fewer buckets, or write a shorter document",
  });
  const effects = list.map((s) => (s && typeof s === "object" ? (s as Record<string, unknown>).Effect : undefined));
  if (effects.every((e) => e === "Deny"))
    ctx.warn(
      "POLICY_DENIES_ALL",
      `The ${at.service} endpoint policy has only Deny statements: AWS accepts it, and it denies every request through the endpoint (nothing is allowed).`,
      { path: at.path, service: at.service },
    );
}

/**
 * `defaults.policy` reaches only services that take endpoint policies; AWS gives the others full
 * access, so the default not reaching them is said once, naming them, never dropped silently.
 */
export function reportDefaultPolicyNotApplied(ctx: PolicyContext, services: readonly string[]): void {
  if (!services.length) return;
  const list = [...services].sort();
  ctx.warn(
    "DEFAULT_POLICY_NOT_APPLIED",
    `defaults.policy is not applied to ${list.join(", ")}: ${list.length === 1 ? "it takes" : "they take"} no endpoint policy, so AWS allows full access through ${list.length === 1 ? "its endpoint" : "their endpoints"}; control access with IAM and security groups.`,
    { path: "defaults.policy" },
  );
}
