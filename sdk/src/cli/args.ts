/** Flag parsing on node:util's parseArgs, with errors that name the flag and list the valid ones. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./request";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export function parse(argv: string[], options: Options): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    const known = Object.keys(options)
      .map((o) => `--${o}`)
      .join(", ");
    throw new CliError(`${(err as Error).message.split("\n")[0]}. Flags here: ${known}.`, 2);
  }
}

export function oneOf<T extends string>(flag: string, value: string | boolean | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new CliError(`--${flag} must be one of ${allowed.join(", ")} (got ${String(value)}).`, 2);
  }
  return value as T;
}
