// The API and the web app on one origin (as make run and production serve them): deep links load the app, while the
// API's own refusals keep their status codes instead of becoming the app's 404 (wrong method 405, wrong content type 415).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseUrl } from '../support/browser.mjs';

describe('one origin for the API and the web app', () => {
  it('serves index.html for a deep link, and 404 problem details for an unknown API path', async () => {
    const page = await fetch(`${baseUrl}/objectives/00000000-0000-0000-0000-000000000001`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /<div id="root">/);
    const unknown = await fetch(`${baseUrl}/api/v1/no-such-thing`);
    assert.equal(unknown.status, 404);
    assert.doesNotMatch(await unknown.text(), /<html/i);
  });

  it('sends the web app and the API compressed, Brotli first, and never a token answer', async () => {
    const index = await fetch(`${baseUrl}/`, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(index.headers.get('content-encoding'), 'br');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    assert.ok(script, 'index.html names its script');
    for (const [asked, answered] of [['br', 'br'], ['gzip', 'gzip'], ['gzip, deflate, br', 'br']]) {
      const response = await fetch(`${baseUrl}${script}`, { headers: { 'Accept-Encoding': asked } });
      assert.equal(response.headers.get('content-encoding'), answered, `the main script, asked for ${asked}`);
      assert.match(response.headers.get('vary') ?? '', /Accept-Encoding/);
      assert.ok((await response.text()).length > 1000, 'and it reads back whole');
    }
    const token = await fetch(`${baseUrl}/api/v1/auth/token`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Encoding': 'br, gzip' },
      body: JSON.stringify({ email: 'ceo@demo.okr', password: 'okr-demo-password' }),
    });
    assert.equal(token.status, 200);
    assert.equal(token.headers.get('content-encoding'), null);
  });

  it('keeps 405 for a method the API path does not take and 415 for a body type it does not read', async () => {
    const method = await fetch(`${baseUrl}/api/v1/periods`, { method: 'DELETE' });
    assert.equal(method.status, 405);
    const type = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'email=x' });
    assert.equal(type.status, 415);
    assert.match(type.headers.get('content-type') ?? '', /application\/problem\+json/);
  });

  it('takes a PATCH as JSON Merge Patch (application/merge-patch+json), null clearing a field', async () => {
    const signIn = await fetch(`${baseUrl}/api/v1/auth/token`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'ceo@demo.okr', password: 'okr-demo-password' }),
    });
    const { accessToken } = await signIn.json();
    const auth = { Authorization: `Bearer ${accessToken}` };
    const list = await (await fetch(`${baseUrl}/api/v1/objectives?state=active&pageSize=1`, { headers: auth })).json();
    const objective = list.items[0];
    const set = await fetch(`${baseUrl}/api/v1/objectives/${objective.id}`, {
      method: 'PATCH', headers: { ...auth, 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${objective.version}"` },
      body: JSON.stringify({ description: 'Set by a merge patch' }),
    });
    assert.equal(set.status, 200);
    const afterSet = await set.json();
    assert.equal(afterSet.description, 'Set by a merge patch');
    assert.equal(afterSet.title, objective.title, 'a field the patch did not name stays');
    const cleared = await fetch(`${baseUrl}/api/v1/objectives/${objective.id}`, {
      method: 'PATCH', headers: { ...auth, 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${afterSet.version}"` },
      body: JSON.stringify({ description: null }),
    });
    assert.equal(cleared.status, 200);
    assert.equal((await cleared.json()).description, null);
  });
});
