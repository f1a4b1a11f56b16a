/** The audit: pure findings over VPC snapshots, and their SARIF form. */
export { auditVpc, auditVpcs, isFullAccessPolicy, type AuditOptions, type Finding } from "./engine";
export { RULES, SEVERITIES, severityRank, type Rule, type RuleId, type Severity } from "./rules";
export { toSarif, type SarifOptions } from "./sarif";
export { containsCidr } from "./cidr";
export { buildOrgReport, ORG_REPORT_VERSION, type OrgReport, type OrgEndpoint, type OrgFinding, type RegionRead, type Totals } from "./org";
export { centralizeCandidates, unusedEndpoints, ORG_RULES, type OrgRuleFinding, type OrgRuleId } from "./orgRules";
