/**
 * Pull-request comments (`--format markdown`) as GitHub shows them: rendered by a CommonMark
 * renderer, under GitHub's comment size limit at any network size, never empty.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { planNetwork, type NetworkRequest } from "vpce-plan/plan";
import { requestFile, vpcePlan, VALID_REQUEST } from "../helpers/cli";
import { markdownTables, markdownText, markupIn } from "../helpers/markdown";
import { mermaidBlocks, parseFlowchart } from "../helpers/mermaid";
import { REQUESTS_DIR } from "../helpers/requests";
import { network, spoke } from "../multi/fixtures";

/** GitHub's limit ("body is too long (maximum is 65536 characters)"), less the room the workflow's marker takes. */
const GITHUB_LIMIT = 65_536;

/** `n` spokes, each with three services the hub can share, and room for 500 of them in 172.16.0.0/12. */
function spokes(n: number, services = ["secretsmanager", "sts", "kms"]): NetworkRequest {
  const all = Array.from({ length: n }, (_, i) =>
    spoke(`team-${String(i).padStart(3, "0")}`, i, { cidr: `172.${16 + Math.floor(i / 256)}.${i % 256}.0/24`, services }),
  );
  return network(all);
}

describe("cli: pull-request comments", () => {
  it("policy JSON in a diff's table cell renders exactly as written: no italics from * or _", () => {
    const policy = { Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::logs_*_bucket/*" }] };
    const base = requestFile("md-policy-base.json", { ...VALID_REQUEST, services: ["s3", "sts"] });
    const head = requestFile("md-policy-head.json", { ...VALID_REQUEST, services: [{ name: "s3", policy: { document: policy } }, "sts"] });
    const run = vpcePlan(["diff", "--base", base, "--head", head, "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    const [table] = markdownTables(run.stdout);
    const fields = table.map((row) => row[3]).find((cell) => cell.startsWith("policy "));
    assert.ok(fields, JSON.stringify(table));
    assert.ok(fields.includes(JSON.stringify(policy)), fields);
    const rows = run.stdout.split("\n").filter((l) => l.startsWith("| "));
    assert.deepEqual(markupIn(rows.join("\n")), []);
  });

  it("every example's plan comment renders without stray markup: table cells, warnings and reasons read as written", () => {
    for (const file of ["example.yaml", "hub-spoke.yaml", "on-prem-resolver.yaml", "peer-vpcs.yaml", "partner.yaml"]) {
      const run = vpcePlan(["plan", "--file", join(REQUESTS_DIR, file), "--format", "markdown"]);
      assert.equal(run.status, 0, run.stderr);
      for (const table of markdownTables(run.stdout))
        for (const row of table) for (const cell of row) assert.doesNotMatch(cell, /\\/, file);
      // An endpoint's name in bold is the only markup a list item means.
      const listed = run.stdout.split("\n").filter((l) => l.startsWith("- "));
      assert.deepEqual(
        markupIn(listed.join("\n")).filter((t) => t !== "strong_open"),
        [],
        file,
      );
    }
  });

  for (const n of [5, 40, 500]) {
    it(`a ${n}-spoke network: plan and diff comments stay under GitHub's limit, summary first, and the whole is one flag away`, () => {
      const base = requestFile(`md-${n}-base.json`, spokes(n));
      const head = requestFile(`md-${n}-head.json`, spokes(n, ["secretsmanager", "sts", "kms", "logs"]));
      const planned = planNetwork(spokes(n));
      for (const args of [
        ["plan", "--file", base],
        ["diff", "--base", base, "--head", head],
      ]) {
        const run = vpcePlan([...args, "--format", "markdown"]);
        assert.ok(run.status === 0, run.stderr);
        assert.ok(run.stdout.length <= GITHUB_LIMIT - 512, `${args[0]} ${n}: ${run.stdout.length} characters`);
        const text = markdownText(run.stdout).split("\n");
        assert.match(text[0], args[0] === "plan" ? /^\$[\d.]+ a month: Network plan/ : /^vpce-plan: \+\$[\d.]+ a month/);
        const whole = vpcePlan([...args, "--format", "markdown", "--comment-limit", "0"]);
        const cut = run.stdout.length < whole.stdout.length;
        assert.equal(cut, /Cut to fit GitHub's 65,536-character comment limit/.test(run.stdout), `${args[0]} ${n}`);
        if (n === 5) assert.equal(cut, false, "5 spokes fit whole");
        if (n === 500) assert.ok(cut, "500 spokes cannot fit whole");
        for (const s of planned.spokes) assert.ok(whole.stdout.includes(s.name), s.name);
        if (args[0] === "plan") {
          // The spoke table keeps its header and says how many rows it left out: kept + left out = every spoke.
          const spokeTable = markdownTables(run.stdout).find((t) => t[0][0] === "Spoke")!;
          const more = /^(\d+) more spoke\(s\)$/.exec(spokeTable[spokeTable.length - 1][0]);
          assert.equal(spokeTable.length - 1 - (more ? 1 : 0) + (more ? Number(more[1]) : 0), n);
        }
      }
    });
  }

  it("network tables stay readable at any size: long lists fold into counts", () => {
    for (const n of [40, 500]) {
      const run = vpcePlan(["plan", "--file", requestFile(`wide-${n}.json`, spokes(n))]);
      assert.equal(run.status, 0, run.stderr);
      const widest = Math.max(...run.stdout.split("\n").map((l) => l.length));
      assert.ok(widest <= 300, `${n} spokes: a line of ${widest} characters`);
      assert.match(run.stdout, /team-000, team-001, team-002 and \d+ more/);
    }
  });

  it("an invalid head with --format markdown prints the problems as a comment (exit 2), and on stderr", () => {
    const base = requestFile("md-valid.json", VALID_REQUEST);
    const bad = requestFile("md-bad.json", { ...VALID_REQUEST, services: ["s3", "no-such-service"] });
    for (const args of [
      ["diff", "--base", base, "--head", bad],
      ["plan", "--file", bad],
    ]) {
      const run = vpcePlan([...args, "--format", "markdown"]);
      assert.equal(run.status, 2);
      const text = markdownText(run.stdout);
      assert.match(text, /^vpce-plan: invalid input \(1 problem\)/);
      assert.match(text, /services\[1\]/);
      assert.match(run.stderr, /services\[1\]/);
    }
    const flag = vpcePlan(["diff", "--base", base, "--head", bad, "--format", "markdown", "--fail-on", "replaced"]);
    assert.equal(flag.status, 2);
    assert.match(markdownText(flag.stdout), /INVALID_FLAG/);
  });

  it("the diagram shows the Resolver inbound endpoint and what reaches it", () => {
    const run = vpcePlan(["plan", "--file", join(REQUESTS_DIR, "on-prem-resolver.yaml"), "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    const chart = parseFlowchart(mermaidBlocks(run.stdout)[0]);
    const resolver = [...chart.nodes.entries()].find(([, label]) => label.startsWith("Route 53 Resolver inbound endpoint"));
    assert.ok(resolver, [...chart.nodes.values()].join("\n"));
    assert.ok(chart.edges.some((e) => e.to === resolver[0] && chart.nodes.get(e.from) === "On-premises" && e.label === "DNS 53"));
  });

  it("FIPS endpoints are marked in the table, the markdown and the diagram", () => {
    const file = join(REQUESTS_DIR, "fips-vpc.yaml");
    assert.match(vpcePlan(["plan", "--file", file]).stdout, /^kms \(FIPS\) +Interface/m);
    const md = vpcePlan(["plan", "--file", file, "--format", "markdown"]).stdout;
    const rows = markdownTables(md)[0].map((r) => r[0]);
    assert.ok(rows.includes("kms (FIPS)") && rows.includes("logs"), rows.join(", "));
    assert.ok([...parseFlowchart(mermaidBlocks(md)[0]).nodes.values()].some((l) => l.startsWith("kms (FIPS)")));
  });

  it("diff counts new sources, not rules, prints live rules readably, and names added spokes", () => {
    const base = requestFile("src-base.json", { ...VALID_REQUEST, services: ["sts", "kms", "logs"] });
    const head = requestFile("src-head.json", {
      ...VALID_REQUEST,
      services: ["sts", "kms", "logs"],
      access: { onPremises: { cidrs: ["192.168.0.0/16", "172.16.0.0/12"] } },
    });
    const run = vpcePlan(["diff", "--base", base, "--head", head]);
    assert.match(run.stdout, /admits 2 new source\(s\) in 6 rule\(s\)/);
    // A plan JSON base holding a rule as EC2 reports it (every protocol: -1, ports -1).
    const plan = JSON.parse(vpcePlan(["plan", "--file", base, "--format", "json"]).stdout);
    plan.endpoints[0].securityGroup.ingress.push({ protocol: "-1", fromPort: -1, toPort: -1, cidr: "0.0.0.0/0", source: "live" });
    const live = vpcePlan(["diff", "--base", requestFile("src-live.json", plan), "--head", base]);
    assert.match(live.stdout, /- \S+: all traffic from 0\.0\.0\.0\/0 \(live\)/);
    assert.doesNotMatch(live.stdout, /-1 -1/);
    const two = network([spoke("a", 1), spoke("b", 2)]);
    const three = network([spoke("a", 1), spoke("b", 2), spoke("c", 3)]);
    const net = vpcePlan(["diff", "--base", requestFile("two.json", two), "--head", requestFile("three.json", three)]);
    assert.match(net.stdout, /adds spoke\(s\) c/);
  });
});
