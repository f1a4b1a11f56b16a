/**
 * SARIF 2.1.0 output, so code-scanning tools (GitHub code scanning, Azure DevOps, IDE viewers) list
 * the findings. Cloud resources have no source file: each result carries a logical location (the
 * resource id) and, when the caller names one, a physical location (e.g. the Pulumi program).
 */
import { ORG_RULES, type OrgRuleId } from "./orgRules";
import { RULES, type RuleId, type Severity } from "./rules";
import type { Finding } from "./engine";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { high: "error", medium: "warning", low: "note" };
/** GitHub ranks security results by this CVSS-like score. */
const SCORE: Record<Severity, string> = { high: "8.0", medium: "5.0", low: "2.0" };

export interface SarifOptions {
  toolVersion: string;
  /** A file to anchor results to (GitHub code scanning needs a physical location to show them). */
  artifactUri?: string;
}

/** Organization findings carry their account and region; one VPC's findings do not. */
type Placed = SarifFinding & { account?: string; region?: string };
const where = (f: Placed): string => (f.account ? `${f.account}/${f.region}/` : "");
const placement = (f: Placed): { account?: string; region?: string } => (f.account ? { account: f.account, region: f.region } : {});

/** Findings of the per-VPC rules, or (an organization report) of those and the organization's rules. */
type SarifFinding = Omit<Finding, "rule" | "resourceType"> & { rule: RuleId | OrgRuleId; resourceType: string };

export function toSarif(findings: readonly SarifFinding[], options: SarifOptions): Record<string, unknown> {
  const table: Record<string, { severity: Severity; title: string; help: string }> = findings.some((f) => f.rule in ORG_RULES)
    ? { ...RULES, ...ORG_RULES }
    : RULES;
  const ruleIds = Object.keys(table);
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "vpce-plan",
            version: options.toolVersion,
            informationUri: "https://github.com/vpce-plan/vpce-plan#existing-vpcs---from-aws-import-audit",
            rules: ruleIds.map((id) => ({
              id,
              name: id
                .toLowerCase()
                .split("_")
                .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
                .join(""),
              shortDescription: { text: table[id].title },
              fullDescription: { text: table[id].help },
              help: { text: table[id].help, markdown: `**${table[id].title}**\n\n${table[id].help}` },
              defaultConfiguration: { level: LEVEL[table[id].severity] },
              properties: { tags: ["aws", "vpc-endpoints"], "security-severity": SCORE[table[id].severity] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: LEVEL[f.severity],
          message: { text: `${f.message} Fix: ${f.fix}` },
          locations: [
            {
              ...(options.artifactUri ? { physicalLocation: { artifactLocation: { uri: options.artifactUri } } } : {}),
              logicalLocations: [{ name: f.resource, fullyQualifiedName: `${where(f)}${f.vpcId}/${f.resource}`, kind: "resource" }],
            },
          ],
          partialFingerprints: { vpcePlanFinding: f.id },
          properties: {
            severity: f.severity,
            ...placement(f),
            vpcId: f.vpcId,
            resource: f.resource,
            resourceType: f.resourceType,
            fix: f.fix,
          },
        })),
      },
    ],
  };
}
