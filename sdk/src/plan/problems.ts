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
    this.list.push({ code, path: clip(path), message: clip(message), hint: clip(hint) });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/**
 * Longest path, message or hint kept: enough for every message vpce-plan writes; a value echoed
 * from a huge input (a 1 MB key, a long list of names) is cut, so an error stays a line, not a dump.
 */
const MAX_TEXT = 1000;

const clip = (text: string): string =>
  text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}... (${text.length - MAX_TEXT} more characters)` : text;
