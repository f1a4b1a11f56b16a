/**
 * The package as a user gets it: `npm pack` in sdk/ ships only what a project needs, and the tarball
 * installed into an empty project runs both the CLI and an EndpointPlan program under
 * `vpce-plan/preview` mocks. Offline: the project's other dependencies (@pulumi/pulumi, @pulumi/aws,
 * and vpce-plan's own yaml and @aws-sdk/client-ec2) are `file:` links to the workspace's
 * node_modules, so npm needs the registry for nothing; vpce-plan itself is unpacked from the tarball.
 * Also: policy/ and every example depend on the workspace package, so they install on a fresh clone.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { BIN } from "../helpers/cli";
import { REPO_ROOT } from "../helpers/requests";

const SDK = join(REPO_ROOT, "sdk");
const WORKSPACE_MODULES = join(REPO_ROOT, "node_modules");
const EXAMPLE = join(REPO_ROOT, "examples", "requests", "example.yaml");

const npm = (args: string[], cwd: string): string =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });

interface Packed {
  filename: string;
  files: Array<{ path: string }>;
}

/** What may be in the tarball: the build, the CLI, the schemas, the plugin file, README and LICENSE. */
const ALLOWED = [/^dist\/.+\.(js|d\.ts|js\.map|json)$/, /^bin\/vpce-plan\.js$/, /^schema\/[a-z-]+\.schema\.json$/];
const REQUIRED = ["package.json", "README.md", "LICENSE", "PulumiPlugin.yaml", "bin/vpce-plan.js", "dist/index.js", "dist/index.d.ts"];

