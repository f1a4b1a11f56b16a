/**
 * A small structural checker for requests read from YAML/JSON: types, enums and unknown fields
 * (typos get "did you mean"). Semantic rules (CIDRs, AZs, services) live in validate.ts.
 */
import { didYouMean } from "../catalog/suggest";
import type { Problems } from "./problems";

export type Shape =
  | { kind: "string"; pattern?: RegExp; example?: string }
  | { kind: "number"; min?: number; max?: number; integer?: boolean }
  | { kind: "boolean" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "array"; of: Shape; minItems?: number }
  | { kind: "object"; fields: Record<string, Shape>; required?: readonly string[] }
  | { kind: "record"; of: Shape }
  | { kind: "json-object" }
  | { kind: "string-or"; object: Shape & { kind: "object" } }
  | { kind: "number-or"; number?: Shape & { kind: "number" }; object: Shape & { kind: "object" } };

/** Longest string echoed into a message: a 1 MB value must not become a 1 MB error. */
const MAX_ECHO = 80;

/** A value as a message quotes it: strings cut to MAX_ECHO characters. */
export function quote(value: string): string {
  return (
    JSON.stringify(value.length > MAX_ECHO ? value.slice(0, MAX_ECHO) : value) +
    (value.length > MAX_ECHO ? `... (${value.length} characters)` : "")
  );
}

/** A value as messages name it: `null`, `a list`, `an object`, `string "x"` (cut), `number NaN`. */
export const describeValue = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "a list"
      : typeof value === "object"
        ? (builtBy(value) ?? "an object")
        : typeof value === "string"
          ? `string ${quote(value)}`
          : // JSON.stringify spells NaN and Infinity "null" (YAML's .nan, .inf).
            `${typeof value} ${typeof value === "number" ? String(value) : JSON.stringify(value)}`;

/**
 * What a YAML tag such as !!omap, !!set, !!timestamp or !!binary built: those load as Map, Set, Date
 * or Uint8Array, which have no own fields, so they must be refused, never read as an empty map.
 */
function builtBy(value: object): string | undefined {
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return undefined;
  const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return `a ${typeof name === "string" && name ? name : "non-plain object"} (a YAML tag such as !!omap, !!set or !!timestamp builds one; write a plain map or list)`;
}

/**
 * Nesting a JSON value may have: far beyond any policy document (an IAM statement's condition
 * values sit 5 levels deep) and far below what recursion elsewhere (JSON.stringify) survives.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * What makes `value` no plain JSON: nested too deep, cyclic (a YAML alias inside its own anchor), a
 * non-finite number, or (unless `tags` allows them, for a whole file whose fields are checked
 * with their paths later) an object that a YAML tag built.
 */
export function jsonProblem(value: unknown, tags = false): string | undefined {
  const open = new Set<object>();
  const walk = (v: unknown, depth: number): string | undefined => {
    if (v === null || typeof v !== "object")
      return typeof v === "number" && !Number.isFinite(v) ? `holds ${v}, which JSON cannot` : undefined;
    if (depth > MAX_JSON_DEPTH) return `is nested more than ${MAX_JSON_DEPTH} levels deep`;
    if (open.has(v)) return "contains itself (a YAML alias inside its own anchor)";
    const built = Array.isArray(v) ? undefined : builtBy(v);
    if (built) return tags ? undefined : `holds ${built}`;
    open.add(v);
    for (const item of Array.isArray(v) ? v : Object.values(v)) {
      const found = walk(item, depth + 1);
      if (found) return found;
    }
    open.delete(v);
    return undefined;
  };
  return walk(value, 0);
}

