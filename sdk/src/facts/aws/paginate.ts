/** NextToken pagination shared by every Describe call. */

export interface Page<T> {
  items: T[] | undefined;
  next?: string;
}

/** Follows NextToken until the API stops returning one; a repeated token is an API bug, not a loop. */
export async function paginate<T>(fetchPage: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    out.push(...(page.items ?? []));
    token = page.next || undefined;
    if (token !== undefined) {
      if (seen.has(token)) throw new Error(`the API returned NextToken ${token} twice; stopping instead of looping`);
      seen.add(token);
    }
  } while (token !== undefined);
  return out;
}