describe("package: the npm tarball", function () {
  this.timeout(240_000);
  let dir: string;
  let packed: Packed;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "vpce-plan-pack-"));
    packed = (JSON.parse(npm(["pack", "--json", "--pack-destination", dir], SDK)) as Packed[])[0];
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("holds dist, bin, schema, PulumiPlugin.yaml, README.md and LICENSE, and nothing else", () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const file of REQUIRED) assert.ok(files.includes(file), `${file} is missing from the tarball`);
    const schemas = readdirSync(join(SDK, "schema")).map((f) => `schema/${f}`);
    for (const file of schemas) assert.ok(files.includes(file), `${file} is missing from the tarball`);
    const extra = files.filter((f) => !REQUIRED.includes(f) && !ALLOWED.some((pattern) => pattern.test(f)));
    assert.deepEqual(extra, [], "files that do not belong in the package");
    assert.ok(!files.some((f) => /tsbuildinfo|(^|\/)tests?\//.test(f)), "build state or tests in the tarball");
  });

  it("carries the Apache-2.0 text its package.json names, and source maps that hold their own sources", () => {
    const manifest = JSON.parse(readFileSync(join(SDK, "package.json"), "utf8"));
    assert.equal(manifest.license, "Apache-2.0");
    const license = readFileSync(join(SDK, "LICENSE"), "utf8");
    assert.match(license, /Apache License\s+Version 2\.0, January 2004/);
    assert.match(license, /END OF TERMS AND CONDITIONS/);
    // src/ is not shipped: a map that only pointed at it would send a debugger to a missing file.
    for (const map of packed.files.map((f) => f.path).filter((f) => f.endsWith(".map"))) {
      const parsed = JSON.parse(readFileSync(join(SDK, map), "utf8"));
      assert.equal(parsed.sourcesContent?.length, parsed.sources.length, `${map} lacks sourcesContent`);
    }
  });

  describe("installed into an empty project with @pulumi/pulumi and @pulumi/aws", () => {
    let project: string;
    before(() => {
      project = join(dir, "project");
      mkdirSync(project);
      const link = (name: string): string => `file:${join(WORKSPACE_MODULES, name)}`;
      const dependencies = Object.fromEntries(["@pulumi/pulumi", "@pulumi/aws", "yaml", "@aws-sdk/client-ec2"].map((n) => [n, link(n)]));
      writeFileSync(join(project, "package.json"), JSON.stringify({ name: "user-project", private: true, dependencies }));
      npm(["install", "--offline", join(dir, packed.filename)], project);
    });

    it("npx vpce-plan plan prints what the workspace's CLI prints", () => {
      const installed = spawnSync("npx", ["--no-install", "vpce-plan", "plan", "--file", EXAMPLE], { cwd: project, encoding: "utf8" });
      assert.equal(installed.status, 0, installed.stderr);
      const workspace = spawnSync(process.execPath, [BIN, "plan", "--file", EXAMPLE], { encoding: "utf8" });
      assert.equal(installed.stdout, workspace.stdout);
      assert.match(installed.stdout, /^Plan for vpc-0abc1234def567890 in us-east-1/);
    });

    it("an EndpointPlan program runs under vpce-plan/preview mocks, from the installed copy", () => {
      const program = `
        const { EndpointPlan } = require("vpce-plan");
        const { runProgram } = require("vpce-plan/preview");
        runProgram(() => {
          const plan = new EndpointPlan("app", {
            vpc: { id: "vpc-0abc", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
            subnets: [
              { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
              { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
            ],
            services: ["s3", "sts"],
          });
          return { monthlyCostUsd: plan.monthlyCostUsd };
        }).then((run) => console.log(JSON.stringify({
          modules: [require.resolve("vpce-plan"), require.resolve("vpce-plan/schema/request.schema.json")],
          pulumi: [require.resolve("@pulumi/pulumi"), require.resolve("@pulumi/pulumi", { paths: [require.resolve("@pulumi/aws")] })],
          resources: run.resources.filter((r) => r.custom).map((r) => r.type + " " + r.name),
          outputs: run.outputs,
          errors: run.errors.map(String),
        })));`;
      writeFileSync(join(project, "index.js"), program);
      const run = spawnSync(process.execPath, ["index.js"], { cwd: project, encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      const result = JSON.parse(run.stdout);
      assert.deepEqual(
        result.modules.map((m: string) => relative(realpathSync(project), realpathSync(m))),
        [join("node_modules", "vpce-plan", "dist", "index.js"), join("node_modules", "vpce-plan", "schema", "request.schema.json")],
      );
      assert.equal(new Set(result.pulumi.map((p: string) => realpathSync(p))).size, 1, "two copies of @pulumi/pulumi");
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.resources.sort(), [
        "aws:ec2/securityGroup:SecurityGroup app-sts-sg",
        "aws:ec2/vpcEndpoint:VpcEndpoint app-s3-gateway",
        "aws:ec2/vpcEndpoint:VpcEndpoint app-sts",
        "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation app-s3-gateway-rtb-a",
        "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation app-s3-gateway-rtb-b",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule app-sts-443-10.0.0.0-16",
      ]);
      // Two AZs of one interface endpoint at the us-east-1 list price; the gateway is free.
      assert.equal(result.outputs.monthlyCostUsd, 0.01 * 730 * 2);
    });
  });
});

describe("package: policy/ and the examples install from the workspace", function () {
  this.timeout(60_000);

  /** Every directory under policy/ and examples/ with a package.json. */
  function projects(dir: string): string[] {
    const here = readdirSync(join(REPO_ROOT, dir), { withFileTypes: true });
    return [
      ...(here.some((e) => e.name === "package.json") ? [dir] : []),
      ...here.filter((e) => e.isDirectory() && e.name !== "node_modules").flatMap((e) => projects(join(dir, e.name))),
    ];
  }

  it("each is a workspace of the root package.json; vpce-plan resolves to sdk/, with one @pulumi/pulumi", () => {
    const found = [...projects("policy"), ...projects("examples")].sort();
    const workspaces: string[] = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).workspaces;
    assert.deepEqual(
      found.filter((p) => !workspaces.includes(p)),
      [],
      "not a workspace: npm install there would fetch vpce-plan from the registry",
    );
    // What `cd <project> && npm install` resolves (npm installs a workspace from the root), read without installing.
    const paths = npm(["ls", "vpce-plan", "@pulumi/pulumi", "--parseable", "--all"], REPO_ROOT).trim().split("\n");
    const real = (name: string) => [...new Set(paths.filter((p) => p.endsWith(join("node_modules", name))).map((p) => realpathSync(p)))];
    assert.deepEqual(real("vpce-plan"), [realpathSync(SDK)], "vpce-plan is not the workspace's sdk/");
    assert.equal(real("@pulumi/pulumi").length, 1, "more than one @pulumi/pulumi");
  });
});

