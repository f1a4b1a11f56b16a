/**
 * Where logs come from: local files and directories (any layout AWS delivers: Hive-compatible
 * `year=/month=/day=/hour=` partitions and per-hour prefixes are directories), `s3://bucket/prefix`
 * (listed and fetched with the AWS SDK to local files: DuckDB's httpfs/aws extensions are not
 * bundled), and `cwl:GROUP` (CloudWatch Logs events, written as headerless lines). Each local file is
 * then sorted by its first bytes: Parquet (`PAR1`), flow log text (a header, or a format given),
 * query log JSON lines, or a foreign file, named and skipped.
 */
import { createReadStream, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createGunzip } from "node:zlib";
import { DEFAULT_FORMAT, isHeader, parseFormat } from "./flowLog";

export interface SourceOptions {
  region?: string;
  endpointUrl?: string;
  profile?: string;
  /** Unix seconds: CloudWatch Logs events outside are not fetched. */
  since?: number;
  until?: number;
  /** A scratch directory for fetched objects and events. */
  scratch: string;
  progress(line: string): void;
}

export interface LocalFile {
  path: string;
  /** Where it came from, to name it when it is skipped. */
  origin: string;
  bytes: number;
  /** CloudWatch Logs events carry no header. */
  headerless?: boolean;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.isFile()) out.push(p);
  }
}

const clientConfig = (o: SourceOptions): Record<string, unknown> => ({
  ...(o.region ? { region: o.region } : {}),
  ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}),
});

async function fromS3(uri: string, o: SourceOptions, n: number): Promise<LocalFile[]> {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m) throw new Error(`${uri} is not an s3://bucket/prefix address`);
  const [, bucket, prefix] = m;
  const { S3Client, ListObjectsV2Command, GetObjectCommand } = await import("@aws-sdk/client-s3");
  const s3 = new S3Client({ ...clientConfig(o), forcePathStyle: Boolean(o.endpointUrl) });
  const keys: Array<{ key: string; size: number }> = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const c of page.Contents ?? []) if (c.Key && !c.Key.endsWith("/")) keys.push({ key: c.Key, size: c.Size ?? 0 });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const total = keys.reduce((s, k) => s + k.size, 0);
  const dir = join(o.scratch, `s3-${n}`);
  mkdirSync(dir, { recursive: true });
  const out: LocalFile[] = [];
  let fetched = 0;
  const started = Date.now();
  for (const [i, k] of keys.entries()) {
    const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: k.key }));
    const bytes = Buffer.from(await body.Body!.transformToByteArray());
    const path = join(dir, `${i}-${k.key.replace(/[^A-Za-z0-9._-]/g, "_")}`);
    writeFileSync(path, bytes);
    fetched += bytes.length;
    out.push({ path, origin: `s3://${bucket}/${k.key}`, bytes: bytes.length });
    const secs = (Date.now() - started) / 1000;
    const left = fetched && secs ? ((total - fetched) / (fetched / secs)).toFixed(0) : "?";
    o.progress(`fetched ${i + 1}/${keys.length} objects, ${mb(fetched)} of ${mb(total)} from s3://${bucket}/${prefix} (${left} s left)\n`);
  }
  return out;
}

async function fromLogs(group: string, o: SourceOptions, n: number): Promise<LocalFile[]> {
  const { CloudWatchLogsClient, FilterLogEventsCommand } = await import("@aws-sdk/client-cloudwatch-logs");
  const logs = new CloudWatchLogsClient(clientConfig(o));
  const lines: string[] = [];
  let token: string | undefined;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: group,
        nextToken: token,
        ...(o.since !== undefined ? { startTime: o.since * 1000 } : {}),
        ...(o.until !== undefined ? { endTime: o.until * 1000 } : {}),
      }),
    );
    for (const e of page.events ?? []) if (e.message) lines.push(e.message.trim());
    token = page.nextToken;
    o.progress(`read ${lines.length} events from CloudWatch Logs group ${group}\n`);
  } while (token);
  const path = join(o.scratch, `cwl-${n}.log`);
  const text = lines.join("\n") + "\n";
  writeFileSync(path, text);
  return [{ path, origin: `cwl:${group}`, bytes: Buffer.byteLength(text), headerless: true }];
}

const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;

/** Every local file the specs name, fetching remote ones; a spec that cannot be read throws, naming it. */
export async function gather(specs: readonly string[], o: SourceOptions): Promise<LocalFile[]> {
  const out: LocalFile[] = [];
  for (const [n, spec] of specs.entries()) {
    if (spec.startsWith("s3://")) out.push(...(await fromS3(spec, o, n)));
    else if (spec.startsWith("cwl:")) out.push(...(await fromLogs(spec.slice(4), o, n)));
    else {
      const st = statSync(spec, { throwIfNoEntry: false });
      if (!st) throw new Error(`${spec} does not exist`);
      const files: string[] = [];
      if (st.isDirectory()) walk(spec, files);
      else files.push(spec);
      for (const f of files) out.push({ path: f, origin: f, bytes: statSync(f).size });
    }
  }
  return out;
}

/** The first line of a file, gunzipped when it starts with gzip's magic bytes; also whether it is Parquet. */
export async function firstLine(path: string): Promise<{ parquet: boolean; line: string }> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = createReadStream(path, { start: 0, end: 3 });
    s.on("data", (c) => chunks.push(c as Buffer));
    s.on("end", () => resolve(Buffer.concat(chunks)));
    s.on("error", reject);
  });
  if (head.toString("latin1") === "PAR1") return { parquet: true, line: "" };
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  return new Promise((resolve) => {
    let text = "";
    const raw = createReadStream(path);
    const stream = gz ? raw.pipe(createGunzip()) : raw;
    const done = (): void => {
      raw.destroy();
      resolve({ parquet: false, line: text.split("\n")[0] });
    };
    stream.on("data", (c: Buffer) => {
      text += c.toString("utf8");
      if (text.includes("\n") || text.length > 65536) done();
    });
    stream.on("end", done);
    stream.on("error", done);
  });
}

export interface SortedFlowFiles {
  text: Array<{ fields: readonly string[]; files: string[]; header: boolean }>;
  parquet: string[];
  skipped: Array<{ file: string; why: string }>;
}

/** Flow log files by format; foreign ones named with the reason. */
export async function sortFlowFiles(
  files: readonly LocalFile[],
  headerlessFormat: readonly string[] = DEFAULT_FORMAT,
): Promise<SortedFlowFiles> {
  const out: SortedFlowFiles = { text: [], parquet: [], skipped: [] };
  const byFormat = new Map<string, SortedFlowFiles["text"][number]>();
  for (const f of files) {
    const { parquet, line } = await firstLine(f.path);
    if (parquet) {
      out.parquet.push(f.path);
      continue;
    }
    let fields: readonly string[];
    let header = true;
    if (isHeader(line)) {
      const format = parseFormat(line);
      if (typeof format === "string") {
        out.skipped.push({ file: f.origin, why: format });
        continue;
      }
      fields = format.fields;
    } else if (f.headerless && line.trim().split(/\s+/).length === headerlessFormat.length) {
      fields = headerlessFormat;
      header = false;
    } else {
      out.skipped.push({ file: f.origin, why: line.trim() ? "does not start with a flow log header line" : "is empty" });
      continue;
    }
    const key = `${header}:${fields.join(" ")}`;
    let group = byFormat.get(key);
    if (!group) {
      group = { fields, files: [], header };
      byFormat.set(key, group);
      out.text.push(group);
    }
    group.files.push(f.path);
  }
  return out;
}
