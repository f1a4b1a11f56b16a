import { isNetworkRequest, isPlanRequestError, planEndpoints, planNetwork } from "../../plan";
import { overlayFacts } from "../../facts/overlay";
import { formatProblems } from "../../plan/problems";
import { mergeTraffic } from "../../facts/traffic/merge";
import type { PlanFacts, PlanRequest } from "../../plan/types";
import { mergeFacts } from "../../plan/validate";
import { countFlag, oneOf, parse, type Options } from "../args";
import { EXIT_INVALID, EXIT_OK, HELP_FLAG_HELP, type Command, type Io } from "../command";
import { existingText } from "../format/existing";
import { COMMENT_LIMIT_HELP, DEFAULT_COMMENT_LIMIT, problemsMarkdown } from "../format/markdown";
import { renderNetwork } from "../format/network";
import { planJson, planMarkdown, planTable } from "../format/plan";
import { FROM_AWS_FLAGS, fromAwsHelp, liveInput } from "../from-aws";
import { ORG_FLAGS, ORG_HELP } from "../org";
import { CliError, readOverlayFile, readRequestFile, readTrafficFile } from "../request";
import { planOrgNetwork } from "./planOrg";

const FORMATS = ["table", "json", "markdown"] as const;

const FLAGS = {
  file: { type: "string", short: "f" },
  format: { type: "string" },
  catalog: { type: "string" },
  traffic: { type: "string" },
  "comment-limit": { type: "string" },
  help: { type: "boolean", short: "h" },
  ...FROM_AWS_FLAGS,
  ...ORG_FLAGS,
  hub: { type: "string" },
  transit: { type: "string" },
} satisfies Options;

export const command: Command = {
  flags: FLAGS,
  name: "plan",
  summary: "decide gateway vs interface endpoints for a request file and show why and what it costs",
  help: `Usage: vpce-plan plan --file request.yaml [--format table|json|markdown]
       vpce-plan plan --from-aws --vpc-id vpc-123 --services s3,secretsmanager [--file request.yaml]
       vpce-plan plan --from-aws --org --hub vpc-123 --region HOME [--transit transitGateway|peering]

Reads a request (YAML or JSON, see docs/request.md) and prints the plan:
one row per endpoint with its type, where it goes, private DNS, monthly cost and why.
A request with hub and spokes (docs/network.md) is planned as a network: per service
hub or local, per spoke what it takes from the hub, the zones, and the saving.

  -f, --file FILE      the request file, - for standard input (required without --from-aws)
      --format FORMAT  table (default), json (the versioned contract) or markdown (PR comment)
      --traffic FILE   measured traffic (vpce-plan traffic --format json): fills the request's traffic
                       where it gives none; a figure the request gives wins, and one more than 20% off
                       the measurement is a warning on stderr naming both
      --catalog FILE   a catalog overlay (vpce-plan catalog --from-aws --write FILE): its service
                       facts come before the built-in catalog; the request's facts and --from-aws still win
${COMMENT_LIMIT_HELP}
${fromAwsHelp()}
${HELP_FLAG_HELP}

With --from-aws --org --hub VPC_ID: reads the organization (docs/organization.md), takes the hub as it
is and every other VPC with endpoints in the hub's region as a spoke with the services of its
endpoints, and plans that network: which services to centralise in the hub, and the saving.
      --hub VPC_ID        the hub VPC (in any account read)
      --transit TYPE      how spokes reach the hub: transitGateway (default) or peering
${ORG_HELP}

Exit codes: 0 plan made (warnings allowed), 2 invalid request or flags, 1 anything else.
With --format json an invalid request prints {"version":1,"errors":[...]} on stdout, with --format markdown
a comment listing the problems (and, either way, the problems on stderr).`,
  async run(argv, io) {
    const { values } = parse(argv, FLAGS);
    if (values.help) {
      io.out(command.help + "\n");
      return EXIT_OK;
    }
    const format = oneOf("format", values.format, FORMATS, "table");
    if (values.org || values.hub !== undefined || values.transit !== undefined) return planOrgNetwork(values, format, io);
    const limit = countFlag("comment-limit", values["comment-limit"], DEFAULT_COMMENT_LIMIT);
    if (typeof values.file !== "string" && !values["from-aws"])
      throw new CliError("plan needs --file request.yaml or --from-aws (see vpce-plan plan --help).", EXIT_INVALID);
    try {
      const live = await liveInput(values, io);
      const read = live ? live.request : readRequestFile(values.file as string);
      const request = typeof values.traffic === "string" ? withTraffic(read as PlanRequest, values.traffic, io) : read;
      // A hub-and-spoke request (it has hub/spokes) is planned as a network.
      if (!live && isNetworkRequest(request)) {
        if (values.catalog !== undefined) throw new CliError("--catalog works with single-VPC requests only.", EXIT_INVALID);
        io.out(renderNetwork(planNetwork(request), format, { limit }));
        return EXIT_OK;
      }
      const overlay = typeof values.catalog === "string" ? catalogFacts(values.catalog, request) : undefined;
      const facts = overlay || live ? mergeFacts(overlay, live?.facts) : undefined;
      const plan = live ? live.reconcile(planEndpoints(request, facts)) : planEndpoints(request, facts);
      io.out(
        (format === "json" ? planJson(plan) : format === "markdown" ? planMarkdown(plan, { limit }) : planTable(plan)) +
          existingText(plan, format),
      );
      return EXIT_OK;
    } catch (err) {
      if (!isPlanRequestError(err)) throw err;
      if (format === "json") io.out(JSON.stringify({ version: 1, errors: err.problems }, null, 2) + "\n");
      else {
        if (format === "markdown") io.out(problemsMarkdown(err.problems, { limit }));
        io.err(formatProblems(err.problems) + "\n");
      }
      return EXIT_INVALID;
    }
  },
};

/** The request with a traffic file's measured figures merged in (facts/traffic/merge.ts). */
function withTraffic(request: PlanRequest, file: string, io: Io): PlanRequest {
  if (isNetworkRequest(request)) throw new CliError("--traffic works with single-VPC requests only.", EXIT_INVALID);
  const report = readTrafficFile(file);
  const merged = mergeTraffic(request, report, file);
  for (const w of merged.warnings) io.err(`vpce-plan plan: warning: ${w}\n`);
  return merged.request;
}

/** The facts of a catalog overlay file, for a request in the overlay's region. */
function catalogFacts(file: string, request: unknown): PlanFacts {
  const region = (request as { region?: unknown } | null)?.region;
  return overlayFacts(readOverlayFile(file, typeof region === "string" ? region : undefined, "the request"));
}
