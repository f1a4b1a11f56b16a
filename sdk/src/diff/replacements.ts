/**
 * Which plan-field changes make AWS replace an `aws.ec2.VpcEndpoint` (the provider deletes and
 * recreates it instead of updating it in place). The plan's endpoint fields map one to one onto the
 * resource's args (`type` is `vpcEndpointType`). From the AWS provider's resource schema, where
 * these arguments are `ForceNew`:
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpc_endpoint.go
 * (bridged unchanged into @pulumi/aws, https://www.pulumi.com/registry/packages/aws/api-docs/ec2/vpcendpoint/).
 * Every other argument (subnetIds, routeTableIds, securityGroupIds, policy, privateDnsEnabled on an
 * interface endpoint, ipAddressType, dnsOptions.dnsRecordIpType, ...) is updated in place.
 */
export const REPLACING_FIELDS: ReadonlySet<string> = new Set([
  "serviceName",
  "type",
  "vpcId",
  "serviceRegion",
  "resourceConfigurationArn",
  "serviceNetworkArn",
  "dnsOptions.privateDnsPreference",
  "dnsOptions.privateDnsSpecifiedDomains",
]);

/**
 * The provider's CustomizeDiff also forces a new endpoint when `privateDnsEnabled` changes on an
 * endpoint that is not an interface endpoint.
 */
export const replacesEndpoint = (field: string, endpointType: unknown): boolean =>
  REPLACING_FIELDS.has(field) || (field === "privateDns" && endpointType !== "Interface");
