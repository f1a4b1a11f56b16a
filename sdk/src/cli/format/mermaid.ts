/**
 * Mermaid flowcharts for pull-request comments (GitHub renders a ```mermaid block as a diagram).
 * One VPC: its interface endpoints by AZ, its gateways on their route tables, and the outside
 * consumers its security groups admit. A network: the hub with what it shares, and each spoke with
 * what it takes from the hub. Node ids are derived from names (never positions), escaped to the
 * characters Mermaid accepts, so the same plan always draws the same text.
 */
import type { NetworkPlan } from "../../plan/multi/types";
import type { Plan } from "../../plan/types";
import { fipsMark } from "./table";

/** Marks for a diff: node classes by endpoint name (`vpc/name` in a network). */
export interface DiagramMarks {
  added?: ReadonlySet<string>;
  changed?: ReadonlySet<string>;
  replaced?: ReadonlySet<string>;
  /** Endpoints only the base has: drawn in a "Removed" group. */
  removed?: ReadonlyArray<{ key: string; label: string }>;
}

const CLASSES: Record<"added" | "changed" | "replaced" | "removed", string> = {
  added: "fill:#e6ffed,stroke:#2da44e",
  changed: "fill:#fff8c5,stroke:#bf8700",
  replaced: "fill:#ffebe9,stroke:#cf222e",
  removed: "fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:4",
};

/** `ecr.dkr` -> `ecr_2edkr`: every character outside [A-Za-z0-9] is escaped, so distinct names stay distinct. */
export const nodeId = (prefix: string, ...parts: string[]): string =>
  `${prefix}_${parts.map((p) => p.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)).join("__")}`;

const label = (text: string): string => `"${text.replace(/"/g, "#quot;")}"`;

class Chart {
  private readonly lines: string[] = ["flowchart LR"];
  private depth = 1;
  private readonly classed = new Map<string, string[]>();

  node(id: string, text: string, shape: "box" | "hexagon" | "round" = "box"): void {
    const [open, close] = shape === "hexagon" ? ["{{", "}}"] : shape === "round" ? ["(", ")"] : ["[", "]"];
    this.push(`${id}${open}${label(text)}${close}`);
  }

  edge(from: string, to: string, text?: string): void {
    this.push(text ? `${from} -->|${label(text)}| ${to}` : `${from} --> ${to}`);
  }

  group(id: string, text: string, body: () => void): void {
    this.push(`subgraph ${id}[${label(text)}]`);
    this.depth++;
    body();
    this.depth--;
    this.push("end");
  }

  mark(cls: keyof typeof CLASSES, id: string): void {
    this.classed.set(cls, [...(this.classed.get(cls) ?? []), id]);
  }

  text(): string {
    for (const [cls, style] of Object.entries(CLASSES)) {
      const ids = this.classed.get(cls);
      if (!ids?.length) continue;
      this.push(`classDef ${cls} ${style}`);
      this.push(`class ${[...new Set(ids)].join(",")} ${cls}`);
    }
    return ["```mermaid", ...this.lines, "```"].join("\n");
  }

  private push(line: string): void {
    this.lines.push(`${"  ".repeat(this.depth)}${line}`);
  }
}

function markAll(chart: Chart, marks: DiagramMarks | undefined, key: string, ids: string[]): void {
  const cls = marks?.replaced?.has(key) ? "replaced" : marks?.changed?.has(key) ? "changed" : marks?.added?.has(key) ? "added" : undefined;
  if (cls) for (const id of ids) chart.mark(cls, id);
}

const OUTSIDE: Record<string, string> = { onPremises: "On-premises", extra: "Other CIDRs" };

function consumerLabel(source: string): string {
  const [kind, name] = source.split(/:(.*)/s);
  if (name !== undefined) return `${kind === "spoke" ? "Spoke" : "Peer VPC"} ${name}`;
  return OUTSIDE[source] ?? source;
}

