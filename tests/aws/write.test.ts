/**
 * Issue 17 item 31: `catalog --from-aws --write FILE`, the command that writes a file, writes a
 * temporary file and renames it; refuses symlinks and files that are not overlays (unless
 * --force); and says what it replaced.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DUMMY_ENV, useMoto } from "../helpers/moto";
import { REPO_ROOT } from "../helpers/requests";
import { vpcePlan, type Run } from "./cli";

/** The CLI with a file-size limit of `blocks` KiB (bash counts 1024-byte blocks): a write past it fails half-way (EFBIG). */
function withSizeLimit(blocks: number, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-c", `ulimit -f ${blocks}; exec "$0" "$@"`, process.execPath, join(REPO_ROOT, "sdk", "bin", "vpce-plan.js"), ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...DUMMY_ENV } as NodeJS.ProcessEnv, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("catalog --from-aws --write: atomic, never over another kind of file (emulator)", function () {
  this.timeout(60_000);
  const moto = useMoto();
  const writeArgs = (file: string): string[] => [
    ..."catalog --from-aws --region us-east-1 --endpoint-url".split(" "),
    moto.url(),
    "--write",
    file,
  ];
  const write = (file: string, ...extra: string[]): Promise<Run> => vpcePlan([...writeArgs(file), ...extra]);

  it("a write that fails half-way leaves the old overlay whole, and no temporary file behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vpce-write-"));
    const overlay = join(dir, "overlay.json");
    assert.equal((await write(overlay)).code, 0);
    const before = readFileSync(overlay, "utf8");
    assert.ok(before.length > 16 * 1024, "the overlay is larger than the limit below");
    const run = await withSizeLimit(16, writeArgs(overlay));
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /cannot write .*overlay\.json \(the old file is unchanged\)/);
    assert.equal(readFileSync(overlay, "utf8"), before);
    assert.deepEqual(readdirSync(dir), ["overlay.json"]);
  });

  it("replaces an overlay and says which; writes a new file and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vpce-write-"));
    const overlay = join(dir, "overlay.json");
    const first = await write(overlay);
    assert.match(first.stderr, new RegExp(`overlay written to ${overlay}`));
    const services = (JSON.parse(readFileSync(overlay, "utf8")) as { services: unknown[] }).services.length;
    const again = await write(overlay);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`overlay replaced ${overlay} \\(the us-east-1 catalog overlay with ${services} services\\)`));
  });

  it("refuses to replace a file that is not an overlay (a request file) unless --force, and says what --force replaced", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vpce-write-"));
    const request = join(dir, "request.yaml");
    writeFileSync(request, "region: us-east-1\nvpc: { id: vpc-0abc }\nservices: [sts]\n");
    const run = await write(request);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      /--write .*request\.yaml exists and is not a catalog overlay; it is left as it is\. Name another file, or pass --force/,
    );
    assert.equal(readFileSync(request, "utf8"), "region: us-east-1\nvpc: { id: vpc-0abc }\nservices: [sts]\n");
    const forced = await write(request, "--force");
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stderr, /replaced .*request\.yaml \(not a catalog overlay, replaced because of --force\)/);
    assert.equal((JSON.parse(readFileSync(request, "utf8")) as { kind: string }).kind, "vpce-plan/catalog-overlay");
  });

  it("refuses to write through a symbolic link, even to an overlay", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vpce-write-"));
    const target = join(dir, "target.json");
    assert.equal((await write(target)).code, 0);
    const before = readFileSync(target, "utf8");
    const link = join(dir, "link.json");
    symlinkSync(target, link);
    const run = await write(link, "--force");
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /--write .*link\.json is a symbolic link; vpce-plan does not write through links/);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(target, "utf8"), before);
  });

  it("--force needs --from-aws --write", async () => {
    const run = await vpcePlan(["catalog", "--force"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--force only work with --from-aws/);
  });
});
