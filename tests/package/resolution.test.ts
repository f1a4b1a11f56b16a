/**
 * `vpce-plan/preview` (and the other subpaths) type-check under every module resolution a Pulumi
 * program uses: `node` (the classic Pulumi TypeScript template, which ignores `exports` and needs
 * `typesVersions`), `node16` and `bundler`. A small program is compiled in-process against the
 * workspace's `node_modules/vpce-plan`, exactly as a user's project resolves the package.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../helpers/requests";

const PROGRAM = `
import { AwsMocks, runProgram } from "vpce-plan/preview";
import { planEndpoints } from "vpce-plan/plan";
import { getService } from "vpce-plan/catalog";
import { EndpointPlan } from "vpce-plan";
import * as diff from "vpce-plan/diff";
import * as policy from "vpce-plan/policy";
const mocks: AwsMocks = new AwsMocks({ region: "us-east-1" });
const key: string | undefined = getService("sts")?.key;
export const used = [mocks, runProgram, planEndpoints, key, EndpointPlan, diff, policy];
`;

/** Diagnostics of PROGRAM compiled with these options, as text. */
function diagnostics(options: ts.CompilerOptions): string[] {
  // A virtual file inside the repository, so that node_modules/vpce-plan is found as a user's project finds it.
  const file = join(REPO_ROOT, "tests", "package", "__program__.ts");
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, PROGRAM, language) : read(name, language, ...rest);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || exists(name);
  const program = ts.createProgram([file], { noEmit: true, strict: true, skipLibCheck: true, types: ["node"], ...options }, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("package: subpath imports type-check under every module resolution", function () {
  this.timeout(60_000);
  const cases: Array<[string, ts.CompilerOptions]> = [
    // TypeScript 6 deprecates node10 but still resolves with it (projects from the classic template
    // on TypeScript 5 use it as is); TypeScript 7 drops it.
    ["node (node10)", { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, ignoreDeprecations: "6.0" }],
    ["node16", { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
    ["bundler", { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
  ];
  for (const [name, options] of cases) {
    it(`moduleResolution ${name}`, () => {
      assert.deepEqual(diagnostics({ target: ts.ScriptTarget.ES2022, ...options }), []);
    });
  }
});
