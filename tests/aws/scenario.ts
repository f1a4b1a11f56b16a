/**
 * Brownfield VPCs built in the emulator with the AWS SDK, as a team would have them after a few
 * years: some endpoints, a NAT gateway, and the mistakes the audit looks for. Ids are random per
 * run, so tests assert against the ids returned here.
 */
import * as ec2 from "@aws-sdk/client-ec2";
import type { EC2Client } from "@aws-sdk/client-ec2";

export const svc = (key: string): string => `com.amazonaws.us-east-1.${key}`;

export interface Brownfield {
  vpcId: string;
  ipv6Cidr: string;
  subnets: { a: string; b: string; c: string };
  /** Route table of subnets a and b: default route through the NAT gateway. */
  privateRtb: string;
  /** Main route table (subnet c): no NAT route. */
  mainRtb: string;
  natId: string;
  groups: { open: string; broad: string; good: string };
  endpoints: {
    secretsmanager: string;
    sts: string;
    stsDuplicate: string;
    dynamodbGateway: string;
    kms: string;
    logs: string;
  };
  /** A second VPC: enableDnsHostnames off, one endpoint with private DNS on. */
  dnsOff: { vpcId: string; subnet: string; endpoint: string };
  /** An endpoint service offered only in us-east-1a, and an endpoint using it from 1a and 1b. */
  custom: { serviceName: string; endpoint: string };
}

