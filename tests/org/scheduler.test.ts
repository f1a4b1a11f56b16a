/**
 * The organization scheduler: token buckets per (account, region, action), retries on throttling,
 * a timeout per call, and a typed result per task. The bucket runs on a virtual clock, so what is
 * asserted is how many seconds of AWS's rate the calls needed, never how fast this machine is.
 */
import assert from "node:assert/strict";
import { classifyAwsError, runTasks, TokenBucket, type Clock, type OrgTask } from "vpce-plan/org";

/** A clock whose sleeps advance virtual time at once. */
function virtualClock(): Clock & { elapsed(): number } {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      await Promise.resolve();
    },
    elapsed: () => now,
  };
}

const awsError = (name: string, status = 400, text = name): Error =>
  Object.assign(new Error(text), { name, $metadata: { httpStatusCode: status } });

describe("org scheduler: token bucket", () => {
  it("spends the burst at once, then refills at the documented rate", async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(100, 20, clock);
    for (let i = 0; i < 100; i++) await bucket.take();
    assert.equal(clock.elapsed(), 0, "the first 100 calls need no wait");
    for (let i = 0; i < 150; i++) await bucket.take();
    // 150 more tokens at 20 a second: 7.5 s (rounded up per wait to whole ms).
    assert.ok(clock.elapsed() >= 7500 && clock.elapsed() <= 7500 + 150, `elapsed ${clock.elapsed()} ms`);
  });

  it("keeps one bucket per account, region and action: other keys do not wait", async () => {
    const clock = virtualClock();
    const tasks: OrgTask<number>[] = ["111111111111", "222222222222"].flatMap((account) =>
      ["us-east-1", "eu-west-1"].map((region) => ({
        account,
        region,
        async run(ctx) {
          for (let i = 0; i < 100; i++) await ctx.call("ec2:DescribeVpcs", async () => i);
          for (let i = 0; i < 100; i++) await ctx.call("ec2:DescribeSubnets", async () => i);
          return 200;
        },
      })),
    );
    const results = await runTasks(tasks, { clock, concurrency: 4, burst: 100, refillPerSecond: 20 });
    assert.ok(results.every((r) => r.ok && r.data === 200));
    assert.equal(clock.elapsed(), 0, "four keys x two actions each fit in their own bursts");
  });
});

describe("org scheduler: retries, timeouts, failures", () => {
  it("a throttling answer empties the bucket: the next calls of that action wait for the refill", async () => {
    const clock = virtualClock();
    let first = true;
    const [result] = await runTasks(
      [
        {
          account: "1",
          region: "r",
          async run(ctx) {
            await ctx.call("ec2:DescribeVpcAttribute", async () => {
              if (first) {
                first = false;
                throw awsError("RequestLimitExceeded", 503);
              }
            });
            const before = clock.elapsed();
            for (let i = 0; i < 10; i++) await ctx.call("ec2:DescribeVpcAttribute", async () => undefined);
            return clock.elapsed() - before;
          },
        },
      ],
      { clock, baseDelayMs: 0, refillPerSecond: 20 },
    );
    // Without the drain, 99 tokens would remain and the 10 calls would need no wait.
    assert.ok(result.ok && result.data >= 10 * 50 - 50, `waited ${result.ok ? result.data : "?"} ms`);
  });

  it("retries throttling with backoff and succeeds", async () => {
    let attempts = 0;
    const [result] = await runTasks(
      [
        {
          account: "111111111111",
          region: "us-east-1",
          run: (ctx) =>
            ctx.call("ec2:DescribeVpcs", async () => {
              if (++attempts < 3) throw awsError("RequestLimitExceeded", 503);
              return "vpcs";
            }),
        },
      ],
      { clock: virtualClock(), maxAttempts: 5 },
    );
    assert.deepEqual(result, { account: "111111111111", region: "us-east-1", ok: true, data: "vpcs" });
    assert.equal(attempts, 3);
  });

  it("gives up after maxAttempts as `throttled`, naming the call and the attempts", async () => {
    const [result] = await runTasks(
      [
        {
          account: "1",
          region: "r",
          run: (ctx) => ctx.call("ec2:DescribeVpcEndpoints", async () => Promise.reject(awsError("Throttling"))),
        },
      ],
      { clock: virtualClock(), maxAttempts: 4 },
    );
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.failure.kind, "throttled");
    assert.equal(result.failure.operation, "ec2:DescribeVpcEndpoints");
    assert.equal(result.failure.attempts, 4);
  });

  it("aborts a call that never answers at the timeout, and passes the abort signal to the SDK", async () => {
    let signalSeen: AbortSignal | undefined;
    const [result] = await runTasks(
      [
        {
          account: "1",
          region: "r",
          run: (ctx) =>
            ctx.call("ec2:DescribeVpcs", (signal) => {
              signalSeen = signal;
              return new Promise(() => undefined);
            }),
        },
      ],
      { timeoutMs: 30 },
    );
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.failure.kind, "timeout");
    assert.equal(signalSeen?.aborted, true);
  });

  it("one failing task loses nothing the others read, and results keep the tasks' order", async () => {
    const tasks: OrgTask<string>[] = ["a", "b", "c", "d"].map((account) => ({
      account,
      region: "us-east-1",
      run: (ctx) =>
        ctx.call(account === "b" ? "sts:AssumeRole" : "ec2:DescribeVpcs", async () => {
          if (account === "b") throw awsError("AccessDenied", 403, "User is not authorized to perform: sts:AssumeRole");
          return `read ${account}`;
        }),
    }));
    const seen: number[] = [];
    const results = await runTasks(tasks, { clock: virtualClock(), concurrency: 2, onTaskDone: (done) => seen.push(done) });
    assert.deepEqual(
      results.map((r) => (r.ok ? r.data : `${r.failure.kind} at ${r.failure.operation}`)),
      ["read a", "role-denied at sts:AssumeRole", "read c", "read d"],
    );
    assert.deepEqual(seen, [1, 2, 3, 4]);
  });
});

describe("org scheduler: classifying AWS errors", () => {
  const rows: [string, Error, string, string][] = [
    ["EC2 throttling", awsError("RequestLimitExceeded", 503), "ec2:DescribeVpcs", "retry"],
    ["HTTP 429", awsError("SomethingNew", 429), "ec2:DescribeVpcs", "retry"],
    ["a 5xx", awsError("InternalError", 500), "ec2:DescribeVpcs", "retry"],
    ["STS denied", awsError("AccessDenied", 403), "sts:AssumeRole", "role-denied"],
    ["STS role missing", awsError("NoSuchEntity", 404, "The role does not exist"), "sts:AssumeRole", "role-missing"],
    ["region not enabled", awsError("OptInRequired", 401), "ec2:DescribeVpcs", "region-disabled"],
    ["EC2 denied", awsError("UnauthorizedOperation", 403), "ec2:DescribeVpcs", "denied"],
    ["anything else", awsError("InvalidParameterValue", 400), "ec2:DescribeVpcs", "error"],
  ];
  for (const [why, err, operation, kind] of rows) it(`${why} -> ${kind}`, () => assert.equal(classifyAwsError(err, operation), kind));
});
