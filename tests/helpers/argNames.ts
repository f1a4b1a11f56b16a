/**
 * Every arg path a component accepts, two ways: from the runtime arg shapes (components/argsShape.ts)
 * and from the Pulumi schema analyzer's reading of the TypeScript args interfaces. Equal sets mean
 * the unknown-arg check knows exactly the args the interfaces declare.
 */
/** The parts of a request/arg shape (plan/shape.ts) that name fields. */
interface Shape {
  kind: string;
  fields?: Record<string, Shape>;
  of?: Shape;
}

/** `vpc.id`, `subnets[].az`, `serviceOptions.*.policy.template`, ...; `opaque` collects fields not looked into. */
export function shapePaths(shape: Shape, prefix = "", opaque: string[] = []): string[] {
  switch (shape.kind) {
    case "object":
      return Object.entries(shape.fields!).flatMap(([k, s]) => {
        const path = prefix ? `${prefix}.${k}` : k;
        return [path, ...shapePaths(s, path, opaque)];
      });
    case "array":
      return shapePaths(shape.of!, `${prefix}[]`, opaque);
    case "record":
      return shapePaths(shape.of!, `${prefix}.*`, opaque);
    case "json-object":
      opaque.push(prefix);
      return [];
    default:
      return [];
  }
}

interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
}
type Types = Record<string, { properties?: Record<string, SchemaProperty> }>;

export function schemaPaths(properties: Record<string, SchemaProperty>, types: Types, prefix = ""): string[] {
  return Object.entries(properties).flatMap(([k, p]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    return [path, ...propertyPaths(p, types, path)];
  });
}

function propertyPaths(p: SchemaProperty, types: Types, path: string): string[] {
  if (p.$ref?.startsWith("#/types/")) {
    const type = types[p.$ref.slice("#/types/".length)];
    return type?.properties ? schemaPaths(type.properties, types, path) : [];
  }
  if (p.items) return propertyPaths(p.items, types, `${path}[]`);
  if (p.additionalProperties) return propertyPaths(p.additionalProperties, types, `${path}.*`);
  return [];
}

/** Both path lists, sorted, with schema paths under opaque fields left out. */
export function comparable(
  shape: Shape,
  properties: Record<string, SchemaProperty>,
  types: Types,
): { runtime: string[]; schema: string[] } {
  const opaque: string[] = [];
  const runtime = shapePaths(shape, "", opaque).sort();
  const schema = schemaPaths(properties, types)
    .filter((p) => !opaque.some((o) => p.startsWith(`${o}.`)))
    .sort();
  return { runtime, schema };
}
