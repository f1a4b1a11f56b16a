/** Rules 14 and 15 under the mocks: the Resolver inbound endpoint, and hub DNS shared by Route 53 Profile. */
import assert from "node:assert/strict";
import { EndpointHub, EndpointPlan, EndpointSpoke, type EndpointPlanArgs, type EndpointSpokeArgs, type HubContract } from "vpce-plan";
import { HUB_TYPES, hubArgs, hubSpoke, runHub, spokeArgs } from "../helpers/hubSpoke";
import { AwsMocks, TYPES, cloudResources, expectNoErrors, named, ofType, onlyError, runPulumi } from "../helpers/pulumi";
import { spyOnConstructors } from "../helpers/spy";

const PROFILE_TYPES = {
  resolver: "aws:route53/resolverEndpoint:ResolverEndpoint",
  profile: "aws:route53/profilesProfile:ProfilesProfile",
  profileResource: "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation",
  profileAssociation: "aws:route53/profilesAssociation:ProfilesAssociation",
  share: "aws:ram/resourceShare:ResourceShare",
  shareResource: "aws:ram/resourceAssociation:ResourceAssociation",
  sharePrincipal: "aws:ram/principalAssociation:PrincipalAssociation",
} as const;

const names = (run: Parameters<typeof ofType>[0], type: string): string[] =>
  ofType(run, type)
    .map((r) => r.name)
    .sort();

const SUBNETS = [
  { id: "subnet-a", az: "us-east-1a", routeTableId: "rtb-a" },
  { id: "subnet-b", az: "us-east-1b", routeTableId: "rtb-b" },
];
const onPremArgs = (resolver?: "create" | "existing" | "none", extra: Partial<EndpointPlanArgs> = {}): EndpointPlanArgs => ({
  region: "us-east-1",
  vpc: { id: "vpc-0app", cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: true },
  subnets: SUBNETS,
  services: ["sts"],
  access: { onPremises: { cidrs: ["192.168.0.0/16"], ...(resolver ? { resolver } : {}) } },
  lookups: false,
  ...extra,
});

function runPlan(args: EndpointPlanArgs) {
  return runPulumi(
    () => {
      const c = new EndpointPlan("app", args);
      return { resolver: c.resolver, warnings: c.warnings, plan: c.plan };
    },
    { mocks: new AwsMocks({ subnets: Object.fromEntries(SUBNETS.map((s) => [s.id, { az: s.az }])) }) },
  );
}

