/**
 * Every file a command writes goes through here: into a temporary file beside the target, then
 * renamed over it, so a write that fails half-way (a full disk, a size limit, a kill) leaves the
 * old file whole. An existing file is replaced only when it is one this command wrote (its kind),
 * or with --force; a symbolic link is never written through. The caller prints what was replaced.
 */
import { closeSync, fsyncSync, lstatSync, openSync, readSync, renameSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";
import { EXIT_INVALID } from "./command";
import { CliError } from "./request";

export interface OwnKind {
  /** The flag that names the file (`--write`), for messages. */
  flag: string;
  /** What the command writes, for messages: `a catalog overlay`. */
  kind: string;
  /** What an existing file is when it is of this kind (`the us-east-1 overlay, 212 services`), else undefined. */
  describe(text: string): string | undefined;
}

/** Files of our kind are small (an overlay is some 200 KB): a larger one is not ours, and is not read whole to find out. */
const MAX_OWN_BYTES = 16 * 1024 * 1024;

/** Writes `content` to `file` atomically; returns the line to print: what was written, and what it replaced. */
export function writeOwnFile(file: string, content: string, own: OwnKind, force: boolean): string {
  const existing = statOrUndefined(file);
  const label = `${own.flag} ${file}`;
  if (existing?.isSymbolicLink())
    throw new CliError(
      `${label} is a symbolic link; vpce-plan does not write through links. Name the link's target, or another file.`,
      EXIT_INVALID,
    );
  if (existing && !existing.isFile()) throw new CliError(`${label} exists and is not a regular file.`, EXIT_INVALID);
  const previous = existing ? own.describe(readSmall(file, existing.size)) : undefined;
  if (existing && previous === undefined && !force)
    throw new CliError(
      `${label} exists and is not ${own.kind}; it is left as it is. Name another file, or pass --force to replace it.`,
      EXIT_INVALID,
    );
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    // "wx": never follow a link or reuse a file someone placed at the temporary name.
    const fd = openSync(temp, "wx", existing ? existing.mode & 0o777 : 0o666);
    try {
      // writeFileSync loops over short writes (a size limit, a full disk), where one writeSync may not.
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created.
    }
    throw new CliError(
      `cannot write ${file} (${existing ? "the old file is unchanged" : "nothing was written"}): ${(err as Error).message}`,
    );
  }
  if (!existing) return `written to ${file}`;
  return `replaced ${file} (${previous ?? `not ${own.kind}, replaced because of --force`})`;
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CliError(`cannot write ${file}: ${(err as Error).message}`);
  }
}

/** The file's text, or "" when it is too large to be ours. */
function readSmall(file: string, size: number): string {
  if (size > MAX_OWN_BYTES) return "";
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(size);
    const read = readSync(fd, buffer, 0, size, 0);
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
