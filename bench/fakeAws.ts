/**
 * A fake AWS for the organization benchmark, on 127.0.0.1 only: Organizations ListAccounts, STS
 * AssumeRole and the EC2 Describe calls the readers make, answering in each API's wire format (the
 * real SDK clients parse it). It throttles exactly as EC2 documents: a token bucket per account,
 * region and action, 100 tokens refilled at 20 a second, `RequestLimitExceeded` when empty
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html). It also records every
 * call, so the benchmark can compute the least time those buckets allow.
 */
import { createServer, type Server } from "node:http";

export interface FakeWorld {
  accounts: number;
  regions: string[];
  vpcsPerRegion: number;
}

export interface FakeStats {
  calls: number;
  throttled: number;
  /** Answered (not throttled) calls per `account/region/action`: the work the read needed. */
  perKey: Map<string, number>;
}

const BURST = 100;
const REFILL = 20;

const accountId = (i: number): string => String(100000000000 + i);
const EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

const items = (tag: string, inner: string[]): string => `<${tag}>${inner.map((x) => `<item>${x}</item>`).join("")}</${tag}>`;

/** Hex ids from numbers, shaped like AWS's. */
const hex = (n: number, width = 17): string => n.toString(16).padStart(width, "0");

function vpcXml(account: string, r: number, v: number): string {
  const cidr = `10.${v % 256}.0.0/16`;
  return `<vpcId>vpc-${hex(r * 10000 + v)}</vpcId><ownerId>${account}</ownerId><cidrBlock>${cidr}</cidrBlock><isDefault>false</isDefault>${items("cidrBlockAssociationSet", [`<cidrBlock>${cidr}</cidrBlock><cidrBlockState><state>associated</state></cidrBlockState>`])}`;
}

function page<T>(all: T[], params: URLSearchParams): { slice: T[]; next?: string } {
  const max = Number(params.get("MaxResults") ?? all.length) || all.length;
  const start = Number(params.get("NextToken") ?? 0);
  const slice = all.slice(start, start + max);
  return { slice, ...(start + max < all.length ? { next: String(start + max) } : {}) };
}

