/**
 * Every relative link and `#anchor` in README.md and docs/ resolves: the file or directory exists,
 * and an anchor names a heading of the target page as GitHub slugs it.
 */
import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { REPO_ROOT } from "../helpers/requests";
import { anchors, docPages, readPage, relativeLinks, slug } from "./markdown";

/** What is wrong with each link of `text` (a page at `page`), given how to read other pages. */
function brokenLinks(page: string, text: string, read: (page: string) => string | undefined): string[] {
  const broken: string[] = [];
  for (const { target, line } of relativeLinks(text)) {
    const [path, anchor] = target.split("#", 2) as [string, string | undefined];
    const resolved = path === "" ? page : normalize(join(dirname(page), decodeURIComponent(path)));
    const where = `${page}:${line} -> ${target}`;
    if (resolved.startsWith("..")) {
      broken.push(`${where}: leaves the repository`);
      continue;
    }
    const body = read(resolved);
    if (body === undefined) {
      broken.push(`${where}: ${resolved} does not exist`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!resolved.endsWith(".md")) broken.push(`${where}: an anchor into a file that is not a Markdown page`);
    else if (!anchors(body).has(anchor)) broken.push(`${where}: no heading #${anchor} in ${resolved}`);
  }
  return broken;
}

/** A file's text, "" for a directory, undefined when nothing is there. */
function readRepo(path: string): string | undefined {
  const full = join(REPO_ROOT, path);
  if (!existsSync(full)) return undefined;
  return statSync(full).isDirectory() ? "" : readPage(path);
}

describe("docs: links", () => {
  it("slugs headings as GitHub does", () => {
    assert.equal(slug("Existing VPCs: --from-aws, import, audit"), "existing-vpcs---from-aws-import-audit");
    assert.equal(slug("`vpce-plan diff`"), "vpce-plan-diff");
    assert.equal(slug("Network plan JSON (version 1)"), "network-plan-json-version-1");
    assert.equal(slug("What AWS would reject, and what vpce-plan does instead"), "what-aws-would-reject-and-what-vpce-plan-does-instead");
    assert.equal(slug("SG_OPEN_INGRESS and [the pack](x.md)"), "sg_open_ingress-and-the-pack");
    const dup = anchors("# A\n\n## Same\n\n```sh\n# Same\n```\n\n## Same\n\n### Same\n");
    assert.deepEqual([...dup], ["a", "same", "same-1", "same-2"]);
  });

  it("reports a missing page, a missing heading, a link out of the repository, and no link inside code", () => {
    const pages: Record<string, string> = { "docs/a.md": "# A page\n\n## Part two\n", "docs/img/": "" };
    const text = [
      "# Here",
      "[ok](a.md) [ok](a.md#part-two) [ok](#here) [ok](../docs/a.md#a-page) [ok](https://example.com/#x)",
      "[gone](b.md) [no heading](a.md#part-three) [self](#nowhere) [out](../../x.md)",
      "`[in code](missing.md)`",
      "```md",
      "[in a block](missing.md)",
      "```",
      "[def]: c.md",
    ].join("\n");
    const broken = brokenLinks("docs/here.md", text, (p) => (p === "docs/here.md" ? text : pages[p]));
    assert.deepEqual(broken, [
      "docs/here.md:3 -> b.md: docs/b.md does not exist",
      "docs/here.md:3 -> a.md#part-three: no heading #part-three in docs/a.md",
      "docs/here.md:3 -> #nowhere: no heading #nowhere in docs/here.md",
      "docs/here.md:3 -> ../../x.md: leaves the repository",
      "docs/here.md:8 -> c.md: docs/c.md does not exist",
    ]);
  });

  it("README stays a landing page: at most 300 lines", () => {
    const lines = readPage("README.md").split("\n").length;
    assert.ok(lines <= 300, `README.md has ${lines} lines; move reference text into docs/`);
  });

  it("every docs page can be reached from README by following links", () => {
    const reached = new Set(["README.md"]);
    const queue = ["README.md"];
    for (let page = queue.shift(); page !== undefined; page = queue.shift())
      for (const { target } of relativeLinks(readPage(page))) {
        const path = target.split("#")[0];
        const next = path === "" ? page : normalize(join(dirname(page), decodeURIComponent(path)));
        if (next.endsWith(".md") && !reached.has(next) && existsSync(join(REPO_ROOT, next))) {
          reached.add(next);
          queue.push(next);
        }
      }
    assert.deepEqual(
      docPages().filter((p) => !reached.has(p)),
      [],
      "link these pages from README's map or from a page it reaches",
    );
  });

  for (const page of docPages())
    it(`every relative link and anchor in ${page} resolves`, () => {
      const text = readPage(page);
      assert.deepEqual(brokenLinks(page, text, readRepo), []);
    });
});
