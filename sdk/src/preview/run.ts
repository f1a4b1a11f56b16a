/**
 * Runs a Pulumi program in-process under mocks and reports what it registered: every resource
 * (type, name, URN, parent, inputs, dependencies), the stack outputs, and the errors and warnings
 * the program produced. Used by `vpce-plan preview` and by the tests (tests/helpers/pulumi.ts).
 *
 * A component whose `initialize` fails surfaces only as unhandled promise rejections (that is how
 * the Pulumi runtime reports it too), so they are collected while the program runs.
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsMocks, type MockAwsFacts } from "./mocks";

export interface RegisteredResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  /** URN of the parent (the stack for top-level resources). */
  parent?: string;
  inputs: Record<string, unknown>;
  /** URNs of explicit and implicit dependencies. */
  dependencies: string[];
  /** Per input property, the URNs of the resources its value came from (what a policy pack sees). */
  propertyDependencies: Record<string, string[]>;
}

export interface RunOptions {
  /** The fake AWS: an AwsMocks, its facts, or any Pulumi mocks. */
  mocks?: pulumi.runtime.Mocks | MockAwsFacts;
  project?: string;
  stack?: string;
  /** Stack config, e.g. `{ "vpce:vpcId": "vpc-0abc" }`; objects are JSON-encoded like the CLI does. */
  config?: Record<string, unknown>;
}

export interface ProgramRun<T> {
  /** In registration order. */
  resources: RegisteredResource[];
  /** What the program returned (its stack outputs), unwrapped; undefined when it failed. */
  outputs?: T;
  /** The program's exception and every unhandled rejection, once each. */
  errors: Error[];
  /** Messages the program logged with pulumi.log.warn (under mocks they would go to the console). */
  warnings: string[];
  mocks: pulumi.runtime.Mocks;
}

const isMocks = (value: unknown): value is pulumi.runtime.Mocks =>
  typeof (value as pulumi.runtime.Mocks)?.newResource === "function" && typeof (value as pulumi.runtime.Mocks)?.call === "function";

type Callback = (err: unknown, response: { getUrn(): string } | undefined) => void;
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
  getObject(): unknown;
}

/** Only one program runs at a time: the Pulumi runtime's state is global. */
let queue: Promise<unknown> = Promise.resolve();

export function runProgram<T>(program: () => T | Promise<T>, options: RunOptions = {}): Promise<ProgramRun<pulumi.Unwrap<T>>> {
  const run = queue.then(() => runExclusive<T, pulumi.Unwrap<T>>(program, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runExclusive<T, U>(program: () => T | Promise<T>, options: RunOptions): Promise<ProgramRun<U>> {
  const mocks = isMocks(options.mocks) ? options.mocks : new AwsMocks(options.mocks ?? {});
  await pulumi.runtime.setMocks(mocks, options.project ?? "project", options.stack ?? "stack", false);
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.config ?? {})) config[key] = typeof value === "string" ? value : JSON.stringify(value);
  pulumi.runtime.setAllConfig(config);

  const resources: RegisteredResource[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, cb: Callback): Promise<void> };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, response) => {
      if (!err && response) {
        resources.push({
          urn: response.getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          parent: req.getParent() || undefined,
          inputs: pulumi.runtime.deserializeProperties(req.getObject() as never),
          dependencies: req.getDependenciesList(),
          propertyDependencies: propertyDependencies(req),
        });
      }
      callback(err, response);
    });

  const errors: Error[] = [];
  const seen = new Set<unknown>();
  const onError = (reason: unknown): void => {
    const key = reason instanceof Error ? reason : String(reason);
    if (seen.has(key) || [...seen].some((e) => e instanceof Error && key instanceof Error && e.message === key.message)) return;
    seen.add(key);
    errors.push(reason instanceof Error ? reason : new Error(String(reason)));
  };
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]): void => {
    const text = args.map(String).join(" ");
    const match = /^warning: \[runtime\] ([\s\S]*)$/.exec(text);
    if (match) warnings.push(match[1]);
    else warn(...args);
  };
  process.on("unhandledRejection", onError);
  let outputs: U | undefined;
  try {
    outputs = (await pulumi.runtime.runInPulumiStack(async () => program())) as U;
  } catch (err) {
    onError(err);
  } finally {
    await settle(resources);
    process.off("unhandledRejection", onError);
    console.warn = warn;
  }
  return { resources, outputs: errors.length ? undefined : outputs, errors, warnings, mocks };
}

function propertyDependencies(req: RegisterRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((value, key) => {
    out[key] = value.getUrnsList();
  });
  return out;
}

/**
 * Waits until the program is quiet: components register children after their lookups resolve,
 * and rejections are reported a tick after they happen, so wait for several idle macrotasks.
 */
async function settle(resources: RegisteredResource[]): Promise<void> {
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  let idle = 0;
  let count = -1;
  while (idle < 3) {
    await waitForRpcs();
    await tick();
    if (resources.length === count) idle++;
    else idle = 0;
    count = resources.length;
  }
}

async function waitForRpcs(): Promise<void> {
  // @internal in the SDK's typings, public in its JS: the promise of every outstanding RPC.
  const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
  await runtime.waitForRPCs?.();
}