describe("EndpointPlan: the Resolver inbound endpoint", () => {
  it("resolver: create registers the endpoint (INBOUND, one IP per planned subnet), its group and TCP/UDP 53 rules, and exports its IPs", async () => {
    const run = await runPlan(onPremArgs("create"));
    expectNoErrors(run);
    const resolver = named(run, "app-resolver");
    assert.equal(resolver.type, PROFILE_TYPES.resolver);
    assert.equal(resolver.inputs.direction, "INBOUND");
    assert.deepEqual(resolver.inputs.ipAddresses, [{ subnetId: "subnet-a" }, { subnetId: "subnet-b" }]);
    const sg = named(run, "app-resolver-sg");
    assert.equal(sg.inputs.vpcId, "vpc-0app");
    assert.deepEqual(resolver.inputs.securityGroupIds, [run.outputs!.resolver!.securityGroupId]);
    assert.deepEqual(
      ofType(run, TYPES.ingressRule)
        .filter((r) => r.name.startsWith("app-resolver-"))
        .map((r) => [r.name, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.cidrIpv4])
        .sort(),
      [
        ["app-resolver-53-192.168.0.0-16", "tcp", 53, "192.168.0.0/16"],
        ["app-resolver-udp-53-192.168.0.0-16", "udp", 53, "192.168.0.0/16"],
      ],
    );
    const out = run.outputs!.resolver!;
    assert.match(out.id, /^rslvr-in-/);
    assert.equal(out.ipAddresses.length, 2);
    for (const ip of out.ipAddresses) assert.match(ip, /^\d+\.\d+\.\d+\.\d+$/);
    assert.ok(!run.outputs!.warnings.some((w) => w.code === "ON_PREMISES_DNS_NEEDS_RESOLVER"));
    assert.equal(run.outputs!.plan.resolver!.direction, "INBOUND");
  });

  it("none (default) and existing register no Resolver endpoint; none warns with the cost", async () => {
    for (const mode of [undefined, "none", "existing"] as const) {
      const run = await runPlan(onPremArgs(mode));
      expectNoErrors(run);
      assert.deepEqual(ofType(run, PROFILE_TYPES.resolver), []);
      assert.equal(run.outputs!.resolver, undefined);
      assert.equal(
        run.outputs!.warnings.some((w) => w.code === "ON_PREMISES_DNS_NEEDS_RESOLVER"),
        mode !== "existing",
      );
    }
  });

  it("create in one AZ fails before any AWS resource is registered", async () => {
    const run = await runPlan(onPremArgs("create", { subnets: [SUBNETS[0]], ha: { minAzs: 1 } }));
    assert.deepEqual(cloudResources(run), []);
    assert.deepEqual(
      onlyError(run).problems!.map((p) => [p.code, p.path]),
      [["RESOLVER_TOO_FEW_AZS", "access.onPremises.resolver"]],
    );
  });
});

