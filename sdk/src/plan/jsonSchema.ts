/**
 * JSON Schema (draft 2020-12) of the request files, derived from the Shapes the planner checks them
 * with (schema.ts, multi/schema.ts): one definition, so an editor and the planner accept the same
 * structure. The semantic rules (CIDRs, AZs, services, versions) stay the planner's alone.
 * `make schema` writes these to sdk/schema/, shipped as `vpce-plan/schema/*.schema.json`.
 */
import { networkRequestShape } from "./multi/schema";
import { requestShape } from "./schema";
import type { Shape } from "./shape";

export type JsonSchema = { [keyword: string]: unknown };

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

/** The JSON Schema that accepts exactly the values `checkShape(value, shape)` reports no problem for. */
export function shapeToJsonSchema(shape: Shape): JsonSchema {
  switch (shape.kind) {
    case "string":
      return {
        type: "string",
        minLength: 1,
        ...(shape.pattern ? { pattern: shape.pattern.source } : {}),
        ...(shape.example ? { examples: [shape.example] } : {}),
      };
    case "number": {
      // checkShape bounds a number given only a maximum by its negation as well.
      const min = shape.min ?? (shape.max === undefined ? undefined : -shape.max);
      return {
        type: shape.integer ? "integer" : "number",
        ...(min === undefined ? {} : { minimum: min }),
        ...(shape.max === undefined ? {} : { maximum: shape.max }),
      };
    }
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { type: "string", enum: [...shape.values] };
    case "array":
      return { type: "array", items: shapeToJsonSchema(shape.of), ...(shape.minItems ? { minItems: shape.minItems } : {}) };
    case "object":
      return {
        type: "object",
        properties: Object.fromEntries(Object.entries(shape.fields).map(([key, field]) => [key, shapeToJsonSchema(field)])),
        ...(shape.required?.length ? { required: [...shape.required] } : {}),
        additionalProperties: false,
      };
    case "record":
      return { type: "object", additionalProperties: shapeToJsonSchema(shape.of) };
    case "json-object":
      return { type: "object" };
    case "string-or":
      return { anyOf: [shapeToJsonSchema({ kind: "string" }), shapeToJsonSchema(shape.object)] };
    case "number-or":
      return { anyOf: [shapeToJsonSchema(shape.number ?? { kind: "number", min: 0 }), shapeToJsonSchema(shape.object)] };
  }
}

const document = (shape: Shape, title: string, description: string): JsonSchema => ({
  $schema: DRAFT,
  title,
  description,
  ...shapeToJsonSchema(shape),
});

/** The request file of `vpce-plan plan` for one VPC. */
export const requestJsonSchema = (): JsonSchema =>
  document(requestShape, "vpce-plan request", "One VPC's endpoint request for `vpce-plan plan|preview|diff` (version 1).");

/** The network request file: a hub VPC and its spokes. */
export const networkRequestJsonSchema = (): JsonSchema =>
  document(networkRequestShape, "vpce-plan network request", "A hub VPC and its spoke VPCs for `vpce-plan plan|preview|diff` (version 1).");

/** The shipped schema files, by file name under sdk/schema/. */
export const SCHEMA_FILES: Readonly<Record<string, () => JsonSchema>> = {
  "request.schema.json": requestJsonSchema,
  "network-request.schema.json": networkRequestJsonSchema,
};