export async function buildBrownfield(client: EC2Client, url: string): Promise<Brownfield> {
  const send = <T>(command: unknown): Promise<T> => client.send(command as Parameters<EC2Client["send"]>[0]) as Promise<T>;
  const vpc = (await send<ec2.CreateVpcResult>(new ec2.CreateVpcCommand({ CidrBlock: "10.0.0.0/16", AmazonProvidedIpv6CidrBlock: true })))
    .Vpc!;
  const vpcId = vpc.VpcId!;
  await send(new ec2.ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  await send(new ec2.ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  const ipv6Cidr = vpc.Ipv6CidrBlockAssociationSet![0].Ipv6CidrBlock!;
  const subnet = async (cidr: string, az: string, ipv6?: string): Promise<string> =>
    (
      await send<ec2.CreateSubnetResult>(
        new ec2.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az, Ipv6CidrBlock: ipv6 }),
      )
    ).Subnet!.SubnetId!;
  const a = await subnet("10.0.1.0/24", "us-east-1a", ipv6Cidr.replace("::/56", "::/64"));
  const b = await subnet("10.0.2.0/24", "us-east-1b");
  const c = await subnet("10.0.3.0/24", "us-east-1c");

  const tables = await send<ec2.DescribeRouteTablesResult>(
    new ec2.DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
  );
  const mainRtb = tables.RouteTables![0].RouteTableId!;
  const privateRtb = (await send<ec2.CreateRouteTableResult>(new ec2.CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  for (const s of [a, b]) await send(new ec2.AssociateRouteTableCommand({ RouteTableId: privateRtb, SubnetId: s }));
  const eip = await send<ec2.AllocateAddressResult>(new ec2.AllocateAddressCommand({ Domain: "vpc" }));
  const natId = (await send<ec2.CreateNatGatewayResult>(new ec2.CreateNatGatewayCommand({ SubnetId: c, AllocationId: eip.AllocationId })))
    .NatGateway!.NatGatewayId!;
  await send(new ec2.CreateRouteCommand({ RouteTableId: privateRtb, DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: natId }));

  const group = async (name: string, permissions: ec2.IpPermission[]): Promise<string> => {
    const id = (
      await send<ec2.CreateSecurityGroupResult>(new ec2.CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: name, Description: name }))
    ).GroupId!;
    await send(new ec2.AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: permissions }));
    return id;
  };
  const tcp443 = (cidrs: string[]): ec2.IpPermission => ({
    IpProtocol: "tcp",
    FromPort: 443,
    ToPort: 443,
    IpRanges: cidrs.map((CidrIp) => ({ CidrIp })),
  });
  const open = await group("open", [tcp443(["0.0.0.0/0"])]);
  const broad = await group("broad", [
    tcp443(["10.0.0.0/16", "172.16.0.0/12"]),
    { IpProtocol: "-1", IpRanges: [{ CidrIp: "10.0.0.0/16" }] },
  ]);
  const good = await group("good", [tcp443(["10.0.0.0/16"])]);

  const endpoint = async (input: ec2.CreateVpcEndpointRequest): Promise<string> =>
    (await send<ec2.CreateVpcEndpointResult>(new ec2.CreateVpcEndpointCommand(input))).VpcEndpoint!.VpcEndpointId!;
  const iface = (key: string, subnets: string[], groups: string[], privateDns: boolean, policy?: object): Promise<string> =>
    endpoint({
      VpcId: vpcId,
      ServiceName: svc(key),
      VpcEndpointType: "Interface",
      SubnetIds: subnets,
      SecurityGroupIds: groups,
      PrivateDnsEnabled: privateDns,
      ...(policy ? { PolicyDocument: JSON.stringify(policy) } : {}),
    });
  const restrictive = {
    Statement: [
      {
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      },
    ],
  };
  const endpoints = {
    secretsmanager: await iface("secretsmanager", [a], [open], true),
    sts: await iface("sts", [a, b], [good], false),
    stsDuplicate: await iface("sts", [a, b], [broad], false),
    dynamodbGateway: await endpoint({ VpcId: vpcId, ServiceName: svc("dynamodb"), VpcEndpointType: "Gateway", RouteTableIds: [mainRtb] }),
    kms: await iface("kms", [a, b], [good], true, restrictive),
    logs: await iface("logs", [a, b], [good], true, restrictive),
  };

  const other = (await send<ec2.CreateVpcResult>(new ec2.CreateVpcCommand({ CidrBlock: "10.50.0.0/16" }))).Vpc!.VpcId!;
  await send(new ec2.ModifyVpcAttributeCommand({ VpcId: other, EnableDnsSupport: { Value: true } }));
  await send(new ec2.ModifyVpcAttributeCommand({ VpcId: other, EnableDnsHostnames: { Value: false } }));
  const otherSubnet = (
    await send<ec2.CreateSubnetResult>(
      new ec2.CreateSubnetCommand({ VpcId: other, CidrBlock: "10.50.1.0/24", AvailabilityZone: "us-east-1a" }),
    )
  ).Subnet!.SubnetId!;
  const otherSubnetB = (
    await send<ec2.CreateSubnetResult>(
      new ec2.CreateSubnetCommand({ VpcId: other, CidrBlock: "10.50.2.0/24", AvailabilityZone: "us-east-1b" }),
    )
  ).Subnet!.SubnetId!;
  const otherEndpoint = await endpoint({
    VpcId: other,
    ServiceName: svc("ssm"),
    VpcEndpointType: "Interface",
    SubnetIds: [otherSubnet, otherSubnetB],
    PrivateDnsEnabled: true,
    PolicyDocument: JSON.stringify(restrictive),
  });

  // An endpoint service behind a load balancer in us-east-1a only (moto derives the service's AZs
  // from the load balancer's subnets). ELBv2 is called over its query API: moto serves every AWS
  // API on the one port, and a client library for one call is not worth a dependency.
  const form = new URLSearchParams({
    Action: "CreateLoadBalancer",
    Version: "2015-12-01",
    Name: "nlb-1a",
    Type: "network",
    "Subnets.member.1": otherSubnet,
  });
  const response = await fetch(`${url}/`, {
    method: "POST",
    body: form,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Authorization:
        "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/elasticloadbalancing/aws4_request, SignedHeaders=host, Signature=0",
    },
  });
  const arn = /<LoadBalancerArn>([^<]+)</.exec(await response.text())?.[1];
  if (!arn) throw new Error(`moto CreateLoadBalancer failed: HTTP ${response.status}`);
  const config = await send<ec2.CreateVpcEndpointServiceConfigurationResult>(
    new ec2.CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [arn], AcceptanceRequired: false }),
  );
  const serviceName = config.ServiceConfiguration!.ServiceName!;
  const customEndpoint = await endpoint({
    VpcId: other,
    ServiceName: serviceName,
    VpcEndpointType: "Interface",
    SubnetIds: [otherSubnet, otherSubnetB],
    PrivateDnsEnabled: false,
    PolicyDocument: JSON.stringify(restrictive),
  });

  return {
    vpcId,
    ipv6Cidr,
    subnets: { a, b, c },
    privateRtb,
    mainRtb,
    natId,
    groups: { open, broad, good },
    endpoints,
    dnsOff: { vpcId: other, subnet: otherSubnet, endpoint: otherEndpoint },
    custom: { serviceName, endpoint: customEndpoint },
  };
}
