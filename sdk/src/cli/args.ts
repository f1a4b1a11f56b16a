/** Flag parsing on node:util's parseArgs, with typed errors that name the flag, say what is wrong and suggest the fix. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { suggest } from "../catalog/suggest";
import { CliError } from "./request";

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** `--file` as the user typed it, from parseArgs' messages (`Unknown option '--formt'`, `Option '-f, --file <value>' argument missing`). */
const quotedFlag = (message: string): string =>
  (/'([^']*)'/.exec(message)?.[1] ?? "")
    .split(/[ ,]/)
    .filter((word) => word.startsWith("-"))
    .pop() ?? "";

/** The flags `options` accepts, as typed: `--file`, `-f`. */
export const flagNames = (options: Options): string[] => [
  ...Object.keys(options).map((o) => `--${o}`),
  ...Object.values(options).flatMap((o) => (o.short ? [`-${o.short}`] : [])),
];

export function parse(argv: string[], options: Options): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const given = quotedFlag((err as Error).message);
    const long = given.startsWith("--") ? given.slice(2).split("=")[0] : Object.keys(options).find((o) => `-${options[o].short}` === given);
    const known = flagNames(options).filter((f) => f.startsWith("--"));
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && long && options[long]) {
      const takesValue = options[long].type === "string";
      return fail(
        `--${long}`,
        takesValue ? `--${long} needs a value.` : `--${long} is a switch and takes no value.`,
        takesValue ? `Write --${long} VALUE (see --help).` : `Write --${long} alone.`,
      );
    }
    const hits = suggest(given.replace(/^-+/, "").split("=")[0], Object.keys(options)).map((o) => `--${o}`);
    return fail(
      given,
      `unknown flag ${given || "(empty)"}.`,
      hits.length ? `Did you mean ${hits.join(", ")}? (flags here: ${known.join(", ")})` : `Use one of ${known.join(", ")}.`,
    );
  }
}

const fail = (path: string, message: string, hint: string): never => {
  throw new CliError(`${message} ${hint}`, 2, [{ code: "INVALID_FLAG", path, message, hint }]);
};

/** A whole number of at least 0 (`--comment-limit 0`), or `fallback` when the flag is absent. */
export function countFlag(flag: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !/^\d+$/.test(value))
    return fail(`--${flag}`, `--${flag} must be a whole number (got ${String(value)}).`, `Write --${flag} ${fallback}, or 0 for no limit.`);
  return Number(value);
}

export function oneOf<T extends string>(flag: string, value: string | boolean | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    const hits = typeof value === "string" ? suggest(value, allowed) : [];
    return fail(
      `--${flag}`,
      `--${flag} must be one of ${allowed.join(", ")} (got ${String(value)}).`,
      hits.length ? `Did you mean --${flag} ${hits[0]}?` : `Use one of ${allowed.map((a) => `--${flag} ${a}`).join(", ")}.`,
    );
  }
  return value as T;
}
