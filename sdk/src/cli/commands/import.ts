import { componentNameProblem, endpointResourceName, routeTableAssociationName } from "../../components/names";
import { findService } from "../../catalog";
import { isPlanRequestError, planEndpoints } from "../../plan";
import { formatProblems } from "../../plan/problems";
import { oneOf, parse, type Options } from "../args";
import { EXIT_INVALID, EXIT_OK, HELP_FLAG_HELP, type Command } from "../command";
import { FROM_AWS_FLAGS, fromAwsHelp, readLive } from "../from-aws";
import { CliError } from "../request";

export const ENDPOINT_TYPE = "aws:ec2/vpcEndpoint:VpcEndpoint";
export const ROUTE_TABLE_ASSOCIATION_TYPE = "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation";
export const COMPONENT_TYPE = "vpce-plan:index:EndpointPlan";
const FORMATS = ["commands", "file"] as const;

export interface ImportResource {
  type: string;
  name: string;
  id?: string;
  parent?: string;
  component?: boolean;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

const FLAGS = {
  file: { type: "string", short: "f" },
  format: { type: "string" },
  name: { type: "string" },
  "parent-urn": { type: "string" },
  help: { type: "boolean", short: "h" },
  ...FROM_AWS_FLAGS,
} satisfies Options;

export const command: Command = {
  flags: FLAGS,
  name: "import",
  summary: "print the pulumi import commands (or file) that let EndpointPlan adopt existing endpoints",
  help: `Usage: vpce-plan import --vpc-id vpc-123 [--services LIST | --bundles LIST | --file request.yaml]
                        [--name endpoints] [--format commands|file] [--parent-urn URN]

Reads the VPC from EC2, plans it like \`plan --from-aws\`, and prints how to adopt every existing
endpoint the plan keeps, under the names EndpointPlan gives them (endpoint and route-table
associations). Without services, the services of the existing endpoints are used.

      --name NAME         the EndpointPlan component's name (default: endpoints)
      --format FORMAT     commands (default: pulumi import lines) or file (JSON for pulumi import --file)
      --parent-urn URN    URN of an EndpointPlan already in the stack; default: commands use
                          urn:pulumi:$PULUMI_STACK::$PULUMI_PROJECT::..., the file creates the component
  -f, --file FILE         a request file to complete (as plan --from-aws --file)
${fromAwsHelp()}
${HELP_FLAG_HELP}

Exit codes: 0 printed (possibly nothing to adopt), 2 invalid request or flags, 1 AWS errors.`,
  async run(argv, io) {
    const { values } = parse(argv, FLAGS);
    if (values.help) {
      io.out(command.help + "\n");
      return EXIT_OK;
    }
    const format = oneOf("format", values.format, FORMATS, "commands");
    const component = values.name ?? "endpoints";
    const nameProblem = componentNameProblem(component);
    if (typeof component !== "string" || nameProblem)
      throw new CliError(`--name ${nameProblem ?? "must be a string"} (got ${JSON.stringify(component)}).`, EXIT_INVALID);
    const parentUrn = typeof values["parent-urn"] === "string" ? values["parent-urn"] : undefined;
    if (parentUrn !== undefined && !parentUrn.startsWith("urn:pulumi:"))
      throw new CliError(`--parent-urn must be a Pulumi URN (urn:pulumi:...), got ${parentUrn}.`, EXIT_INVALID);

    let resources: ImportResource[];
    try {
      const live = await readLive({ ...values, "from-aws": true }, io, { needServices: false });
      // Nothing asked for: adopt what is there, under the services it belongs to.
      if (!live.request.services?.length && !live.request.bundles?.length) {
        const keys = [...new Set(live.existing.map((e) => findService(e.serviceName)?.service.key).filter((k): k is string => Boolean(k)))];
        if (!keys.length) {
          io.err(`vpce-plan import: ${live.snapshot.vpc.id} has no endpoints for services in the catalog; nothing to adopt.\n`);
          io.out(format === "file" ? JSON.stringify({ resources: [] }, null, 2) + "\n" : "");
          return EXIT_OK;
        }
        live.request.services = keys.sort();
      }
      const plan = live.reconcile(planEndpoints(live.request, live.facts));
      const existing = new Map(live.existing.map((e) => [e.id, e]));
      resources = plan.existing!.kept.flatMap((kept): ImportResource[] => {
        const planned = plan.endpoints.find((e) => e.name === kept.name)!;
        const endpoint: ImportResource = {
          type: ENDPOINT_TYPE,
          name: endpointResourceName(component, kept.name),
          id: kept.id,
          parent: component,
        };
        const tables = (existing.get(kept.id)?.routeTableIds ?? []).filter((t) => planned.routeTableIds?.includes(t));
        return [
          endpoint,
          ...tables.map((rtb) => ({
            type: ROUTE_TABLE_ASSOCIATION_TYPE,
            name: routeTableAssociationName(component, kept.name, rtb),
            id: `${kept.id}/${rtb}`,
            parent: component,
          })),
        ];
      });
      for (const r of plan.existing!.removable)
        io.err(`vpce-plan import: not adopted: ${r.id} (${r.service ?? r.serviceName} ${r.type}): ${r.message}\n`);
    } catch (err) {
      if (!isPlanRequestError(err)) throw err;
      io.err(formatProblems(err.problems) + "\n");
      return EXIT_INVALID;
    }

    if (format === "file") {
      const file = parentUrn
        ? { nameTable: { [component]: parentUrn }, resources }
        : { resources: [{ type: COMPONENT_TYPE, name: component, component: true }, ...resources] };
      io.out(JSON.stringify(file, null, 2) + "\n");
      return EXIT_OK;
    }
    const urn = parentUrn ?? `urn:pulumi:\${PULUMI_STACK}::\${PULUMI_PROJECT}::${COMPONENT_TYPE}::${component}`;
    const lines = [
      `# Adopt ${resources.length} existing resource(s) into EndpointPlan "${component}".`,
      ...(parentUrn
        ? []
        : [
            "# Set PULUMI_STACK and PULUMI_PROJECT. The EndpointPlan must already be in the stack; for a new stack use --format file, which creates it.",
          ]),
      ...resources.map((r) => `pulumi import ${quote(r.type)} ${quote(r.name)} ${quote(r.id!)} --parent "${component}=${urn}" --yes`),
    ];
    io.out(lines.join("\n") + "\n");
    return EXIT_OK;
  },
};
