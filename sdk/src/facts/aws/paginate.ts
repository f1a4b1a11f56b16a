/** NextToken pagination shared by every Describe call. */
import { AwsFactsError } from "./errors";

export interface Page<T> {
  items: T[] | undefined;
  next?: string;
}

/**
 * Pages one call may take: with the smallest page size (5) that is 5,000 items, more than any VPC
 * holds of one kind; an API that keeps handing out new tokens past it is not ending.
 */
export const MAX_PAGES = 1000;

/**
 * Follows NextToken until the API stops returning one. A repeated token, or more than `maxPages`
 * pages, is an API fault (an endless or looping listing): an error naming the call, not a loop.
 */
export async function paginate<T>(
  /** The call as messages name it: `EC2 DescribeVpcs`. */
  operation: string,
  fetchPage: (token: string | undefined) => Promise<Page<T>>,
  maxPages = MAX_PAGES,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await fetchPage(token);
    pages++;
    out.push(...(page.items ?? []));
    token = page.next || undefined;
    if (token === undefined) break;
    if (seen.has(token))
      throw new AwsFactsError(
        `${operation} returned the NextToken of an earlier page again (page ${pages + 1}); stopped instead of looping.`,
        "--endpoint-url",
        "RepeatedNextToken",
      );
    if (pages >= maxPages)
      throw new AwsFactsError(
        `${operation} still returned a NextToken after ${maxPages} pages; stopped instead of reading without end. Pass a larger --page-size, or check --endpoint-url.`,
        "--page-size",
        "TooManyPages",
      );
    seen.add(token);
  } while (token !== undefined);
  return out;
}
