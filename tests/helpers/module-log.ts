/**
 * Preloaded with `node -r` by the CLI tests: when VPCE_TEST_MODULE_LOG names a file, writes every
 * module file Node loaded (require.cache) there at exit, so tests can prove what a command did not load.
 */
import { writeFileSync } from "node:fs";

const target = process.env.VPCE_TEST_MODULE_LOG;
if (target) {
  process.on("exit", () => {
    writeFileSync(target, JSON.stringify(Object.keys(require.cache)));
  });
}
