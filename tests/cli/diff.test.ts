/** `vpce-plan diff` and the pull-request markdown of `plan` and `diff`, through the built binary. */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { planEndpoints, planNetwork } from "vpce-plan/plan";
import { requestFile, vpcePlan, vpcePlanModules } from "../helpers/cli";
import { markdownText } from "../helpers/markdown";
import { mermaidBlocks, parseFlowchart } from "../helpers/mermaid";
import { REPO_ROOT, REQUESTS_DIR, loadExampleRequest } from "../helpers/requests";
import { request, subnets } from "../helpers/build";
import { network, spoke } from "../multi/fixtures";

const BASE = request({ services: ["sts", "logs", "s3"] });
const HEAD = request({
  services: ["kms", "logs", "s3"],
  subnets: subnets("us-east-1", "abc"),
  access: { onPremises: { cidrs: ["192.168.0.0/16"] } },
});
const base = requestFile("diff-base.json", BASE);
const head = requestFile("diff-head.json", HEAD);

/** The structure a cost-review comment must have: headline (as rendered), table, exactly one flowchart, reasons collapsed. */
function assertComment(markdown: string, headline: RegExp): ReturnType<typeof parseFlowchart> {
  const lines = markdown.split("\n");
  assert.match(markdownText(markdown).split("\n")[0], headline);
  assert.ok(
    lines.some((l) => /^\| --- \|/.test(l)),
    "a markdown table",
  );
  assert.match(markdown, /<details><summary>[^<]+<\/summary>[\s\S]+<\/details>/);
  const blocks = mermaidBlocks(markdown);
  assert.equal(blocks.length, 1, "exactly one mermaid block");
  return parseFlowchart(blocks[0]);
}

