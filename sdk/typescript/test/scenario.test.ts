// The TypeScript SDK scenario of `make test`: an integrator's journey with @okr/client against a live API
// (OKR_SDK_URL, OKR_SDK_ADMIN_EMAIL, OKR_SDK_ADMIN_PASSWORD), checking that every body sent holds only what was set.
import assert from "node:assert/strict";
import { test } from "node:test";
import { clientCredentials, createOkrClient } from "../src/index.js";

const baseUrl = process.env.OKR_SDK_URL ?? "http://127.0.0.1:5080";
const adminEmail = process.env.OKR_SDK_ADMIN_EMAIL ?? "admin@okr.local";
const adminPassword = process.env.OKR_SDK_ADMIN_PASSWORD ?? "okr-admin-password";
const stamp = Date.now().toString();

/** Every request as the client sent it. */
const sent: { method: string; path: string; body: unknown }[] = [];
const recording = async (request: Request): Promise<Response> => {
  const text = request.body ? await request.clone().text() : "";
  sent.push({ method: request.method, path: new URL(request.url).pathname, body: text && request.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text });
  return fetch(request);
};
const lastBody = (method: string, path: string): Record<string, unknown> => {
  const found = sent.filter((r) => r.method === method && r.path === path).at(-1);
  assert.ok(found, `the client sent no ${method} ${path}`);
  return found.body as Record<string, unknown>;
};
/** The body carries exactly the properties named, none null. */
const sentExactly = (body: unknown, what: string, ...names: string[]) => {
  const object = body as Record<string, unknown>;
  assert.deepEqual(Object.keys(object).sort(), [...names].sort(), `${what}: the client sent other properties than the scenario set`);
  for (const [key, value] of Object.entries(object)) assert.notEqual(value, null, `${what}: ${key} was sent as null`);
};
const unchangedExcept = (before: Record<string, unknown>, after: Record<string, unknown>, what: string, ...changed: string[]) => {
  for (const key of Object.keys(before)) {
    if (!changed.includes(key)) assert.deepEqual(after[key], before[key], `${what}: '${key}' changed although the scenario did not set it`);
  }
};

