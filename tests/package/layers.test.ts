/**
 * Layers run one way (DESIGN "Layers": facts -> plan -> resources / reports). Every module reference in
 * sdk/src (import and export declarations, `import("...")` types, `require` calls) is read from the
 * source and checked against the table of directions that must never be taken.
 */
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../helpers/requests";

const SRC = join(REPO_ROOT, "sdk", "src");

/** Per layer (a directory of sdk/src), the layers it must never import. */
const NEVER: Readonly<Record<string, readonly string[]>> = {
  facts: ["components", "cli", "preview", "policy", "audit", "diff"],
  plan: ["components", "cli", "preview", "policy", "audit", "diff"],
  catalog: ["plan", "facts", "components", "cli"],
};

/** Every module specifier a source file names, with its line. */
function specifiers(file: string, text: string): Array<{ specifier: string; line: number }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Array<{ specifier: string; line: number }> = [];
  const add = (node: ts.Node | undefined): void => {
    if (node && ts.isStringLiteralLike(node))
      out.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))
    )
      add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const LAYERS = new Set(
  readdirSync(SRC, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name),
);

/** The layer (directory of sdk/src) a file or a module path (`../preview`, a directory's index) belongs to. */
const layerOf = (path: string): string | undefined => {
  const first = relative(SRC, path).split(sep)[0];
  return LAYERS.has(first) ? first : undefined;
};

/** `file imports layer` lines that break the table. */
function violations(file: string, text: string): string[] {
  const from = layerOf(file);
  const never = from ? NEVER[from] : undefined;
  if (!never) return [];
  return specifiers(file, text).flatMap(({ specifier, line }) => {
    if (!specifier.startsWith(".")) return [];
    const to = layerOf(resolve(dirname(file), specifier));
    return to && never.includes(to) ? [`${relative(SRC, file)}:${line} imports ${specifier} (${from} never imports ${to})`] : [];
  });
}

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

describe("package: layers import one way", () => {
  it("no file of sdk/src imports a layer the table forbids", () => {
    const files = sources(SRC);
    for (const layer of Object.keys(NEVER))
      assert.ok(
        files.some((f) => layerOf(f) === layer),
        `no source file found under sdk/src/${layer}`,
      );
    assert.deepEqual(
      files.flatMap((f) => violations(f, readFileSync(f, "utf8"))),
      [],
    );
  });

  it("finds every form of module reference, and only across forbidden directions", () => {
    const file = join(SRC, "facts", "pulumi", "example.ts");
    const text = [
      `import type { EndpointPlanArgs } from "../../components/args";`,
      `export { runCli } from "../../cli/main";`,
      `type Aws = typeof import("../../preview");`,
      `const policy = require("../../policy");`,
      `const audit = import("../../audit/engine");`,
      `import { planEndpoints } from "../../plan/planner";`,
      `import { findService } from "../../catalog";`,
      `import * as aws from "@pulumi/aws";`,
    ].join("\n");
    assert.deepEqual(
      violations(file, text).map((v) => v.replace(/ \(.*$/, "")),
      [
        "facts/pulumi/example.ts:1 imports ../../components/args",
        "facts/pulumi/example.ts:2 imports ../../cli/main",
        "facts/pulumi/example.ts:3 imports ../../preview",
        "facts/pulumi/example.ts:4 imports ../../policy",
        "facts/pulumi/example.ts:5 imports ../../audit/engine",
      ].map((v) => v.split("/").join(sep)),
    );
    assert.deepEqual(violations(join(SRC, "catalog", "index.ts"), `import type { PriceTable } from "../plan/types";`).length, 1);
    // The components may read every layer below them.
    assert.deepEqual(violations(join(SRC, "components", "request.ts"), `import { factsNeeded } from "../facts/needs";`), []);
  });
});
