import {
  availabilityIn,
  bundles,
  getRegion,
  hasFipsIn,
  nameRank,
  privateDnsNamesIn,
  regionCodes,
  serviceNameIn,
  services,
  didYouMean,
  suggestNames,
  type CatalogService,
  type Region,
} from "../../catalog";
import { compareWithCatalog, overlayOf, readOverlay, type CatalogDiffRow } from "../../facts/overlay";
import { oneOf, parse, type Options } from "../args";
import { AWS_FLAGS, awsHelpWithout, awsOptions, stringFlag, withEc2 } from "../aws";
import { EXIT_INVALID, EXIT_OK, HELP_FLAG_HELP, type Command, type Io } from "../command";
import { renderTable } from "../format/table";
import { CliError, readOverlayFile } from "../request";
import { writeOwnFile, type OwnKind } from "../write";

const STATUS: Record<CatalogDiffRow["status"], string> = {
  same: "same",
  different: "different",
  onlyInAws: "only in AWS",
  onlyInCatalog: "only in catalog",
};

const FLAGS = {
  search: { type: "string" },
  bundles: { type: "boolean" },
  format: { type: "string" },
  help: { type: "boolean", short: "h" },
  "from-aws": { type: "boolean" },
  "service-region": { type: "string" },
  write: { type: "string" },
  force: { type: "boolean" },
  catalog: { type: "string" },
  ...AWS_FLAGS,
} satisfies Options;