describe("EndpointHub: DNS shared by Route 53 Profile", () => {
  const spokes = [hubSpoke("a", 1), hubSpoke("b", 2, { accountId: "222222222222" }), hubSpoke("c", 3)];

  it("one Profile with each shared endpoint (private DNS on), shared through RAM with the other account; no zones", async () => {
    const run = await runHub(hubArgs(spokes, { dnsSharing: "profile" }));
    assert.deepEqual(names(run, PROFILE_TYPES.profile), ["hub-route53-profile"]);
    assert.deepEqual(names(run, PROFILE_TYPES.profileResource), ["hub-route53-profile-ecr.dkr", "hub-route53-profile-secretsmanager"]);
    const association = named(run, "hub-route53-profile-ecr.dkr").inputs;
    assert.equal(association.name, "hub-route53-profile-ecr-dkr", "the API name has no dots");
    const endpoint = named(run, "hub-ecr.dkr");
    assert.equal(endpoint.inputs.privateDnsEnabled, true);
    assert.match(String(association.resourceArn), /:vpc-endpoint\/vpce-/);
    assert.equal(association.profileId, run.contract.profile!.id);
    assert.deepEqual(names(run, PROFILE_TYPES.share), ["hub-route53-profile-share"]);
    assert.equal(named(run, "hub-route53-profile-share-profile").inputs.resourceArn, run.contract.profile!.arn);
    assert.deepEqual(
      ofType(run, PROFILE_TYPES.sharePrincipal).map((r) => [r.name, r.inputs.principal]),
      [["hub-route53-profile-share-222222222222", "222222222222"]],
    );
    assert.deepEqual(ofType(run, HUB_TYPES.zone), []);
    assert.deepEqual(ofType(run, HUB_TYPES.record), []);
    assert.deepEqual(ofType(run, HUB_TYPES.authorization), []);
    // The hub VPC resolves through the endpoints' own private DNS: it is not associated with its Profile.
    assert.deepEqual(ofType(run, PROFILE_TYPES.profileAssociation), []);
  });

  it("the contract publishes the Profile (additive, version 1) and services without zones", async () => {
    const { contract } = await runHub(hubArgs(spokes, { dnsSharing: "profile" }));
    assert.equal(contract.version, 1);
    assert.match(contract.profile!.id, /^rp-/);
    assert.deepEqual(contract.services.secretsmanager.zones, []);
    assert.equal(contract.services.secretsmanager.zoneId, undefined);
    assert.ok(contract.services.secretsmanager.dnsName);
    const zonesContract = (await runHub(hubArgs(spokes))).contract;
    assert.equal(zonesContract.profile, undefined);
  });

  it("no RAM share when every consuming spoke is in the hub's account", async () => {
    const run = await runHub(hubArgs([hubSpoke("a", 1), hubSpoke("c", 3), hubSpoke("d", 4)], { dnsSharing: "profile" }));
    assert.deepEqual(names(run, PROFILE_TYPES.profile), ["hub-route53-profile"]);
    assert.deepEqual(ofType(run, PROFILE_TYPES.share), []);
    assert.deepEqual(ofType(run, PROFILE_TYPES.sharePrincipal), []);
  });

  it("auto with few spokes keeps zones; a bad dnsSharing registers nothing", async () => {
    const run = await runHub(hubArgs(spokes));
    assert.deepEqual(ofType(run, PROFILE_TYPES.profile), []);
    assert.equal(ofType(run, HUB_TYPES.zone).length, 2);
    const bad = await runPulumi(() => new EndpointHub("hub", hubArgs(spokes, { dnsSharing: "both" as "auto" })).contract);
    assert.deepEqual(cloudResources(bad), []);
    assert.deepEqual(
      onlyError(bad).problems!.map((p) => [p.code, p.path]),
      [["INVALID_VALUE", "dnsSharing"]],
    );
  });

  it("profileOrganizationArn shares with the organization: one principal, no external principals", async () => {
    const org = "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5";
    const run = await runHub(hubArgs(spokes, { dnsSharing: "profile", profileOrganizationArn: org }));
    assert.deepEqual(
      ofType(run, PROFILE_TYPES.sharePrincipal).map((r) => [r.name, r.inputs.principal]),
      [["hub-route53-profile-share-organization", org]],
    );
    assert.equal(named(run, "hub-route53-profile-share").inputs.allowExternalPrincipals, false);
  });

  it("adding a spoke adds only its ingress rules and, for a new account, its RAM principal", async () => {
    const before = await runHub(hubArgs(spokes, { dnsSharing: "profile" }));
    const after = await runHub(hubArgs([...spokes, hubSpoke("d", 4, { accountId: "333333333333" })], { dnsSharing: "profile" }));
    const added = after.resources.map((r) => r.name).filter((n) => !before.resources.some((b) => b.name === n));
    assert.deepEqual(added.sort(), [
      "hub-ecr.dkr-443-10.4.0.0-16",
      "hub-route53-profile-share-333333333333",
      "hub-secretsmanager-443-10.4.0.0-16",
    ]);
    assert.ok(before.resources.every((b) => after.resources.some((a) => a.urn === b.urn)));
  });

  it("the hub's resolver: create registers hub-resolver next to the shared endpoints", async () => {
    const run = await runHub(
      hubArgs(spokes, { dnsSharing: "profile", access: { onPremises: { cidrs: ["192.168.0.0/16"], resolver: "create" } } }),
    );
    assert.equal(named(run, "hub-resolver").inputs.direction, "INBOUND");
  });
});

