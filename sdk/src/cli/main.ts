/**
 * The `vpce-plan` entry point. Commands load lazily so that `plan` and `catalog` never pull in
 * @pulumi/* or the AWS SDK: start-up time is part of the product.
 */
import { didYouMean } from "../catalog/suggest";
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, type Command, type Io } from "./command";
import { problemsMarkdown } from "./format/markdown";
import { CliError } from "./request";

const COMMANDS: Record<string, { summary: string; load: () => Command }> = {
  plan: { summary: "decide and explain the endpoints for a request file", load: () => require("./commands/plan").command },
  catalog: { summary: "list known services and bundles", load: () => require("./commands/catalog").command },
  preview: { summary: "show the Pulumi resources EndpointPlan would create, offline", load: () => require("./commands/preview").command },
  import: {
    summary: "print pulumi import commands that adopt a VPC's existing endpoints",
    load: () => require("./commands/import").command,
  },
  audit: { summary: "find waste and risk in existing VPC endpoints (table, json, SARIF)", load: () => require("./commands/audit").command },
  traffic: {
    summary: "measure each service's traffic from flow logs and Resolver query logs",
    load: () => require("./commands/traffic").command,
  },
  inventory: {
    summary: "every VPC endpoint across an organization's accounts and regions, with cost",
    load: () => require("./commands/inventory").command,
  },
  diff: {
    summary: "what a request change does: endpoints added, removed, replaced, cost delta",
    load: () => require("./commands/diff").command,
  },
};

/** Every command, loaded: for help and tests that walk them all. */
export const allCommands = (): Command[] => Object.values(COMMANDS).map((c) => c.load());

/** Registers a command; used by command modules that ship with later features. */
export function registerCommand(name: string, summary: string, load: () => Command): void {
  COMMANDS[name] = { summary, load };
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: vpce-plan <command> [flags]

Plans the cheapest correct AWS VPC endpoints (gateway or interface) and explains every decision.

Commands:
${lines.join("\n")}

Run vpce-plan <command> --help for a command's flags.
Exit codes: 0 success, 2 invalid request or flags, 3 audit findings or diff changes matching --fail-on, 4 a partial organization report, 1 anything else.
`;
}

/** `--format json` or `--format=markdown` among the flags, read before (or without) the command's own parsing. */
function formatFlag(argv: string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith("--format=")) return arg.slice("--format=".length);
    if (arg === "--format") return argv[i + 1];
  }
  return undefined;
}

export const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/**
 * A reader that stops early (`vpce-plan catalog | head -1`) closes the pipe: nobody wants the rest,
 * so stop quietly, as Unix tools do, instead of dying on the unhandled EPIPE with a stack trace.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE") throw err;
      process.exit(EXIT_OK);
    });
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  if (io === stdio) quietOnClosedPipe();
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name ? EXIT_OK : EXIT_INVALID;
  }
  if (name === "--version") {
    io.out(`${require("../../package.json").version}\n`);
    return EXIT_OK;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    const hint = didYouMean(name, Object.keys(COMMANDS));
    io.err(`vpce-plan: unknown command "${name}"${hint ? `; ${hint}` : "."}\n\n${usage()}`);
    return EXIT_INVALID;
  }
  try {
    return await entry.load().run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      // docs/cli.md: every exit-2 path prints {"version": 1, "errors": [...]} on stdout under --format json,
      // and a comment under --format markdown (a workflow posts stdout: it must never be empty).
      const format = err.exitCode === EXIT_INVALID ? formatFlag(rest) : undefined;
      const errors = err.problems ?? [{ code: "INVALID_ARGUMENTS", path: "", message: err.message, hint: `Run vpce-plan ${name} --help.` }];
      if (format === "json") io.out(JSON.stringify({ version: 1, errors }, null, 2) + "\n");
      else {
        if (format === "markdown") io.out(problemsMarkdown(errors));
        io.err(`vpce-plan ${name}: ${err.message}\n`);
      }
      return err.exitCode;
    }
    io.err(`vpce-plan ${name}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_FAILURE;
  }
}
