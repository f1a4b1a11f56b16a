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

  constructor(readonly problems: Problems) {}

  /** The context of one rule module: only the codes its table declares. */
  for<T extends CodeTable>(_codes: T): RuleContext<Extract<keyof T, string>> {
    return {
      problem: (code, path, message, hint) => this.problems.add(code, path, message, hint),
      warn: (code, message, at) =>
        this.warnings.push({ code, message, ...(at?.path ? { path: at.path } : {}), ...(at?.service ? { service: at.service } : {}) }),
      reason: (code, message) => ({ code, message }),
    };
  }
}

/** Warnings sorted by service, code and message: plans are byte-identical whatever the input order. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const ka = `${a.service ?? ""}\u0000${a.code}\u0000${a.message}`;
  const kb = `${b.service ?? ""}\u0000${b.code}\u0000${b.message}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