/** Draws one VPC's endpoints inside a group with id `vpcNode`; `prefix` keeps node ids apart when several VPCs share a chart. */
function drawVpc(chart: Chart, plan: Plan, vpcNode: string, title: string, prefix: string, marks?: DiagramMarks, keyPrefix = ""): void {
  const interfaces = plan.endpoints.filter((e) => e.type === "Interface");
  const gateways = plan.endpoints.filter((e) => e.type === "Gateway");
  const azs = [...new Set(interfaces.flatMap((e) => e.azs ?? []))].sort();
  const tables = [...new Set(gateways.flatMap((e) => e.routeTableIds ?? []))].sort();
  chart.group(vpcNode, title, () => {
    for (const az of azs) {
      chart.group(nodeId(`${prefix}az`, az), az, () => {
        for (const e of interfaces.filter((x) => (x.azs ?? []).includes(az))) {
          const id = nodeId(`${prefix}i`, e.name, az);
          const dns = e.dnsOptions?.privateDnsOnlyForInboundResolverEndpoint ? " · private DNS for on-premises" : " · private DNS";
          const title = e.service + fipsMark(e);
          chart.node(id, e.privateDns ? `${title}${dns}` : title);
          markAll(chart, marks, keyPrefix + e.name, [id]);
        }
      });
    }
    if (plan.resolver) {
      chart.node(nodeId(`${prefix}r`, "resolver"), `Route 53 Resolver inbound endpoint · ${plan.resolver.azs.join(", ")}`);
      markAll(chart, marks, `${keyPrefix}resolver`, [nodeId(`${prefix}r`, "resolver")]);
    }
    for (const rtb of tables) chart.node(nodeId(`${prefix}rt`, rtb), `route table ${rtb}`, "round");
    for (const e of gateways) {
      const id = nodeId(`${prefix}g`, e.name);
      chart.node(id, `${e.service} gateway`, "hexagon");
      markAll(chart, marks, keyPrefix + e.name, [id]);
      for (const rtb of e.routeTableIds ?? []) chart.edge(nodeId(`${prefix}rt`, rtb), id);
    }
  });
  // Outside consumers reach the VPC's interface endpoints; the label says which services they may use.
  const reaches = new Map<string, Set<string>>();
  for (const e of interfaces) {
    for (const r of e.securityGroup?.ingress ?? []) {
      // The VPC's own workloads are inside the picture; spokes are drawn as spokes in a network chart.
      if (r.source === "vpc" || r.source.startsWith("spoke:")) continue;
      reaches.set(r.source, (reaches.get(r.source) ?? new Set()).add(e.service));
    }
  }
  // On-premises resolvers send their queries to the Resolver's inbound endpoint (its group admits them on port 53).
  const asksResolver = new Set((plan.resolver?.securityGroup.ingress ?? []).map((r) => r.source).filter((s) => !s.startsWith("spoke:")));
  const sources = [...new Set([...reaches.keys(), ...asksResolver])].sort();
  for (const source of sources) {
    const id = nodeId(`${prefix}c`, source);
    chart.node(id, consumerLabel(source));
    const services = reaches.get(source);
    if (services) chart.edge(id, vpcNode, [...services].sort().join(", "));
    if (asksResolver.has(source)) chart.edge(id, nodeId(`${prefix}r`, "resolver"), "DNS 53");
  }
}

function drawRemoved(chart: Chart, marks: DiagramMarks | undefined): void {
  if (!marks?.removed?.length) return;
  chart.group("removed_endpoints", "Removed", () => {
    for (const r of marks.removed!) {
      const id = nodeId("x", r.key);
      chart.node(id, r.label);
      chart.mark("removed", id);
    }
  });
}

export function planDiagram(plan: Plan, marks?: DiagramMarks): string {
  const chart = new Chart();
  drawVpc(chart, plan, "vpc", `VPC ${plan.vpcId} · ${plan.region}`, "", marks);
  drawRemoved(chart, marks);
  return chart.text();
}

export function networkDiagram(plan: NetworkPlan, marks?: DiagramMarks): string {
  const chart = new Chart();
  const hubTitle = `Hub ${plan.hub.vpcId} · ${plan.region}`;
  if (plan.hub.plan) drawVpc(chart, plan.hub.plan, "hub", hubTitle, "h", marks, "hub/");
  else chart.group("hub", hubTitle, () => chart.node("hub_none", "no endpoints"));
  for (const s of plan.spokes) {
    const id = nodeId("s", s.name);
    const own = s.local.length ? `own: ${s.local.join(", ")}` : "no own endpoints";
    chart.node(id, `Spoke ${s.name} · ${s.vpcId}: ${own}`);
    markAll(chart, marks, `spoke:${s.name}`, [id]);
    if (s.fromHub.length) chart.edge(id, "hub", s.fromHub.join(", "));
  }
  drawRemoved(chart, marks);
  return chart.text();
}
