/**
 * The error an `EndpointPlan` fails with when its args are invalid: every problem at once, with
 * the planner's codes and hints and the component's arg names. A `ResourceError` with the stack
 * hidden, so `pulumi up` shows the problems and not a trace; named like the planner's error so
 * `isPlanRequestError` (and `vpce-plan preview`'s exit code 2) treats both alike.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatProblems } from "../plan/problems";
import type { Problem } from "../plan/types";

export class EndpointPlanError extends pulumi.ResourceError {
  readonly problems: Problem[];

  constructor(problems: Problem[], resource: pulumi.Resource) {
    super(formatProblems(problems), resource, true);
    this.name = "PlanRequestError";
    this.problems = problems;
  }
}
