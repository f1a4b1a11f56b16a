/**
 * The organization report: what an organization read found, as a versioned value (like `Plan`).
 * Pure: built from what was read and what was not, rendered by formatters that hold no logic. A
 * report with anything unread says `partial: true` and lists each unread account or region with
 * why, so a partial picture is never passed off as whole.
 */
import { findService, getRegion } from "../catalog";
import type { ServiceFacts, VpcSnapshot } from "../facts/aws/snapshot";
import { isLiveEndpoint } from "../facts/aws/snapshot";
import type { Unread } from "../facts/org/read";
import { HOURS_PER_MONTH, money } from "../plan/cost";
import type { NetworkPlan } from "../plan/multi/types";
import { auditVpc, type AuditOptions, type Finding } from "./engine";
import { centralizeCandidates, unusedEndpoints, type OrgRuleFinding, type OrgRuleId } from "./orgRules";
import type { RuleId } from "./rules";

export const ORG_REPORT_VERSION = 1;

/** What one (account, region) read holds. */
export interface RegionRead {
  snapshots: VpcSnapshot[];
  services: Record<string, ServiceFacts>;
}

export interface OrgEndpoint {
  account: string;
  region: string;
  vpcId: string;
  id: string;
  type: string;
  serviceName: string;
  /** The catalog key, where the service is one of AWS's. */
  service?: string;
  azs: number;
  /** Fixed monthly cost at the region's list price (interface: AZ-hours; gateway: free); absent where unpriced. */
  monthlyCostUsd?: number;
}

/** A per-VPC audit finding placed in its account and region, or a finding only the organization shows. */
export interface OrgFinding extends Omit<Finding, "rule" | "resourceType"> {
  rule: RuleId | OrgRuleId;
  resourceType: Finding["resourceType"] | OrgRuleFinding["resourceType"];
  account: string;
  region: string;
  /** Money a month the fix is worth, where the finding can say it. */
  monthlyUsd?: number;
}

export interface Totals {
  endpoints: number;
  monthlyCostUsd: number;
  findings: number;
}

export interface OrgReport {
  version: typeof ORG_REPORT_VERSION;
  kind: "inventory" | "audit";
  /** True when any account or region in scope could not be read; `unread` says which and why. */
  partial: boolean;
  scope: { accounts: string[]; regions: string[]; pairsRead: number };
  unread: Unread[];
  endpoints: OrgEndpoint[];
  findings: OrgFinding[];
  totals: Totals & {
    byAccount: Record<string, Totals>;
    byRegion: Record<string, Totals>;
    byVpc: Record<string, Totals & { account: string; region: string }>;
    byService: Record<string, Totals>;
  };
  /** Endpoint types read but not priced here (issue-tracked kinds such as Resource), by count. */
  unpriced: Record<string, number>;
}

export interface OrgReportInput {
  kind: OrgReport["kind"];
  accounts: readonly string[];
  read: readonly { account: string; region: string; data: RegionRead }[];
  unread: readonly Unread[];
  audit?: AuditOptions;
  /** The network plan for a named hub (`audit --org --hub`): centralisation findings carry its saving. */
  network?: NetworkPlan;
}

/** The region's list price of one interface AZ-hour; regions without a price table use us-east-1's, as the planner does. */
const interfaceHourUsd = (region: string): number => (getRegion(region) ?? getRegion("us-east-1")!).prices.interfaceHourUsd;

function priced(e: VpcSnapshot["endpoints"][number], region: string): number | undefined {
  if (e.type === "Gateway") return 0;
  if (e.type === "Interface") return money(interfaceHourUsd(region) * HOURS_PER_MONTH * Math.max(1, e.subnetIds.length));
  return undefined;
}

const empty = (): Totals => ({ endpoints: 0, monthlyCostUsd: 0, findings: 0 });

export function buildOrgReport(input: OrgReportInput): OrgReport {
  const endpoints: OrgEndpoint[] = [];
  const findings: OrgFinding[] = [];
  const unpriced: Record<string, number> = {};
  for (const { account, region, data } of input.read) {
    for (const snapshot of data.snapshots) {
      for (const e of snapshot.endpoints.filter(isLiveEndpoint)) {
        const cost = priced(e, region);
        if (cost === undefined) unpriced[e.type] = (unpriced[e.type] ?? 0) + 1;
        const key = findService(e.serviceName)?.service.key;
        endpoints.push({
          account,
          region,
          vpcId: snapshot.vpc.id,
          id: e.id,
          type: e.type,
          serviceName: e.serviceName,
          ...(key ? { service: key } : {}),
          azs: e.type === "Interface" ? e.subnetIds.length : 0,
          ...(cost !== undefined ? { monthlyCostUsd: cost } : {}),
        });
      }
      if (input.kind === "audit") {
        for (const f of auditVpc(snapshot, { ...input.audit, services: { ...data.services, ...input.audit?.services } }))
          // Ids stay stable across runs and unique across the organization: account and region lead.
          findings.push({ ...f, id: `${account}/${region}/${f.id}`, account, region });
      }
    }
  }
  if (input.kind === "audit") {
    const vpcs = input.read.flatMap(({ account, region, data }) => data.snapshots.map((snapshot) => ({ account, region, snapshot })));
    findings.push(...unusedEndpoints(vpcs), ...centralizeCandidates(vpcs, input.network));
  }
  const byAccount: Record<string, Totals> = {};
  const byRegion: Record<string, Totals> = {};
  const byVpc: OrgReport["totals"]["byVpc"] = {};
  const byService: Record<string, Totals> = {};
  const total = empty();
  const add = (t: Totals, endpoint?: OrgEndpoint, finding?: boolean): void => {
    if (endpoint) {
      t.endpoints++;
      t.monthlyCostUsd = money(t.monthlyCostUsd + (endpoint.monthlyCostUsd ?? 0));
    }
    if (finding) t.findings++;
  };
  for (const e of endpoints) {
    for (const t of [
      total,
      (byAccount[e.account] ??= empty()),
      (byRegion[e.region] ??= empty()),
      (byVpc[e.vpcId] ??= { ...empty(), account: e.account, region: e.region }),
      (byService[e.service ?? e.serviceName] ??= empty()),
    ])
      add(t, e);
  }
  for (const f of findings) {
    const service = f.serviceName ? (findService(f.serviceName)?.service.key ?? f.serviceName) : undefined;
    for (const t of [
      total,
      (byAccount[f.account] ??= empty()),
      (byRegion[f.region] ??= empty()),
      (byVpc[f.vpcId] ??= { ...empty(), account: f.account, region: f.region }),
      ...(service ? [(byService[service] ??= empty())] : []),
    ])
      add(t, undefined, true);
  }
  const sortKeys = <T>(o: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    version: ORG_REPORT_VERSION,
    kind: input.kind,
    partial: input.unread.length > 0,
    scope: {
      accounts: [...input.accounts].sort(),
      regions: [...new Set(input.read.map((r) => r.region))].sort(),
      pairsRead: input.read.length,
    },
    unread: [...input.unread],
    endpoints: endpoints.sort((a, b) => (a.account + a.region + a.vpcId + a.id < b.account + b.region + b.vpcId + b.id ? -1 : 1)),
    findings: findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    totals: {
      ...total,
      byAccount: sortKeys(byAccount),
      byRegion: sortKeys(byRegion),
      byVpc: sortKeys(byVpc),
      byService: sortKeys(byService),
    },
    unpriced: sortKeys(unpriced),
  };
}
