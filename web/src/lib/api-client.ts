import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '@/types/api.gen';
import { authStore } from './auth-store';
import { humanise } from './messages';

export type Schemas = components['schemas'];

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

/** A failed API call, with the problem the server described. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `Request failed (${problem.status})`);
    this.name = 'ApiError';
  }

  get status() {
    return this.problem.status;
  }

  /** The message for one field, e.g. "keyResults[0].target", in words for people (the API's own text names fields as the API spells them). */
  fieldError(field: string): string | undefined {
    const message = this.problem.errors?.[field]?.[0];
    return message === undefined ? undefined : humanise(message);
  }
}

// A copy of each request, so that one refused for an expired token can be sent again after renewal.
const copies = new WeakMap<Request, Request>();

const auth: Middleware = {
  async onRequest({ request }) {
    const isAuth = request.url.includes('/api/v1/auth/');
    const { session, expired } = authStore.snapshot();
    if (!isAuth && session && !expired && session.expiresAt <= Date.now()) await authStore.renew();
    const token = authStore.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    // Check-ins made here are recorded with source "web".
    request.headers.set('X-Okr-Client', 'web');
    if (!isAuth) copies.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    const copy = copies.get(request);
    const { session, expired } = authStore.snapshot();
    if (response.status !== 401 || !copy || !session || expired) return response;
    if (!(await authStore.renew())) return response;
    copy.headers.set('Authorization', `Bearer ${authStore.token()}`);
    return globalThis.fetch(copy);
  },
};

// Same origin as the app: the API serves it (make run), or Vite proxies /api to it (npm run dev).
export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  // Looked up on each call (not captured once), so tests and offline shims can stand in for fetch.
  fetch: (request) => globalThis.fetch(request),
});
api.use(auth);

/** Turns an openapi-fetch answer into its data, or throws an ApiError that says what went wrong in words. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch {
    throw new ApiError({ status: 0, title: 'Okr cannot be reached.', detail: 'Check your connection and try again.' });
  }
  if (result.error !== undefined || !result.response.ok) {
    const body = (result.error ?? {}) as Partial<Problem>;
    throw new ApiError({ ...body, status: result.response.status, title: body.title ?? result.response.statusText });
  }
  return result.data as T;
}

/** The version to send in If-Match, taken from a read. */
export const etag = (version: number) => `"${version}"`;
