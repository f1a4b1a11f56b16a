/** Runs the real EndpointPlan on a CLI request under the mocks: the engine of `vpce-plan preview`. */
import { EndpointPlan } from "../components/endpointPlan";
import { argsFromRequest } from "../components/fromRequest";
import type { EndpointOutput, PlanWarning, ResolverOutput } from "../components/args";
import type { PlanRequest } from "../plan/types";
import { AwsMocks, type MockAwsFacts } from "./mocks";
import { runProgram, type ProgramRun } from "./run";

export interface RequestPreview {
  endpoints: Record<string, EndpointOutput>;
  resolver?: ResolverOutput;
  monthlyCostUsd: number;
  warnings: PlanWarning[];
}

/** The fake account a request describes: its VPC and subnets, and the service AZs it states. */
export function mockFactsFromRequest(request: PlanRequest): MockAwsFacts {
  const subnets: MockAwsFacts["subnets"] = {};
  for (const s of request.subnets ?? []) if (s.az) subnets[s.id] = { az: s.az, ipv6: s.ipv6 };
  return {
    region: request.region,
    vpcs: {
      [request.vpc.id]: {
        cidrs: request.vpc.cidrs,
        ipv6Cidrs: request.vpc.ipv6Cidrs,
        dnsSupport: request.vpc.dnsSupport,
        dnsHostnames: request.vpc.dnsHostnames,
      },
    },
    subnets,
    serviceAzs: request.facts?.serviceAzs,
    servicePrivateDns: request.facts?.servicePrivateDns,
    serviceIpTypes: request.facts?.serviceIpTypes,
  };
}

/**
 * The request's facts are all there is offline, so lookups are off: the plan is exactly what
 * `vpce-plan plan` prints for the same file.
 */
export function previewRequest(request: PlanRequest, name = "demo"): Promise<ProgramRun<RequestPreview>> {
  const mocks = new AwsMocks(mockFactsFromRequest(request));
  return runProgram(
    () => {
      const component = new EndpointPlan(name, argsFromRequest(request));
      return {
        endpoints: component.endpoints,
        resolver: component.resolver,
        monthlyCostUsd: component.monthlyCostUsd,
        warnings: component.warnings,
      };
    },
    { mocks, project: "vpce-plan-preview", stack: "preview" },
  );
}
