/**
 * Resource names of the children a component creates from a plan. Pure (no Pulumi import) so the
 * CLI's `import` command can name resources exactly as the component will. Names derive from the
 * service key, route table and CIDR, never from array positions: reordering inputs replaces nothing.
 */

/** Characters Pulumi names and URNs carry without surprise. */
const clean = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, "-");

/** The endpoint itself: `<component>-<endpoint name>` (e.g. `app-secretsmanager`, `app-s3-gateway`). */
export const endpointResourceName = (component: string, endpoint: string): string => `${component}-${clean(endpoint)}`;

/** One association per gateway endpoint and route table, keyed by the route table's id or label. */
export const routeTableAssociationName = (component: string, endpoint: string, routeTableKey: string): string =>
  `${component}-${clean(endpoint)}-${clean(routeTableKey)}`;

/** Security group: `<component>-<group name>-sg` (group name: the endpoint name, or `endpoints` when shared). */
export const securityGroupName = (component: string, group: string): string => `${component}-${clean(group)}-sg`;

/** One ingress rule per port and CIDR (`10.0.0.0/16` -> `10.0.0.0-16`). */
export const ingressRuleName = (component: string, group: string, port: number, cidr: string): string =>
  `${component}-${clean(group)}-${port}-${clean(cidr)}`;
