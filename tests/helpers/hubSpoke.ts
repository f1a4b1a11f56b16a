/** Hub-and-spoke component fixtures: args built in code so each test states only what it is about. */
import type { EndpointHubArgs, EndpointSpokeArgs, HubContract, HubSpokeArgs } from "vpce-plan";
import { EndpointHub } from "vpce-plan";
import { expectNoErrors, runPulumi, type ProgramRun } from "./pulumi";

export const HUB_TYPES = {
  hub: "vpce-plan:index:EndpointHub",
  spoke: "vpce-plan:index:EndpointSpoke",
  zone: "aws:route53/zone:Zone",
  record: "aws:route53/record:Record",
  association: "aws:route53/zoneAssociation:ZoneAssociation",
  authorization: "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization",
} as const;

/** Spoke `n`: VPC vpc-<name>, CIDR 10.<n>.0.0/16, endpoint subnets in us-east-1a only (one AZ: USD 7.30 per endpoint). */
export const hubSpoke = (name: string, n: number, extra: Partial<HubSpokeArgs> = {}): HubSpokeArgs => ({
  name,
  vpcId: `vpc-${name}`,
  cidrs: [`10.${n}.0.0/16`],
  services: ["secretsmanager", "ecr.dkr"],
  azs: ["us-east-1a"],
  ...extra,
});

/** A hub in us-east-1a/b (10.0.0.0/16, account 111111111111) that uses sts itself. */
export const hubArgs = (spokes: HubSpokeArgs[], extra: Partial<EndpointHubArgs> = {}): EndpointHubArgs => ({
  region: "us-east-1",
  accountId: "111111111111",
  vpc: { id: "vpc-hub", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
  subnets: [
    { id: "subnet-hub-a", az: "us-east-1a", routeTableId: "rtb-hub" },
    { id: "subnet-hub-b", az: "us-east-1b", routeTableId: "rtb-hub" },
  ],
  services: ["sts"],
  spokes,
  ...extra,
});

/** The spoke side of hubSpoke(name, n): same VPC and CIDR, one subnet in us-east-1a with a route table. */
export const spokeArgs = (name: string, n: number, extra: Partial<EndpointSpokeArgs> = {}): EndpointSpokeArgs => ({
  region: "us-east-1",
  vpc: { id: `vpc-${name}`, cidrs: [`10.${n}.0.0/16`], dnsSupport: true, dnsHostnames: true },
  subnets: [{ id: `subnet-${name}-a`, az: "us-east-1a", routeTableId: `rtb-${name}` }],
  services: ["secretsmanager", "ecr.dkr", "s3"],
  ...extra,
});

export type HubRun = ProgramRun<{ contract: HubContract }>;

/** Runs an EndpointHub under mocks and returns the run with its exported contract (as a stack would export it). */
export async function runHub(args: EndpointHubArgs): Promise<HubRun & { contract: HubContract }> {
  const run = (await runPulumi(() => ({ contract: new EndpointHub("hub", args).contract }))) as HubRun;
  expectNoErrors(run);
  return { ...run, contract: run.outputs!.contract };
}
