import {
  availabilityIn,
  bundles,
  getRegion,
  hasFipsIn,
  privateDnsNamesIn,
  regionCodes,
  serviceNameIn,
  services,
  didYouMean,
} from "../../catalog";
import { oneOf, parse } from "../args";
import { EXIT_INVALID, EXIT_OK, type Command } from "../command";
import { renderTable } from "../format/table";
import { CliError } from "../request";

export const command: Command = {
  name: "catalog",
  summary: "list the services (or bundles) vpce-plan knows, with their names in a region",
  help: `Usage: vpce-plan catalog [--region R] [--search TEXT] [--bundles] [--format table|json]

  --region R       the services region R offers (or may: AVAILABLE unknown), with their names
                   and private DNS names there (default us-east-1)
  --search TEXT    only entries whose key, title or service name contains TEXT
  --bundles        list the workload bundles and their services instead
  --format FORMAT  table (default) or json`,
  run(argv, io) {
    const { values } = parse(argv, {
      region: { type: "string" },
      search: { type: "string" },
      bundles: { type: "boolean" },
      format: { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(command.help + "\n");
      return EXIT_OK;
    }
    const format = oneOf("format", values.format, ["table", "json"] as const, "table");
    const code = typeof values.region === "string" ? values.region : "us-east-1";
    const region = getRegion(code);
    if (!region)
      throw new CliError(`--region ${code} is not a region in the catalog. ${didYouMean(code, regionCodes())}`.trim(), EXIT_INVALID);
    const needle = typeof values.search === "string" ? values.search.toLowerCase() : "";
    const matches = (...texts: string[]): boolean => !needle || texts.some((t) => t.toLowerCase().includes(needle));

    if (values.bundles) {
      const list = bundles.filter((b) => matches(b.key, b.title, ...b.services));
      if (format === "json") io.out(JSON.stringify({ version: 1, bundles: list }, null, 2) + "\n");
      else
        io.out(
          renderTable(
            ["BUNDLE", "SERVICES", "TITLE"],
            list.map((b) => [b.key, b.services.join(", "), b.title]),
          ) + "\n",
        );
      return EXIT_OK;
    }
    // A service the region is known not to offer is left out; one the catalog cannot tell is marked.
    const offered = services.map((s) => ({ s, available: availabilityIn(s, region).status })).filter((o) => o.available !== "unavailable");
    const rows = offered
      .map(({ s, available }) => ({
        key: s.key,
        title: s.title,
        serviceName: serviceNameIn(s, region),
        ...(hasFipsIn(s, region) ? { fipsServiceName: serviceNameIn(s, region, "Interface", true) } : {}),
        types: s.types,
        port: s.port,
        privateDnsNames: privateDnsNamesIn(s, region),
        policy: s.policy,
        available: available === "offered" ? "yes" : "unknown",
      }))
      .filter((s) => matches(s.key, s.title, s.serviceName, s.fipsServiceName ?? ""));
    if (format === "json") io.out(JSON.stringify({ version: 1, region: region.code, services: rows }, null, 2) + "\n");
    else {
      io.out(
        renderTable(
          ["KEY", "SERVICE NAME", "TYPES", "PORT", "PRIVATE DNS", "AVAILABLE"],
          rows.map((s) => [s.key, s.serviceName, s.types.join("+"), String(s.port), s.privateDnsNames.join(", ") || "-", s.available]),
        ) + "\n",
      );
      const hint =
        rows.length || !needle
          ? ""
          : `; ${
              didYouMean(
                needle,
                services.map((s) => s.key),
              ) || "try a shorter TEXT"
            }`;
      const unknown = offered.filter((o) => o.available === "unknown").length;
      const gone = services.length - offered.length;
      io.err(
        `${rows.length} of ${services.length} services in ${region.code}` +
          `${gone ? `; ${gone} not offered there` : ""}${unknown ? `; availability of ${unknown} unknown (check with --from-aws)` : ""}${hint}\n`,
      );
    }
    return EXIT_OK;
  },
};
