/**
 * The topology from a request: the VPC's CIDRs (IPv4 and IPv6) and its declared consumers. The
 * network interfaces of its NAT gateways and endpoints come from the account (or a file) on top.
 */
import type { PlanRequest } from "../../plan/types";
import type { TopologyVpc } from "./attribute";

export type Interfaces = Pick<TopologyVpc, "natGateways" | "interfaceEndpoints" | "gatewayEndpoints">;

export function topologyVpcFromRequest(request: PlanRequest, interfaces: Interfaces = {}): TopologyVpc {
  return {
    vpcId: request.vpc.id,
    cidrs: [...(request.vpc.cidrs ?? []), ...(request.vpc.ipv6Cidrs ?? [])],
    onPremises: request.access?.onPremises?.cidrs ?? [],
    peers: (request.access?.peerVpcs ?? []).map((p) => ({ name: p.name, cidrs: p.cidrs })),
    ...interfaces,
  };
}
