/** The catalog against the docs-derived name list, and availability per partition (issue 8). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  availabilityFrom,
  availabilityIn,
  findService,
  getRegion,
  hasFipsIn,
  interRegionPrice,
  isRegionless,
  regions,
  serviceNameIn,
  services,
  type AvailabilityFile,
} from "vpce-plan/catalog";
import { REPO_ROOT } from "../helpers/requests";

const text = readFileSync(join(REPO_ROOT, "sdk", "src", "catalog", "source", "privatelink-names.txt"), "utf8");
const names = text.split("\n").filter((l) => l && !l.startsWith("#"));
const expectations = [...text.matchAll(/^# expect (offered|unavailable) (\S+) (\d+)$/gm)].map((m) => ({
  status: m[1],
  region: m[2],
  count: Number(m[3]),
}));
const homeUnknown = /^# home-unknown (.*)$/m.exec(text)![1].split(" ");
const fill = (name: string, region: string): string => name.split("{region}").join(region);
const file = JSON.parse(readFileSync(join(REPO_ROOT, "sdk", "src", "catalog", "availability.json"), "utf8")) as AvailabilityFile;
const statusOf =
  (lookup: typeof availabilityIn) =>
  (key: string, region: string): { status: string; offeredIn?: readonly string[] } => {
    const found = lookup(findService(key)!.service, getRegion(region)!);
    return found.status === "unavailable" ? { status: found.status, offeredIn: found.offeredIn } : { status: found.status };
  };

/** [service, region, status, the regions named as offering it when unavailable, why (the AWS page)]. */
const perRegion: Array<[string, string, string, string[] | undefined, string]> = [
  ["polly", "cn-north-1", "unavailable", ["cn-northwest-1"], "Polly runs only in Ningxia (Getting Started in China, Polly)"],
  ["polly", "cn-northwest-1", "offered", undefined, "CDK names Polly with cn.com.amazonaws in Ningxia"],
  ["polly", "us-east-1", "offered", undefined, "the China page says nothing of the aws partition"],
  ["polly", "eu-west-1", "unknown", undefined, "nor of other aws regions"],
  ["iotsitewise.api", "cn-northwest-1", "unavailable", ["cn-north-1"], "IoT SiteWise runs only in Beijing"],
  ["iotsitewise.data", "cn-north-1", "offered", undefined, "CDK names it in Beijing"],
  ["iottwinmaker.api", "cn-northwest-1", "unavailable", ["cn-north-1"], "IoT TwinMaker runs only in Beijing"],
  ["iottwinmaker.data", "cn-north-1", "unknown", undefined, "running there does not say its endpoint service is there"],
  ["greengrass", "cn-northwest-1", "unavailable", ["cn-north-1"], "IoT Greengrass V2 runs only in Beijing"],
  ["personalize-runtime", "cn-northwest-1", "unavailable", ["cn-north-1"], "Personalize runs only in Beijing"],
  ["iam", "cn-north-1", "offered", undefined, "China's IAM control plane is in Beijing, and IAM's endpoints live there"],
  ["iam", "cn-northwest-1", "unavailable", ["cn-north-1"], "so Ningxia has none"],
  ["iam", "us-gov-west-1", "unknown", undefined, "no page found names GovCloud's IAM control plane region"],
  ["states", "us-gov-east-1", "unavailable", [], "GovCloud: Step Functions PrivateLink only for FIPS"],
];

/** A test table: the built-in data plus whole lists for regions whose lists AWS does not publish here. */
const withLists = (lists: AvailabilityFile["regions"]): AvailabilityFile => ({ ...file, regions: { ...file.regions, ...lists } });

