/** An organization in the emulator: the management account and three members, built through assumed roles. */
import { CreateVpcCommand, CreateVpcEndpointCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { REGION } from "../helpers/moto";

// As tests/helpers/moto.ts does: the SDK's Node-version notice is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const creds = { accessKeyId: "testing", secretAccessKey: "testing" };
export const REGIONS = ["eu-west-1", "us-east-1"];

export async function assumed(url: string, account: string) {
  const sts = new STSClient({ region: REGION, endpoint: url, credentials: creds });
  const r = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/OrgReader`, RoleSessionName: "fixture" }));
  sts.destroy();
  const c = r.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
}

/** An organization of the management account and three members, each with one VPC and endpoint per region. */
export async function buildOrganization(url: string): Promise<string[]> {
  const orgs = new OrganizationsClient({ region: REGION, endpoint: url, credentials: creds });
  await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  const members: string[] = [];
  for (const name of ["app-a", "app-b", "app-c"]) {
    const r = await orgs.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
    members.push(r.CreateAccountStatus!.AccountId!);
  }
  orgs.destroy();
  for (const [i, account] of members.entries()) {
    const credentials = await assumed(url, account);
    for (const region of REGIONS) {
      const ec2 = new EC2Client({ region, endpoint: url, credentials });
      const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }));
      await ec2.send(
        new CreateVpcEndpointCommand({ VpcId: vpc.Vpc!.VpcId!, ServiceName: `com.amazonaws.${region}.s3`, VpcEndpointType: "Gateway" }),
      );
      ec2.destroy();
    }
  }
  return members;
}
