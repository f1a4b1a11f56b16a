/**
 * ECR image pulls: `ecr.dkr` answers for manifests, but the image layers are S3 objects in the
 * AWS-owned bucket `prod-<region>-starport-layer-bucket`, so a VPC pulling images privately needs an
 * S3 endpoint whose policy lets `s3:GetObject` on that bucket through ("Create the Amazon S3 gateway
 * endpoint" and its minimum policy, https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-setting-up-s3-gateway).
 * README row "Policy".
 */
import type { PlannedEndpoint, ServiceRequest } from "../types";
import type { RuleContext } from "./context";

export const CODES = {
  S3_POLICY_BLOCKS_ECR_LAYERS: "warning",
  ECR_LAYERS_WITHOUT_S3: "warning",
} as const;

type Ctx = RuleContext<keyof typeof CODES>;

export interface EcrSubject {
  region: string;
  partition: string;
  endpoints: readonly PlannedEndpoint[];
  /** The s3 service's request path and policy as asked for (its own, or `defaults.policy`). */
  s3?: { path: string; policy?: ServiceRequest["policy"] };
  defaultPolicy?: ServiceRequest["policy"];
}

/** `*` and `?` as IAM matches them, on the whole string. */
const matches = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  ).test(value);

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];

/**
 * Whether a policy document lets `s3:GetObject` on the layer bucket through. Conditions cannot be
 * judged here (they depend on the caller), so a conditional Allow counts as allowing and a
 * conditional Deny as not denying: the warning fires only where the document blocks for certain.
 */
export function allowsLayers(document: Record<string, unknown>, layerObject: string): boolean {
  const raw = document.Statement;
  const statements = (Array.isArray(raw) ? raw : [raw]).filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null);
  const covers = (s: Record<string, unknown>): boolean =>
    list(s.Action).some((a) => matches(a.toLowerCase(), "s3:getobject")) && list(s.Resource).some((r) => matches(r, layerObject));
  if (statements.some((s) => s.Effect === "Deny" && !s.Condition && covers(s))) return false;
  return statements.some((s) => s.Effect === "Allow" && covers(s));
}

export function checkEcrLayers(ctx: Ctx, s: EcrSubject): void {
  if (!s.endpoints.some((e) => e.service === "ecr.dkr")) return;
  const bucket = `prod-${s.region}-starport-layer-bucket`;
  const s3 = s.endpoints.filter((e) => e.service === "s3");
  if (!s3.length) {
    ctx.warn(
      "ECR_LAYERS_WITHOUT_S3",
      `ecr.dkr serves image manifests, but the image layers are S3 objects (${bucket}): without an S3 endpoint every pull downloads them through NAT or the internet. Add s3 (a free gateway endpoint).`,
      { path: "services", service: "ecr.dkr" },
    );
    return;
  }
  const blocking = s3.find((e) => e.policy && !allowsLayers(e.policy, `arn:${s.partition}:s3:::${bucket}/*`));
  if (!blocking) return;
  const spec = s.s3?.policy ?? s.defaultPolicy;
  const path = `${s.s3?.policy ? `${s.s3.path}.policy` : "defaults.policy"}${spec?.document ? ".document" : spec?.buckets ? ".buckets" : ""}`;
  const what = spec?.buckets && !spec.document ? `allows only ${spec.buckets.join(", ")}` : "does not allow s3:GetObject on it";
  ctx.warn(
    "S3_POLICY_BLOCKS_ECR_LAYERS",
    `The s3 policy ${what}, but ECR serves image layers from ${bucket}: image pulls through these endpoints will fail. Allow s3:GetObject on arn:${s.partition}:s3:::${bucket}/*.`,
    { path, service: "s3" },
  );
}
