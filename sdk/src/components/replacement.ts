/**
 * Resources AWS refuses to hold twice, so Pulumi's default replacement (create the new one, then
 * delete the old) fails halfway through an update. These are replaced delete-first instead:
 * - an interface endpoint with private DNS: private DNS associates a private hosted zone for the
 *   service's name with the VPC (CreateVpcEndpoint `PrivateDnsEnabled`,
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html), and a VPC takes
 *   one zone per name (below), so a second private-DNS endpoint for the service cannot be created;
 * - a gateway endpoint's route-table association: the association is the route to the service's prefix
 *   list, and a route table holds one route per destination
 *   (https://docs.aws.amazon.com/vpc/latest/userguide/vpce-gateway.html, "Routing for gateway endpoints");
 * - a private hosted zone and a spoke's zone association: Route 53 rejects a second zone of the same
 *   name on one VPC with ConflictingDomainExists
 *   (https://docs.aws.amazon.com/Route53/latest/APIReference/API_AssociateVPCWithHostedZone.html).
 * Deleting first costs a short gap in name resolution or routing during the replacement; failing the
 * update mid-way would leave the gap until someone fixes it by hand.
 */
export const DELETE_BEFORE_REPLACE = { deleteBeforeReplace: true } as const;
