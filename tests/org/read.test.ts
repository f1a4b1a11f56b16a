/**
 * Reading an organization against the emulator: moto's Organizations lists the accounts, STS
 * AssumeRole gives each account its own EC2 (moto keeps accounts apart per assumed role), and a
 * fault-injecting proxy on 127.0.0.1 denies one account's role, throttles one region and leaves one
 * unanswered. The report lists exactly those as unread; everything else equals the per-account reads.
 */
import assert from "node:assert/strict";
import { openEc2, readVpcSnapshots } from "vpce-plan/aws";
import { readOrganization, ROLE_SESSION_NAME } from "vpce-plan/org";
import { roleArn, startProxy } from "../helpers/awsProxy";
import { REGION, useMoto } from "../helpers/moto";
import { assumed, buildOrganization, REGIONS } from "./world";

const summary = (snapshots: Awaited<ReturnType<typeof readVpcSnapshots>>) =>
  snapshots.map((s) => ({ vpc: s.vpc.id, cidrs: s.vpc.cidrs, endpoints: s.endpoints.map((e) => e.serviceName).sort() }));

describe("readOrganization against the emulator", function () {
  this.timeout(120_000);
  const moto = useMoto();

  it("reads every active account and region through an assumed role, equal to the per-account reads", async () => {
    const members = await buildOrganization(moto.url());
    const org = await readOrganization(
      { roleName: "OrgReader", homeRegion: REGION, endpointUrl: moto.url(), regions: REGIONS, pageSize: 5 },
      (ec2) => readVpcSnapshots(ec2),
    );
    assert.deepEqual(org.unread, []);
    assert.deepEqual(
      org.accounts.map((a) => a.id),
      ["123456789012", ...members].sort(),
    );
    for (const account of members) {
      for (const region of REGIONS) {
        const pair = org.read.find((r) => r.account === account && r.region === region);
        assert.ok(pair, `${account}/${region} read`);
        const direct = await openEc2({ region, endpointUrl: moto.url() });
        // The same account read on its own, with the role's credentials through the standard chain.
        const c = await assumed(moto.url(), account);
        Object.assign(process.env, {
          AWS_ACCESS_KEY_ID: c.accessKeyId,
          AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
          AWS_SESSION_TOKEN: c.sessionToken,
        });
        const alone = await readVpcSnapshots(await openEc2({ region, endpointUrl: moto.url() }));
        Object.assign(process.env, { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" });
        delete process.env.AWS_SESSION_TOKEN;
        direct.close();
        assert.deepEqual(summary(pair.data), summary(alone));
        assert.equal(pair.data.filter((s) => s.endpoints.length).length, 1, "one VPC with its endpoint");
      }
    }
  });

  it("--accounts, --skip-accounts: only those, and a named account the organization lacks is said", async () => {
    const [a, b] = await buildOrganization(moto.url());
    const org = await readOrganization(
      {
        roleName: "OrgReader",
        homeRegion: REGION,
        endpointUrl: moto.url(),
        regions: ["us-east-1"],
        accounts: [a!, b!, "999999999999"],
        skipAccounts: [b!],
      },
      async () => "read",
    );
    assert.deepEqual(
      org.accounts.map((x) => x.id),
      [a],
    );
    assert.deepEqual(
      org.unread.map((u) => [u.account, u.region, u.kind]),
      [["999999999999", "*", "not-in-organization"]],
    );
  });

  it("a denied role, a throttled region and a silent region are unread, exactly; the rest is whole", async () => {
    const members = await buildOrganization(moto.url());
    const [denied, , other] = members;
    const proxy = await startProxy(moto.url(), (seen) => {
      if (seen.action === "AssumeRole" && roleArn(seen.body).includes(`iam::${denied}:role`)) return "deny-assume-role";
      if (seen.action === "DescribeVpcs" && seen.region === "eu-west-1") return "throttle";
      if (seen.action === "DescribeVpcs" && seen.region === "ap-southeast-2") return "hang";
      return undefined;
    });
    try {
      const org = await readOrganization(
        {
          roleName: "OrgReader",
          homeRegion: REGION,
          endpointUrl: proxy.url,
          regions: ["ap-southeast-2", "eu-west-1", "us-east-1"],
          accounts: [denied!, other!],
          // Long enough for a loaded emulator; only the silent region reaches it.
          scheduler: { timeoutMs: 5000, maxAttempts: 3, baseDelayMs: 5 },
        },
        (ec2) => readVpcSnapshots(ec2),
      );
      assert.deepEqual(
        org.unread.map((u) => [u.account, u.region, u.kind, u.operation]),
        // The report sorts by account, then region; the emulator's account ids are random.
        [
          [denied, "*", "role-denied", "sts:AssumeRole"],
          [other, "ap-southeast-2", "timeout", "ec2:DescribeVpcs"],
          [other, "eu-west-1", "throttled", "ec2:DescribeVpcs"],
        ].sort((a, b) => (a[0]! + a[1] < b[0]! + b[1] ? -1 : 1)),
      );
      assert.deepEqual(
        org.read.map((r) => [r.account, r.region]),
        [[other, "us-east-1"]],
      );
      assert.equal(org.read[0]!.data.filter((s) => s.endpoints.length).length, 1);
      const throttled = proxy.seen.filter((s) => s.action === "DescribeVpcs" && s.region === "eu-west-1").length;
      assert.equal(throttled, 3, "three attempts at the throttled call (maxAttempts), no SDK retries on top");
      assert.ok(
        proxy.seen.some((s) => s.action === "AssumeRole" && s.body.includes(ROLE_SESSION_NAME)),
        "the session names vpce-plan",
      );
    } finally {
      await proxy.close();
    }
  });
});
