/** Small hub-and-spoke requests built in code, so each test states only what it is about. */
import type { NetworkRequest, SpokeSpec } from "vpce-plan/plan";

export interface SpokeOptions {
  azs?: string[];
  services?: Array<string | { name: string; [k: string]: unknown }>;
  traffic?: Record<string, number>;
  region?: string;
  accountId?: string;
  centralize?: SpokeSpec["centralize"];
  cidr?: string;
  dns?: boolean;
}

/** Spoke `n` gets 10.<n>.0.0/16 and one subnet per AZ (default us-east-1a and us-east-1b). */
export function spoke(name: string, n: number, o: SpokeOptions = {}): SpokeSpec {
  const region = o.region ?? "us-east-1";
  const azs = o.azs ?? [`${region}a`, `${region}b`];
  return {
    name,
    vpc: {
      id: `vpc-${name}`,
      cidrs: [o.cidr ?? `10.${n}.0.0/16`],
      dnsSupport: o.dns ?? true,
      dnsHostnames: o.dns ?? true,
      ...(o.region ? { region: o.region } : {}),
      ...(o.accountId ? { accountId: o.accountId } : {}),
    },
    subnets: azs.map((az) => ({ id: `subnet-${name}-${az}`, az, routeTableId: `rtb-${name}` })),
    services: o.services ?? ["secretsmanager"],
    ...(o.traffic ? { traffic: o.traffic } : {}),
    ...(o.centralize ? { centralize: o.centralize } : {}),
  } as SpokeSpec;
}

export interface NetworkOptions {
  hubServices?: string[];
  hubTraffic?: Record<string, number>;
  hubAzs?: string[];
  transit?: "transitGateway" | "peering";
  hubAccount?: string;
}

export function network(spokes: SpokeSpec[], o: NetworkOptions = {}): NetworkRequest {
  const azs = o.hubAzs ?? ["us-east-1a", "us-east-1b"];
  return {
    version: 1,
    region: "us-east-1",
    transit: { type: o.transit ?? "transitGateway" },
    hub: {
      vpc: {
        id: "vpc-hub",
        cidrs: ["10.0.0.0/16"],
        dnsSupport: true,
        dnsHostnames: true,
        ...(o.hubAccount ? { accountId: o.hubAccount } : {}),
      },
      subnets: azs.map((az) => ({ id: `subnet-hub-${az}`, az, routeTableId: "rtb-hub" })),
      ...(o.hubServices ? { services: o.hubServices } : {}),
      ...(o.hubTraffic ? { traffic: o.hubTraffic } : {}),
    },
    spokes,
  };
}

/** Monthly USD of an interface endpoint at us-east-1 list prices. */
export const endpointUsd = (azs: number, gb = 0): number => 0.01 * 730 * azs + 0.01 * gb;
