// The OpenAPI 3.1 document, generated from the API table. zod-openapi turns the zod schemas into
// the document: it is built on zod's own z.toJSONSchema (draft 2020-12, OpenAPI 3.1's dialect),
// renders requests with io 'input' and answers with io 'output' (with a second component when the
// two differ), makes every `.meta({ id })` schema a `components/schemas` $ref, and maps zod objects
// onto path, query and header parameters: all of which a hand-written walk over z.toJSONSchema
// would have to redo. Its 5.x line is kept for Node 20 (6.x needs Node 22).
import { z } from 'zod';
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { ErrorBody } from './common.js';
import type { ApiRoute } from './routes.js';

export type OpenApiDocument = oas31.OpenAPIObject;

export interface ApiInfo {
  title: string;
  version: string;
  description?: string;
}

/** "GET /api/products/:id": how a route is named in `aliasOf` and in error messages. */
export const routeKey = (route: Pick<ApiRoute, 'method' | 'path'>) => `${route.method.toUpperCase()} ${route.path}`;

/** Express's `/api/products/:id` as OpenAPI writes it: `/api/products/{id}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

const pathParamNames = (expressPath: string) => [...expressPath.matchAll(/:(\w+)/g)].map((m) => m[1] as string);

/** The document's own row: served by the gateway beside the table it documents. */
export const OPENAPI_ROUTE: ApiRoute = {
  method: 'get',
  path: '/api/openapi.json',
  summary: 'This document: the public API as OpenAPI 3.1',
  tag: 'Docs',
  auth: 'anyone',
  responses: { 200: { description: 'the OpenAPI 3.1 document', schema: z.looseObject({ openapi: z.string() }) } },
};

/**
 * Every row the gateway documents: the API table, the aliases kept for other shops' clients, and
 * the document's own route (unless the table already holds it).
 */
export function documentedRoutes(table: readonly ApiRoute[], aliases: readonly ApiRoute[]): ApiRoute[] {
  const own = table.some((r) => routeKey(r) === routeKey(OPENAPI_ROUTE)) ? [] : [OPENAPI_ROUTE];
  return [...table, ...aliases, ...own];
}

/**
 * An alias row, with the schemas it leaves out taken from the row it is an alias of. An alias whose
 * original is not documented keeps only its own schemas (the gateway's route test proves that the
 * original is served, and that every served route is documented).
 */
export function resolveAliases(routes: readonly ApiRoute[]): ApiRoute[] {
  const byKey = new Map(routes.map((r) => [routeKey(r), r]));
  return routes.map((route) => {
    const original = route.aliasOf === undefined ? undefined : byKey.get(route.aliasOf);
    if (!original) return route;
    if (original.aliasOf) throw new Error(`${routeKey(route)} is an alias of an alias (${route.aliasOf})`);
    return {
      ...route,
      params: route.params ?? original.params,
      query: route.query ?? original.query,
      headers: route.headers ?? original.headers,
      body: route.body ?? original.body,
      responses: Object.keys(route.responses).length > 0 ? route.responses : original.responses,
    };
  });
}

const SECURITY_SCHEMES: Record<string, oas31.SecuritySchemeObject> = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The `access_token` of POST /api/auth/login. The only credential honoured from another site (CORS) or an app.',
  },
  cookieAuth: {
    type: 'apiKey',
    in: 'cookie',
    name: 'access_token',
    description: 'The HttpOnly cookie POST /api/auth/login sets: honoured for the shop’s own pages, never cross-origin.',
  },
};

const WHO: Record<ApiRoute['auth'], string | undefined> = {
  anyone: undefined,
  user: 'Needs a signed-in user: a Bearer token, or the shop’s cookie.',
  vendor: 'Vendors only: a Bearer token, or the shop’s cookie, of a user with the vendor role.',
  admin: 'Admins only: a Bearer token, or the shop’s cookie, of a user with the admin role.',
};

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

function responses(route: ApiRoute): ZodOpenApiResponsesObject {
  const out: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, { description, schema }] of Object.entries(route.responses)) {
    const body = schema ?? (Number(status) >= 400 ? ErrorBody : undefined);
    out[status] = body ? { description, content: json(body) } : { description };
  }
  // Who may call a route is part of its answers, whether or not its row lists them.
  if (route.auth !== 'anyone') out['401'] ??= { description: 'no token, or a bad or expired one', content: json(ErrorBody) };
  if (route.auth === 'admin') out['403'] ??= { description: 'the token is not an admin’s', content: json(ErrorBody) };
  if (route.auth === 'vendor') out['403'] ??= { description: 'the token is not a vendor’s', content: json(ErrorBody) };
  // Only an alias whose original is not documented has nothing to say of its answers.
  if (Object.keys(out).length === 0) out.default = { description: `as ${route.aliasOf ?? 'documented elsewhere'}` };
  return out as ZodOpenApiResponsesObject;
}

/** `GET /api/products/:id` → `getApiProductsById`: stable, unique, and readable in the docs' links. */
function operationId(route: ApiRoute): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return [route.method, ...words].map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
}

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const names = pathParamNames(route.path);
  // A path parameter must be declared; a row that leaves it out still gets a valid document.
  const path = route.params ?? (names.length > 0 ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined);
  const notes = [route.aliasOf && `Alias of \`${route.aliasOf}\`, kept for the clients of other shops.`, WHO[route.auth]];
  const op: ZodOpenApiOperationObject = {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    responses: responses(route),
  };
  const description = notes.filter(Boolean).join('\n\n');
  if (description) op.description = description;
  if (route.aliasOf) op['x-alias-of'] = route.aliasOf;
  if (route.auth !== 'anyone') {
    op.security = [{ bearerAuth: [] }, { cookieAuth: [] }];
    // The role, for machines (the fuzz test, client generators); the description says it to people.
    op['x-auth'] = route.auth;
  }
  const requestParams = Object.fromEntries(
    Object.entries({ path, query: route.query, header: route.headers }).filter(([, schema]) => schema !== undefined),
  );
  if (Object.keys(requestParams).length > 0) op.requestParams = requestParams;
  if (route.body) {
    op.requestBody = { required: !route.body.safeParse(undefined).success, content: json(route.body) };
  }
  return op;
}

/**
 * The OpenAPI 3.1 document of `routes`: paths in Express style become templates, params, query and
 * headers become parameters, the body a JSON request body, error answers ErrorBody; schemas with
 * `.meta({ id })` become components and their examples stay on them. Alias rows inherit what they
 * leave out from the row named by `aliasOf`. Throws on a route listed twice.
 */
export function buildOpenApiDocument(routes: readonly ApiRoute[], info: ApiInfo): OpenApiDocument {
  const seen = new Set<string>();
  for (const route of routes) {
    if (seen.has(routeKey(route))) throw new Error(`${routeKey(route)} is listed twice`);
    seen.add(routeKey(route));
  }
  const paths: ZodOpenApiPathsObject = {};
  for (const route of resolveAliases(routes)) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  const tags = [...new Set(routes.map((r) => r.tag))].map((name) => ({ name }));
  return createDocument({
    openapi: '3.1.0',
    info: { ...info },
    tags,
    paths,
    components: { securitySchemes: SECURITY_SCHEMES },
  });
}