describe("EndpointSpoke: with and without a Profile in the contract", () => {
  const HUB_STACK = "acme/hub/prod";
  const spokes = [hubSpoke("a", 1, { services: ["secretsmanager", "ecr.dkr", "s3"] }), hubSpoke("b", 2), hubSpoke("c", 3)];
  let byProfile: HubContract;
  let byZones: HubContract;
  before(async () => {
    byProfile = (await runHub(hubArgs(spokes, { dnsSharing: "profile" }))).contract;
    byZones = (await runHub(hubArgs(spokes))).contract;
  });
  const runSpoke = (args: EndpointSpokeArgs, contract: unknown) =>
    runPulumi(
      () => {
        const s = new EndpointSpoke("a", args);
        return { resolution: s.resolution };
      },
      { mocks: new AwsMocks({ stackOutputs: { [HUB_STACK]: { contract } } }) },
    );

  it("a Profile in the contract: one Profile association for the VPC, no zone associations", async () => {
    const run = await runSpoke(spokeArgs("a", 1, { hubStack: HUB_STACK }), byProfile);
    expectNoErrors(run);
    assert.deepEqual(ofType(run, HUB_TYPES.association), []);
    const association = named(run, "a-route53-profile-association");
    assert.equal(association.type, PROFILE_TYPES.profileAssociation);
    assert.deepEqual(
      [association.inputs.profileId, association.inputs.resourceId, association.inputs.name],
      [byProfile.profile!.id, "vpc-a", "a-route53-profile-association"],
    );
    const resolution = run.outputs!.resolution;
    assert.equal(resolution.secretsmanager.profileId, byProfile.profile!.id);
    assert.equal(resolution.secretsmanager.zoneNames, undefined);
    assert.deepEqual(resolution.s3, { placement: "local", type: "Gateway", dnsNames: [] });
    assert.deepEqual(
      ofType(run, TYPES.vpcEndpoint).map((r) => r.name),
      ["a-s3-gateway"],
    );
  });

  it("the Profile association replaces delete-first: a VPC takes one Profile (options spied on: mocks do not see them)", async () => {
    const spy = spyOnConstructors({ "@pulumi/aws/route53/profilesAssociation": "ProfilesAssociation" });
    try {
      expectNoErrors(await runSpoke(spokeArgs("a", 1, { hubStack: HUB_STACK }), byProfile));
    } finally {
      spy.restore();
    }
    assert.deepEqual(
      spy.calls.map((c) => [c.name, c.opts.deleteBeforeReplace]),
      [["a-route53-profile-association", true]],
    );
  });

  it("no Profile in the contract: the zone associations, as before", async () => {
    const run = await runSpoke(spokeArgs("a", 1, { hubStack: HUB_STACK }), byZones);
    expectNoErrors(run);
    assert.deepEqual(ofType(run, PROFILE_TYPES.profileAssociation), []);
    assert.equal(ofType(run, HUB_TYPES.association).length, 2);
  });

  it("a VPC that already has another Profile fails before anything is created", async () => {
    const run = await runSpoke(spokeArgs("a", 1, { hubStack: HUB_STACK, associatedProfileId: "rp-0other" }), byProfile);
    assert.deepEqual(
      cloudResources(run).filter((r) => r.type !== "pulumi:pulumi:StackReference"),
      [],
    );
    const problem = onlyError(run).problems!.find((p) => p.code === "PROFILE_ALREADY_ASSOCIATED")!;
    assert.equal(problem.path, "associatedProfileId");
    assert.match(problem.message, /rp-0other/);
  });

  it("a VPC already associated with the hub's own Profile is not associated twice", async () => {
    const run = await runSpoke(spokeArgs("a", 1, { hubStack: HUB_STACK, associatedProfileId: byProfile.profile!.id }), byProfile);
    expectNoErrors(run);
    assert.deepEqual(ofType(run, PROFILE_TYPES.profileAssociation), []);
  });

  it("another Profile does not matter when the contract shares by zones", async () => {
    const run = await runSpoke(spokeArgs("a", 1, { hubStack: HUB_STACK, associatedProfileId: "rp-0other" }), byZones);
    expectNoErrors(run);
    assert.equal(ofType(run, HUB_TYPES.association).length, 2);
  });

  it("a malformed Profile in the contract is CONTRACT_INVALID", async () => {
    const run = await runSpoke(spokeArgs("a", 1, { hubStack: HUB_STACK }), { ...byProfile, profile: { id: 7 } });
    assert.deepEqual(
      onlyError(run).problems!.map((p) => [p.code, p.path]),
      [["CONTRACT_INVALID", "contract.profile"]],
    );
  });
});
