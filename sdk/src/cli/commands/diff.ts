import { diffPlans, hasChanges, hasReplacements, type DiffInput, type PlanDiff } from "../../diff";
import { LIVE_FIELDS, planFromSnapshot } from "../../diff/live";
import { checkPlanJson } from "../../diff/planShape";
import { isNetworkRequest, isPlanRequestError, planEndpoints, planNetwork, type Problem } from "../../plan";
import { formatProblems } from "../../plan/problems";
import type { NetworkPlan } from "../../plan/multi/types";
import type { Plan } from "../../plan/types";
import { countFlag, oneOf, parse, type Options } from "../args";
import { stringFlag } from "../aws";
import { EXIT_INVALID, EXIT_OK, HELP_FLAG_HELP, type Command, type Io } from "../command";
import { diffJson, diffMarkdown, diffTable } from "../format/diff";
import { COMMENT_LIMIT_HELP, DEFAULT_COMMENT_LIMIT, problemsMarkdown } from "../format/markdown";
import { networkReasonLines } from "../format/network";
import { planReasonLines } from "../format/plan";
import { FROM_AWS_FLAGS, fromAwsHelp, liveInput, readLive } from "../from-aws";
import { CliError, readRequestFile } from "../request";
import { EXIT_FINDINGS } from "./audit";

const FORMATS = ["table", "markdown", "json"] as const;
const FAIL_ON = ["none", "change", "replace"] as const;

const FLAGS = {
  base: { type: "string" },
  head: { type: "string" },
  format: { type: "string" },
  "fail-on": { type: "string" },
  "comment-limit": { type: "string" },
  help: { type: "boolean", short: "h" },
  ...FROM_AWS_FLAGS,
} satisfies Options;

export const command: Command = {
  flags: FLAGS,
  name: "diff",
  summary: "show what a change to a request does: endpoints added, removed, changed or replaced, and the cost delta",
  help: `Usage: vpce-plan diff --base A --head B [--format table|markdown|json] [--fail-on change|replace]
       vpce-plan diff --from-aws --vpc-id vpc-123 --head B [...]

A and B are request files (one VPC or a network, YAML or JSON) or plan JSON files
(vpce-plan plan --format json). Endpoints are matched by name (per VPC in a network) and compared
field by field; each changed field says whether AWS replaces the endpoint for it (docs/reviewing.md "Replacements").
Security-group rules added and removed, hub/spoke assignments that move, and the monthly cost per
endpoint and in total (head minus base) follow.

      --base FILE        the request or plan before the change
      --head FILE        the request or plan after the change
      --format FORMAT    table (default), markdown (a pull-request comment with a diagram) or json (the contract)
      --fail-on WHAT     exit 3 when the diff has a change (change) or replaces an endpoint (replace); default none
${COMMENT_LIMIT_HELP}
${fromAwsHelp("--head")}
                          (with --from-aws the base is the VPC's live endpoints and --head is a request file)
${HELP_FLAG_HELP}

Exit codes: 0 diff shown (with or without changes), 3 --fail-on matched, 2 invalid input or flags, 1 anything else.
Invalid input prints its problems on stderr, and also on stdout as {"version":1,"errors":[...]} with --format json
or as a comment with --format markdown.`,
  async run(argv, io) {
    const { values } = parse(argv, FLAGS);
    if (values.help) {
      io.out(command.help + "\n");
      return EXIT_OK;
    }
    const format = oneOf("format", values.format, FORMATS, "table");
    const failOn = oneOf("fail-on", values["fail-on"], FAIL_ON, "none");
    const limit = countFlag("comment-limit", values["comment-limit"], DEFAULT_COMMENT_LIMIT);
    const headFile = stringFlag(values, "head");
    if (!headFile) throw new CliError("diff needs --head FILE (see vpce-plan diff --help).", EXIT_INVALID);
    let result: { diff: PlanDiff; head: DiffInput };
    if (values["from-aws"]) {
      if (values.base !== undefined)
        throw new CliError("--base and --from-aws exclude each other: the live VPC is the base.", EXIT_INVALID);
      const live = await fromAws(values, headFile, io, format, limit);
      if (typeof live === "number") return live;
      result = live;
    } else {
      const baseFile = stringFlag(values, "base");
      if (!baseFile) throw new CliError("diff needs --base FILE and --head FILE, or --from-aws --vpc-id ... --head FILE.", EXIT_INVALID);
      await liveInput(values, io); // without --from-aws: only rejects the AWS flags
      const sides = [load("base", baseFile), load("head", headFile)];
      const problems = sides.flatMap((s) => ("problems" in s ? s.problems : []));
      if (problems.length) return invalid(problems, format, io, limit);
      const [base, head] = sides.map((s) => (s as { plan: DiffInput }).plan);
      result = { diff: diffPlans(base, head), head };
    }
    const { diff, head } = result;
    if (format === "json") io.out(diffJson(diff));
    else if (format === "markdown") io.out(diffMarkdown(diff, head, reasonLines(head), { limit }));
    else io.out(diffTable(diff));
    const failed = failOn === "change" ? hasChanges(diff) : failOn === "replace" ? hasReplacements(diff) : false;
    if (failed)
      io.err(`vpce-plan diff: ${failOn === "change" ? "the plan changes" : `${diff.summary.replaced} endpoint(s) would be replaced`}.\n`);
    return failed ? EXIT_FINDINGS : EXIT_OK;
  },
};

