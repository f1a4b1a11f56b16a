/**
 * `vpce-plan/policy`: the audit's rules as CrossGuard policies, applied at `pulumi preview` to any
 * stack that builds VPC endpoints (with vpce-plan's components or by hand). One rule definition
 * serves both: each policy is named after its audit rule (`RULES`, same ids), takes the rule's
 * title and default enforcement level, and runs the audit engine restricted to that rule on the
 * stack's resources turned into VPC snapshots (snapshot.ts).
 *
 * `@pulumi/policy` is an optional peer dependency: this module only uses its types, so the
 * policies are plain objects that `new PolicyPack("vpce-plan", { policies })` accepts.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { findService, getRegion, privateDnsNamesIn } from "../catalog";
import { auditVpc, type Finding } from "../audit/engine";
import { RULES, SECURITY_HUB_ENDPOINTS, type EnforcementLevel, type RuleId } from "../audit/rules";
import { endpointSnapshot, stackSnapshots, TYPES, type StackResource } from "./snapshot";

export { stackSnapshots, endpointSnapshot, type StackResource } from "./snapshot";

/** Judged per resource (an endpoint on its own). */
const RESOURCE_RULES = ["ENDPOINT_SINGLE_AZ", "POLICY_FULL_ACCESS"] as const satisfies readonly RuleId[];
/** Judged on the whole stack: they need links between resources (groups, gateways, routes, zones). */
const STACK_RULES = [
  "SG_OPEN_INGRESS",
  "PRIVATE_DNS_OFF",
  "NAT_WITHOUT_GATEWAY_ENDPOINT",
  ...(Object.keys(SECURITY_HUB_ENDPOINTS) as Array<keyof typeof SECURITY_HUB_ENDPOINTS>),
] as const satisfies readonly RuleId[];

/** The rules in the pack, in the order `policies` lists them. */
export const POLICY_RULES: readonly RuleId[] = [...RESOURCE_RULES, ...STACK_RULES];

export interface PolicyOptions {
  /** Per rule id, the enforcement level instead of the rule's default (`disabled` turns it off). */
  enforcementLevels?: Partial<Record<RuleId, EnforcementLevel>>;
}

export type VpcePolicy = ResourceValidationPolicy | StackValidationPolicy;

const violation = (f: Finding): string => `${f.message} Fix: ${f.fix}`;

/** At preview a resource's id is its URN (snapshot.ts); findings name it, so the violation points at it. */
const urnOf = (f: Finding): string | undefined => (f.resource.startsWith("urn:") ? f.resource : undefined);

function resourcePolicy(id: (typeof RESOURCE_RULES)[number], level: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: id,
    description: RULES[id].title,
    enforcementLevel: level,
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      if (args.type !== TYPES.endpoint) return;
      for (const f of auditVpc(endpointSnapshot(args as unknown as StackResource), { rules: [id] })) report(violation(f));
    },
  };
}

/** Names served by private hosted zones the stack creates (a hub's zones stand in for private DNS). */
function zoneNames(resources: readonly StackResource[]): Set<string> {
  return new Set(
    resources
      .filter((r) => r.type === TYPES.zone && typeof r.props.name === "string")
      .map((r) => (r.props.name as string).replace(/\.$/, "")),
  );
}

function servedByZones(f: Finding, region: string, zones: Set<string>): boolean {
  const service = f.serviceName ? findService(f.serviceName)?.service : undefined;
  const known = getRegion(region);
  const names = service && known ? privateDnsNamesIn(service, known) : [];
  return names.length > 0 && names.every((n) => zones.has(n.replace(/^\*\./, "")));
}

function stackPolicy(id: (typeof STACK_RULES)[number], level: EnforcementLevel): StackValidationPolicy {
  return {
    name: id,
    description: RULES[id].title,
    enforcementLevel: level,
    validateStack: (args: { resources: PolicyResource[] }, report: ReportViolation) => {
      const resources = args.resources as unknown as StackResource[];
      const zones = zoneNames(resources);
      for (const snapshot of stackSnapshots(resources)) {
        for (const f of auditVpc(snapshot, { rules: [id] })) {
          if (id === "PRIVATE_DNS_OFF" && servedByZones(f, snapshot.region, zones)) continue;
          report(violation(f), urnOf(f));
        }
      }
    },
  };
}

/** The pack's policies with your enforcement levels. */
export function createPolicies(options: PolicyOptions = {}): VpcePolicy[] {
  const level = (id: RuleId): EnforcementLevel => options.enforcementLevels?.[id] ?? RULES[id].enforcementLevel;
  return [...RESOURCE_RULES.map((id) => resourcePolicy(id, level(id))), ...STACK_RULES.map((id) => stackPolicy(id, level(id)))];
}

/** Every policy at its rule's default level: SG_OPEN_INGRESS mandatory, the others advisory. */
export const policies: VpcePolicy[] = createPolicies();
