/**
 * Fan-out for reading an organization: accounts x regions become one queue of tasks run with bounded
 * concurrency, every AWS call through a token bucket per (account, region, API action), a timeout
 * per call and retries with backoff on throttling. Each task ends as data or as a typed failure, so a
 * report can say exactly what it could not read and keep everything it did.
 *
 * EC2 throttles per account, per region and per API action with a token bucket: for non-mutating
 * actions (Describe*) a bucket of 100 tokens refilled at 20 a second
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html, "Request token bucket
 * sizes and refill rates"). The defaults stay a little inside that (90 tokens, 19 a second): AWS's
 * bucket starts at the first call that *arrives*, ours at the first we send, so a client at exactly
 * AWS's figures runs ahead by the first call's latency and is throttled; the margin keeps every call
 * behind AWS's bucket for at most ~12% more time than the buckets allow.
 */

export const DEFAULT_BURST = 90;
export const DEFAULT_REFILL = 19;

/** Why a task (or a call) could not be read. Documented in docs/organization.md. */
export const FAILURE_KINDS = ["role-missing", "role-denied", "region-disabled", "denied", "throttled", "timeout", "error"] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface TaskFailure {
  kind: FailureKind;
  /** The API call that failed last, e.g. `sts:AssumeRole` or `ec2:DescribeVpcEndpoints`. */
  operation: string;
  message: string;
  /** Attempts made of the failing call. */
  attempts: number;
}

/** Thrown by a call that exhausted its retries or hit a final error; carries its classification. */
export class CallFailure extends Error {
  constructor(
    readonly failure: TaskFailure,
    /** The AWS error code, so one-account readers that branch on it (`InvalidServiceName`) still can. */
    readonly awsCode?: string,
  ) {
    super(`${failure.operation}: ${failure.message}`);
    this.name = "CallFailure";
  }
}

export interface TaskKey {
  account: string;
  region: string;
}

export type TaskResult<T> = TaskKey & ({ ok: true; data: T } | { ok: false; failure: TaskFailure });

/** What a task gets: `call` runs one AWS request under the bucket, the timeout and the retries. */
export interface TaskContext extends TaskKey {
  call<R>(operation: string, send: (signal: AbortSignal) => Promise<R>): Promise<R>;
}

export interface OrgTask<T> extends TaskKey {
  run(ctx: TaskContext): Promise<T>;
}

export interface SchedulerOptions {
  /** Tasks in flight at once (default 8). */
  concurrency?: number;
  /** Tokens added per second to each (account, region, action) bucket (default 19: EC2 refills 20). */
  refillPerSecond?: number;
  /** Bucket size (default 90: EC2's non-mutating bucket holds 100). */
  burst?: number;
  /** Milliseconds one call may take before it is aborted (default 30,000). */
  timeoutMs?: number;
  /** Attempts per call, the first included (default 5). */
  maxAttempts?: number;
  /** First backoff in ms, doubled each retry with full jitter (default 200). */
  baseDelayMs?: number;
  /** Backoff cap in ms (default 5,000). */
  maxDelayMs?: number;
  /** Maps an SDK error to a failure kind, or `retry` for throttling and transient faults. */
  classify?: (err: unknown, operation: string) => FailureKind | "retry";
  /** Called after each task ends, for progress lines. */
  onTaskDone?: (done: number, total: number, failed: number, last: TaskResult<unknown>) => void;
  /** Clock and sleep, injectable so tests of the bucket need no real waiting. */
  clock?: Clock;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    }),
};

/** One bucket: `take` resolves when a token is there, in the order callers asked. */
export class TokenBucket {
  private tokens: number;
  private updated: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly burst: number,
    private readonly refillPerSecond: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.updated = clock.now();
  }

  /**
   * A throttling answer means AWS's bucket is emptier than ours (it started at the first call that
   * arrived, ours at the first we sent): empty ours too, so the next calls go at the refill rate.
   */
  drain(): void {
    this.tokens = 0;
    this.updated = this.clock.now();
  }

  take(): Promise<void> {
    const next = this.queue.then(async () => {
      for (;;) {
        const now = this.clock.now();
        this.tokens = Math.min(this.burst, this.tokens + ((now - this.updated) / 1000) * this.refillPerSecond);
        this.updated = now;
        if (this.tokens >= 1) {
          this.tokens -= 1;
          return;
        }
        await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.refillPerSecond) * 1000));
      }
    });
    this.queue = next;
    return next;
  }
}

const THROTTLING = new Set([
  "RequestLimitExceeded",
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
]);