describe("package: the GitHub Actions example installs vpce-plan from a packed checkout", function () {
  this.timeout(120_000);
  interface Step {
    name?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
  }
  const workflow = parse(readFileSync(join(REPO_ROOT, "examples", "github-actions", "vpce-plan-diff.yml"), "utf8"));
  const steps: Step[] = workflow.jobs.diff.steps;

  it("on Node 22 or later, from a checkout of vpce-plan packed with npm pack, never by name from the registry", () => {
    const node = steps.find((s) => s.uses?.startsWith("actions/setup-node"));
    assert.ok(Number(node?.with?.["node-version"]) >= 22, "setup-node must ask for Node 22 or later");
    const checkout = steps.find((s) => s.with?.repository === "${{ env.VPCE_PLAN_REPOSITORY }}");
    assert.equal(checkout?.with?.path, ".vpce-plan");
    const install = steps.find((s) => s.name === "Install vpce-plan")?.run ?? "";
    assert.match(install, /^make -C \.vpce-plan build$/m);
    assert.match(install, /^npm install --no-save --legacy-peer-deps "\$RUNNER_TEMP"\/vpce-plan-\*\.tgz$/m);
    for (const step of steps)
      assert.doesNotMatch(step.run ?? "", /npm (install|i) [^\n]*\bvpce-plan(@|\s|$)/, "installs vpce-plan from the registry");
  });

  it("its npm pack line, run in a repository with .vpce-plan checked out, writes the tarball it installs", () => {
    const repo = mkdtempSync(join(tmpdir(), "vpce-plan-workflow-"));
    try {
      symlinkSync(REPO_ROOT, join(repo, ".vpce-plan"));
      const runnerTemp = join(repo, "runner-temp");
      mkdirSync(runnerTemp);
      const pack = (steps.find((s) => s.name === "Install vpce-plan")?.run ?? "").split("\n").find((l) => l.startsWith("npm pack"));
      assert.ok(pack, "no npm pack line");
      execFileSync("bash", ["-euc", pack], { cwd: repo, env: { ...process.env, RUNNER_TEMP: runnerTemp }, stdio: "ignore" });
      const version = JSON.parse(readFileSync(join(SDK, "package.json"), "utf8")).version;
      assert.deepEqual(readdirSync(runnerTemp), [`vpce-plan-${version}.tgz`]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe("package: engines and peer ranges are what the suite runs with", () => {
  const manifest = JSON.parse(readFileSync(join(SDK, "package.json"), "utf8"));
  const version = (v: string): number[] => v.replace(/^v/, "").split(".").map(Number);
  const atLeast = (a: number[], b: number[]): boolean => (a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2]);

  it("engines admits the Node.js running this suite (make test runs it on each line engines names)", () => {
    const node = version(process.version);
    const admitted = (manifest.engines.node as string).split("||").some((part) => {
      const [, op, floor] = /^\s*(\^|>=)(\d+\.\d+\.\d+)\s*$/.exec(part) ?? [];
      return op === "^" ? version(floor)[0] === node[0] && atLeast(node, version(floor)) : op === ">=" && atLeast(node, version(floor));
    });
    assert.ok(admitted, `Node.js ${process.version} is not in engines ${manifest.engines.node}`);
  });

  it("each peer range starts at the version installed here, the one every test uses", () => {
    for (const [name, range] of Object.entries(manifest.peerDependencies as Record<string, string>)) {
      // @pulumi/policy writes its version as "v1.21.0".
      const installed = String(JSON.parse(readFileSync(join(WORKSPACE_MODULES, name, "package.json"), "utf8")).version).replace(/^v/, "");
      assert.equal(range, `^${installed}`, name);
    }
  });
});