test("an integrator's journey with @okr/client", async () => {
  // An admin signs in with email and password and creates an API client with the import scope.
  const anonymous = createOkrClient({ baseUrl, fetch: recording });
  const signIn = await anonymous.POST("/api/v1/auth/token", { body: { email: adminEmail, password: adminPassword } });
  assert.ok(signIn.data && "accessToken" in signIn.data, `signing in failed: ${JSON.stringify(signIn.error)}`);
  const admin = createOkrClient({ baseUrl, accessToken: signIn.data.accessToken, fetch: recording });
  const created = await admin.POST("/api/v1/api-clients", { body: { name: `sdk typescript ${stamp}`, scope: "import" } });
  assert.ok(created.data, `creating the API client failed: ${JSON.stringify(created.error)}`);
  const credentials = { clientId: created.data.client.id, clientSecret: created.data.clientSecret };

  // The API client signs in with OAuth 2.0 client credentials.
  const api = createOkrClient({ baseUrl, credentials, fetch: recording });
  const token = clientCredentials(baseUrl, credentials);
  const read = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${await token()}` } });
    assert.equal(response.status, 200, `GET ${path}`);
    return (await response.json()) as Record<string, unknown>;
  };
  // The admin opens a period of its own for the scenario: create it, then set only its state to active.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const planned = await admin.POST("/api/v1/periods", { body: { label: `SDK typescript ${stamp}`, startDate: day(-7), endDate: day(80) } });
  assert.equal(planned.data?.state, "planning", `creating the period failed: ${JSON.stringify(planned.error)}`);
  const opened = await admin.PATCH("/api/v1/periods/{id}", {
    params: { path: { id: planned.data.id }, header: { "If-Match": `"${planned.data.version}"` } },
    body: { state: "active" },
  });
  sentExactly(lastBody("PATCH", `/api/v1/periods/${planned.data.id}`), "update period", "state");
  const period = opened.data;
  assert.ok(period?.state === "active", `opening the period failed: ${JSON.stringify(opened.error)}`);
  const team = (await api.GET("/api/v1/teams")).data?.items.find((t) => !t.archived);
  assert.ok(team, "no team to set the objective for");

  // Creates an objective with two key results.
  const objective = await api.POST("/api/v1/objectives", {
    body: {
      title: `TypeScript: make onboarding effortless ${stamp}`,
      periodId: period.id,
      teamId: team.id,
      keyResults: [
        { title: "Teams active in their first week", type: "metric", direction: "increase", unit: "teams", baseline: 10, target: 40 },
        { title: "Support tickets about sign-up", type: "metric", direction: "decrease", unit: "tickets", baseline: 30, target: 5 },
      ],
    },
  });
  assert.ok(objective.data, `creating the objective failed: ${JSON.stringify(objective.error)}`);
  assert.equal(objective.data.keyResults.length, 2);
  assert.equal(objective.data.state, "active", "the server's default state");
  const sentObjective = lastBody("POST", "/api/v1/objectives");
  sentExactly(sentObjective, "create objective", "title", "periodId", "teamId", "keyResults");
  sentExactly((sentObjective.keyResults as unknown[])[0], "first key result", "title", "type", "direction", "unit", "baseline", "target");

  // Checks in on the first key result.
  const keyResult = objective.data.keyResults.find((k) => k.unit === "teams");
  assert.ok(keyResult);
  const krBefore = await read(`/api/v1/key-results/${keyResult.id}`);
  const checkIn = await api.POST("/api/v1/key-results/{id}/check-ins", {
    params: { path: { id: keyResult.id } },
    body: { value: 25, confidence: 7, note: "TypeScript check-in" },
  });
  assert.equal(checkIn.data?.value, 25, `the check-in failed: ${JSON.stringify(checkIn.error)}`);
  sentExactly(lastBody("POST", `/api/v1/key-results/${keyResult.id}/check-ins`), "check-in", "value", "confidence", "note");
  const krAfter = await read(`/api/v1/key-results/${keyResult.id}`);
  assert.equal(krAfter.currentValue, 25);
  unchangedExcept(krBefore, krAfter, "key result after a check-in",
    "currentValue", "progress", "status", "confidence", "lastCheckInAt", "lastCheckInNote", "stale", "version", "modifiedAt");

  // Renames the objective, sending only the title with If-Match.
  const path = `/api/v1/objectives/${objective.data.id}`;
  const before = await read(path);
  const title = `TypeScript: make onboarding delightful ${stamp}`;
  const renamed = await api.PATCH("/api/v1/objectives/{id}", {
    params: { path: { id: objective.data.id }, header: { "If-Match": `"${String(before.version)}"` } },
    body: { title },
  });
  assert.equal(renamed.data?.title, title, `the rename failed: ${JSON.stringify(renamed.error)}`);
  sentExactly(lastBody("PATCH", path), "update objective", "title");
  unchangedExcept(before, await read(path), "objective after a title-only update", "title", "version", "modifiedAt");

  // Reads the alignment tree.
  const tree = await api.GET("/api/v1/alignment", { params: { query: { periodId: period.id } } });
  const node = tree.data?.items.find((n) => n.id === objective.data.id);
  assert.equal(node?.title, title);
  assert.equal(node?.keyResults.length, 2);

  // Imports a person in a team and an objective with a key result, setting no role, state or type.
  const email = `sdk-${stamp}-typescript@example.com`;
  const objectiveKey = `sdk-${stamp}-typescript-objective`;
  const job = await api.POST("/api/v1/imports", {
    body: {
      users: [{ email, displayName: "Sam Importer", teams: [{ team: team.slug }] }],
      objectives: [{ externalId: objectiveKey, title: `TypeScript import ${stamp}`, period: period.label, team: team.slug }],
      keyResults: [{ externalId: `sdk-${stamp}-typescript-kr`, objective: objectiveKey, title: "Imported key result", direction: "increase", baseline: 0, target: 5, unit: "items" }],
    },
  });
  assert.equal(job.data?.status, "succeeded", `the import failed: ${JSON.stringify(job.error)}`);
  assert.equal(job.data?.counts?.users.created, 1);
  const sentImport = lastBody("POST", "/api/v1/imports");
  sentExactly(sentImport, "import", "users", "objectives", "keyResults");
  const sentUser = (sentImport.users as Record<string, unknown>[])[0];
  sentExactly(sentUser, "imported person", "email", "displayName", "teams");
  sentExactly((sentUser?.teams as unknown[])[0], "imported membership", "team");
  const people = (await read(`/api/v1/users?q=${encodeURIComponent(email)}`)).items as { role: string; memberships: { role: string }[] }[];
  assert.equal(people.length, 1);
  assert.equal(people[0]?.role, "member", "nobody set a role: the person is a member");
  assert.equal(people[0]?.memberships[0]?.role, "member", "nobody set a role: the membership is a member's");
  const imported = await api.GET("/api/v1/objectives", { params: { query: { periodId: period.id, externalId: objectiveKey } } });
  assert.equal(imported.data?.items.length, 1);
  assert.equal(imported.data?.items[0]?.state, "active");
  assert.equal(imported.data?.items[0]?.keyResults[0]?.type, "metric");
});
