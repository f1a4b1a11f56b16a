/**
 * One report context for every rule family (single-VPC and network planner alike). A module
 * declares its codes once (`CODES`), and its context accepts only those, so a typo in a code does
 * not compile and a reader finds a code's rule by searching one file.
 */
import type { Problems } from "../problems";
import type { Diagnostic, Reason } from "../types";

/** What a code is: a reason on a decision, a warning on the plan, or a problem that fails it. */
export type CodeKind = "reason" | "warning" | "problem";
export type CodeTable = Readonly<Record<string, CodeKind>>;

/** Where a warning points: the request field, and the service it concerns. */
export interface WarnAt {
  path?: string;
  service?: string;
}

export interface RuleContext<C extends string> {
  problem(code: C, path: string, message: string, hint: string): void;
  warn(code: C, message: string, at?: WarnAt): void;
  reason(code: C, message: string): Reason;
}

/** The warnings and problems of one planner run; every rule module reports into it. */
export class Report {
  readonly warnings: Diagnostic[] = [];

  /**
   * The codes narrow only the type: every module's context is this one object, made once per run,
   * since rules ask for theirs once per service.
   */
  private readonly context: RuleContext<string> = {
    problem: (code, path, message, hint) => this.problems.add(code, path, message, hint),
    warn: (code, message, at) => {
      const warning: Diagnostic = { code, message };
      if (at?.path) warning.path = at.path;
      if (at?.service) warning.service = at.service;
      this.warnings.push(warning);
    },
    reason: (code, message) => ({ code, message }),
  };

  constructor(readonly problems: Problems) {}

  /** The context of one rule module: only the codes its table declares. */
  for<T extends CodeTable>(_codes: T): RuleContext<Extract<keyof T, string>> {
    return this.context;
  }
}

/**
 * Sorts warnings in place by service, code and message, so that plans are byte-identical whatever
 * the input order; each sort key is built once, not once per comparison.
 */
export function sortDiagnostics<T extends Diagnostic>(list: T[]): T[] {
  const keyed = list.map((d) => ({ d, key: `${d.service ?? ""}\u0000${d.code}\u0000${d.message}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  keyed.forEach((e, i) => (list[i] = e.d));
  return list;
}
