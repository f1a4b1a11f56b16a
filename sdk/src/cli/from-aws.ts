/**
 * `plan --from-aws`: reads the VPC and the endpoint services from EC2, completes (or builds) the
 * request, and compares the plan with the endpoints that already exist.
 */
import { PlanRequestError } from "../plan/problems";
import { reconcile } from "../plan/reconcile";
import type { ExistingEndpoint, Plan, PlanFacts, PlanRequest } from "../plan/types";
import { completeRequest, existingEndpoints, factsFromServices, unknownGroups } from "../facts/aws/request";
import { factsNeeded, serviceNamesByRegion } from "../facts/needs";
import type { VpcSnapshot } from "../facts/aws/snapshot";
import { AWS_FLAGS, AWS_HELP, awsOptions, commaList, stringFlag, vpcIdFlag, withEc2 } from "./aws";
import type { Options } from "./args";
import { EXIT_INVALID, type Io } from "./command";
import { CliError, readRequestFile } from "./request";

export const FROM_AWS_FLAGS = {
  "from-aws": { type: "boolean" },
  "vpc-id": { type: "string" },
  services: { type: "string" },
  bundles: { type: "string" },
  ...AWS_FLAGS,
} satisfies Options;

/** The --from-aws flags' help; `fileFlag` is the flag that names the request file (`--head` in diff). */
export const fromAwsHelp = (
  fileFlag = "--file",
): string => `      --from-aws          read the VPC, subnets, route tables, existing endpoints and service AZs
                          from EC2; with ${fileFlag}, only fills in what the file leaves out
      --vpc-id ID         the VPC (or vpc.id in ${fileFlag})
      --services LIST     comma-separated services, added to the file's
      --bundles LIST      comma-separated bundles, added to the file's
${AWS_HELP}`;

type Values = Record<string, string | boolean | undefined>;

export interface LiveInput {
  request: PlanRequest;
  facts: PlanFacts;
  existing: ExistingEndpoint[];
  snapshot: VpcSnapshot;
  /** The plan compared with the existing endpoints. */
  reconcile(plan: Plan): Plan;
}

/** Undefined without --from-aws (and then no AWS flag may be given). */
export async function liveInput(values: Values, io: Io, options: { needServices?: boolean } = {}): Promise<LiveInput | undefined> {
  if (!values["from-aws"]) {
    const stray = ["vpc-id", "services", "bundles", ...Object.keys(AWS_FLAGS)].filter((f) => values[f] !== undefined);
    if (stray.length) throw new CliError(`${stray.map((f) => `--${f}`).join(", ")} only work with --from-aws.`, EXIT_INVALID);
    return undefined;
  }
  return readLive(values, io, options);
}

export async function readLive(values: Values, io: Io, options: { needServices?: boolean } = {}): Promise<LiveInput> {
  const file = stringFlag(values, "file");
  const base = file ? readRequestFile(file) : undefined;
  if (base !== undefined && (typeof base !== "object" || base === null || Array.isArray(base)))
    throw new CliError(`${file} must hold a request object (see docs/request.md).`, EXIT_INVALID);
  const given = base as Partial<PlanRequest> | undefined;
  const flagVpc = vpcIdFlag(values);
  const fileVpc = typeof given?.vpc?.id === "string" ? given.vpc.id : undefined;
  if (flagVpc && fileVpc && flagVpc !== fileVpc)
    throw new CliError(`--vpc-id ${flagVpc} contradicts vpc.id ${fileVpc} in ${file}; give one of them.`, EXIT_INVALID);
  const vpcId = flagVpc ?? fileVpc;
  if (!vpcId) throw new CliError(`--from-aws needs --vpc-id vpc-... (or vpc.id in --file).`, EXIT_INVALID);
  const services = commaList("services", values.services);
  const bundles = commaList("bundles", values.bundles);
  if (options.needServices !== false && !services.length && !bundles.length && !given?.services?.length && !given?.bundles?.length)
    throw new CliError(`--from-aws needs --services s3,secretsmanager (or --bundles, or services in --file).`, EXIT_INVALID);
  const fileRegion = typeof given?.region === "string" ? given.region : undefined;
  const flagRegion = stringFlag(values, "region");
  if (flagRegion && fileRegion && flagRegion !== fileRegion)
    throw new CliError(`--region ${flagRegion} contradicts region ${fileRegion} in ${file}; give one of them.`, EXIT_INVALID);

  return withEc2(awsOptions(values, io, fileRegion), async (ec2, aws) => {
    // What the request asks for decides what is read, before the snapshot completes it.
    const needs = factsNeeded({
      ...given,
      region: ec2.region,
      services: [...(given?.services ?? []), ...services],
      bundles: [...(given?.bundles ?? []), ...bundles],
    });
    const [[snapshot], lookup] = await Promise.all([
      aws.readVpcSnapshots(ec2, [vpcId]),
      aws.readServiceGroups(ec2, serviceNamesByRegion(needs.services)),
    ]);
    if (lookup.missing.length) io.err(`vpce-plan: not offered in ${ec2.region}: ${lookup.missing.join(", ")}\n`);
    const { request, problems } = completeRequest(given, snapshot, { services, bundles });
    const groups = needs.securityGroups.map((g) => g.id);
    const groupVpcs = groups.length ? await aws.readSecurityGroupVpcs(ec2, groups) : {};
    problems.push(...unknownGroups(request, groupVpcs, vpcId, ec2.region));
    if (problems.length) throw new PlanRequestError(problems);
    const existing = existingEndpoints(snapshot);
    const facts = factsFromServices(lookup, snapshot.vpc.ownerId, ec2.region);
    if (groups.length) facts.securityGroupVpcs = groupVpcs;
    return {
      request,
      facts,
      existing,
      snapshot,
      reconcile: (plan: Plan) => reconcile(plan, existing),
    };
  });
}
