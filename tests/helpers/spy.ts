/**
 * Spies on Pulumi resource constructors: records the name, args and options of every `new` while
 * installed. Mocks never see resource options (deleteBeforeReplace, dependsOn, ignoreChanges), so
 * tests of options spy on the constructor instead. @pulumi/aws exposes each class through a getter
 * that reads the class's own module on every access, so replacing the module export is enough.
 */
import type * as pulumi from "@pulumi/pulumi";

export interface Construction {
  type: string;
  name: string;
  args: Record<string, unknown>;
  opts: pulumi.CustomResourceOptions;
}

type Ctor = new (name: string, args: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) => object;

/** `modules`: @pulumi/aws module path -> exported class name, e.g. `{ "@pulumi/aws/ec2/vpcEndpoint": "VpcEndpoint" }`. */
export function spyOnConstructors(modules: Record<string, string>): { calls: Construction[]; restore(): void } {
  const calls: Construction[] = [];
  const restores: Array<() => void> = [];
  for (const [path, exported] of Object.entries(modules)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path) as Record<string, Ctor>;
    const original = mod[exported];
    mod[exported] = class extends original {
      constructor(name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions = {}) {
        calls.push({ type: exported, name, args, opts });
        super(name, args, opts);
      }
    };
    restores.push(() => (mod[exported] = original));
  }
  return { calls, restore: () => restores.forEach((r) => r()) };
}
