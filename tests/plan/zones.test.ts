/** Zones: subnets' AZ names and AZ IDs against the region and AWS's documented AZ IDs (rules/zones.ts, catalog zones.json). */
import assert from "node:assert/strict";
import { isPlanRequestError, planNetwork, ZONE_CODES as CODES, type PlanRequest, type SubnetSpec } from "vpce-plan/plan";
import { endpoint, problem, request } from "../helpers/build";
import { runRows } from "../helpers/rows";
import { network, spoke } from "../multi/fixtures";

/** Two subnets in `region`, subnet-a and subnet-b, with the given zone fields. */
const two = (region: string, a: Partial<SubnetSpec>, b: Partial<SubnetSpec>): Partial<PlanRequest> => ({
  region,
  subnets: [
    { id: "subnet-a", routeTableId: "rtb-a", ...a },
    { id: "subnet-b", routeTableId: "rtb-b", ...b },
  ],
});

describe("planEndpoints: zones", () => {
  runRows(CODES, [
    { why: "baseline: AZ names of the region", request: request() },
    {
      why: "documented AZ IDs place the subnets by ID",
      request: request(two("us-east-1", { azId: "use1-az6" }, { azId: "use1-az1" })),
      check: (p) => assert.deepEqual(endpoint(p, "sts").azs, ["use1-az1", "use1-az6"]),
    },
    {
      why: "az and azId together, as --from-aws and the components' lookups give them",
      request: request(two("us-east-1", { az: "us-east-1a", azId: "use1-az4" }, { az: "us-east-1b", azId: "use1-az2" })),
      check: (p) => assert.deepEqual(endpoint(p, "sts").azIds, ["use1-az4", "use1-az2"]),
    },
    {
      why: "the newest AWS page's fourth London AZ (euw2-az4, missing from an older version) is accepted",
      request: request(two("eu-west-2", { azId: "euw2-az4" }, { azId: "euw2-az1" })),
    },
    {
      why: "a Local Zone ID is no AZ of the lists and is not checked against them",
      request: request(two("us-east-1", { azId: "use1-bos1-az1" }, { azId: "use1-az1" })),
    },
    {
      why: "regions whose AZ IDs AWS lists nowhere (China, GovCloud) check the ID's format only",
      request: request(two("cn-northwest-1", { azId: "cnnw1-az7" }, { azId: "cnnw1-az1" })),
    },
    {
      why: "GovCloud likewise",
      request: request(two("us-gov-west-1", { azId: "usgw1-az9" }, { azId: "usgw1-az1" })),
    },
    {
      why: "an AZ name's letter is not judged (AWS ties no letter to the AZ count; ca-central-1 has 3 AZs and a 1d)",
      request: request(two("ca-central-1", { az: "ca-central-1d" }, { az: "ca-central-1z" })),
    },
    {
      why: "us-east-1z passes too: per-account letters in the oldest regions",
      request: request(two("us-east-1", { az: "us-east-1z" }, { az: "us-east-1a" })),
    },
    {
      why: "an AZ ID the region's documented list lacks",
      request: request(two("us-east-1", { azId: "use1-az9" }, { azId: "use1-az1" })),
      problems: [["SUBNET_AZ_UNKNOWN", "subnets[0].azId"]],
    },
    {
      why: "a gap in the documented numbers is no AZ either (ca-central-1: az1, az2, az4)",
      request: request(two("ca-central-1", { azId: "cac1-az3" }, { azId: "cac1-az1" })),
      problems: [["SUBNET_AZ_UNKNOWN", "subnets[0].azId"]],
    },
    {
      why: "an unknown AZ ID is rejected beside a valid az name",
      request: request(two("us-east-1", { az: "us-east-1a", azId: "use1-az9" }, { az: "us-east-1b" })),
      problems: [["SUBNET_AZ_UNKNOWN", "subnets[0].azId"]],
    },
    {
      why: "an AZ ID AWS documents for another region is a region mismatch, not an unknown ID",
      request: request(two("us-east-1", { az: "us-east-1a", azId: "euw1-az1" }, { az: "us-east-1b" })),
      problems: [["SUBNET_AZ_ID_REGION", "subnets[0].azId"]],
    },
    {
      why: "an undocumented ID whose prefix names another region is a region mismatch too",
      request: request(two("us-east-1", { azId: "use2-az9" }, { azId: "use1-az1" })),
      problems: [["SUBNET_AZ_ID_REGION", "subnets[0].azId"]],
    },
    {
      why: "a documented ID of the region beside an AZ name of another region: the name is wrong",
      request: request(two("us-east-1", { az: "eu-west-1a", azId: "use1-az1" }, { az: "us-east-1b" })),
      problems: [["SUBNET_AZ_REGION", "subnets[0].az"]],
    },
  ]);

  it("SUBNET_AZ_UNKNOWN names the region's documented AZ IDs and how to list the account's", () => {
    const p = problem(request(two("us-east-1", { azId: "use1-az9" }, { azId: "use1-az1" })), "SUBNET_AZ_UNKNOWN");
    assert.match(p.message, /use1-az9 is not an Availability Zone ID AWS documents for us-east-1/);
    assert.match(p.message, /use1-az1, use1-az2, use1-az3, use1-az4, use1-az5, use1-az6\.$/);
    assert.match(p.hint, /describe-availability-zones --region us-east-1/);
  });

  it("SUBNET_AZ_ID_REGION names the region AWS documents the ID for", () => {
    const p = problem(request(two("us-east-1", { azId: "euw1-az1" }, { azId: "use1-az1" })), "SUBNET_AZ_ID_REGION");
    assert.match(p.message, /euw1-az1 is not an Availability Zone ID of us-east-1 \(AWS documents it for eu-west-1\)/);
  });
});

describe("planNetwork: zones", () => {
  /** The zone problems of a network request: other families' problems are theirs to test. */
  const codesOf = (req: unknown): string[] => {
    try {
      planNetwork(req);
    } catch (err) {
      assert.ok(isPlanRequestError(err), String(err));
      return err.problems.filter((p) => Object.hasOwn(CODES, p.code)).map((p) => `${p.code} ${p.path}`);
    }
    return [];
  };

  it("spokes' and the hub's subnets take the same check, at their own paths", () => {
    const bad = spoke("a", 1);
    bad.subnets = [{ id: "subnet-a-1", azId: "use1-az9", routeTableId: "rtb-a" }];
    const req = network([spoke("b", 2), bad]);
    req.hub.subnets = [{ id: "subnet-hub-1", azId: "use1-az7", routeTableId: "rtb-hub" }, ...(req.hub.subnets ?? [])];
    assert.deepEqual(codesOf(req), ["SUBNET_AZ_UNKNOWN hub.subnets[0].azId", "SUBNET_AZ_UNKNOWN spokes[1].subnets[0].azId"]);
  });

  it("a spoke in another region is checked against its own region's list", () => {
    const far = spoke("f", 3, { region: "eu-west-1", azs: [] });
    far.subnets = [{ id: "subnet-f-1", azId: "euw1-az3", routeTableId: "rtb-f" }];
    assert.deepEqual(codesOf(network([far])), []);
    far.subnets = [{ id: "subnet-f-1", azId: "euw1-az4", routeTableId: "rtb-f" }];
    assert.deepEqual(codesOf(network([far])), ["SUBNET_AZ_UNKNOWN spokes[0].subnets[0].azId"]);
  });
});