export const command: Command = {
  flags: FLAGS,
  name: "catalog",
  summary: "list the services (or bundles) vpce-plan knows, with their names in a region",
  help: `Usage: vpce-plan catalog [--region R] [--catalog FILE] [--search TEXT] [--bundles] [--format table|json]
       vpce-plan catalog --from-aws [--region R] [--service-region R2] [--write FILE] [--format table|json]

  --region R           the services region R offers (or may: AVAILABLE unknown), with their names
                       and private DNS names there (default us-east-1)
  --catalog FILE       a catalog overlay (catalog --from-aws --write FILE) of R: AWS's whole
                       list there decides what R offers (default --region: the overlay's region)
  --search TEXT        only entries whose key, title, other names (elb, cloudwatch) or service name contains TEXT
  --bundles            list the workload bundles and their services instead
  --format FORMAT      table (default) or json
  --from-aws           list what DescribeVpcEndpointServices reports in the region beside the
                       built-in catalog: only in AWS, only in the catalog, or different attributes
  --service-region R2  with --from-aws: the services R offers from R2 (cross-region endpoints)
  --write FILE         with --from-aws: save the listing as a catalog overlay for plan --catalog FILE;
                       written to a temporary file and renamed, so a failed write leaves FILE as it
                       was; an existing FILE is replaced only when it is an overlay (never a symlink)
  --force              with --write: replace FILE even when it is not an overlay
${awsHelpWithout("region")}
${HELP_FLAG_HELP}`,
  async run(argv, io) {
    const { values } = parse(argv, FLAGS);
    if (values.help) {
      io.out(command.help + "\n");
      return EXIT_OK;
    }
    const format = oneOf("format", values.format, ["table", "json"] as const, "table");
    if (values["from-aws"]) {
      if (values.catalog !== undefined)
        throw new CliError("--catalog does not work with --from-aws, which reads the list itself.", EXIT_INVALID);
      return fromAws(values, format, io);
    }
    const stray = ["service-region", "write", "force", "profile", "endpoint-url", "page-size", "timeout"].filter(
      (f) => values[f] !== undefined,
    );
    if (stray.length) throw new CliError(`${stray.map((f) => `--${f}`).join(", ")} only work with --from-aws.`, EXIT_INVALID);
    const overlay =
      typeof values.catalog === "string"
        ? readOverlayFile(values.catalog, typeof values.region === "string" ? values.region : undefined, "--region")
        : undefined;
    if (overlay?.serviceRegion)
      throw new CliError(
        `--catalog ${values.catalog} lists what ${overlay.region} reaches in ${overlay.serviceRegion}, not the region's own services.`,
        EXIT_INVALID,
      );
    const code = typeof values.region === "string" ? values.region : (overlay?.region ?? "us-east-1");
    const region = getRegion(code);
    if (!region)
      throw new CliError(`--region ${code} is not a region in the catalog. ${didYouMean(code, regionCodes())}`.trim(), EXIT_INVALID);
    const needle = typeof values.search === "string" ? values.search.toLowerCase() : "";
    // Best first: the key itself, a title word or the key (nameRank), then any text containing TEXT;
    // within a rank, keys closest in length to TEXT (ecr: ecr.api before ecr-public.api).
    const rankOf = (key: string, aliases: readonly string[], ...names: string[]): number | undefined => {
      if (!needle) return 0;
      const rank =
        nameRank(needle, { key, names, aliases }) ?? ([key, ...names].some((t) => t.toLowerCase().includes(needle)) ? 3 : undefined);
      return rank === undefined ? undefined : rank + Math.min(Math.abs(key.length - needle.length), 99) / 100;
    };
    const ranked = <T>(items: Array<{ item: T; rank: number | undefined }>): T[] =>
      items
        .filter((i): i is { item: T; rank: number } => i.rank !== undefined)
        .sort((a, b) => a.rank - b.rank)
        .map((i) => i.item);

    if (values.bundles) {
      const list = ranked(bundles.map((b) => ({ item: b, rank: rankOf(b.key, [], b.title, ...b.services) })));
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
    // An overlay is AWS's whole list there: it decides every service.
    const listed = overlay && new Set(overlay.services.map((s) => s.serviceName));
    const status = (s: CatalogService): string =>
      listed
        ? s.types.some((t) => listed.has(serviceNameIn(s, region, t)))
          ? "offered"
          : "unavailable"
        : availabilityIn(s, region).status;
    const offered = services.map((s) => ({ s, available: status(s) })).filter((o) => o.available !== "unavailable");
    // A bundle whose key the TEXT names (`session manager`: ssm-session-manager) brings its services along.
    const viaBundle = new Map<string, string>();
    if (needle)
      for (const b of bundles)
        if (nameRank(needle, { key: b.key, names: [] }) !== undefined) for (const key of b.services) viaBundle.set(key, b.key);
    const added = new Set<string>();
    const rows = ranked(
      offered.map((o) => {
        const fips = hasFipsIn(o.s, region) ? serviceNameIn(o.s, region, "Interface", true) : undefined;
        const own = rankOf(o.s.key, o.s.aliases ?? [], o.s.title, serviceNameIn(o.s, region), ...(fips ? [fips] : []));
        if (own === undefined && viaBundle.has(o.s.key)) added.add(viaBundle.get(o.s.key)!);
        return { item: { ...o, fips }, rank: own ?? (viaBundle.has(o.s.key) ? 4 : undefined) };
      }),
    ).map(({ s, available, fips }) => ({
      key: s.key,
      title: s.title,
      serviceName: serviceNameIn(s, region),
      ...(fips ? { fipsServiceName: fips } : {}),
      types: s.types,
      port: s.port,
      privateDnsNames: privateDnsNamesIn(s, region),
      policy: s.policy,
      available: available === "offered" ? "yes" : "unknown",
    }));
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
          : `; ${(suggestNames(needle).length ? `did you mean ${suggestNames(needle).join(", ")}?` : "") || "try a shorter TEXT"}`;
      const bundleNote = [...added].map((b) => `; with the services of bundle ${b}`).join("");
      const unknown = offered.filter((o) => o.available === "unknown").length;
      const gone = services.length - offered.length;
      io.err(
        `${rows.length} of ${services.length} services in ${region.code}${bundleNote}` +
          `${gone ? `; ${gone} not offered there` : ""}${unknown ? `; availability of ${unknown} unknown (check with --from-aws)` : ""}${hint}\n`,
      );
    }
    return EXIT_OK;
  },
};

