/**
 * The distributed engine: the traffic query's Athena text run on Amazon Athena over the account's
 * own tables, so the logs never come to this machine. Start, poll with backoff, read every result
 * page, all with the AWS SDK. Only the grouped rows come back.
 */
import { INTEGER_COLUMNS } from "../flowLog";
import { sortGroups, type FlowGroup, type QueryWindow } from "../query";
import { compileTrafficQuery } from "../sql";
import { athena, athenaAnswersSource } from "../dialects/athena";

export interface AthenaInput {
  workgroup: string;
  database: string;
  flowTable: string;
  /** Without one, no flow is named by DNS. */
  dnsTable?: string;
  window?: QueryWindow;
  region?: string;
  endpointUrl?: string;
  /** Milliseconds between polls: doubled each time up to 5 s. @default 200 */
  firstPollMs?: number;
  progress?(line: string): void;
}

const NO_ANSWERS = "(SELECT CAST(NULL AS varchar) AS addr, CAST(NULL AS bigint) AS ts, CAST(NULL AS varchar) AS name WHERE false)";
const NUMBERS: ReadonlySet<string> = new Set([...INTEGER_COLUMNS, "bytes", "packets", "records", "first_start", "last_end"]);

/** The statement Athena runs. */
export function athenaStatement(input: Pick<AthenaInput, "database" | "flowTable" | "dnsTable" | "window">): string {
  const table = (t: string): string => `"${input.database}"."${t}"`;
  return compileTrafficQuery(
    athena,
    { flows: table(input.flowTable), answers: input.dnsTable ? athenaAnswersSource(table(input.dnsTable)) : NO_ANSWERS },
    input.window,
  );
}

export async function runAthena(input: AthenaInput): Promise<FlowGroup[]> {
  const { AthenaClient, StartQueryExecutionCommand, GetQueryExecutionCommand, GetQueryResultsCommand } =
    await import("@aws-sdk/client-athena");
  const client = new AthenaClient({
    ...(input.region ? { region: input.region } : {}),
    ...(input.endpointUrl ? { endpoint: input.endpointUrl } : {}),
  });
  try {
    const { QueryExecutionId: id } = await client.send(
      new StartQueryExecutionCommand({
        QueryString: athenaStatement(input),
        WorkGroup: input.workgroup,
        QueryExecutionContext: { Database: input.database },
      }),
    );
    if (!id) throw new Error("Athena returned no query execution id");
    let wait = input.firstPollMs ?? 200;
    for (;;) {
      const { QueryExecution: q } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = q?.Status?.State;
      if (state === "SUCCEEDED") break;
      if (state === "FAILED" || state === "CANCELLED")
        throw new Error(`Athena query ${id} ${state}: ${q?.Status?.StateChangeReason ?? "no reason given"}`);
      input.progress?.(`Athena query ${id} ${state ?? "?"}; ${q?.Statistics?.DataScannedInBytes ?? 0} bytes scanned\n`);
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 5000);
    }
    const rows: FlowGroup[] = [];
    let token: string | undefined;
    let header: string[] | undefined;
    do {
      const page = await client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token }));
      for (const r of page.ResultSet?.Rows ?? []) {
        const values = (r.Data ?? []).map((d) => d.VarCharValue ?? null);
        if (!header) {
          header = values.map(String);
          continue;
        }
        rows.push(
          Object.fromEntries(
            header.map((h, i) => [h, values[i] === null ? null : NUMBERS.has(h) ? Number(values[i]) : values[i]]),
          ) as FlowGroup,
        );
      }
      token = page.NextToken;
    } while (token);
    return sortGroups(rows);
  } finally {
    client.destroy();
  }
}
