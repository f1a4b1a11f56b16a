/**
 * What every component does with its plan's results: one Output per field of the data its
 * `initialize` returns, and warnings that are logged on the component and exported in arg names.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Diagnostic } from "../plan/types";
import type { PlanWarning } from "./args";

/** An accessor for the fields of a component's data: each field is an Output that resolves when `initialize` does. */
export function dataFields<T>(data: Promise<T>): <K extends keyof T>(key: K) => pulumi.Output<pulumi.Unwrap<T[K]>> {
  // One Output per field, not one over the whole data: that would unwrap every field (the plan
  // included) once more for nothing.
  return (key) => pulumi.output(data.then((d) => d[key])) as unknown as pulumi.Output<pulumi.Unwrap<T[typeof key]>>;
}

/** Logs each warning on the component and returns them with paths in the component's arg names. */
export function reportWarnings(
  diagnostics: readonly Diagnostic[],
  argPath: (path: string) => string,
  resource: pulumi.Resource,
): PlanWarning[] {
  return diagnostics.map(({ code, message, service, path }) => {
    void pulumi.log.warn(`${code}: ${message}`, resource);
    return { code, message, ...(service ? { service } : {}), ...(path ? { path: argPath(path) } : {}) };
  });
}
