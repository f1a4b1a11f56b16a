import { isPlanRequestError, planEndpoints } from "../../plan";
import { formatProblems } from "../../plan/problems";
import { oneOf, parse } from "../args";
import { EXIT_INVALID, EXIT_OK, type Command } from "../command";
import { planJson, planMarkdown, planTable } from "../format/plan";
import { CliError, readRequestFile } from "../request";

const FORMATS = ["table", "json", "markdown"] as const;

export const command: Command = {
  name: "plan",
  summary: "decide gateway vs interface endpoints for a request file and show why and what it costs",
  help: `Usage: vpce-plan plan --file request.yaml [--format table|json|markdown]

Reads a request (YAML or JSON, see README "Request file") and prints the plan:
one row per endpoint with its type, where it goes, private DNS, monthly cost and why.

  -f, --file FILE      the request file (required)
      --format FORMAT  table (default), json (the versioned contract) or markdown (PR comment)

Exit codes: 0 plan made (warnings allowed), 2 invalid request or flags, 1 anything else.
With --format json an invalid request prints {"version":1,"errors":[...]} on stdout.`,
  run(argv, io) {
    const { values } = parse(argv, {
      file: { type: "string", short: "f" },
      format: { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(command.help + "\n");
      return EXIT_OK;
    }
    const format = oneOf("format", values.format, FORMATS, "table");
    if (typeof values.file !== "string") throw new CliError("plan needs --file request.yaml (see vpce-plan plan --help).", EXIT_INVALID);
    const request = readRequestFile(values.file);
    try {
      const plan = planEndpoints(request);
      io.out(format === "json" ? planJson(plan) : format === "markdown" ? planMarkdown(plan) : planTable(plan));
      return EXIT_OK;
    } catch (err) {
      if (!isPlanRequestError(err)) throw err;
      if (format === "json") io.out(JSON.stringify({ version: 1, errors: err.problems }, null, 2) + "\n");
      else io.err(formatProblems(err.problems) + "\n");
      return EXIT_INVALID;
    }
  },
};
