import { isNetworkRequest, isPlanRequestError, planEndpoints } from "../../plan";
import { formatProblems } from "../../plan/problems";
import type { PlanRequest, Problem } from "../../plan/types";
import { componentNameProblem } from "../../components/names";
import { oneOf, parse, type Options } from "../args";
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, HELP_FLAG_HELP, type Command } from "../command";
import { CliError, readRequestFile } from "../request";

const FORMATS = ["text", "json"] as const;

const FLAGS = {
  file: { type: "string", short: "f" },
  name: { type: "string" },
  format: { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies Options;

export const command: Command = {
  flags: FLAGS,
  name: "preview",
  summary: "show the Pulumi resources EndpointPlan would create for a request, offline",
  help: `Usage: vpce-plan preview --file request.yaml [--name NAME] [--format text|json]

Runs the real EndpointPlan component on the request under in-process AWS mocks (no Pulumi CLI,
no AWS account) and prints the resource tree as pulumi preview would, then the outputs.
Facts come from the request (its facts section) and the service catalog, so the plan is the one
vpce-plan plan prints; ids and DNS names in the outputs are made up by the mocks.
One VPC only: for a hub-and-spoke request (hub/spokes), use vpce-plan plan.

  -f, --file FILE      the request file, - for standard input (required)
      --name NAME      the component's name, the prefix of every resource name (default demo)
      --format FORMAT  text (default) or json ({ version, resources, outputs })
${HELP_FLAG_HELP}

Exit codes: 0 preview made, 2 invalid request or flags, 1 anything else.`,
  async run(argv, io) {
    const { values } = parse(argv, FLAGS);
    if (values.help) {
      io.out(command.help + "\n");
      return EXIT_OK;
    }
    const format = oneOf("format", values.format, FORMATS, "text");
    if (typeof values.file !== "string")
      throw new CliError("preview needs --file request.yaml (see vpce-plan preview --help).", EXIT_INVALID);
    const name = typeof values.name === "string" ? values.name : "demo";
    const nameProblem = componentNameProblem(name);
    if (nameProblem) throw new CliError(`--name ${nameProblem} (got ${JSON.stringify(name)}).`, EXIT_INVALID);
    const request = readRequestFile(values.file) as PlanRequest;
    // Read as a single-VPC request, a network request only yields "hub: did you mean ha?" noise.
    if (isNetworkRequest(request))
      throw new CliError(
        `${values.file} is a hub-and-spoke request; preview shows one VPC's EndpointPlan. Plan the network with vpce-plan plan --file ${values.file}.`,
        EXIT_INVALID,
      );
    // The request's own paths (services[2].type) in errors, exactly as `plan` reports them, and
    // before Pulumi is even loaded.
    const invalid = (problems: Problem[]): number => {
      if (format === "json") io.out(JSON.stringify({ version: 1, errors: problems }, null, 2) + "\n");
      else io.err(formatProblems(problems) + "\n");
      return EXIT_INVALID;
    };
    try {
      planEndpoints(request);
    } catch (err) {
      if (isPlanRequestError(err)) return invalid(err.problems);
      throw err;
    }

    const preview = require("../../preview") as typeof import("../../preview");
    const run = await preview.previewRequest(request, name);
    if (run.errors.length) {
      const planErrors = run.errors.filter(isPlanRequestError);
      if (planErrors.length) return invalid(planErrors.flatMap((e) => e.problems));
      io.err(`vpce-plan preview: the program failed:\n${run.errors.map((e) => `  ${e.message}`).join("\n")}\n`);
      return EXIT_FAILURE;
    }
    const outputs = run.outputs!;
    if (format === "json") {
      const resources = run.resources
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map(({ type, name: resourceName, urn, parent, inputs }) => ({ type, name: resourceName, urn, parent, inputs }));
      io.out(JSON.stringify({ version: 1, resources, outputs }, null, 2) + "\n");
      return EXIT_OK;
    }
    const lines = [`Previewing EndpointPlan "${name}" offline (mocked AWS: no account, ids and DNS names are made up)`, ""];
    lines.push(
      preview.formatTree(run.resources).trimEnd(),
      "",
      "Outputs:",
      `    monthlyCostUsd: ${outputs.monthlyCostUsd}`,
      "    endpoints:",
    );
    const width = Math.max(...Object.keys(outputs.endpoints).map((k) => k.length));
    for (const [key, e] of Object.entries(outputs.endpoints)) {
      const where =
        e.type === "Gateway" ? `prefix list ${e.prefixListId}` : `${e.zonalDnsNames?.length ?? 0} zonal DNS name(s), ${e.regionalDnsName}`;
      lines.push(`        ${key.padEnd(width)}  ${e.type.padEnd(9)}  ${e.id}  ${where}`);
    }
    if (outputs.resolver)
      lines.push(`    resolver: ${outputs.resolver.id}, forward on-premises DNS to ${outputs.resolver.ipAddresses.join(", ")}`);
    if (outputs.warnings.length) {
      lines.push("    warnings:");
      for (const w of outputs.warnings) lines.push(`        ${w.code}: ${w.message}`);
    }
    lines.push("", preview.resourceSummary(run.resources));
    io.out(lines.join("\n"));
    return EXIT_OK;
  },
};
