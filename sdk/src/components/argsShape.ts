/**
 * The field names every component accepts, derived from the request file's shape (the args mirror
 * it) plus each component's own fields: one place, so a misspelt arg (`acess`, `servces`) is an
 * error with "did you mean" exactly as in a request file. `tests/components/schema.test.ts` checks
 * these names against the args interfaces as the Pulumi schema analyzer reads them.
 * No Pulumi runtime import.
 */
import { Problems } from "../plan/problems";
import { requestShape, serviceShape } from "../plan/schema";
import { ADJUSTABLE } from "../plan/rules/quotas";
import { checkKnownFields, type Shape } from "../plan/shape";
import type { Problem } from "../plan/types";
import { componentNameProblem } from "./names";

type ObjectShape = Shape & { kind: "object" };
const obj = (fields: Record<string, Shape>): ObjectShape => ({ kind: "object", fields });
const str: Shape = { kind: "string" };
const strings: Shape = { kind: "array", of: str };
const request = requestShape.fields;
const { name: _name, ...serviceOptions } = serviceShape.fields;
const { version: _version, services: _services, ...mirrored } = request;

// The request's `traffic` takes a number or a split by source; args (union-free) split the two.
const trafficShape = request.traffic as Shape & { kind: "record"; of: Shape & { kind: "number-or" } };

export const endpointPlanArgsShape = obj({
  ...mirrored,
  services: strings,
  serviceOptions: { kind: "record", of: obj(serviceOptions) },
  trafficBySource: { kind: "record", of: trafficShape.of.object },
  // QuotaArgs has the adjustable quotas only; a request file also names fixed limits, to reject them.
  quotas: obj(Object.fromEntries(Object.keys(ADJUSTABLE).map((key) => [key, (request.quotas as ObjectShape).fields[key]]))),
  // A catalog overlay is `vpce-plan catalog --from-aws` output, checked by its own reader.
  catalogOverlay: { kind: "json-object" },
  lookups: { kind: "boolean" },
});

export const endpointHubArgsShape = obj({
  ...endpointPlanArgsShape.fields,
  spokes: {
    kind: "array",
    of: obj({
      name: str,
      vpcId: str,
      cidrs: strings,
      ipv6Cidrs: strings,
      region: str,
      accountId: str,
      services: strings,
      bundles: strings,
      traffic: request.traffic,
      azs: strings,
      centralize: str,
    }),
  },
  transit: str,
  centralize: str,
  accountId: str,
  dnsSharing: str,
  profileOrganizationArn: str,
});

export const endpointSpokeArgsShape = obj({
  ...endpointPlanArgsShape.fields,
  // The contract is the hub's output, checked field by field by checkContract.
  contract: { kind: "json-object" },
  hubStack: str,
  contractOutput: str,
  spokeName: str,
  associatedProfileId: str,
});

/** The component's name and unknown args: checked first, before any lookup or child. */
export function checkComponentArgs(name: string, args: unknown, shape: ObjectShape): Problem[] {
  const problems = new Problems();
  const nameProblem = componentNameProblem(name);
  if (nameProblem)
    problems.add(
      "INVALID_NAME",
      "name",
      `the component name ${JSON.stringify(name)} ${nameProblem}.`,
      "Use letters, digits, spaces and - _ . : / = + @, e.g. app-endpoints.",
    );
  checkKnownFields(args, shape, "", problems);
  return problems.list;
}
