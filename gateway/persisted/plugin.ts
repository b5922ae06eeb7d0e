import { createHash } from 'node:crypto';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { PersistedDocumentsSettings } from '../../platform/config.ts';
import { TrustedDocuments } from './manifest.ts';
import { persistedLookups } from '../metrics-instruments.ts';

/** A request's GraphQL parameters, as the runtime parsed them. */
interface GraphQLParams {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

/** Where a client names itself (Apollo Client's `clientAwareness`, Hive's convention), over HTTP or in graphql-ws connection parameters. */
export const CLIENT_NAME_HEADERS = ['apollographql-client-name', 'graphql-client-name', 'x-graphql-client-name'];

/**
 * Server context of a document the gateway itself sends through the runtime (a REST route's):
 * the safelist is for what callers send, and never refuses the gateway's own routes.
 */
export interface OwnDocumentContext {
  ownDocument?: boolean;
}

/**
 * Persisted documents, before anything parses a request (so depth, tokens, cost, rate limits and
 * tenancy apply to a persisted document exactly as to one sent whole), over HTTP (POST and GET)
 * and graphql-ws:
 *
 * 1. `extensions.persistedQuery.sha256Hash` names a trusted document (a manifest of
 *    PERSISTED_DOCUMENTS for the caller's client, or a shared one): that document runs.
 * 2. Otherwise the ID is an automatic persisted query (Apollo's protocol, as Apollo Server answers
 *    it): without the document, the one registered under that hash runs, or the answer is 200
 *    `PersistedQueryNotFound` (`PERSISTED_QUERY_NOT_FOUND`) and the client sends it again with the
 *    document, registered under the hash once it passes validation if the hash is its SHA-256
 *    (otherwise it just runs). With
 *    APQ=off the answer is `PersistedQueryNotSupported` (`PERSISTED_QUERY_NOT_SUPPORTED`), so
 *    Apollo's link falls back to sending documents whole; when manifests exist, an unknown ID is 404
 *    `PERSISTED_QUERY_NOT_IN_LIST` instead, as in Apollo Router.
 * 3. With PERSISTED_DOCUMENTS_SAFELIST=on nothing else runs: an unknown ID is 404
 *    `PERSISTED_QUERY_NOT_IN_LIST`, a document sent whole must be in the caller's manifests
 *    (whitespace and comments aside), else 403 `QUERY_NOT_IN_SAFELIST`; nothing is registered.
 */
export function usePersistedDocuments(settings: PersistedDocumentsSettings, trusted = TrustedDocuments.load(settings.manifests)): GatewayPlugin {
  const registered = settings.apq && !settings.safelist ? new LRUCache<string, string>({ max: settings.apqMaxDocuments }) : null;
  // Documents to register once they validate, by the request that sent them.
  const registrations = new WeakMap<object, { hash: string; query: string }>();

  /** The parameters to run, or the refusal: the same for HTTP and graphql-ws. */
  function resolve(params: GraphQLParams, client: string | null, own: boolean, request: object | undefined): GraphQLParams | GraphQLError {
    const refuse = (message: string, code: string, status: number, extra: Record<string, unknown> = {}) =>
      new GraphQLError(message, { extensions: { code, ...extra, ...(request ? { http: { status } } : {}) } });
    const notInList = (id: string) =>
      refuse(`Persisted document '${id}' is not in the persisted documents${client ? ` of client '${client}' or those` : ''} shared by every client.`, 'PERSISTED_QUERY_NOT_IN_LIST', 404);
    const safelisted = (document: string) => !settings.safelist || own || trusted.includes(document, client);
    const extension = (params.extensions as Record<string, unknown> | undefined)?.persistedQuery;
    const query = typeof params.query === 'string' && params.query !== '' ? params.query : undefined;

    if (extension === undefined) {
      return query !== undefined && !safelisted(query) ? refuse(SAFELIST_MESSAGE, 'QUERY_NOT_IN_SAFELIST', 403) : params;
    }
    const { version, sha256Hash: id } = (extension ?? {}) as { version?: unknown; sha256Hash?: unknown };
    if (version !== 1 || typeof id !== 'string' || id === '') {
      return refuse('Unsupported persisted query: extensions.persistedQuery needs version 1 and a sha256Hash.', 'BAD_USER_INPUT', 400, { reason: 'PERSISTED_QUERY_VERSION' });
    }
    const extensions = { ...(params.extensions as Record<string, unknown>) };
    delete extensions.persistedQuery;

    if (query === undefined) {
      const document = trusted.lookup(id, client) ?? (settings.safelist ? undefined : registered?.get(id));
      persistedLookups.inc({ outcome: document === undefined ? 'miss' : 'hit' });
      if (document !== undefined) return { ...params, query: document, extensions };
      if (settings.safelist) return notInList(id);
      if (!registered) return trusted.size > 0 ? notInList(id) : refuse('PersistedQueryNotSupported', 'PERSISTED_QUERY_NOT_SUPPORTED', 200);
      return refuse('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND', 200);
    }
    // The document with its hash: Apollo's link registering it after a PersistedQueryNotFound. Only
    // a document whose SHA-256 is the hash (bare or `sha256:`-prefixed) is registered, so nobody can
    // put another document under a hash a client will send. Any other (a client preset's ID is the
    // hash of its own normalised print, never of what Apollo Client sends) runs like a document sent
    // whole, unregistered.
    if (!safelisted(query)) return refuse(SAFELIST_MESSAGE, 'QUERY_NOT_IN_SAFELIST', 403);
    const hash = createHash('sha256').update(query).digest('hex');
    if (registered && request && (id === hash || id === `sha256:${hash}`)) registrations.set(request, { hash: id, query });
    return { ...params, extensions };
  }

  return {
    // Over HTTP, as soon as the request is parsed: the runtime refuses parameters without a document
    // before any plugin's onParams could supply it.
    onRequestParse({ request, serverContext }) {
      const client = clientName(request.headers, undefined);
      const own = (serverContext as OwnDocumentContext).ownDocument === true;
      return {
        onRequestParseDone({ requestParserResult, setRequestParserResult }) {
          const each = (params: GraphQLParams) => {
            const resolved = resolve(params, client, own, request);
            if (resolved instanceof GraphQLError) throw resolved;
            return resolved;
          };
          setRequestParserResult(Array.isArray(requestParserResult) ? requestParserResult.map(each) : each(requestParserResult));
        },
      };
    },
    // graphql-ws (no HTTP request) comes here only, and only with a document (the runtime refuses
    // one without first): the safelist holds there too.
    onParams({ params, request, setResult, context }) {
      if (request) return;
      const server = (context ?? {}) as OwnDocumentContext & { connectionParams?: Record<string, unknown> };
      const resolved = resolve(params, clientName(undefined, server.connectionParams), server.ownDocument === true, undefined);
      if (resolved instanceof GraphQLError) setResult({ errors: [resolved] } as ExecutionResult);
    },
    // Registered only once it has parsed and validated: a hash never names a document that cannot run.
    onValidate({ context }) {
      const request = (context as { request?: object } | undefined)?.request;
      const registration = request ? registrations.get(request) : undefined;
      if (!registration || !registered) return;
      return ({ valid }: { valid: boolean }) => {
        if (valid) registered.set(registration.hash, registration.query);
      };
    },
  };
}

const SAFELIST_MESSAGE = 'This document is not in the persisted documents of your client; only those may run here.';

function clientName(headers: Headers | undefined, connectionParams: Record<string, unknown> | undefined): string | null {
  for (const name of CLIENT_NAME_HEADERS) {
    const value = headers?.get(name) ?? connectionParams?.[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}
