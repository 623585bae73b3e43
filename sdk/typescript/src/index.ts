/**
 * @okr/client: the Okr API as typed functions. `createOkrClient` answers an openapi-fetch client whose paths, bodies and
 * answers are the types generated from openapi.yaml (src/api.gen.ts), and which signs in by itself: an API client's id
 * and secret are exchanged for an access token with the OAuth 2.0 client-credentials grant (RFC 6749 section 4.4) at
 * POST /api/v1/auth/token, renewed a minute before it expires.
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./api.gen.js";

export type { components, paths };
/** Every schema of the contract by name, e.g. `Schemas["Objective"]`. */
export type Schemas = components["schemas"];

/** An API client's credentials (Admin → API clients, or POST /api/v1/api-clients). */
export interface ClientCredentials {
  clientId: string;
  /** okr_cs_…, shown once when the client was created. */
  clientSecret: string;
}

export interface OkrClientOptions {
  /** Okr's address, e.g. "https://okr.example.com" (without /api/v1). */
  baseUrl: string;
  /** Sign in as an API client; or pass `accessToken`. */
  credentials?: ClientCredentials;
  /** A bearer token you already hold (a person's access token, say). */
  accessToken?: string;
  /** Your own fetch (to log, to add a proxy); the global fetch otherwise. */
  fetch?: (request: Request) => Promise<Response>;
}

/** A typed client; every call answers `{ data, error, response }` (openapi-fetch), errors as problem details. */
export function createOkrClient(options: OkrClientOptions): Client<paths> {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const client = createClient<paths>({ baseUrl, fetch: send });
  const token = options.credentials
    ? clientCredentials(baseUrl, options.credentials, send)
    : options.accessToken
      ? () => Promise.resolve(options.accessToken as string)
      : undefined;
  if (token) {
    client.use({
      async onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${await token()}`);
        return request;
      },
    });
  }
  return client;
}

/**
 * A function answering a valid access token for the client credentials: cached, renewed 60 s before `expires_in` runs
 * out, one request at a time. Throws an Error naming the RFC 6749 error (invalid_client, …) when refused.
 */
export function clientCredentials(
  baseUrl: string,
  { clientId, clientSecret }: ClientCredentials,
  send: (request: Request) => Promise<Response> = (request) => fetch(request),
): () => Promise<string> {
  let current: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const obtain = async (): Promise<string> => {
    // RFC 6749 section 2.3.1: id and secret are form-urlencoded, then joined for HTTP Basic.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64");
    const response = await send(
      new Request(`${baseUrl.replace(/\/+$/, "")}/api/v1/auth/token`, {
        method: "POST",
        headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials" }).toString(),
      }),
    );
    const body = (await response.json()) as { access_token?: string; expires_in?: number; error?: string };
    if (!response.ok || !body.access_token) {
      throw new Error(`The token endpoint refused the client credentials (${response.status} ${body.error ?? ""}).`);
    }
    current = { token: body.access_token, renewAt: Date.now() + Math.max(0, (body.expires_in ?? 0) - 60) * 1000 };
    return body.access_token;
  };
  return () => {
    if (current && Date.now() < current.renewAt) return Promise.resolve(current.token);
    pending ??= obtain().finally(() => (pending = undefined));
    return pending;
  };
}
