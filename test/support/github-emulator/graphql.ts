/**
 * GitHub's GraphQL endpoint (`POST /graphql`), the part delivery reads through it: a
 * repository's refs (`ref(qualifiedName:)`, `defaultBranchRef`, `isEmpty`) with their commits
 * (message, parents, tree entries one level deep) and git objects by id (`object(oid:)`),
 * blobs with their text. Every query is first validated against GitHub's published schema
 * (`@octokit/graphql-schema`), so the emulator accepts only what GitHub would; a field the
 * emulator does not answer is an emulator gap, recorded as a contract violation.
 */
import { schema as published } from "@octokit/graphql-schema";
import { buildSchema, execute, parse, validate, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import type { HandlerResult } from "./context.ts";
import type { Json } from "./contract.ts";
import type { BareRepo } from "./git-store.ts";
import type { RepoRecord } from "./model.ts";

let built: GraphQLSchema | undefined;
/** Built once per process: the schema is 1.2 MB of SDL. */
function githubSchema(): GraphQLSchema {
  // The published SDL repeats two fields of EnterpriseOwnerInfo, which strict SDL validation refuses.
  built ??= buildSchema(published.idl, { assumeValidSDL: true });
  return built;
}

/** What a query asked that the emulator cannot answer (not a GitHub error: the test must fail). */
export class GraphQLGap extends Error {}

/** GitHub's NOT_FOUND: the field is null and the error says what could not be resolved. */
class NotFound extends Error {}

type Source = Record<string, unknown>;

/** Answers only fields the emulator implements; a missing one is a gap, never a silent null. */
const strictResolver: GraphQLFieldResolver<Source, unknown> = (source, args, _context, info) => {
  const value = source[info.fieldName];
  if (value === undefined) throw new GraphQLGap(`the emulator does not answer ${info.parentType.name}.${info.fieldName}`);
  return typeof value === "function" ? (value as (a: unknown) => unknown)(args) : value;
};

export interface GraphQLServer {
  readonly findRepo: (owner: string, name: string) => RepoRecord | undefined;
  /** Told of every blob whose content a query was given. */
  readonly served: (oid: string) => void;
}

export async function answerGraphQL(body: Json | undefined, server: GraphQLServer): Promise<HandlerResult> {
  const request = typeof body === "object" && body !== null && !Array.isArray(body) ? body : {};
  const query = request["query"];
  if (typeof query !== "string") return { status: 400, body: { message: "Problems parsing JSON" } };
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { status: 200, body: { errors: [{ message: error instanceof Error ? error.message : String(error) }] } };
  }
  const schema = githubSchema();
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { status: 200, body: { errors: invalid.map((e) => ({ message: e.message })) } };
  const variables = request["variables"];
  const result = await execute({
    schema,
    document,
    rootValue: {
      repository: (args: { owner: string; name: string }) => repository(server, args.owner, args.name),
    },
    variableValues: typeof variables === "object" && variables !== null && !Array.isArray(variables) ? variables : {},
    fieldResolver: strictResolver,
  });
  const gap = result.errors?.find((e) => !(e.originalError instanceof NotFound));
  if (gap !== undefined) throw gap.originalError ?? gap;
  const errors = result.errors?.map((e) => ({ type: "NOT_FOUND", path: e.path ?? [], locations: e.locations ?? [], message: e.message }));
  return { status: 200, body: JSON.parse(JSON.stringify({ data: result.data, ...(errors === undefined ? {} : { errors }) })) as Json };
}

function repository(server: GraphQLServer, owner: string, name: string): Source {
  const record = server.findRepo(owner, name);
  // GitHub answers `repository: null` with an error of type NOT_FOUND.
  if (record === undefined) throw new NotFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
  const git = record.git;
  const served = server.served;
  const ref = async (qualified: string): Promise<Source | null> => {
    const found = await git.resolveRef(qualified);
    if (found === null) return null;
    const [, prefix = "refs/", name = qualified] = /^(refs\/(?:heads|tags)\/)(.*)$/.exec(qualified) ?? [];
    return { __typename: "Ref", name, prefix, target: () => gitObject(git, served, { oid: found.sha }) };
  };
  return {
    __typename: "Repository",
    isEmpty: () => git.isEmpty(),
    defaultBranchRef: () => ref(`refs/heads/${record.defaultBranch}`),
    ref: (args: { qualifiedName: string }) =>
      ref(args.qualifiedName.startsWith("refs/") ? args.qualifiedName : `refs/heads/${args.qualifiedName}`),
    object: async (args: { oid?: string; expression?: string }) => gitObject(git, served, args),
  };
}

function commit(git: BareRepo, served: (oid: string) => void, sha: string): Source {
  const read = (() => {
    let promise: ReturnType<BareRepo["readCommit"]> | undefined;
    return () => (promise ??= git.readCommit(sha));
  })();
  return {
    __typename: "Commit",
    oid: sha,
    message: async () => (await read()).message,
    parents: async (args: { first?: number }) => {
      const parents = (await read()).parents.slice(0, args.first ?? 100);
      return { __typename: "CommitConnection", nodes: parents.map((p) => commit(git, served, p)), totalCount: parents.length };
    },
    tree: async () => tree(git, (await read()).tree),
  };
}

function tree(git: BareRepo, sha: string): Source {
  return {
    __typename: "Tree",
    oid: sha,
    entries: async () =>
      (await git.lsTree(sha, false)).map((e) => ({
        __typename: "TreeEntry",
        name: e.path,
        // GitHub gives the git mode as a number (100644 octal is 33188).
        mode: Number.parseInt(e.mode, 8),
        type: e.type,
        oid: e.sha,
      })),
  };
}

async function gitObject(
  git: BareRepo,
  served: (oid: string) => void,
  args: { oid?: string; expression?: string },
): Promise<Source | null> {
  if (args.oid === undefined) throw new GraphQLGap("the emulator answers Repository.object by oid only");
  const sha = args.oid;
  const type = await git.objectType(sha);
  if (type === "commit") return commit(git, served, sha);
  if (type === "tree") return tree(git, sha);
  if (type !== "blob") return type === null ? null : { __typename: "Tag", oid: sha };
  const bytes = await git.readBlob(sha);
  // GitHub says a blob is binary when it holds a NUL byte, and then gives no text.
  const binary = bytes.includes(0);
  return {
    __typename: "Blob",
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    byteSize: bytes.length,
    isBinary: binary,
    isTruncated: false,
    text: () => {
      served(sha);
      return binary ? null : bytes.toString("utf8");
    },
  };
}
