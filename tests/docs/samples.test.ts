/**
 * The JSON samples on docs/plan-json.md, docs/network.md and docs/reviewing.md are abridged, but
 * every field they show is one the planner (or `diff`) really outputs, at that place: each sample's
 * field paths are checked against the plans of the bundled example requests, a few variants that make
 * the rarer fields appear, and diffs between them.
 */
import assert from "node:assert/strict";
import { diffPlans } from "vpce-plan/diff";
import { isNetworkRequest, planEndpoints, planNetwork, reconcile } from "vpce-plan/plan";
import { exampleRequestFiles, loadExampleRequest } from "../helpers/requests";
import { fencedBlocks, readPage } from "./markdown";

/** Every field path a set of values has: `.endpoints[].cost.nat.savingsUsd`. */
function fieldPaths(values: unknown[]): Set<string> {
  const paths = new Set<string>();
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) for (const x of v) walk(x, `${path}[]`);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        paths.add(`${path}.${k}`);
        walk(x, `${path}.${k}`);
      }
  };
  for (const v of values) walk(v, "");
  return paths;
}

/** A jsonc sample as a value: comments dropped, a bare `"key": {...}` fragment wrapped in braces. */
function parseSample(body: string): unknown {
  const text = body.replace(/("(?:[^"\\]|\\.)*")|\/\*[\s\S]*?\*\/|\/\/.*$/gm, (_all, str: string | undefined) => str ?? "");
  return JSON.parse(text.trim().startsWith('"') ? `{${text}}` : text);
}

/** The sample's fields the real values lack; `"..."` keys stand for fields left out. */
function unknownFields(sample: unknown, real: Set<string>): string[] {
  return [...fieldPaths([sample])].filter((p) => !p.endsWith("....") && !real.has(p));
}

/** Diffs that touch every part of the diff JSON: endpoints, rules, resolvers, spoke moves, DNS sharing. */
function realDiffs(): unknown[] {
  const example = loadExampleRequest("example.yaml") as { services: string[]; subnets: unknown[]; access: Record<string, unknown> };
  const onPremises = (cidrs: string[]) => ({ ...example.access, onPremises: { cidrs, resolver: "create" } });
  const base = planEndpoints({ ...example, subnets: example.subnets.slice(0, 2), access: onPremises(["192.168.0.0/16"]) });
  const head = planEndpoints({
    ...example,
    services: [...example.services.slice(1), "kms"],
    access: onPremises(["192.168.0.0/16", "172.16.0.0/12"]),
  });
  const hubSpoke = loadExampleRequest("hub-spoke.yaml") as {
    hub: object;
    spokes: Array<{ name: string; traffic: Record<string, number> }>;
  };
  // analytics' small ecr.dkr traffic moves it to the hub, a Profile replaces the zones, and the hub gets a Resolver.
  const moved = hubSpoke.spokes.map((s) => (s.name === "analytics" ? { ...s, traffic: { ...s.traffic, "ecr.dkr": 10 } } : s));
  const hub = { ...hubSpoke.hub, access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" } } };
  const network = planNetwork({ ...hubSpoke, hub, dnsSharing: "profile", spokes: moved });
  return [diffPlans(base, head), diffPlans(planNetwork(hubSpoke), network)];
}

function realPlans(): { single: unknown[]; network: unknown[] } {
  const single: unknown[] = [];
  const network: unknown[] = [];
  for (const file of exampleRequestFiles()) {
    const request = loadExampleRequest(file);
    if (isNetworkRequest(request)) network.push(planNetwork(request));
    else single.push(planEndpoints(request));
  }
  const example = loadExampleRequest("example.yaml") as { services: unknown[] };
  // Existing groups beside the planned one, and what --from-aws adds: `existing`.
  const withGroups = planEndpoints({ ...example, services: ["s3", { name: "secretsmanager", securityGroupIds: ["sg-0audit"] }] });
  single.push(withGroups);
  // An endpoint on several ports, and one on UDP: `ports` and `protocol`.
  const svc = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
  single.push(planEndpoints({ ...example, traffic: {}, services: [{ name: svc, ports: [443, "8443-8451"] }] }));
  single.push(planEndpoints({ ...example, traffic: {}, services: [{ name: svc, ports: [2055], protocol: "udp" }] }));
  const secrets = withGroups.endpoints.find((e) => e.service === "secretsmanager")!;
  single.push(
    reconcile(withGroups, [
      { id: "vpce-0a1", serviceName: secrets.serviceName, type: "Interface", subnetIds: ["subnet-0a1"] },
      { id: "vpce-0b2", serviceName: "com.amazonaws.us-east-1.kms", type: "Interface" },
    ]),
  );
  // A spoke without traffic: the network-level TRAFFIC_UNKNOWN warning.
  const hubSpoke = loadExampleRequest("hub-spoke.yaml") as { spokes: Array<Record<string, unknown>> };
  network.push(planNetwork({ ...hubSpoke, spokes: hubSpoke.spokes.map(({ traffic: _, ...s }) => s) }));
  return { single, network };
}

describe("docs: JSON samples", () => {
  it("reports a field the real values lack, and reads comments and fragments", () => {
    const real = fieldPaths([{ version: 1, endpoints: [{ name: "s3", cost: { monthlyUsd: 0 } }] }]);
    const sample = parseSample(
      '"version": 1, // the version\n"endpoints": [{ "name": "s3", /* why */ "cost": { "monthlyUsd": 0, "typo": 1 }, "...": 0 }], "extra": {}',
    );
    assert.deepEqual(unknownFields(sample, real), [".endpoints[].cost.typo", ".extra"]);
  });

  const { single, network } = realPlans();
  for (const [page, values] of [
    ["docs/plan-json.md", single],
    ["docs/network.md", network],
    ["docs/reviewing.md", realDiffs()],
  ] as const) {
    const real = fieldPaths(values);
    const samples = fencedBlocks(readPage(page)).filter((b) => b.lang === "jsonc");
    it(`${page} has JSON samples`, () => assert.ok(samples.length > 0));
    for (const block of samples)
      it(`${page}:${block.line}: every field the sample shows is in the real plans`, () => {
        assert.deepEqual(unknownFields(parseSample(block.body.join("\n")), real), []);
      });
  }
});
