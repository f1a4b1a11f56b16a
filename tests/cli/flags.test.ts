/** Flags of every command: typed INVALID_FLAG errors with did-you-mean, and --help listing exactly the flags each command parses. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { VALID_REQUEST, requestFile, vpcePlan } from "../helpers/cli";
import { REPO_ROOT } from "../helpers/requests";

interface LoadedCommand {
  name: string;
  help: string;
  flags: Record<string, { type: string; short?: string }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CLI is not a package export; its built module is loaded by path
const { allCommands } = require(join(REPO_ROOT, "sdk", "dist", "cli", "main.js")) as { allCommands(): LoadedCommand[] };

/** The flags a help text documents: its option lines (`  -f, --file FILE   ...`), long and short. */
function documented(help: string): string[] {
  return help
    .split("\n")
    .flatMap((line) => /^\s+((?:-[A-Za-z], )?--[a-z][a-z-]*)(?=\s|$)/.exec(line)?.[1].split(", ") ?? [])
    .sort();
}

describe("cli: flags", () => {
  for (const command of allCommands()) {
    it(`${command.name} --help lists exactly the flags its parser takes, each once`, () => {
      const run = vpcePlan([command.name, "--help"]);
      assert.equal(run.status, 0, run.stderr);
      const parsed = Object.entries(command.flags)
        .flatMap(([long, o]) => [`--${long}`, ...(o.short ? [`-${o.short}`] : [])])
        .sort();
      assert.deepEqual(documented(run.stdout), parsed);
    });

    it(`${command.name} --help names no flag of another command outside its option lines`, () => {
      // Prose may cite another command (`vpce-plan catalog --from-aws --write FILE`); any other --flag must be this command's.
      const own = new Set(Object.keys(command.flags).map((f) => `--${f}`));
      const foreign = command.help
        .split("\n")
        .filter((line) => !/(vpce-plan|pulumi) [a-z]+ /.test(line) && !/\b(plan|catalog|import|audit|diff|preview) --/.test(line))
        .flatMap((line) => line.match(/--[a-z][a-z-]+/g) ?? [])
        .filter((f) => !own.has(f));
      assert.deepEqual(foreign, []);
    });
  }

  it("an unknown flag is a typed INVALID_FLAG that suggests the flag meant", () => {
    const file = requestFile("flags-valid.json", VALID_REQUEST);
    const run = vpcePlan(["plan", "--file", file, "--formt", "json"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown flag --formt\. Did you mean --format\?/);
    assert.doesNotMatch(run.stderr, /positional argument|place it at the end/);
    const json = vpcePlan(["plan", "--file", file, "--formt=json", "--format", "json"]);
    assert.equal(json.status, 2);
    const [error] = JSON.parse(json.stdout).errors;
    assert.equal(error.code, "INVALID_FLAG");
    assert.equal(error.path, "--formt");
    assert.match(error.hint, /Did you mean --format\?/);
  });

  it("a flag without its value says so, naming the flag", () => {
    const run = vpcePlan(["plan", "--file"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--file needs a value/);
  });

  it("a value outside the allowed ones suggests the closest (--fail-on replaced -> replace)", () => {
    const run = vpcePlan(["diff", "--base", "a.yaml", "--head", "b.yaml", "--fail-on", "replaced"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--fail-on must be one of none, change, replace \(got replaced\)\. Did you mean --fail-on replace\?/);
  });
});
