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
    const message = `${(err as Error).message.split("\n")[0]}.`;
    throw new CliError(`${message} Flags here: ${known}.`, 2, [{ code: "INVALID_FLAG", path: "", message, hint: `Use one of ${known}.` }]);
  }
}

export function oneOf<T extends string>(flag: string, value: string | boolean | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    const message = `--${flag} must be one of ${allowed.join(", ")} (got ${String(value)}).`;
    throw new CliError(message, 2, [{ code: "INVALID_FLAG", path: `--${flag}`, message, hint: `Use --${flag} ${allowed[0]}.` }]);
  }
  return value as T;
}
