/** How the CLI writes: a reader that closes the pipe early (`| head -1`) ends it quietly. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, scratchDir } from "../helpers/cli";
import { REPO_ROOT } from "../helpers/requests";

describe("cli: output", () => {
  it("vpce-plan catalog | head -1: exits 0 without an EPIPE stack trace", () => {
    const stderrFile = join(scratchDir(), "epipe.stderr");
    // The catalog is far larger than a pipe's buffer, so it is still writing when head exits.
    const run = spawnSync(
      "bash",
      ["-c", `"$0" "$1" catalog 2>"$2" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`, process.execPath, BIN, stderrFile],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
        timeout: 20_000,
      },
    );
    const stderr = readFileSync(stderrFile, "utf8");
    assert.doesNotMatch(stderr, /EPIPE|Error|\n\s+at /);
    assert.equal(run.stdout.trim(), "0");
  });
});