function catalogRegion(flag: string, code: string): Region {
  const region = getRegion(code);
  if (!region)
    throw new CliError(`--${flag} ${code} is not a region in the catalog. ${didYouMean(code, regionCodes())}`.trim(), EXIT_INVALID);
  return region;
}

/** What `--write` may replace: an overlay, named by its region and size. */
const OVERLAY_FILE: OwnKind = {
  flag: "--write",
  kind: "a catalog overlay",
  describe(text) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    const overlay = readOverlay(value);
    return typeof overlay === "string" ? undefined : `the ${overlay.region} catalog overlay with ${overlay.services.length} services`;
  },
};

/** `catalog --from-aws`: AWS's listing beside the built-in catalog, optionally saved as an overlay. */
async function fromAws(values: Record<string, string | boolean | undefined>, format: "table" | "json", io: Io): Promise<number> {
  if (values.bundles) throw new CliError("--bundles does not work with --from-aws: AWS knows no bundles.", EXIT_INVALID);
  const serviceRegionCode = stringFlag(values, "service-region");
  const write = stringFlag(values, "write");
  const regionFlag = stringFlag(values, "region");
  if (regionFlag) catalogRegion("region", regionFlag);
  const serviceRegion = serviceRegionCode ? catalogRegion("service-region", serviceRegionCode) : undefined;
  return withEc2(awsOptions(values, io), async (ec2, aws) => {
    const region = catalogRegion("region", ec2.region);
    const remote = serviceRegion && serviceRegion.code !== region.code ? serviceRegion : undefined;
    const found = await aws.readAllServices(ec2, remote?.code);
    const needle = typeof values.search === "string" ? values.search.toLowerCase() : "";
    const rows = compareWithCatalog(found, region, remote).filter(
      (r) => !needle || r.serviceName.toLowerCase().includes(needle) || (r.key ?? "").toLowerCase().includes(needle),
    );
    // Every region offers services: an empty list is a broken answer, and as an overlay it would make every service unavailable.
    if (write && !Object.keys(found).length)
      throw new CliError(`DescribeVpcEndpointServices listed no service in ${region.code}; ${write} is left as it is.`);
    const written = write
      ? writeOwnFile(
          write,
          JSON.stringify(overlayOf(found, region.code, remote?.code), null, 2) + "\n",
          OVERLAY_FILE,
          values.force === true,
        )
      : undefined;
    const counts = Object.fromEntries(Object.keys(STATUS).map((s) => [s, rows.filter((r) => r.status === s).length]));
    if (format === "json") {
      io.out(
        JSON.stringify(
          { version: 1, region: region.code, ...(remote ? { serviceRegion: remote.code } : {}), counts, services: rows },
          null,
          2,
        ) + "\n",
      );
    } else {
      io.out(
        renderTable(
          ["STATUS", "SERVICE NAME", "KEY", "TYPES", "AZS", "PRIVATE DNS", "POLICY", "IP TYPES", "OWNER", "DIFFERENT"],
          rows.map((r) => [
            STATUS[r.status],
            r.serviceName,
            r.key ?? "-",
            (r.aws?.types ?? r.catalog?.types ?? []).join("+"),
            r.aws ? String(r.aws.azs.length) : "-",
            (r.aws?.privateDnsNames ?? r.catalog?.privateDnsNames ?? []).join(", ") || "-",
            r.aws?.policySupported === undefined ? "-" : r.aws.policySupported ? "yes" : "no",
            r.aws?.ipTypes?.join("+") ?? "-",
            r.aws?.owner ?? "-",
            r.differences.join(", ") || "-",
          ]),
        ) + "\n",
      );
    }
    io.err(
      `${region.code}${remote ? ` from ${remote.code}` : ""}: ${counts.same + counts.different} in both (${counts.different} different), ${counts.onlyInAws} only in AWS, ${counts.onlyInCatalog} only in the catalog${written ? `; overlay ${written}` : ""}\n`,
    );
    return EXIT_OK;
  });
}
