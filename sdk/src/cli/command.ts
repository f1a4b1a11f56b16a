import type { Options } from "./args";

/** A CLI command: its help text, the flags it parses (its help lists exactly these), and its run function, returning the exit code. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  flags: Options;
  run(argv: string[], io: Io): Promise<number> | number;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** The `--help` line every command's help ends its flags with. */
export const HELP_FLAG_HELP = "  -h, --help            this text";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID = 2;