const join = (path: string, key: string | number): string => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** Checks `value` against `shape`; records every mismatch; returns whether it matched. */
export function checkShape(value: unknown, shape: Shape, path: string, problems: Problems): boolean {
  switch (shape.kind) {
    case "string":
      if (typeof value !== "string" || value.length === 0) {
        problems.add("INVALID_TYPE", path, `must be a non-empty string, got ${describeValue(value)}.`, example(shape.example));
        return false;
      }
      if (shape.pattern && !shape.pattern.test(value)) {
        problems.add("INVALID_FORMAT", path, `${quote(value)} is not well formed.`, example(shape.example));
        return false;
      }
      return true;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) {
        problems.add("INVALID_TYPE", path, `must be a number, got ${describeValue(value)}.`, "Use a plain number.");
        return false;
      }
      if (shape.integer && !Number.isInteger(value)) {
        problems.add("INVALID_VALUE", path, `must be a whole number, got ${value}.`, "Use a whole number.");
        return false;
      }
      if (shape.max !== undefined && (value > shape.max || value < (shape.min ?? -shape.max))) {
        problems.add(
          "INVALID_VALUE",
          path,
          `must be between ${shape.min ?? -shape.max} and ${shape.max}, got ${value}.`,
          `Use a number from ${shape.min ?? -shape.max} to ${shape.max}.`,
        );
        return false;
      }
      if (shape.min !== undefined && value < shape.min) {
        problems.add("INVALID_VALUE", path, `must be at least ${shape.min}, got ${value}.`, `Use a number >= ${shape.min}.`);
        return false;
      }
      return true;
    case "boolean":
      if (typeof value !== "boolean") {
        problems.add("INVALID_TYPE", path, `must be true or false, got ${describeValue(value)}.`, "Use true or false.");
        return false;
      }
      return true;
    case "enum":
      if (typeof value !== "string" || !shape.values.includes(value)) {
        const hint = typeof value === "string" ? didYouMean(value, shape.values) : "";
        problems.add(
          "INVALID_VALUE",
          path,
          `must be one of ${shape.values.join(", ")}, got ${describeValue(value)}.`,
          hint ? capital(hint) : `Use one of ${shape.values.join(", ")}.`,
        );
        return false;
      }
      return true;
    case "array": {
      if (!Array.isArray(value)) {
        problems.add("INVALID_TYPE", path, `must be a list, got ${describeValue(value)}.`, "Write a YAML/JSON list.");
        return false;
      }
      if (shape.minItems && value.length < shape.minItems) {
        problems.add("INVALID_VALUE", path, `must have at least ${shape.minItems} item(s).`, "Add the missing items.");
        return false;
      }
      let ok = true;
      // Holes are skipped, as forEach would.
      for (let i = 0; i < value.length; i++) if (i in value) ok = checkShape(value[i], shape.of, join(path, i), problems) && ok;
      return ok;
    }
    case "record": {
      if (!isPlainObject(value)) {
        problems.add("INVALID_TYPE", path, `must be a map, got ${describeValue(value)}.`, "Write a YAML/JSON map.");
        return false;
      }
      let ok = true;
      for (const key of Object.keys(value)) ok = checkShape(value[key], shape.of, join(path, key), problems) && ok;
      return ok;
    }
    case "json-object": {
      if (!isPlainObject(value)) {
        problems.add("INVALID_TYPE", path, `must be an object, got ${describeValue(value)}.`, "Write a JSON object.");
        return false;
      }
      const wrong = jsonProblem(value);
      if (wrong) problems.add("INVALID_VALUE", path, `${wrong}.`, "Write it as plain JSON (objects, lists, strings, numbers, booleans).");
      return !wrong;
    }
    case "string-or":
      return typeof value === "string"
        ? checkShape(value, { kind: "string" }, path, problems)
        : checkShape(value, shape.object, path, problems);
    case "number-or":
      return typeof value === "number"
        ? checkShape(value, shape.number ?? { kind: "number", min: 0 }, path, problems)
        : checkShape(value, shape.object, path, problems);
    case "object": {
      const failed = checkFields(value, shape, path, problems);
      return failed !== undefined && failed.size === 0;
    }
  }
}

/** A map as YAML/JSON writes one: not a list, and not a Map, Set or Date that a YAML tag built. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !builtBy(value);
}

const example = (text?: string): string => (text ? `Write it like ${text}.` : "Give a value.");
const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Checks an object's fields one by one and names those that failed (a missing required field
 * counts as failed); undefined when `value` is not an object at all. Unknown fields are reported
 * but do not fail: a typo must not stop the checks of the fields that are known.
 */
export function checkFields(value: unknown, shape: Shape & { kind: "object" }, path: string, problems: Problems): Set<string> | undefined {
  if (!isPlainObject(value)) {
    problems.add("INVALID_TYPE", path, `must be an object, got ${describeValue(value)}.`, "Write a YAML/JSON map.");
    return undefined;
  }
  const failed = new Set<string>();
  for (const field of shape.required ?? []) {
    if (value[field] === undefined) {
      problems.add("MISSING_FIELD", join(path, field), `is required.`, `Add ${join(path, field)}.`);
      failed.add(field);
    }
  }
  const known = Object.keys(shape.fields);
  for (const key of Object.keys(value)) {
    const item = value[key];
    // Own fields only: a key such as "constructor" or "__proto__" must not find Object.prototype's.
    const fieldShape = Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
    if (!fieldShape) {
      const hint = didYouMean(key, known);
      problems.add("UNKNOWN_FIELD", join(path, key), `is not a known field.`, hint ? capital(hint) : `Known fields: ${known.join(", ")}.`);
    } else if (item !== undefined && !checkShape(item, fieldShape, join(path, key), problems)) {
      failed.add(key);
    }
  }
  return failed;
}

/**
 * Reports every field that `shape` does not know, with "did you mean", and nothing else: for
 * component args, whose values may be Pulumi Outputs (class instances, skipped) that the type
 * checks of `checkShape` would misread.
 */
export function checkKnownFields(value: unknown, shape: Shape, path: string, problems: Problems): void {
  if (shape.kind === "array" && Array.isArray(value)) value.forEach((item, i) => checkKnownFields(item, shape.of, join(path, i), problems));
  if (!isPlainObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return;
  if (shape.kind === "record") for (const [key, item] of Object.entries(value)) checkKnownFields(item, shape.of, join(path, key), problems);
  if (shape.kind === "number-or" || shape.kind === "string-or") checkKnownFields(value, shape.object, path, problems);
  if (shape.kind !== "object") return;
  const known = Object.keys(shape.fields);
  for (const [key, item] of Object.entries(value)) {
    if (!Object.hasOwn(shape.fields, key)) {
      const hint = didYouMean(key, known);
      problems.add("UNKNOWN_FIELD", join(path, key), `is not a known field.`, hint ? capital(hint) : `Known fields: ${known.join(", ")}.`);
    } else checkKnownFields(item, shape.fields[key], join(path, key), problems);
  }
}
