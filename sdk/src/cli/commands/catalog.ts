import {
  bundles,
  getRegion,
  nameRank,
  privateDnsNamesIn,
  regionCodes,
  serviceNameIn,
  services,
  didYouMean,
  suggestNames,
} from "../../catalog";
import { oneOf, parse } from "../args";
import { EXIT_INVALID, EXIT_OK, type Command } from "../command";
import { renderTable } from "../format/table";
import { CliError } from "../request";

export const command: Command = {
  name: "catalog",
  summary: "list the services (or bundles) vpce-plan knows, with their names in a region",
  help: `Usage: vpce-plan catalog [--region R] [--search TEXT] [--bundles] [--format table|json]

  --region R       show service names and private DNS names for region R (default us-east-1)
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
    // Best first: the key itself, a title word or the key (nameRank), then any text containing TEXT.
    const rankOf = (key: string, ...names: string[]): number | undefined =>
      !needle ? 0 : (nameRank(needle, { key, names }) ?? ([key, ...names].some((t) => t.toLowerCase().includes(needle)) ? 3 : undefined));
    const ranked = <T>(items: Array<{ item: T; rank: number | undefined }>): T[] =>
      items
        .filter((i): i is { item: T; rank: number } => i.rank !== undefined)
        .sort((a, b) => a.rank - b.rank)
        .map((i) => i.item);

    if (values.bundles) {
      const list = ranked(bundles.map((b) => ({ item: b, rank: rankOf(b.key, b.title, ...b.services) })));
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
    // A bundle whose key the TEXT names (`session manager`: ssm-session-manager) brings its services along.
    const viaBundle = new Map<string, string>();
    if (needle)
      for (const b of bundles)
        if (nameRank(needle, { key: b.key, names: [] }) !== undefined) for (const key of b.services) viaBundle.set(key, b.key);
    const added = new Set<string>();
    const rows = ranked(
      services.map((s) => {
        const own = rankOf(s.key, s.title, serviceNameIn(s, region));
        if (own === undefined && viaBundle.has(s.key)) added.add(viaBundle.get(s.key)!);
        return { item: s, rank: own ?? (viaBundle.has(s.key) ? 4 : undefined) };
      }),
    ).map((s) => ({
      key: s.key,
      title: s.title,
      serviceName: serviceNameIn(s, region),
      types: s.types,
      port: s.port,
      privateDnsNames: privateDnsNamesIn(s, region),
      policy: s.policy,
    }));
    if (format === "json") io.out(JSON.stringify({ version: 1, region: region.code, services: rows }, null, 2) + "\n");
    else {
      io.out(
        renderTable(
          ["KEY", "SERVICE NAME", "TYPES", "PORT", "PRIVATE DNS"],
          rows.map((s) => [s.key, s.serviceName, s.types.join("+"), String(s.port), s.privateDnsNames.join(", ") || "-"]),
        ) + "\n",
      );
      const hint =
        rows.length || !needle
          ? ""
          : `; ${(suggestNames(needle).length ? `did you mean ${suggestNames(needle).join(", ")}?` : "") || "try a shorter TEXT"}`;
      const bundleNote = [...added].map((b) => `; with the services of bundle ${b}`).join("");
      io.err(`${rows.length} of ${services.length} services in ${region.code}${bundleNote}${hint}\n`);
    }
    return EXIT_OK;
  },
};
