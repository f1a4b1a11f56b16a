/**
 * The documented read-only role grants exactly the calls an organization read makes: a test over the
 * source, so a reader that starts calling a new API fails here until the template grants it.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { REPO_ROOT } from "../helpers/requests";

/** CloudFormation's short tags (!Ref, !Sub, ...) as plain values: only the policy's actions matter here. */
const CFN_TAGS = ["!Ref", "!Sub", "!GetAtt", "!If", "!Not", "!Equals"].map((tag) => ({
  tag,
  resolve: (value: unknown) => value,
  collection: tag === "!GetAtt" || tag === "!Ref" || tag === "!Sub" ? undefined : ("seq" as const),
}));

function templateActions(): string[] {
  const text = readFileSync(join(REPO_ROOT, "examples", "org-read-role", "template.yaml"), "utf8");
  const doc = parseDocument(text, { customTags: CFN_TAGS as never }).toJS() as {
    Resources: { VpcePlanReadOnly: { Properties: { Policies: { PolicyDocument: { Statement: { Action: string[] }[] } }[] } } };
  };
  return doc.Resources.VpcePlanReadOnly.Properties.Policies.flatMap((p) => p.PolicyDocument.Statement.flatMap((s) => s.Action)).sort();
}

/** Every EC2 command the one-account readers and the organization reader import. */
function ec2CallsInSource(): string[] {
  const dirs = ["facts/aws", "facts/org"].map((d) => join(REPO_ROOT, "sdk", "src", d));
  const calls = new Set<string>();
  for (const dir of dirs)
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const m of text.matchAll(/\b(Describe\w+)Command\b/g)) calls.add(`ec2:${m[1]}`);
    }
  return [...calls].sort();
}

describe("docs: the organization read-only role", () => {
  it("grants exactly the EC2 calls the readers make, and nothing that writes", () => {
    assert.deepEqual(templateActions(), ec2CallsInSource());
    assert.ok(templateActions().every((a) => /^ec2:Describe/.test(a)));
  });
});
