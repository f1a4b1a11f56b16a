/** `vpce-plan catalog` and the top-level help through the built binary. */
import assert from "node:assert/strict";
import { bundles, services } from "vpce-plan/catalog";
import { requestFile, vpcePlan, vpcePlanModules } from "../helpers/cli";

describe("cli: vpce-plan catalog", () => {
  it("--search with no match suggests the closest keys instead of an empty table alone", () => {
    const run = vpcePlan(["catalog", "--search", "secretmanager"]);
    assert.equal(run.status, 0, run.stderr);
    // Route 53 Global Resolver's names are written for us-east-2, so us-east-1 leaves it out.
    assert.match(run.stderr, /0 of \d+ services in us-east-1; 1 not offered there; did you mean secretsmanager/);
  });

  it("--catalog FILE: the overlay's whole list decides what the region offers, in the overlay's region", () => {
    const overlay = (region: string, names: string[], extra: object = {}) =>
      requestFile(`overlay-${region}-${names.length}.json`, {
        version: 1,
        kind: "vpce-plan/catalog-overlay",
        region,
        ...extra,
        services: names.map((serviceName) => ({ serviceName, types: ["Interface"], azs: [`${region}a`], privateDnsNames: [] })),
      });
    const file = overlay("eu-west-1", ["com.amazonaws.eu-west-1.sts", "com.amazonaws.eu-west-1.kms", "com.amazonaws.eu-west-1.brand-new"]);
    const run = vpcePlan(["catalog", "--catalog", file, "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    const listed = JSON.parse(run.stdout) as { region: string; services: Array<{ key: string; available: string }> };
    assert.equal(listed.region, "eu-west-1", "the overlay's region when --region is not given");
    assert.deepEqual(listed.services.map((s) => [s.key, s.available]).sort(), [
      ["kms", "yes"],
      ["sts", "yes"],
    ]);
    const table = vpcePlan(["catalog", "--catalog", file, "--region", "eu-west-1"]);
    assert.match(table.stderr, new RegExp(`2 of ${services.length} services in eu-west-1; ${services.length - 2} not offered there\n`));
    const elsewhere = vpcePlan(["catalog", "--catalog", file, "--region", "us-east-1"]);
    assert.equal(elsewhere.status, 2);
    assert.match(elsewhere.stderr, /was read in eu-west-1, but --region is for us-east-1/);
    const remote = vpcePlan(["catalog", "--catalog", overlay("eu-west-1", ["com.amazonaws.us-east-1.s3"], { serviceRegion: "us-east-1" })]);
    assert.equal(remote.status, 2);
    assert.match(remote.stderr, /reaches in us-east-1, not the region's own services/);
    assert.equal(vpcePlan(["catalog", "--catalog", file, "--from-aws"]).status, 2);
  });

  it("--region eu-west-1 --search ecr lists the ECR services with their eu-west-1 names", () => {
    const run = vpcePlan(["catalog", "--region", "eu-west-1", "--search", "ecr"]);
    assert.equal(run.status, 0, run.stderr);
    const rows = run.stdout.trim().split("\n").slice(2);
    const expected = services.filter((s) => [s.key, s.title, s.serviceName].some((t) => t.toLowerCase().includes("ecr")));
    assert.equal(rows.length, expected.length);
    assert.ok(
      rows.some((r) =>
        /^ecr\.api\s+com\.amazonaws\.eu-west-1\.ecr\.api\s+Interface\s+443\s+api\.ecr\.eu-west-1\.amazonaws\.com\s+unknown$/.test(r),
      ),
      run.stdout,
    );
    assert.ok(
      rows.some((r) => r.startsWith("ecr.dkr ") && r.includes("*.dkr.ecr.eu-west-1.amazonaws.com")),
      run.stdout,
    );
    assert.match(run.stderr, new RegExp(`${expected.length} of ${services.length} services in eu-west-1`));
  });

  it("--search finds titles and bundles, with the exact key first", () => {
    const keys = (search: string): string[] =>
      JSON.parse(vpcePlan(["catalog", "--search", search, "--format", "json"]).stdout).services.map((s: { key: string }) => s.key);
    assert.deepEqual(keys("session manager").sort(), ["ec2messages", "ssm", "ssmmessages"]);
    assert.deepEqual(keys("keyspaces"), ["cassandra", "cassandra-streams"]);
    assert.equal(keys("sts")[0], "sts");
    assert.deepEqual(keys("ecr").slice(0, 3), ["ecr.api", "ecr.dkr", "ecr-public.api"]);
    const table = vpcePlan(["catalog", "--search", "session manager"]);
    assert.match(table.stderr, /3 of \d+ services in us-east-1; with the services of bundle ssm-session-manager/);
  });

  it("--region lists only what the region offers or may offer, saying which it cannot tell", () => {
    const eu = JSON.parse(vpcePlan(["catalog", "--region", "eu-west-1", "--format", "json"]).stdout);
    const keys = eu.services.map((s: { key: string }) => s.key);
    // Regionless services whose home is us-east-1 (IAM's page; Route 53 and CloudFront per the General Reference).
    for (const key of ["iam", "route53", "cloudfront"]) assert.ok(!keys.includes(key), `${key} lives in us-east-1 only`);
    assert.ok(!keys.includes("route53globalresolver"), "the table writes Route 53 Global Resolver's names for us-east-2");
    assert.equal(keys.length, services.length - 4);
    const known = eu.services.filter((s: { available: string }) => s.available === "yes").map((s: { key: string }) => s.key);
    assert.deepEqual(known, ["lightsail", "sts"], "only Lightsail's API and STS's VPC endpoint page list eu-west-1");
    const cn = JSON.parse(vpcePlan(["catalog", "--region", "cn-north-1", "--format", "json"]).stdout);
    assert.ok(!cn.services.some((s: { key: string }) => s.key === "lightsail"), "Lightsail runs in no China region");
    assert.ok(!cn.services.some((s: { key: string }) => s.key === "route53"), "China's Route 53 lives in cn-northwest-1");
    const cnNorthwest = JSON.parse(vpcePlan(["catalog", "--region", "cn-northwest-1", "--format", "json"]).stdout);
    assert.equal(cnNorthwest.services.find((s: { key: string }) => s.key === "route53")?.available, "yes");
    // China's IAM lives in Beijing (its control plane's region); IoT SiteWise runs only there.
    for (const key of ["iam", "iotsitewise.api", "iottwinmaker.api", "greengrass", "personalize"])
      assert.ok(!cnNorthwest.services.some((s: { key: string }) => s.key === key), `${key} is not in cn-northwest-1`);
    assert.equal(cn.services.find((s: { key: string }) => s.key === "iam")?.available, "yes");
    const us = JSON.parse(vpcePlan(["catalog", "--format", "json"]).stdout);
    assert.equal(us.services.length, services.length - 1);
    assert.ok(us.services.every((s: { available: string }) => s.available === "yes"));
    const ohio = JSON.parse(vpcePlan(["catalog", "--region", "us-east-2", "--search", "global resolver", "--format", "json"]).stdout);
    assert.deepEqual(
      ohio.services.map((s: { key: string; serviceName: string; available: string }) => [s.key, s.serviceName, s.available]),
      [["route53globalresolver", "aws.api.us-east-2.route53globalresolver", "yes"]],
    );
    const kms = us.services.find((s: { key: string }) => s.key === "kms");
    assert.equal(kms.fipsServiceName, "com.amazonaws.us-east-1.kms-fips");
    assert.equal(eu.services.find((s: { key: string }) => s.key === "sqs").fipsServiceName, undefined);
    assert.equal(eu.services.find((s: { key: string }) => s.key === "kms").fipsServiceName, "com.amazonaws.eu-west-1.kms-fips");
    const table = vpcePlan(["catalog", "--region", "eu-west-1", "--search", "sts"]);
    assert.match(table.stderr, /; 4 not offered there; availability of \d+ unknown \(check with --from-aws\)/);
  });

  it("--format json lists every service the region may offer", () => {
    const run = vpcePlan(["catalog", "--region", "cn-north-1", "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.region, "cn-north-1");
    // Lightsail (no China region), Route 53 (home cn-northwest-1) and Polly (runs only in Ningxia).
    assert.deepEqual(
      services.filter((s) => !out.services.some((o: { key: string }) => o.key === s.key)).map((s) => s.key),
      ["lightsail", "polly", "route53"],
    );
    assert.equal(out.services.find((s: { key: string }) => s.key === "s3").serviceName, "cn.com.amazonaws.cn-north-1.s3");
  });

  it("--bundles --format json lists the bundles", () => {
    const run = vpcePlan(["catalog", "--bundles", "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.version, 1);
    assert.deepEqual(out.bundles, JSON.parse(JSON.stringify(bundles)));
  });

  it("--bundles as a table has one row per bundle", () => {
    const run = vpcePlan(["catalog", "--bundles"]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim().split("\n").length - 2, bundles.length);
  });

  it("an unknown region exits 2 with a suggestion; a bad --format exits 2", () => {
    const region = vpcePlan(["catalog", "--region", "eu-wset-1"]);
    assert.equal(region.status, 2);
    assert.match(region.stderr, /did you mean eu-west-1/);
    assert.equal(vpcePlan(["catalog", "--format", "markdown"]).status, 2);
  });

  it("never loads @pulumi/* or the AWS SDK", () => {
    const run = vpcePlanModules(["catalog", "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.modules.some((m) => /[\\/]dist[\\/]catalog[\\/]index\.js$/.test(m)));
    assert.deepEqual(
      run.modules.filter((m) => /[\\/]@pulumi[\\/]|[\\/]@aws-sdk[\\/]/.test(m)),
      [],
    );
  });
});

describe("cli: help and commands", () => {
  it("--help lists the commands and exit codes", () => {
    const run = vpcePlan(["--help"]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: vpce-plan <command>/);
    for (const command of ["plan", "catalog"]) assert.match(run.stdout, new RegExp(`\\n  ${command} `));
    assert.match(
      run.stdout,
      /Exit codes: 0 success, 2 invalid request or flags, 3 audit findings or diff changes matching --fail-on, 4 a partial organization report, 1 anything else/,
    );
  });

  for (const command of ["plan", "catalog"]) {
    it(`${command} --help documents its flags`, () => {
      const run = vpcePlan([command, "--help"]);
      assert.equal(run.status, 0);
      assert.match(run.stdout, new RegExp(`^Usage: vpce-plan ${command}`));
      assert.match(run.stdout, /--format/);
    });
  }

  it("every command listed in --help answers --help", () => {
    const commands = [...vpcePlan(["--help"]).stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]);
    assert.ok(commands.length >= 2);
    for (const command of commands) {
      const run = vpcePlan([command, "--help"]);
      assert.equal(run.status, 0, `${command}: ${run.stderr}`);
      assert.match(run.stdout, /Usage: vpce-plan/);
    }
  });

  it("an unknown command exits 2 and shows the usage", () => {
    const run = vpcePlan(["plna"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown command "plna"; did you mean plan\?/);
    assert.match(run.stderr, /Usage: vpce-plan/);
  });

  it("no command prints the usage and exits 2", () => {
    const run = vpcePlan([]);
    assert.equal(run.status, 2);
    assert.match(run.stdout, /Usage: vpce-plan/);
  });
});
