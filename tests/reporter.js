"use strict";
// mocha's spec reporter plus the plain closing line "N passed, N failed" that CI reads in any language.
// Through mocha's entry: its reporter modules are ES modules from mocha 12 on.
const { Spec } = require("mocha").reporters;

class SpecWithTotals extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once("end", () => {
      const { passes, failures, pending } = runner.stats;
      process.stdout.write(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}\n`);
    });
  }
}

module.exports = SpecWithTotals;
