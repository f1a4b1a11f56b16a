/**
 * Runs Pulumi programs under the shared AWS mocks (preview = false) and inspects what they
 * registered. Component-agnostic: EndpointPlan tests use it, and so can EndpointHub/EndpointSpoke.
 *
 *   const run = await runPulumi(() => new EndpointPlan("app", args), { mocks: { serviceAzs: {...} } });
 *   expectNoErrors(run);
 *   ofType(run, TYPES.vpcEndpoint) ...
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AwsMocks, runProgram, type MockAwsFacts, type ProgramRun, type RegisteredResource, type RunOptions } from "vpce-plan/preview";

export { AwsMocks, type MockAwsFacts, type ProgramRun, type RegisteredResource };

export const TYPES = {
  stack: "pulumi:pulumi:Stack",
  endpointPlan: "vpce-plan:index:EndpointPlan",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  routeTableAssociation: "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  endpointPolicy: "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
} as const;

/** Runs `program` in a fresh mocked stack. Programs never overlap (the Pulumi runtime is global). */
export function runPulumi<T>(program: () => T | Promise<T>, options: RunOptions = {}): Promise<ProgramRun<pulumi.Unwrap<T>>> {
  return runProgram(program, options);
}

/** Runs a compiled Pulumi program module (top-level code) fresh, as the language host would. */
export function runModule(file: string, options: RunOptions = {}): Promise<ProgramRun<Record<string, unknown>>> {
  return runPulumi(() => {
    delete require.cache[require.resolve(file)];
    // A Pulumi program is a module run for its side effects, so it is required afresh each time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as Record<string, unknown>;
  }, options);
}

/** The resolved value of an Output (or any Input), as a promise. */
export function unwrap<T>(value: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
  const out = pulumi.output(value) as pulumi.Output<pulumi.Unwrap<T>>;
  return new Promise((resolve, reject) => {
    out.apply((v) => {
      resolve(v);
      return v;
    });
    // A rejected Output never runs apply: its (SDK-internal) promise carries the error.
    (out as unknown as { promise(): Promise<unknown> }).promise().catch(reject);
  });
}

export const ofType = (run: ProgramRun<unknown>, type: string): RegisteredResource[] => run.resources.filter((r) => r.type === type);

export const named = (run: ProgramRun<unknown>, name: string): RegisteredResource => {
  const found = run.resources.find((r) => r.name === name);
  assert.ok(found, `no resource named ${name}; registered: ${run.resources.map((r) => r.name).join(", ")}`);
  return found;
};

/** Resources a cloud provider would create (custom resources), leaving out the stack and components. */
export const cloudResources = (run: ProgramRun<unknown>): RegisteredResource[] => run.resources.filter((r) => r.custom);

export const urns = (run: ProgramRun<unknown>): string[] => run.resources.map((r) => r.urn).sort();

export function expectNoErrors(run: ProgramRun<unknown>): void {
  assert.deepEqual(
    run.errors.map((e) => e.message),
    [],
  );
}

/** The single error the program failed with (asserting there is exactly one). */
export function onlyError(
  run: ProgramRun<unknown>,
): Error & { problems?: Array<{ code: string; path: string; message: string; hint: string }> } {
  assert.equal(run.errors.length, 1, `expected one error, got: ${run.errors.map((e) => e.message).join(" | ")}`);
  return run.errors[0];
}
