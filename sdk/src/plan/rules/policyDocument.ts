/**
 * Endpoint policy documents, checked before AWS sees them: "a JSON policy document that uses the
 * IAM policy language. It must contain a Principal element. The size of an endpoint policy cannot
 * exceed 20,480 characters, including white space"
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html). A policy of only
 * Deny statements is valid but blocks every request through the endpoint: a warning. docs/codes.md row
 * "Endpoint policies".
 *
 * The same page's Considerations forbid three more things, each refused here with the statement's
 * path: wildcards (* or ?) or numeric operators with global keys that reference system-generated
 * identifiers ("for example, aws:PrincipalAccount or aws:SourceVpc"); fewer than six consecutive
 * characters before or after a wildcard in a string condition; an ARN whose account part holds both
 * an account id and a wildcard, in Resource or a Condition.
 */
import type { RuleContext } from "./context";
import { checkFixed, type QuotaContext } from "./quotas";

export const CODES = {
  POLICY_INVALID: "problem",
  POLICY_PRINCIPAL_MISSING: "problem",
  POLICY_DENIES_ALL: "warning",
  POLICY_WILDCARD_SYSTEM_ID: "problem",
  POLICY_WILDCARD_TOO_SHORT: "problem",
  POLICY_ARN_ACCOUNT_WILDCARD: "problem",
  DEFAULT_POLICY_NOT_APPLIED: "warning",
} as const;

/**
 * Global keys whose values are identifiers AWS generates: accounts, organizations, VPCs and VPC
 * endpoints. AWS's page names aws:PrincipalAccount and aws:SourceVpc as examples; the rest hold the
 * same kinds of ids (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
 */
export const SYSTEM_ID_KEYS: ReadonlySet<string> = new Set(
  [
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:VpceAccount",
    "aws:VpceOrgID",
  ].map((k) => k.toLowerCase()),
);

/** AWS: "at least six consecutive characters before or after each wildcard character". */
export const WILDCARD_NEIGHBOURS = 6;

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
    } else {
      if (s.Principal === undefined && s.NotPrincipal === undefined) {
        ctx.problem(
          "POLICY_PRINCIPAL_MISSING",
          `${at.path}.Statement[${i}]`,
          `statement ${i}${typeof s.Sid === "string" ? ` (${s.Sid})` : ""} of the ${at.service} policy has no Principal; AWS rejects endpoint policies without one.`,
          'Add "Principal": "*" (and narrow it with a Condition such as aws:PrincipalOrgID).',
        );
      }
      checkWildcards(
        ctx,
        s,
        `${at.path}.Statement[${i}]`,
        `statement ${i}${typeof s.Sid === "string" ? ` (${s.Sid})` : ""} of the ${at.service} policy`,
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

const strings = (value: unknown): string[] =>
  typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

const hasWildcard = (value: string): boolean => /[*?]/.test(value);

/** An operator without its set prefix (`ForAnyValue:`) and `IfExists` suffix: `StringLike`, `NumericEquals`. */
const baseOperator = (operator: string): string => operator.replace(/^For(Any|All)Values?:/i, "").replace(/IfExists$/i, "");

/** Whether every wildcard has at least six non-wildcard characters right before it or right after it. */
export function wildcardsAnchored(value: string): boolean {
  const runs = value.split(/[*?]/);
  // runs[k] and runs[k + 1] are the characters right before and after the k-th wildcard.
  for (let k = 0; k < runs.length - 1; k++)
    if ([...runs[k]].length < WILDCARD_NEIGHBOURS && [...runs[k + 1]].length < WILDCARD_NEIGHBOURS) return false;
  return true;
}

/** The account part of an ARN (`arn:partition:service:region:account:...`) mixing an id and a wildcard. */
export function arnAccountMixed(value: string): boolean {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0].toLowerCase() !== "arn") return false;
  const account = parts[4];
  return hasWildcard(account) && /[^*?]/.test(account);
}

/** The Considerations of AWS's endpoint-policy page on wildcards, for one statement. */
function checkWildcards(ctx: PolicyContext, s: Record<string, unknown>, path: string, what: string): void {
  for (const field of ["Resource", "NotResource"] as const)
    for (const arn of strings(s[field]).filter(arnAccountMixed))
      ctx.problem(
        "POLICY_ARN_ACCOUNT_WILDCARD",
        `${path}.${field}`,
        `${what} has ${arn} in ${field}: AWS accepts an account id or a wildcard in an ARN's account part, not both.`,
        "Write the account id in full, or * for the whole account part.",
      );
  const condition = s.Condition;
  if (!condition || typeof condition !== "object" || Array.isArray(condition)) return;
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (!block || typeof block !== "object" || Array.isArray(block)) continue;
    const base = baseOperator(operator);
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const at = `${path}.Condition.${operator}.${key}`;
      const values = strings(raw);
      if (SYSTEM_ID_KEYS.has(key.toLowerCase()) && (/^Numeric/i.test(base) || values.some(hasWildcard))) {
        ctx.problem(
          "POLICY_WILDCARD_SYSTEM_ID",
          at,
          `${what} matches ${key}, an identifier AWS generates, with ${/^Numeric/i.test(base) ? `the numeric operator ${operator}` : "a wildcard"}: AWS refuses wildcards and numeric operators with such keys in endpoint policies.`,
          `List the exact ids with StringEquals (for an organization, aws:PrincipalOrgID with its o- id).`,
        );
        continue;
      }
      if (/^String/i.test(base))
        for (const value of values.filter((v) => hasWildcard(v) && !wildcardsAnchored(v)))
          ctx.problem(
            "POLICY_WILDCARD_TOO_SHORT",
            at,
            `${what} has ${JSON.stringify(value)} under ${operator}: AWS requires at least ${WILDCARD_NEIGHBOURS} consecutive characters before or after each wildcard in a string condition.`,
            `Write at least ${WILDCARD_NEIGHBOURS} characters next to each * or ?, or list the values in full.`,
          );
      for (const value of values.filter(arnAccountMixed))
        ctx.problem(
          "POLICY_ARN_ACCOUNT_WILDCARD",
          at,
          `${what} has ${value} under ${operator}: AWS accepts an account id or a wildcard in an ARN's account part, not both.`,
          "Write the account id in full, or * for the whole account part.",
        );
    }
  }
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
