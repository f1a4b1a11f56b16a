/** The names people type for a service (catalog `aliases`): each finds its service first, as a suggestion and in `catalog --search`. */
import assert from "node:assert/strict";
import { services, suggestNames } from "vpce-plan/catalog";
import { vpcePlan } from "../helpers/cli";

/** Names a new user typed and found nothing for (issue 17, item 26). */
const TYPED = {
  elb: "elasticloadbalancing",
  alb: "elasticloadbalancing",
  nlb: "elasticloadbalancing",
  cloudwatch: "monitoring",
  eventbridge: "events",
};

describe("catalog: the names people type", () => {
  const aliased = services.flatMap((s) => (s.aliases ?? []).map((alias) => [alias, s.key] as const));

  it("the catalog data keeps the names people type", () => {
    const byAlias = new Map(aliased);
    for (const [name, key] of Object.entries(TYPED)) assert.equal(byAlias.get(name), key, name);
    assert.equal(new Set(aliased.map(([a]) => a)).size, aliased.length, "an alias names one service");
  });

  for (const [alias, key] of aliased) {
    it(`"${alias}" suggests ${key} first, and catalog --search lists it first`, () => {
      assert.equal(suggestNames(alias)[0], key);
      assert.equal(suggestNames(alias.replace(/(.)(.*)/, "$1-$2").replace(/ /g, "-"))[0], key, "spelled with dashes");
      const run = vpcePlan(["catalog", "--search", alias]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout.split("\n")[2].split(/\s+/)[0], key, run.stdout);
    });
  }
});
