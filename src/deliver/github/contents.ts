// The base content of the files a plan must compare, read by blob id and only those: in
// GraphQL queries of up to BLOBS_PER_QUERY blobs (each an `object(oid:)` of the repository), at
// most QUERIES of them; past that, one tarball of the base commit, which holds the whole
// repository but is one request. So the calls stay flat (at most QUERIES) as the change grows,
// and the bytes follow the change until it is most of what the folders hold.
import { readTarball } from "../tarball.ts";
import { at, type GitHubRepo } from "./repo.ts";

/**
 * GitHub caps a query at 500,000 nodes (https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api);
 * a blob is one node, and a thousand rendered manifests is a response of a few megabytes.
 */
export const BLOBS_PER_QUERY = 1000;
/** Queries a run spends on base content at most, so a run stays within ten calls. */
export const QUERIES = 2;

interface BlobText {
  readonly text: string | null;
  readonly isTruncated: boolean;
}

/** `blobs`: repository path → blob id at `commit`; returns path → text. */
export async function readContents(github: GitHubRepo, commit: string, blobs: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  if (blobs.size === 0) return new Map();
  if (blobs.size > BLOBS_PER_QUERY * QUERIES) {
    const archive = await github.octokit.rest.repos.downloadTarballArchive({ ...at(github), ref: commit });
    return readTarball(new Uint8Array(archive.data as ArrayBuffer), (path) => blobs.has(path));
  }
  const entries = [...blobs];
  const batches: [string, string][][] = [];
  for (let i = 0; i < entries.length; i += BLOBS_PER_QUERY) batches.push(entries.slice(i, i + BLOBS_PER_QUERY));
  const texts = await Promise.all(batches.map((batch) => queryBlobs(github, batch)));
  return new Map(texts.flat());
}

/** One query for `batch` (path, blob id); a blob GitHub gives no text for is read whole. */
async function queryBlobs(github: GitHubRepo, batch: readonly [string, string][]): Promise<[string, string][]> {
  const query = `query($owner: String!, $name: String!, ${batch.map((_, i) => `$b${i}: GitObjectID!`).join(", ")}) {
  repository(owner: $owner, name: $name) {
${batch.map((_, i) => `    b${i}: object(oid: $b${i}) { ... on Blob { text isTruncated } }`).join("\n")}
  }
}`;
  const data = await github.octokit.graphql<{ repository: Record<string, BlobText | null> }>(query, {
    owner: github.owner,
    name: github.repo,
    ...Object.fromEntries(batch.map(([, sha], i) => [`b${i}`, sha])),
  });
  return Promise.all(
    batch.map(async ([path, sha], i): Promise<[string, string]> => {
      const blob = data.repository[`b${i}`];
      // GitHub gives no text for a blob it takes for binary, and cuts very large ones.
      return [path, blob?.text != null && !blob.isTruncated ? blob.text : await readBlob(github, sha)];
    }),
  );
}

async function readBlob(github: GitHubRepo, sha: string): Promise<string> {
  const { data } = await github.octokit.rest.git.getBlob({ ...at(github), file_sha: sha });
  return Buffer.from(data.content, "base64").toString("utf8");
}