const isThrottling = (err: unknown): boolean => {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return THROTTLING.has(e.Code ?? e.name ?? "") || e.$metadata?.httpStatusCode === 429;
};

/**
 * The default classification of SDK v3 errors. STS answers AccessDenied both for a role that does not
 * exist and for one whose trust policy excludes the caller; the message cannot tell them apart, so
 * both are `role-denied` unless the text says the role is missing.
 */
export function classifyAwsError(err: unknown, operation: string): FailureKind | "retry" {
  const e = err as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number }; message?: string };
  const code = e.Code ?? e.name ?? e.code ?? "";
  const status = e.$metadata?.httpStatusCode;
  if (code === "TimeoutError" || code === "AbortError") return "timeout";
  if (THROTTLING.has(code) || status === 429) return "retry";
  if (status !== undefined && status >= 500) return "retry";
  if (/ECONNRESET|EPIPE|socket hang up/i.test(`${code} ${e.message ?? ""}`)) return "retry";
  if (operation.startsWith("sts:")) {
    if (/not exist|cannot be found|NoSuchEntity/i.test(e.message ?? "")) return "role-missing";
    if (/AccessDenied|InvalidClientTokenId|Unauthorized/i.test(code)) return "role-denied";
  }
  if (code === "OptInRequired" || code === "AuthFailure" || /region.*(not|disabled|opt)/i.test(e.message ?? "")) return "region-disabled";
  if (/AccessDenied|UnauthorizedOperation|Unauthorized/.test(code)) return "denied";
  return "error";
}

const message = (err: unknown): string => {
  const e = err as { name?: string; message?: string };
  const text = (e.message ?? String(err)).replace(/\s+/g, " ").trim();
  return e.name && !text.startsWith(e.name) ? `${e.name}: ${text}` : text;
};

/** Runs every task; never rejects: each task's outcome is in its result, in the tasks' order. */
export async function runTasks<T>(tasks: readonly OrgTask<T>[], options: SchedulerOptions = {}): Promise<TaskResult<T>[]> {
  const clock = options.clock ?? realClock;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  const classify = options.classify ?? classifyAwsError;
  const buckets = new Map<string, TokenBucket>();
  const bucketFor = (key: string): TokenBucket => {
    let bucket = buckets.get(key);
    if (!bucket)
      buckets.set(key, (bucket = new TokenBucket(options.burst ?? DEFAULT_BURST, options.refillPerSecond ?? DEFAULT_REFILL, clock)));
    return bucket;
  };

  const contextFor = (key: TaskKey): TaskContext => ({
    ...key,
    async call<R>(operation: string, send: (signal: AbortSignal) => Promise<R>): Promise<R> {
      const bucket = bucketFor(`${key.account}/${key.region}/${operation}`);
      for (let attempt = 1; ; attempt++) {
        await bucket.take();
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(new TimeoutError(operation, timeoutMs)), timeoutMs);
        timer.unref?.();
        try {
          return await raceAbort(send(controller.signal), controller.signal);
        } catch (err) {
          const kind = controller.signal.aborted ? "timeout" : classify(err, operation);
          const fail = (k: FailureKind, text: string): never => {
            throw new CallFailure({ kind: k, operation, message: text, attempts: attempt }, (err as { name?: string }).name);
          };
          if (kind === "timeout") fail("timeout", `no answer within ${timeoutMs} ms (--timeout)`);
          if (kind !== "retry") fail(kind, message(err));
          if (attempt >= maxAttempts) fail("throttled", `still throttled or failing after ${attempt} attempts: ${message(err)}`);
          if (isThrottling(err)) bucket.drain();
          const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          await clock.sleep(Math.random() * cap);
        } finally {
          clearTimeout(timer);
        }
      }
    },
  });

  const results: TaskResult<T>[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index]!;
      const key = { account: task.account, region: task.region };
      let result: TaskResult<T>;
      try {
        result = { ...key, ok: true, data: await task.run(contextFor(key)) };
      } catch (err) {
        const failure: TaskFailure =
          err instanceof CallFailure ? err.failure : { kind: "error", operation: "(vpce-plan)", message: message(err), attempts: 1 };
        result = { ...key, ok: false, failure };
        failed++;
      }
      results[index] = result;
      done++;
      options.onTaskDone?.(done, tasks.length, failed, result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}

export class TimeoutError extends Error {
  constructor(operation: string, ms: number) {
    super(`${operation} did not answer within ${ms} ms`);
    this.name = "TimeoutError";
  }
}

/** A call whose SDK ignores the signal still ends at the timeout. */
function raceAbort<R>(work: Promise<R>, signal: AbortSignal): Promise<R> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<R>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
