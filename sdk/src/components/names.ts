/**
 * Resource names of the children a component creates from a plan. Pure (no Pulumi import) so the
 * CLI's `import` command can name resources exactly as the component will. Names derive from the
 * service key, route table and CIDR, never from array positions: reordering inputs replaces nothing.
 */
import { canonicalCidr } from "../plan/cidr";

/** Characters Pulumi names and URNs carry without surprise. */
const clean = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, "-");

/** The endpoint itself: `<component>-<endpoint name>` (e.g. `app-secretsmanager`, `app-s3-gateway`). */
export const endpointResourceName = (component: string, endpoint: string): string => `${component}-${clean(endpoint)}`;

/** One association per gateway endpoint and route table, keyed by the route table's id or label. */
export const routeTableAssociationName = (component: string, endpoint: string, routeTableKey: string): string =>
  `${component}-${clean(endpoint)}-${clean(routeTableKey)}`;

/** A route to an endpoint (Gateway Load Balancer), keyed by the route table and the destination. */
export const endpointRouteName = (component: string, endpoint: string, routeTableKey: string, destination: string): string =>
  `${component}-${clean(endpoint)}-${clean(routeTableKey)}-${clean(destination)}`;

/** Security group: `<component>-<group name>-sg` (group name: the endpoint name, or `endpoints` when shared). */
export const securityGroupName = (component: string, group: string): string => `${component}-${clean(group)}-sg`;

/**
 * One ingress rule per port and CIDR (`10.0.0.0/16` -> `10.0.0.0-16`) or source security group id;
 * a protocol other than TCP is named (`-udp-53-`). IPv6 blocks are written out in full first
 * (`2001:db8::100/120` and `2001:db8:100::/120` would both clean to `2001-db8-100-120`), so no two
 * blocks share a name.
 */
export const ingressRuleName = (component: string, group: string, port: number, source: string, protocol = "tcp"): string =>
  `${component}-${clean(group)}-${protocol === "tcp" ? "" : `${protocol}-`}${port}-${clean(canonicalCidr(source))}`;

/** The Resolver inbound endpoint: `<component>-resolver` (its AWS `Name`: resolverApiName). */
export const resolverResourceName = (component: string): string => `${component}-resolver`;

/** A hub's private hosted zone, by zone name: `<component>-dkr.ecr.us-east-1.amazonaws.com`. */
export const zoneResourceName = (component: string, zone: string): string => `${component}-${clean(zone)}`;

/** An alias record: `<zone resource>-apex-A` or `<zone resource>-wildcard-A` (zonesFor puts only these two in a zone). */
export const zoneRecordName = (component: string, zone: string, wildcard: boolean, type: string): string =>
  `${zoneResourceName(component, zone)}-${wildcard ? "wildcard" : "apex"}-${type}`;

/** The hub's authorization for one spoke VPC to associate one zone (cross-account): by zone and spoke name. */
export const zoneAuthorizationName = (component: string, zone: string, spoke: string): string =>
  `${zoneResourceName(component, zone)}-authorize-${clean(spoke)}`;

/** A spoke's association with one hub zone: by zone name. */
export const zoneAssociationName = (component: string, zone: string): string => `${zoneResourceName(component, zone)}-association`;

/** The hub's Route 53 Profile: `<component>-route53-profile` (not `-profile`: that is the Customer Profiles endpoint's name). */
export const profileResourceName = (component: string): string => `${component}-route53-profile`;

/** A shared endpoint's association with the Profile, by endpoint name. */
export const profileEndpointName = (component: string, endpoint: string): string => `${profileResourceName(component)}-${clean(endpoint)}`;

/** The RAM share of the Profile, and one principal association per account id (or `organization`). */
export const profileShareName = (component: string): string => `${profileResourceName(component)}-share`;
export const profilePrincipalName = (component: string, account: string): string => `${profileShareName(component)}-${clean(account)}`;

/** A spoke VPC's association with the hub's Profile. */
export const profileAssociationName = (component: string): string => `${component}-route53-profile-association`;

/**
 * What AWS accepts as the name of each resource the components create that carries one, from each
 * API's reference. `allowed` is the character class AWS documents; a name is cut to `max`;
 * `notAllDigits` and `reservedPrefix` are the patterns' other conditions. Every name sent to AWS goes
 * through `awsName` with its rule, and the preview mocks refuse what AWS would (`awsNameProblem`).
 * Resources without a name of their own (endpoints, ingress rules, zones, records, associations)
 * carry only the `Name` tag, whose rule is `tagValue`.
 */
export interface AwsNameRule {
  /** The API field, as AWS names it. */
  field: string;
  max: number;
  /** One allowed character (a regex character class). */
  allowed: string;
  /** AWS refuses a name of digits only. */
  notAllDigits?: boolean;
  /** A prefix AWS reserves (case-insensitive). */
  reservedPrefix?: string;
  source: string;
}

const ROUTE53_NAME = { max: 64, allowed: "[A-Za-z0-9_ -]", notAllDigits: true } as const;

