/** `plan --from-aws --org --hub VPC_ID`: the network planner on the organization's real state. */
import { isPlanRequestError } from "../../plan";
import { formatProblems } from "../../plan/problems";
import { oneOf } from "../args";
import { awsOptions, stringFlag } from "../aws";
import { EXIT_INVALID, EXIT_OK, type Io } from "../command";
import { renderNetwork } from "../format/network";
import { orgOptions, partialExit, readOrg } from "../org";
import { CliError } from "../request";
import { orgNetworkPlan, readRegion } from "./inventory";

type Values = Record<string, string | boolean | undefined>;

export async function planOrgNetwork(values: Values, format: "table" | "json" | "markdown", io: Io): Promise<number> {
  const problems: string[] = [];
  if (!values["from-aws"]) problems.push("--org, --hub and --transit plan what exists: add --from-aws.");
  if (!values.org) problems.push("--hub and --transit read the whole organization: add --org.");
  const hub = stringFlag(values, "hub");
  if (!hub) problems.push("--org with plan needs --hub VPC_ID, the VPC that would own the shared endpoints.");
  else if (!/^vpc-[0-9a-f]+$/.test(hub)) problems.push(`--hub ${hub} is not a VPC id (vpc- and hex digits).`);
  if (values.file !== undefined || values["vpc-id"] !== undefined)
    problems.push("--file and --vpc-id plan one VPC; --org --hub builds the network request from the organization.");
  let transit: "transitGateway" | "peering" = "transitGateway";
  try {
    transit = oneOf("transit", values.transit, ["transitGateway", "peering"] as const, "transitGateway");
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length)
    throw new CliError(
      problems.join("\n"),
      EXIT_INVALID,
      problems.map((message) => ({ code: "INVALID_FLAG", path: "", message, hint: "vpce-plan plan --help" })),
    );
  const aws = awsOptions(values, io);
  const org = await readOrg(orgOptions(values, io, aws.region ?? process.env.AWS_REGION, aws.endpointUrl, aws.profile), readRegion);
  let network;
  try {
    const planned = orgNetworkPlan(org, hub!, transit);
    network = planned.network;
    io.out(renderNetwork(planned.plan, format));
  } catch (err) {
    if (!isPlanRequestError(err)) throw err;
    if (format === "json") io.out(JSON.stringify({ version: 1, errors: err.problems }, null, 2) + "\n");
    else io.err(formatProblems(err.problems) + "\n");
    return EXIT_INVALID;
  }
  for (const n of network.notSpokes) io.err(`vpce-plan plan: ${n.account}/${n.region}/${n.vpcId} is not a spoke (${n.why}).\n`);
  for (const u of network.unknownServices)
    io.err(`vpce-plan plan: ${u.vpcId}'s endpoint to ${u.serviceName} is no catalog service: left out.\n`);
  return partialExit(org.unread, io, "plan") ?? EXIT_OK;
}
