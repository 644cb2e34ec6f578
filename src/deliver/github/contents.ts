// The base content of the files a plan must compare, read by blob id and only those: up to
// GRAPHQL_BLOBS of them in one GraphQL query (each blob an `object(oid:)` of the repository),
// more in one tarball of the base commit, which costs one request whatever the count but holds
// the whole repository. Either way one call, so the call count stays flat as the change grows.
import { readTarball } from "../tarball.ts";
import { at, type GitHubRepo } from "./repo.ts";

/** Past this many blobs one tarball is the cheaper read: it is the whole repository, but one response. */
export const GRAPHQL_BLOBS = 100;

interface BlobText {
  readonly text: string | null;
  readonly isTruncated: boolean;
}

/** `blobs`: repository path → blob id at `commit`; returns path → text. */
export async function readContents(github: GitHubRepo, commit: string, blobs: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  if (blobs.size === 0) return new Map();
  if (blobs.size > GRAPHQL_BLOBS) {
    const archive = await github.octokit.rest.repos.downloadTarballArchive({ ...at(github), ref: commit });
    return readTarball(new Uint8Array(archive.data as ArrayBuffer), (path) => blobs.has(path));
  }
  const paths = [...blobs.keys()];
  const query = `query($owner: String!, $name: String!, ${paths.map((_, i) => `$b${i}: GitObjectID!`).join(", ")}) {
  repository(owner: $owner, name: $name) {
${paths.map((_, i) => `    b${i}: object(oid: $b${i}) { ... on Blob { text isTruncated } }`).join("\n")}
  }
}`;
  const variables = Object.fromEntries(paths.map((path, i) => [`b${i}`, blobs.get(path)]));
  const data = await github.octokit.graphql<{ repository: Record<string, BlobText | null> }>(query, {
    owner: github.owner,
    name: github.repo,
    ...variables,
  });
  const texts = await Promise.all(
    paths.map(async (path, i): Promise<[string, string]> => {
      const blob = data.repository[`b${i}`];
      // GitHub gives no text for a blob it takes for binary, and cuts very large ones: read those whole.
      return [path, blob?.text != null && !blob.isTruncated ? blob.text : await readBlob(github, blobs.get(path) ?? "")];
    }),
  );
  return new Map(texts);
}

async function readBlob(github: GitHubRepo, sha: string): Promise<string> {
  const { data } = await github.octokit.rest.git.getBlob({ ...at(github), file_sha: sha });
  return Buffer.from(data.content, "base64").toString("utf8");
}
