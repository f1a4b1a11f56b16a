/**
 * Every command the docs show is either run here, its output matching the page, or marked with why
 * it cannot be (tests/docs/commands.ts has the rules); every example table has a test reading it.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/requests";
import { pageCommands, runShown, shownOutput, words } from "./commands";
import { docPages, readPage } from "./markdown";

const fence = "```";

/** The TypeScript sources of the tests, where an example table's checks live. */
function testSources(dir = join(REPO_ROOT, "tests")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === "dist"
      ? []
      : e.isDirectory()
        ? testSources(join(dir, e.name))
        : e.name.endsWith(".ts")
          ? [readFileSync(join(dir, e.name), "utf8")]
          : [],
  );
}

describe("docs: shown commands", () => {
  it("splits a command into words as a shell would for plain words and quotes, and refuses shell syntax", () => {
    assert.deepEqual(words(`npx vpce-plan catalog --search "session manager" --format 'table'`), [
      "npx",
      "vpce-plan",
      "catalog",
      "--search",
      "session manager",
      "--format",
      "table",
    ]);
    assert.throws(() => words("cat r.yaml | vpce-plan plan -f -"), /shell syntax \(\|\)/);
    assert.throws(() => words('vpce-plan plan "x'), /unclosed quote/);
  });

  it("reports an unmarked block, a run without output, several commands, a stray output block", () => {
    const text = [
      `${fence}sh`,
      "vpce-plan catalog",
      fence,
      "<!-- run -->",
      `${fence}sh`,
      "npx vpce-plan catalog --bundles",
      fence,
      "",
      "<!-- run: exit 2 -->",
      `${fence}sh`,
      "vpce-plan plan",
      "vpce-plan catalog",
      fence,
      "<!-- not-run: needs an AWS account -->",
      `${fence}sh`,
      "vpce-plan audit",
      fence,
      `${fence}text`,
      "orphan",
      fence,
      "<!-- run: exit 2 -->",
      `${fence}sh`,
      "vpce-plan plan",
      fence,
      "",
      `${fence}text`,
      "shown",
      fence,
    ].join("\n");
    const { runs, errors } = pageCommands("p.md", text);
    assert.deepEqual(errors, [
      "p.md:1: a shell block needs <!-- run --> or <!-- not-run: why --> on the line above",
      "p.md:5: a run block is followed by a text block with its output",
      "p.md:10: a run block holds exactly one command, not 2",
      "p.md:18: a text block shows output, so it follows the <!-- run --> command that prints it",
    ]);
    assert.deepEqual(
      runs.map((r) => [r.line, r.args, r.exit, shownOutput(r)]),
      [
        [5, ["catalog", "--bundles"], 0, undefined],
        [22, ["plan"], 2, "shown"],
      ],
    );
  });

  it("every example table in the docs has a test that reads it", () => {
    const sources = testSources().join("\n");
    const names = docPages().flatMap((p) => [...readPage(p).matchAll(/<!-- example:([a-z0-9-]+):start -->/g)].map((m) => m[1]));
    assert.ok(names.length > 0);
    assert.deepEqual(
      names.filter((n) => !sources.includes(`example:${n}:start`)),
      [],
    );
  });

  for (const page of docPages()) {
    const { runs, errors } = pageCommands(page, readPage(page));
    it(`${page}: every shell block is run or says why not`, () => assert.deepEqual(errors, []));
    for (const run of runs)
      it(`${page}:${run.line}: vpce-plan ${run.args.join(" ")} prints what the page shows (node tests/dist/docs/commands.js --write)`, () => {
        const { stdout, status } = runShown(run);
        assert.equal(status, run.exit, "exit code");
        assert.equal(stdout, shownOutput(run));
      });
  }
});