describe("cli: vpce-plan diff", () => {
  it("zones -> Profile: the table names the DNS-sharing cost on both sides and warns of ConflictingDomainExists", () => {
    const spokes = [spoke("a", 1), spoke("b", 2)];
    const zones = requestFile("diff-zones.json", { ...network(spokes), dnsSharing: "zones" });
    const profile = requestFile("diff-profile.json", { ...network(spokes), dnsSharing: "profile" });
    const run = vpcePlan(["diff", "--base", zones, "--head", profile]);
    assert.equal(run.status, 0, run.stderr);
    const usd = planNetwork({ ...network(spokes), dnsSharing: "profile" }).dnsSharing.profile.monthlyUsd;
    assert.match(run.stdout, new RegExp(`Route 53 Profile \\$0\\.00 -> \\$${usd.toFixed(2).replace(".", "\\.")}`));
    assert.doesNotMatch(run.stdout, /\(\+\$0\.00 a month\)/);
    assert.match(run.stdout, /ConflictingDomainExists[\s\S]*\[DNS_SHARING_SWITCH_FAILS\]/);
  });

  it("--format json is the diff contract, with the cost delta of the two plans' totals", () => {
    const run = vpcePlan(["diff", "--base", base, "--head", head, "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    const d = JSON.parse(run.stdout);
    assert.equal(d.version, 1);
    assert.equal(d.kind, "diff");
    assert.deepEqual(Object.keys(d.endpoints), ["added", "removed", "changed"]);
    const [b, h] = [planEndpoints(BASE), planEndpoints(HEAD)];
    assert.equal(d.cost.baseMonthlyUsd, b.cost.monthlyTotalUsd);
    assert.equal(d.cost.headMonthlyUsd, h.cost.monthlyTotalUsd);
    assert.ok(Math.abs(d.cost.deltaMonthlyUsd - (h.cost.monthlyTotalUsd - b.cost.monthlyTotalUsd)) < 1e-4);
    assert.deepEqual(
      d.endpoints.added.map((e: { name: string }) => e.name),
      ["kms", "s3"],
    );
  });

  it("without --from-aws never loads @pulumi/* or the AWS SDK", () => {
    const run = vpcePlanModules(["diff", "--base", base, "--head", head, "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(
      run.modules.some((m) => /[\\/]dist[\\/]diff[\\/]index\.js$/.test(m)),
      "diff not in the module log",
    );
    assert.deepEqual(
      run.modules.filter((m) => /[\\/]@pulumi[\\/]|[\\/]@aws-sdk[\\/]|[\\/]aws-sdk[\\/]/.test(m)),
      [],
    );
  });

  it("plan JSON files diff like their requests", () => {
    const planFile = (name: string, req: unknown) => requestFile(name, JSON.stringify(planEndpoints(req)));
    const fromPlans = vpcePlan([
      "diff",
      "--base",
      planFile("p-base.json", BASE),
      "--head",
      planFile("p-head.json", HEAD),
      "--format",
      "json",
    ]);
    const fromRequests = vpcePlan(["diff", "--base", base, "--head", head, "--format", "json"]);
    assert.equal(fromPlans.status, 0, fromPlans.stderr);
    assert.deepEqual(JSON.parse(fromPlans.stdout), JSON.parse(fromRequests.stdout));
  });

  it("exit 0 with or without changes; 3 when --fail-on matches; --fail-on replace ignores in-place changes", () => {
    assert.equal(vpcePlan(["diff", "--base", base, "--head", base, "--fail-on", "change"]).status, 0);
    const changed = vpcePlan(["diff", "--base", base, "--head", head, "--fail-on", "change"]);
    assert.equal(changed.status, 3);
    assert.match(changed.stderr, /the plan changes/);
    assert.equal(vpcePlan(["diff", "--base", base, "--head", head, "--fail-on", "replace"]).status, 0);
    const moved = requestFile("diff-moved.json", { ...BASE, vpc: { ...BASE.vpc, id: "vpc-0def" } });
    const replaced = vpcePlan(["diff", "--base", base, "--head", moved, "--fail-on", "replace"]);
    assert.equal(replaced.status, 3);
    assert.match(replaced.stdout, /vpcId vpc-0abc -> vpc-0def \(replaces\)/);
  });

  it("exit 2 for invalid input, naming the side and the field, JSON errors with --format json", () => {
    const bad = requestFile("diff-bad.json", { ...BASE, services: ["stss"] });
    const run = vpcePlan(["diff", "--base", base, "--head", bad]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--head:/);
    assert.match(run.stderr, /services\[0\]/);
    const asJson = vpcePlan(["diff", "--base", bad, "--head", bad, "--format", "json"]);
    assert.equal(asJson.status, 2);
    const errors = JSON.parse(asJson.stdout).errors as Array<{ input: string; code: string }>;
    assert.deepEqual([...new Set(errors.map((e) => e.input))], ["base", "head"]);
    assert.equal(vpcePlan(["diff", "--head", head]).status, 2);
    assert.equal(vpcePlan(["diff", "--base", base, "--head", head, "--fail-on", "everything"]).status, 2);
    assert.equal(vpcePlan(["diff", "--base", base, "--head", head, "--vpc-id", "vpc-1"]).status, 2);
  });

  it("--format markdown reads like a cost-review comment: delta headline, table, diagram marking the change", () => {
    const run = vpcePlan(["diff", "--base", base, "--head", head, "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    const chart = assertComment(run.stdout, /^vpce-plan: \+\$\d+\.\d{2} a month \(\$\d+\.\d{2} -> \$\d+\.\d{2}\)$/);
    assert.match(markdownText(run.stdout), /This change adds kms, s3, removes sts, changes logs/);
    assert.ok(chart.groups.has("vpc"));
    assert.deepEqual([...chart.groups.values()].filter((g) => /^us-east-1[abc]$/.test(g)).sort(), [
      "us-east-1a",
      "us-east-1b",
      "us-east-1c",
    ]);
    assert.ok([...chart.nodes.values()].some((n) => n === "s3 gateway"));
    assert.ok(chart.edges.some((e) => e.to === "vpc" && chart.nodes.get(e.from) === "On-premises"));
    assert.equal(chart.classes.get("added")!.length, 6, "kms and s3 in three AZs");
    assert.deepEqual(
      chart.classes.get("removed")!.map((id) => chart.nodes.get(id)),
      ["sts (interface)"],
    );
    assert.match(run.stdout, /<details><summary>Security-group rules<\/summary>/);
    for (const e of planEndpoints(HEAD).endpoints) for (const r of e.reasons) assert.ok(run.stdout.includes(`\`${r.code}\``), r.code);
  });

  it("a network diff shows assignments that move, and the hub-and-spoke diagram", () => {
    const net = loadExampleRequest("hub-spoke.yaml") as Record<string, unknown> & { spokes: Array<Record<string, unknown>> };
    const headNet = {
      ...net,
      spokes: net.spokes.map((s, i) => (i === 0 ? { ...s, traffic: { ...(s.traffic as object), "ecr.dkr": 50000 } } : s)),
    };
    const run = vpcePlan([
      "diff",
      "--base",
      join(REQUESTS_DIR, "hub-spoke.yaml"),
      "--head",
      requestFile("net-head.json", headNet),
      "--format",
      "markdown",
    ]);
    assert.equal(run.status, 0, run.stderr);
    const chart = assertComment(run.stdout, /^vpce-plan: [+-]?\$\d+\.\d{2} a month/);
    const planned = planNetwork(headNet);
    for (const s of planned.spokes) {
      const node = [...chart.nodes.entries()].find(([, label]) => label.startsWith(`Spoke ${s.name} `));
      assert.ok(node, s.name);
      if (s.fromHub.length) assert.ok(chart.edges.some((e) => e.from === node[0] && e.to === "hub" && e.label === s.fromHub.join(", ")));
    }
  });

  it("DNS changes are spelled out: a network switching to a Profile, a VPC gaining a Resolver endpoint", () => {
    const net = loadExampleRequest("hub-spoke.yaml") as Record<string, unknown>;
    const diffOf = (b: unknown, h: unknown, format: string) =>
      vpcePlan(["diff", "--base", requestFile("dns-base.json", b), "--head", requestFile("dns-head.json", h), "--format", format]);
    const switched = diffOf({ ...net, dnsSharing: "zones" }, { ...net, dnsSharing: "profile" }, "table");
    assert.equal(switched.status, 0, switched.stderr);
    assert.match(switched.stdout, /switches DNS sharing from zones to profile/);
    assert.match(switched.stdout, /^DNS:\n {2}~ DNS sharing: zones -> profile/m);
    assert.match(switched.stdout, /^ {2}- zone \S+/m);
    assert.match(switched.stdout, /^ {2}\+ association \S+ \(vpc-\S+\) Route 53 Profile$/m);
    const resolver = { ...HEAD, access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" } } };
    const md = diffOf(HEAD, resolver, "markdown");
    assert.equal(md.status, 0, md.stderr);
    const text = markdownText(md.stdout);
    assert.match(text, /This change adds resolver/);
    assert.match(md.stdout, /<details open><summary>DNS<\/summary>/);
    assert.match(text, /^\+ resolver: Resolver inbound endpoint \(\$0\.00 -> \$\d+\.\d{2}\)$/m);
    assert.match(text, /^\+ resolver: udp 53 from 192\.168\.0\.0\/16 \(onPremises\)$/m);
  });
});

describe("cli: plan --format markdown as a pull-request comment", () => {
  it("one VPC: monthly total in the headline, the table, one flowchart, every reason collapsed", () => {
    const run = vpcePlan(["plan", "--file", join(REQUESTS_DIR, "example.yaml"), "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    const planned = planEndpoints(loadExampleRequest("example.yaml"));
    const chart = assertComment(
      run.stdout,
      new RegExp(`^VPC endpoints for ${planned.vpcId} \\(${planned.region}\\): \\$${planned.cost.monthlyTotalUsd.toFixed(2)} a month$`),
    );
    for (const e of planned.endpoints.filter((x) => x.type === "Interface"))
      assert.equal([...chart.nodes.values()].filter((n) => n.split(" · ")[0] === e.service).length, e.azs!.length, e.name);
    for (const e of planned.endpoints.filter((x) => x.type === "Gateway"))
      for (const rtb of e.routeTableIds!)
        assert.ok(
          chart.edges.some((x) => chart.nodes.get(x.from) === `route table ${rtb}` && chart.nodes.get(x.to) === `${e.service} gateway`),
        );
  });

  it("a network: the hub, each spoke and what it takes from the hub, in exactly one flowchart", () => {
    const run = vpcePlan(["plan", "--file", join(REQUESTS_DIR, "hub-spoke.yaml"), "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    const planned = planNetwork(loadExampleRequest("hub-spoke.yaml"));
    const chart = assertComment(run.stdout, new RegExp(`^\\$${planned.cost.monthlyTotalUsd.toFixed(2)} a month: Network plan`));
    assert.ok(chart.groups.has("hub"));
    assert.equal([...chart.nodes.values()].filter((n) => n.startsWith("Spoke ")).length, planned.spokes.length);
  });
});

describe("cli: every bundled example's markdown has one flowchart that parses", () => {
  for (const file of readdirSync(REQUESTS_DIR).filter((f) => f.endsWith(".yaml"))) {
    it(file, () => {
      const run = vpcePlan(["plan", "--file", join(REQUESTS_DIR, file), "--format", "markdown"]);
      assert.equal(run.status, 0, run.stderr);
      const blocks = mermaidBlocks(run.stdout);
      assert.equal(blocks.length, 1);
      assert.ok(parseFlowchart(blocks[0]).nodes.size > 0);
      const same = vpcePlan(["diff", "--base", join(REQUESTS_DIR, file), "--head", join(REQUESTS_DIR, file), "--format", "markdown"]);
      assert.match(markdownText(same.stdout), /^vpce-plan: \$0\.00 a month/);
      assert.match(markdownText(same.stdout), /This change leaves the endpoints as they are\./);
      parseFlowchart(mermaidBlocks(same.stdout)[0]);
    });
  }
});

describe("examples/github-actions: the pull-request workflow", () => {
  it("runs the diff and plan commands this CLI accepts, and posts the markdown it prints", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const YAML = require("yaml") as typeof import("yaml");
    const workflow = YAML.parse(readFileSync(join(REPO_ROOT, "examples", "github-actions", "vpce-plan-diff.yml"), "utf8"));
    assert.ok(workflow.on.pull_request);
    assert.equal(workflow.permissions["pull-requests"], "write");
    const script = (workflow.jobs.diff.steps as Array<{ run?: string }>).map((s) => s.run ?? "").join("\n");
    const commands = [...script.matchAll(/npx vpce-plan (.+?) > comment\.md/g)].map((m) => m[1]);
    assert.equal(commands.length, 2);
    const files: Record<string, string> = { "base-request.yaml": base, '"$REQUEST"': head };
    for (const command of commands) {
      const args = command.split(/\s+/).map((a) => files[a] ?? a);
      const run = vpcePlan(args);
      assert.ok(run.status === 0 || run.status === 3, `${command}: ${run.stderr}`);
      assert.equal(mermaidBlocks(run.stdout).length, 1, command);
    }
    assert.match(script, /gh pr comment .* --body-file comment\.md/);
    // The whole comment (--comment-limit 0) is written beside the cut one and attached to the run.
    const whole = [...script.matchAll(/npx vpce-plan (.+?) > vpce-plan-full\.md/g)].map((m) => m[1]);
    assert.deepEqual(
      whole,
      commands.map((c) => `${c.replace(" --fail-on replace", "")} --comment-limit 0`),
    );
    const attach = (workflow.jobs.diff.steps as Array<{ uses?: string; with?: { path?: string } }>).find((s) =>
      s.uses?.startsWith("actions/upload-artifact"),
    );
    assert.equal(attach?.with?.path, "vpce-plan-full.md");
  });
});
