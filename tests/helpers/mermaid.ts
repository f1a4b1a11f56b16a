/**
 * A structural check of the Mermaid flowchart syntax vpce-plan emits (not all of Mermaid): a
 * `flowchart <dir>` header, then only node definitions, edges between defined nodes or groups,
 * balanced `subgraph ... end`, and classDef/class lines naming defined nodes. Labels are quoted
 * and contain no raw quote, so GitHub's renderer cannot misread them.
 */
export interface Flowchart {
  direction: string;
  nodes: Map<string, string>;
  groups: Map<string, string>;
  edges: Array<{ from: string; to: string; label?: string }>;
  classes: Map<string, string[]>;
}

const ID = "[A-Za-z][A-Za-z0-9_]*";
const LABEL = '"([^"]*)"';
const NODE = new RegExp(`^(${ID})(?:\\[${LABEL}\\]|\\(${LABEL}\\)|\\{\\{${LABEL}\\}\\})$`);
const EDGE = new RegExp(`^(${ID}) -->(?:\\|${LABEL}\\|)? (${ID})$`);
const SUBGRAPH = new RegExp(`^subgraph (${ID})\\[${LABEL}\\]$`);
const CLASSDEF = new RegExp(`^classDef (${ID}) [^\\s]+$`);
const CLASS = new RegExp(`^class (${ID}(?:,${ID})*) (${ID})$`);

/** The ```mermaid blocks of a markdown text. */
export const mermaidBlocks = (markdown: string): string[] => [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

export function parseFlowchart(text: string): Flowchart {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const header = /^flowchart (LR|RL|TB|TD|BT)$/.exec(lines[0] ?? "");
  if (!header) throw new Error(`not a flowchart header: ${lines[0]}`);
  const chart: Flowchart = { direction: header[1], nodes: new Map(), groups: new Map(), edges: [], classes: new Map() };
  const open: string[] = [];
  const defined = (id: string): boolean => chart.nodes.has(id) || chart.groups.has(id);
  const declare = (id: string, label: string, kind: "node" | "group"): void => {
    if (defined(id)) throw new Error(`${id} defined twice`);
    (kind === "node" ? chart.nodes : chart.groups).set(id, label);
  };
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = SUBGRAPH.exec(line))) {
      declare(m[1], m[2], "group");
      open.push(m[1]);
    } else if (line === "end") {
      if (!open.pop()) throw new Error("end without subgraph");
    } else if ((m = NODE.exec(line))) declare(m[1], m[2] ?? m[3] ?? m[4], "node");
    else if ((m = EDGE.exec(line))) chart.edges.push({ from: m[1], to: m[3], ...(m[2] !== undefined ? { label: m[2] } : {}) });
    else if ((m = CLASSDEF.exec(line))) chart.classes.set(m[1], chart.classes.get(m[1]) ?? []);
    else if ((m = CLASS.exec(line))) {
      if (!chart.classes.has(m[2])) throw new Error(`class ${m[2]} used before classDef`);
      chart.classes.set(m[2], [...chart.classes.get(m[2])!, ...m[1].split(",")]);
    } else throw new Error(`not flowchart syntax: ${line}`);
  }
  if (open.length) throw new Error(`unclosed subgraph ${open.join(", ")}`);
  for (const e of chart.edges) if (!defined(e.from) || !defined(e.to)) throw new Error(`edge to an undefined node: ${e.from} --> ${e.to}`);
  for (const [cls, ids] of chart.classes)
    for (const id of ids) if (!chart.nodes.has(id)) throw new Error(`class ${cls} names undefined ${id}`);
  return chart;
}