type Side = "base" | "head";
type Loaded = { plan: DiffInput } | { problems: Array<Problem & { input: Side }> };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Plan JSON (`vpce-plan plan --format json`) has endpoints and a cost; a network plan says `kind: network`. */
function asPlan(value: Record<string, unknown>): DiffInput | undefined {
  if (value.kind === "network" && isObject(value.hub) && Array.isArray(value.spokes) && isObject(value.cost))
    return value as unknown as NetworkPlan;
  if (Array.isArray(value.endpoints) && isObject(value.cost) && typeof value.vpcId === "string") return value as unknown as Plan;
  return undefined;
}

function load(side: Side, file: string): Loaded {
  const value = readRequestFile(file);
  if (!isObject(value)) throw new CliError(`--${side} ${file} must hold a request or a plan object.`, EXIT_INVALID);
  if (Array.isArray(value.errors) && value.errors.length && !Array.isArray(value.endpoints))
    throw new CliError(
      `--${side} ${file} is the output of an invalid request (it has only errors); fix the request and plan it again.`,
      EXIT_INVALID,
    );
  const plan = asPlan(value);
  if (plan) {
    // Plan JSON is input too: checked like a request before the diff and its diagram read it.
    const problems = checkPlanJson(value);
    return problems.length ? { problems: problems.map((p) => ({ ...p, input: side })) } : { plan };
  }
  try {
    return { plan: isNetworkRequest(value) ? planNetwork(value) : planEndpoints(value) };
  } catch (err) {
    if (!isPlanRequestError(err)) throw err;
    return { problems: err.problems.map((p) => ({ ...p, input: side })) };
  }
}

const isNetworkPlan = (p: DiffInput): p is NetworkPlan => (p as NetworkPlan).kind === "network";

function invalid(problems: Array<Problem & { input?: Side }>, format: string, io: Io, limit: number): number {
  if (format === "json") io.out(JSON.stringify({ version: 1, errors: problems }, null, 2) + "\n");
  else {
    if (format === "markdown") io.out(problemsMarkdown(problems, { limit }));
    for (const side of ["base", "head"] as const) {
      const mine = problems.filter((p) => p.input === side);
      if (mine.length) io.err(`--${side}:\n${formatProblems(mine)}\n`);
    }
    const rest = problems.filter((p) => !p.input);
    if (rest.length) io.err(formatProblems(rest) + "\n");
  }
  return EXIT_INVALID;
}

async function fromAws(
  values: Record<string, string | boolean | undefined>,
  headFile: string,
  io: Io,
  format: string,
  limit: number,
): Promise<{ diff: PlanDiff; head: DiffInput } | number> {
  if (isNetworkRequest(readRequestFile(headFile)))
    throw new CliError("diff --from-aws compares one VPC: --head must be a single-VPC request, not a network.", EXIT_INVALID);
  try {
    const live = await readLive({ ...values, file: headFile }, io);
    const head = planEndpoints(live.request, live.facts);
    return { diff: diffPlans(planFromSnapshot(live.snapshot, head), head, { fields: LIVE_FIELDS, dns: false }), head };
  } catch (err) {
    if (!isPlanRequestError(err)) throw err;
    return invalid(
      err.problems.map((p) => ({ ...p, input: "head" as const })),
      format,
      io,
      limit,
    );
  }
}

const reasonLines = (head: DiffInput): string[] => (isNetworkPlan(head) ? networkReasonLines(head) : planReasonLines(head));