describe("catalog: the PrivateLink table and availability", () => {
  it("holds exactly the table's names, FIPS names included, each resolving to its entry", () => {
    const catalogNames = services.flatMap((s) => [s.serviceName, ...(s.fips ? [s.fips.serviceName] : [])]).sort();
    assert.deepEqual(catalogNames, [...names].sort());
    assert.ok(names.length >= 480, `${names.length} names`);
    for (const name of names) {
      const found = findService(fill(name, "us-east-1"));
      assert.ok(found, name);
      assert.equal(Boolean(found.fips), found.service.serviceName !== name, name);
    }
  });

  it("counts of offered and unavailable services per partition match the list", () => {
    assert.ok(expectations.length >= 6);
    const partitions = new Set(expectations.map((e) => getRegion(e.region)!.partition));
    assert.deepEqual([...partitions].sort(), ["aws", "aws-cn", "aws-us-gov"]);
    for (const { status, region, count } of expectations) {
      const r = getRegion(region)!;
      assert.equal(services.filter((s) => availabilityIn(s, r).status === status).length, count, `${status} in ${region}`);
    }
  });

  it("every FIPS name resolves, in us-east-1 (or the one region a regionless name is in), to a usable FIPS endpoint service of the same service", () => {
    const fips = names.filter((n) => n.endsWith("-fips"));
    assert.ok(fips.length >= 110, `${fips.length} FIPS names`);
    for (const name of fips) {
      const found = findService(fill(name, "us-east-1"));
      assert.ok(found?.fips, name);
      const home = isRegionless(found.service)
        ? regions.filter((r) => availabilityIn(found.service, r).status === "offered")
        : [getRegion("us-east-1")!];
      assert.equal(home.length, 1, name);
      assert.ok(hasFipsIn(found.service, home[0]), name);
      assert.equal(serviceNameIn(found.service, home[0], "Interface", true), fill(name, "us-east-1"));
      // The table's short form (kms-fips) names it too.
      assert.equal(findService(name.replace(/^.*\{region\}\./, ""))?.service.key, found.service.key, name);
    }
    const eu = getRegion("eu-west-1")!;
    assert.ok(!hasFipsIn(findService("sqs")!.service, eu), "FIPS endpoints are a US, Canada and GovCloud matter");
    assert.ok(hasFipsIn(findService("kms")!.service, eu), "except where the service lists more, as KMS does");
  });

  it("every regionless name is offered in its home region only, or is listed as home-unknown", () => {
    const regionless = services.filter(isRegionless);
    assert.deepEqual(
      regionless.map((s) => s.serviceName).filter((n) => !names.includes(n)),
      [],
    );
    for (const s of regionless) {
      if (homeUnknown.includes(s.serviceName)) {
        const elsewhere = regions.filter((r) => r.code !== "us-east-1").map((r) => availabilityIn(s, r).status);
        assert.ok(!elsewhere.includes("offered"), `${s.key} is offered somewhere although its home is unknown`);
        continue;
      }
      const aws = regions.filter((r) => r.partition === "aws");
      const offered = aws.filter((r) => availabilityIn(s, r).status === "offered").map((r) => r.code);
      assert.equal(offered.length, 1, `${s.key}: ${offered.join(", ")}`);
      assert.ok(
        aws.every((r) => offered.includes(r.code) || availabilityIn(s, r).status === "unavailable"),
        s.key,
      );
    }
  });

  it("China names differ per region as AWS CDK's table lists them", () => {
    const cnNorth = getRegion("cn-north-1")!;
    const cnNorthwest = getRegion("cn-northwest-1")!;
    const name = (key: string, r: typeof cnNorth): string => serviceNameIn(findService(key)!.service, r);
    assert.equal(name("account", cnNorthwest), "cn.com.amazonaws.cn-northwest-1.account");
    assert.equal(name("account", cnNorth), "com.amazonaws.cn-north-1.account");
    assert.equal(name("workspaces", cnNorthwest), "cn.com.amazonaws.cn-northwest-1.workspaces");
    assert.equal(name("workspaces", cnNorth), "com.amazonaws.cn-north-1.workspaces");
    assert.equal(name("iotsitewise.api", cnNorth), "cn.com.amazonaws.cn-north-1.iotsitewise.api");
    assert.equal(name("iotsitewise.data", cnNorthwest), "com.amazonaws.cn-northwest-1.iotsitewise.data");
    assert.equal(name("transcribe", cnNorth), "cn.com.amazonaws.cn-north-1.transcribe.cn");
    // A China name names only its own region.
    assert.equal(findService("cn.com.amazonaws.cn-north-1.account"), undefined);
    assert.equal(findService("cn.com.amazonaws.cn-northwest-1.account")?.region, "cn-northwest-1");
  });

  it("opt-in regions are those the AWS STS endpoints table marks not active by default; the rest of that table are default", () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_region-endpoints.html
    const optIn = [
      "af-south-1",
      "ap-east-1",
      "ap-south-2",
      "ap-southeast-3",
      "ap-southeast-4",
      "ap-southeast-5",
      "ap-southeast-7",
      "ca-west-1",
    ];
    const byDefault = [
      "ap-northeast-1",
      "ap-northeast-2",
      "ap-northeast-3",
      "ap-south-1",
      "ap-southeast-1",
      "ap-southeast-2",
      "ca-central-1",
    ];
    assert.deepEqual(
      regions.filter((r) => r.optIn === true).map((r) => r.code),
      optIn.sort(),
    );
    const defaults = regions.filter((r) => r.optIn === false).map((r) => r.code);
    assert.deepEqual(defaults, [...byDefault, "us-east-1", "us-east-2", "us-west-1", "us-west-2"].sort());
    // Regions the stored copy of the table did not show stay unknown rather than guessed.
    assert.equal(getRegion("eu-central-2")!.optIn, undefined);
  });

  for (const [key, region, status, offeredIn, why] of perRegion) {
    it(`${key} in ${region} is ${status}: ${why}`, () => {
      assert.deepEqual(statusOf(availabilityIn)(key, region), offeredIn ? { status, offeredIn } : { status });
    });
  }

  it("every service, region and partition availability.json names is the catalog's", () => {
    const keys = new Set(services.map((s) => s.key));
    const partitionOf = new Map(regions.map((r) => [r.code, r.partition]));
    const named = [file.services, file.serviceRegions, file.offeredIn, file.fipsByService].flatMap((m) => Object.keys(m));
    assert.deepEqual(
      named.filter((k) => !keys.has(k)),
      [],
    );
    for (const [code, whole] of Object.entries(file.regions)) {
      assert.ok(partitionOf.has(code), code);
      if (whole.offers !== "catalog")
        assert.deepEqual(
          whole.offers.filter((k) => !keys.has(k)),
          [],
          code,
        );
    }
    for (const [key, entry] of [...Object.entries(file.services), ...Object.entries(file.serviceRegions)])
      for (const [partition, codes] of Object.entries(entry.partitions))
        for (const code of codes) assert.equal(partitionOf.get(code), partition, `${key}: ${code} is not in ${partition}`);
    for (const [key, entry] of Object.entries(file.offeredIn))
      for (const code of entry.regions) assert.ok(partitionOf.has(code), `${key}: ${code}`);
  });

  // Whole lists for China and GovCloud are what the China PrivateLink Guide and the GovCloud User Guide
  // would give; none is published where it could be read yet, so the rows use lists of their own.
  const listRows: Array<{
    why: string;
    lists: AvailabilityFile["regions"];
    key: string;
    region: string;
    want: { status: string; offeredIn?: string[] };
  }> = [
    {
      why: "a service in a region's whole list is offered there",
      lists: { "cn-north-1": { offers: ["sqs"], source: "list" } },
      key: "sqs",
      region: "cn-north-1",
      want: { status: "offered" },
    },
    {
      why: "a service a region's whole list leaves out is unavailable, naming the partition's regions whose lists have it",
      lists: { "cn-north-1": { offers: ["sqs"], source: "list" }, "cn-northwest-1": { offers: ["sqs", "kms"], source: "list" } },
      key: "kms",
      region: "cn-north-1",
      want: { status: "unavailable", offeredIn: ["cn-northwest-1"] },
    },
    {
      why: "other regions of the partition without lists are not named",
      lists: { "us-gov-west-1": { offers: ["sqs"], source: "list" } },
      key: "kms",
      region: "us-gov-west-1",
      want: { status: "unavailable", offeredIn: [] },
    },
    {
      why: "a China name CDK's table gives for the region counts as offered there, list or not",
      lists: { "cn-north-1": { offers: ["sqs"], source: "list" } },
      key: "s3",
      region: "cn-north-1",
      want: { status: "offered" },
    },
    {
      why: "a region outside the service's known regions stays unavailable whatever its list says",
      lists: { "cn-north-1": { offers: ["polly"], source: "list" } },
      key: "polly",
      region: "cn-north-1",
      want: { status: "unavailable", offeredIn: ["cn-northwest-1"] },
    },
    {
      why: "another partition's list says nothing of this one",
      lists: { "cn-north-1": { offers: ["sqs"], source: "list" } },
      key: "kms",
      region: "eu-west-1",
      want: { status: "unknown" },
    },
  ];
  for (const row of listRows) {
    it(`whole-region lists: ${row.why}`, () => {
      assert.deepEqual(statusOf(availabilityFrom(withLists(row.lists)))(row.key, row.region), row.want);
    });
  }

  it("inter-region transfer: priced per pair only where an AWS page prices it", () => {
    const source = /^https:\/\/repost\.aws\/articles\//;
    for (const [from, to] of [
      ["us-east-1", "us-west-2"],
      ["us-west-2", "us-east-1"],
    ]) {
      assert.equal(interRegionPrice(from, to)?.perGbUsd, 0.02, `${from} to ${to}`);
      assert.match(interRegionPrice(from, to)!.source, source);
    }
    assert.equal(interRegionPrice("us-east-1", "eu-west-1"), undefined);
    assert.equal(interRegionPrice("us-west-2", "us-west-2"), undefined);
  });

  it("policy support: the seven services whose own pages document VPC endpoint policies cite them", () => {
    for (const key of ["glue", "ecs", "cloudtrail", "cloudformation", "workspaces", "iotsitewise.api", "iotsitewise.data"]) {
      const s = findService(key)!.service;
      assert.equal(s.policy, true, key);
      assert.match(s.policyDoc ?? "", /^https:\/\/docs\.aws\.amazon\.com\//, key);
    }
  });
});