function ec2Answer(action: string, params: URLSearchParams, account: string, region: string, world: FakeWorld): string | undefined {
  const r = world.regions.indexOf(region);
  const vpcs = Array.from({ length: world.vpcsPerRegion }, (_, v) => v);
  const vpcId = (v: number): string => `vpc-${hex(r * 10000 + v)}`;
  const azs = [`${region}a`, `${region}b`];
  const wrap = (body: string, next?: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${EC2_NS}"><requestId>1</requestId>${body}${next ? `<nextToken>${next}</nextToken>` : ""}</${action}Response>`;
  /** One page of a listing: the items of this page under `tag`, and the token of the next. */
  const listed = <T>(tag: string, all: T[], render: (item: T) => string): string => {
    const p = page(all, params);
    return wrap(items(tag, p.slice.map(render)), p.next);
  };
  switch (action) {
    case "DescribeVpcs": {
      return listed("vpcSet", vpcs, (v) => vpcXml(account, r, v));
    }
    case "DescribeVpcAttribute": {
      const attr = params.get("Attribute") === "enableDnsHostnames" ? "enableDnsHostnames" : "enableDnsSupport";
      return wrap(`<vpcId>${params.get("VpcId")}</vpcId><${attr}><value>true</value></${attr}>`);
    }
    case "DescribeSubnets": {
      const all = vpcs.flatMap((v) => azs.map((az, i) => ({ v, az, i })));
      return listed(
        "subnetSet",
        all,
        ({ v, az, i }) =>
          `<subnetId>subnet-${hex(r * 100000 + v * 10 + i)}</subnetId><vpcId>${vpcId(v)}</vpcId><availabilityZone>${az}</availabilityZone><cidrBlock>10.${v % 256}.${i * 16}.0/20</cidrBlock><ipv6CidrBlockAssociationSet/>`,
      );
    }
    case "DescribeRouteTables": {
      return listed(
        "routeTableSet",
        vpcs,
        (v) =>
          `<routeTableId>rtb-${hex(r * 10000 + v)}</routeTableId><vpcId>${vpcId(v)}</vpcId>${items("associationSet", [`<main>true</main><associationState><state>associated</state></associationState>`])}${items("routeSet", [`<destinationCidrBlock>10.${v % 256}.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId><state>active</state>`])}`,
      );
    }
    case "DescribeNatGateways":
      return wrap("<natGatewaySet/>");
    case "DescribeVpcEndpoints": {
      const all = vpcs.flatMap((v) => [0, 1].map((k) => ({ v, k })));
      return listed("vpcEndpointSet", all, ({ v, k }) =>
        k === 0
          ? `<vpcEndpointId>vpce-${hex(r * 100000 + v * 10)}</vpcEndpointId><vpcEndpointType>Gateway</vpcEndpointType><vpcId>${vpcId(v)}</vpcId><serviceName>com.amazonaws.${region}.s3</serviceName><state>available</state>${items("routeTableIdSet", [`rtb-${hex(r * 10000 + v)}`])}<privateDnsEnabled>false</privateDnsEnabled>`
          : `<vpcEndpointId>vpce-${hex(r * 100000 + v * 10 + 1)}</vpcEndpointId><vpcEndpointType>Interface</vpcEndpointType><vpcId>${vpcId(v)}</vpcId><serviceName>com.amazonaws.${region}.sts</serviceName><state>available</state>${items(
              "subnetIdSet",
              azs.map((_, i) => `subnet-${hex(r * 100000 + v * 10 + i)}`),
            )}${items("groupSet", [`<groupId>sg-${hex(r * 10000 + v)}</groupId><groupName>endpoints</groupName>`])}<privateDnsEnabled>true</privateDnsEnabled>`,
      );
    }
    case "DescribeSecurityGroups": {
      return listed(
        "securityGroupInfo",
        vpcs,
        (v) =>
          `<groupId>sg-${hex(r * 10000 + v)}</groupId><groupName>endpoints</groupName><vpcId>${vpcId(v)}</vpcId><ownerId>${account}</ownerId>${items("ipPermissions", [`<ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort>${items("ipRanges", [`<cidrIp>10.${v % 256}.0.0/16</cidrIp>`])}`])}`,
      );
    }
    case "DescribeVpcEndpointServices": {
      const names = [...params.entries()].filter(([k]) => k.startsWith("ServiceName.")).map(([, v]) => v);
      return wrap(
        items("serviceNameSet", names) +
          items(
            "serviceDetailSet",
            names.map(
              (n) =>
                `<serviceName>${n}</serviceName>${items("serviceType", [`<serviceType>${n.endsWith(".s3") ? "Gateway" : "Interface"}</serviceType>`])}${items("availabilityZoneSet", azs)}<vpcEndpointPolicySupported>true</vpcEndpointPolicySupported><acceptanceRequired>false</acceptanceRequired>`,
            ),
          ),
      );
    }
    default:
      return undefined;
  }
}

export async function startFakeAws(world: FakeWorld): Promise<{ url: string; stats: FakeStats; close(): Promise<void> }> {
  const stats: FakeStats = { calls: 0, throttled: 0, perKey: new Map() };
  const buckets = new Map<string, { tokens: number; at: number }>();
  const take = (key: string): boolean => {
    const now = Date.now();
    const b = buckets.get(key) ?? { tokens: BURST, at: now };
    b.tokens = Math.min(BURST, b.tokens + ((now - b.at) / 1000) * REFILL);
    b.at = now;
    buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };
  const server: Server = createServer((req, res) => {
    if (req.url === "/__stats") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ calls: stats.calls, throttled: stats.throttled, perKey: Object.fromEntries(stats.perKey) }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const target = String(req.headers["x-amz-target"] ?? "");
      if (target.endsWith(".ListAccounts")) {
        const token = Number((JSON.parse(body || "{}") as { NextToken?: string }).NextToken ?? 0);
        const ids = Array.from({ length: world.accounts }, (_, i) => i).slice(token, token + 20);
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        res.end(
          JSON.stringify({
            Accounts: ids.map((i) => ({ Id: accountId(i), Name: `account-${i}`, Status: "ACTIVE", State: "ACTIVE" })),
            ...(token + 20 < world.accounts ? { NextToken: String(token + 20) } : {}),
          }),
        );
        return;
      }
      const params = new URLSearchParams(body);
      const action = params.get("Action") ?? "";
      if (action === "AssumeRole") {
        const account = /iam::(\d{12}):role/.exec(params.get("RoleArn") ?? "")?.[1] ?? "000000000000";
        res.writeHead(200, { "content-type": "text/xml" });
        res.end(
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>FAKE${account}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::${account}:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`,
        );
        return;
      }
      const auth = String(req.headers.authorization ?? "");
      const account = /Credential=FAKE(\d{12})\//.exec(auth)?.[1] ?? "000000000000";
      const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth)?.[1] ?? "";
      const key = `${account}/${region}/${action}`;
      stats.calls++;
      if (!take(key)) {
        stats.throttled++;
        res.writeHead(503, { "content-type": "text/xml" });
        res.end(
          `<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>1</RequestID></Response>`,
        );
        return;
      }
      stats.perKey.set(key, (stats.perKey.get(key) ?? 0) + 1);
      const xml = ec2Answer(action, params, account, region, world);
      res.writeHead(xml ? 200 : 400, { "content-type": "text/xml" });
      res.end(xml ?? `<Response><Errors><Error><Code>InvalidAction</Code><Message>${action}</Message></Error></Errors></Response>`);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The least time the buckets allow for these calls: per key, what the burst cannot cover, at the refill rate. */
export function leastSeconds(perKey: ReadonlyMap<string, number>): number {
  let worst = 0;
  for (const calls of perKey.values()) worst = Math.max(worst, (calls - BURST) / REFILL);
  return worst;
}

/** Run as its own process (`node fakeAws.js WORLD_JSON`), so the fake's work does not slow the reader's. */
if (require.main === module) {
  startFakeAws(JSON.parse(process.argv[2]!) as FakeWorld).then((fake) => process.stdout.write(fake.url + "\n"));
}