export const AWS_NAME_RULES = {
  resolverEndpoint: {
    field: "CreateResolverEndpoint Name",
    ...ROUTE53_NAME,
    source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html",
  },
  route53Profile: {
    field: "CreateProfile Name",
    ...ROUTE53_NAME,
    source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_CreateProfile.html",
  },
  profileResourceAssociation: {
    field: "AssociateResourceToProfile Name",
    ...ROUTE53_NAME,
    source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateResourceToProfile.html",
  },
  profileAssociation: {
    field: "AssociateProfile Name",
    ...ROUTE53_NAME,
    source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateProfile.html",
  },
  /** Pulumi names a group `<logical name>-<7 hex>` unless given a name or prefix. */
  securityGroup: {
    field: "CreateSecurityGroup GroupName",
    max: 255,
    allowed: "[A-Za-z0-9 ._:/()#,@\\[\\]+=&;{}!$*-]",
    reservedPrefix: "sg-",
    source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
  },
  /** AWS documents no length or characters for a share's name: only the Name tag's rule bounds it. */
  ramResourceShare: {
    field: "CreateResourceShare name",
    max: 256,
    allowed: "[\\s\\S]",
    source: "https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html",
  },
  /** Every child's `Name` tag (EC2, Route 53 and RAM tags alike: values up to 256 characters). */
  tagValue: {
    field: "Tag Value",
    max: 256,
    allowed: "[\\s\\S]",
    source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions",
  },
} as const satisfies Record<string, AwsNameRule>;

export type AwsNameKind = keyof typeof AWS_NAME_RULES;

const outside = new Map<AwsNameKind, RegExp>();
const notAllowed = (kind: AwsNameKind): RegExp => {
  let re = outside.get(kind);
  if (!re) outside.set(kind, (re = new RegExp(`(?:(?!${AWS_NAME_RULES[kind].allowed}).)+`, "gsu")));
  return re;
};

/**
 * `name` as AWS accepts it for `kind`: characters outside the allowed set become `-`, a reserved
 * prefix or a name of digits only gets `vpce-` in front, and the result is cut to the maximum
 * (`reserve` characters fewer, for a suffix the provider adds). Names that already pass are unchanged.
 */
export function awsName(kind: AwsNameKind, name: string, reserve = 0): string {
  const rule: AwsNameRule = AWS_NAME_RULES[kind];
  let out = name.replace(notAllowed(kind), "-");
  if ((rule.reservedPrefix && out.toLowerCase().startsWith(rule.reservedPrefix)) || (rule.notAllDigits && /^[0-9]+$/.test(out)))
    out = `vpce-${out}`;
  return [...out].slice(0, rule.max - reserve).join("");
}

/** Undefined when AWS accepts `name` for `kind`, else what it refuses (the preview mocks' error). */
export function awsNameProblem(kind: AwsNameKind, name: string): string | undefined {
  const rule: AwsNameRule = AWS_NAME_RULES[kind];
  if ([...name].length > rule.max) return `${rule.field} is at most ${rule.max} characters (${rule.source})`;
  if (new RegExp(`^${rule.allowed}*$`, "su").test(name) === false) return `${rule.field} takes only ${rule.allowed} (${rule.source})`;
  if (rule.notAllDigits && /^[0-9]+$/.test(name)) return `${rule.field} cannot be digits only (${rule.source})`;
  if (rule.reservedPrefix && name.toLowerCase().startsWith(rule.reservedPrefix))
    return `${rule.field} cannot start with ${rule.reservedPrefix} (${rule.source})`;
  return undefined;
}

/** The Resolver endpoint's `Name`. */
export const resolverApiName = (component: string): string => awsName("resolverEndpoint", resolverResourceName(component));

/** Characters the provider appends to a `namePrefix` (a timestamp and a counter). */
export const NAME_PREFIX_SUFFIX = 26;
/** Pulumi's autoname: the logical name, `-` and 7 random hex digits. */
export const AUTONAME_SUFFIX = "-0000000";

/**
 * A group's name is left to Pulumi's autonaming (as it always was, so no group is replaced) unless
 * that name is one AWS refuses (a component name starting with `sg-`, or too long): then a prefix AWS takes.
 */
export const securityGroupNaming = (sgName: string): { namePrefix?: string } =>
  awsNameProblem("securityGroup", sgName + AUTONAME_SUFFIX)
    ? { namePrefix: `${awsName("securityGroup", sgName, NAME_PREFIX_SUFFIX + 1)}-` }
    : {};

/**
 * The one rule for a component's name (`new EndpointPlan(name)`, `vpce-plan preview --name`,
 * `vpce-plan import --name`). Pulumi takes any string as a logical name, but the name prefixes every
 * child's name and `Name` tag, so it keeps to the characters AWS's tagging guide allows in tag values
 * everywhere (letters, digits, spaces and `+ - = . _ : / @`; values up to 256 characters; `aws:` is
 * reserved: https://docs.aws.amazon.com/personalize/latest/dg/personalize-managing-tags.html calls it "the
 * standard set of characters available across AWS services that support tags"), and leaves out
 * `::`, the URN delimiter. Undefined when valid, else what is wrong.
 */
export function componentNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || !name.trim()) return "must be a non-empty string";
  if (name.length > COMPONENT_NAME_MAX)
    return `must be at most ${COMPONENT_NAME_MAX} characters, so child names and Name tags stay under AWS's 256`;
  if (!/^[\p{L}\p{N}][\p{L}\p{N} +=._:/@-]*$/u.test(name))
    return "must start with a letter or digit and use only letters, digits, spaces and + - = . _ : / @ (the characters AWS tags accept)";
  if (name.includes("::")) return "must not contain ::, the Pulumi URN delimiter";
  if (/^aws:/i.test(name)) return "must not start with aws:, which AWS reserves in tags";
  return undefined;
}

/** Leaves room for the longest suffix a child adds (`-<key>-<port>-<IPv6 CIDR>`) within a 256-character tag. */
export const COMPONENT_NAME_MAX = 128;
