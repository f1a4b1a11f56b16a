/**
 * Which accounts and regions an organization read covers: AWS Organizations' active accounts,
 * narrowed by `--accounts`, `--skip-accounts` and `--ous`; regions from `--regions` or each account's
 * enabled regions (EC2 DescribeRegions without AllRegions lists only the regions enabled for the
 * account: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRegions.html).
 */
import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  OrganizationsClient,
  type Account,
} from "@aws-sdk/client-organizations";
import { paginate } from "../aws/paginate";
import type { TaskContext } from "./scheduler";

export interface OrgAccount {
  id: string;
  name: string;
}

export interface OrgScope {
  /** Only these account ids (default: every active account). */
  accounts?: readonly string[];
  /** Leave these account ids out. */
  skipAccounts?: readonly string[];
  /** Only accounts under these organizational units, at any depth (`ou-...` or a root `r-...`). */
  ous?: readonly string[];
  /** These regions in every account (default: each account's enabled regions). */
  regions?: readonly string[];
}

export const ACCOUNT_ID = /^\d{12}$/;
/** Organizations' id patterns (https://docs.aws.amazon.com/organizations/latest/APIReference/API_OrganizationalUnit.html). */
export const PARENT_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

/**
 * Account membership in AWS Organizations: `State` (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED) since
 * 2025, `Status` (ACTIVE, SUSPENDED, PENDING_CLOSURE) before; either one says whether it is active
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Account.html).
 */
const isActive = (a: Account): boolean => ((a as { State?: string }).State ?? a.Status) === "ACTIVE";

/** Lists the scope's accounts through `ctx` (the management account's calls go through the scheduler too). */
export async function listAccounts(client: OrganizationsClient, ctx: TaskContext, scope: OrgScope): Promise<OrgAccount[]> {
  const all = scope.ous?.length ? await accountsUnder(client, ctx, scope.ous) : await allAccounts(client, ctx);
  const only = scope.accounts?.length ? new Set(scope.accounts) : undefined;
  const skip = new Set(scope.skipAccounts ?? []);
  const byId = new Map<string, OrgAccount>();
  for (const a of all) {
    if (!a.Id || !isActive(a) || skip.has(a.Id) || (only && !only.has(a.Id))) continue;
    byId.set(a.Id, { id: a.Id, name: a.Name ?? a.Id });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Accounts named in `--accounts` that the organization does not list as active: said, never dropped. */
export function accountsNotFound(scope: OrgScope, found: readonly OrgAccount[]): string[] {
  const have = new Set(found.map((a) => a.id));
  return (scope.accounts ?? []).filter((id) => !have.has(id) && !(scope.skipAccounts ?? []).includes(id)).sort();
}

function allAccounts(client: OrganizationsClient, ctx: TaskContext): Promise<Account[]> {
  return paginate("Organizations ListAccounts", async (token) => {
    const r = await ctx.call("organizations:ListAccounts", (abortSignal) =>
      client.send(new ListAccountsCommand({ NextToken: token }), { abortSignal }),
    );
    return { items: r.Accounts, next: r.NextToken };
  });
}

async function accountsUnder(client: OrganizationsClient, ctx: TaskContext, parents: readonly string[]): Promise<Account[]> {
  const out: Account[] = [];
  const queue = [...parents];
  const seen = new Set<string>();
  while (queue.length) {
    const parent = queue.shift()!;
    if (seen.has(parent)) continue;
    seen.add(parent);
    out.push(
      ...(await paginate("Organizations ListAccountsForParent", async (token) => {
        const r = await ctx.call("organizations:ListAccountsForParent", (abortSignal) =>
          client.send(new ListAccountsForParentCommand({ ParentId: parent, NextToken: token }), { abortSignal }),
        );
        return { items: r.Accounts, next: r.NextToken };
      })),
    );
    const children = await paginate("Organizations ListOrganizationalUnitsForParent", async (token) => {
      const r = await ctx.call("organizations:ListOrganizationalUnitsForParent", (abortSignal) =>
        client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent, NextToken: token }), { abortSignal }),
      );
      return { items: r.OrganizationalUnits, next: r.NextToken };
    });
    queue.push(...children.flatMap((ou) => (ou.Id ? [ou.Id] : [])));
  }
  return out;
}
