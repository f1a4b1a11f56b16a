import type { Problem } from "./types";

/** Thrown by `planEndpoints` for an invalid request: every problem at once, never a stack trace. */
export class PlanRequestError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(formatProblems(problems));
    this.name = "PlanRequestError";
    this.problems = problems;
  }
}

export function isPlanRequestError(err: unknown): err is PlanRequestError {
  return err instanceof PlanRequestError || (err instanceof Error && err.name === "PlanRequestError");
}

export function formatProblems(problems: Problem[]): string {
  const lines = problems.map((p) => `  - ${p.path || "(request)"}: ${p.message}${p.hint ? ` Fix: ${p.hint}` : ""} [${p.code}]`);
  return `invalid endpoint request (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${lines.join("\n")}`;
}

/** Collects problems while a request is read, so that all of them are reported together. */
export class Problems {
  readonly list: Problem[] = [];

  add(code: string, path: string, message: string, hint: string): void {
    this.list.push({ code, path, message, hint });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}
