// The newcomer's path through the web app, in Debian's Chromium against the real API on PostgreSQL:
// sign in, set an objective with two key results aligned to a team objective (after the form shows a
// validation error), check in, and find the progress on the objective page and in the alignment tree.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { artifacts, axe, baseUrl, launch, signIn } from '../support/browser.mjs';

mkdirSync(artifacts, { recursive: true });
const title = `Make onboarding delightful ${Date.now()}`;

describe('setting and tracking an OKR', () => {
  let browser;
  let page;

  before(async () => {
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => browser?.close());

  const shot = (name) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

  it('signs in and shows my OKRs', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in to Okr' }).waitFor();
    assert.deepEqual(await axe(page), [], 'sign-in page');
    await signIn(page, 'sam@demo.okr');
    await page.getByRole('heading', { name: 'Customer Success' }).waitFor();
    // Sam owns key results on the company's objective: My OKRs shows it, once, beside his teams' objectives.
    const elsewhere = page.getByRole('region', { name: 'Key results you own on other objectives' });
    await elsewhere.getByText('Improve customer retention').waitFor();
    assert.equal(await elsewhere.getByText('Make every customer feel heard').count(), 0, 'a team objective of his own team is shown under the team');
    // The session: the refresh token in an HttpOnly, SameSite=Strict cookie; nothing a script can read holds a token.
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'okr_refresh');
    assert.ok(cookie, 'the session cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/api/v1/auth/session');
    const readable = await page.evaluate(() => document.cookie + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.doesNotMatch(readable, /okr_rt_|eyJ/, 'no refresh or access token in script-readable storage');
    await shot('01-my-okrs');
    assert.deepEqual(await axe(page), [], 'my OKRs page');
  });

  it('shows a validation error in the form, then creates an objective with two key results aligned to a team objective', async () => {
    await page.getByRole('link', { name: 'New objective' }).click();
    await page.getByLabel('I will…').fill(title);
    await page.getByLabel('Search objectives to align to').fill('feel heard');
    await page.getByRole('listbox', { name: 'Aligns to' }).selectOption({ label: 'Team · Customer Success · Make every customer feel heard' });

    await page.getByLabel('What will you measure?').fill('Reduce time to first value from 24 to 4 days');
    await page.getByLabel('Direction').selectOption('decrease');
    await page.getByLabel('From', { exact: true }).fill('24');
    // No target yet: the API refuses, and the form says so next to the field.
    await page.getByRole('button', { name: 'Publish objective' }).click();
    await page.getByText('A metric key result needs a target').waitFor();
    await shot('02-validation-error');
    assert.deepEqual(await axe(page), [], 'objective form with an error');

    await page.getByLabel('To', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Add a key result' }).click();
    const second = page.getByRole('group', { name: 'Key result 2' });
    await second.getByLabel('What will you measure?').fill('Increase onboarding CSAT from 80% to 90%');
    await second.getByLabel('From', { exact: true }).fill('80');
    await second.getByLabel('To', { exact: true }).fill('90');
    await second.getByLabel('Unit').selectOption('percent');
    await page.getByRole('button', { name: 'Publish objective' }).click();

    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 3 }).count(), 2);
    await page.getByRole('link', { name: 'Make every customer feel heard' }).waitFor(); // the breadcrumb names the parent
    await shot('03-objective');
    assert.deepEqual(await axe(page), [], 'objective page');
  });

  it('checks in on a key result and sees the progress move', async () => {
    const kr = page.getByRole('article', { name: 'Reduce time to first value from 24 to 4 days' });
    await kr.getByRole('button', { name: 'Check in' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/New value/).fill('14');
    await dialog.getByLabel(/Confidence/).fill('7');
    await dialog.getByLabel('Note').fill('Welcome checklist shipped');
    assert.deepEqual(await axe(page), [], 'check-in dialog');
    await dialog.getByRole('button', { name: 'Save check-in' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // (24 − 14) / (24 − 4) = 50% for the key result; the objective averages 50% and 0%.
    await page.waitForFunction(() => document.querySelector('[aria-label^="Progress of Reduce time"]')?.getAttribute('aria-valuenow') === '50');
    await page.waitForFunction((t) => document.querySelector(`[aria-label="Progress of ${t}"]`)?.getAttribute('aria-valuenow') === '25', title);

    await kr.getByRole('button', { name: 'Show history' }).click();
    await kr.getByText('Welcome checklist shipped').waitFor();
    await kr.locator('.recharts-surface').first().waitFor();
    await shot('04-check-in-history');
    assert.deepEqual(await axe(page), [], 'objective page with history');
  });

  it('finds the objective and its progress in the alignment tree', async () => {
    await page.getByRole('link', { name: 'Alignment', exact: true }).first().click();
    await page.getByRole('tree', { name: 'Alignment tree' }).waitFor();
    await page.getByLabel('Search').fill('onboarding delightful');
    const item = page.getByRole('treeitem', { name: new RegExp(title) });
    await item.waitFor();
    // The tree may first show what it had cached, then the fresh numbers: wait for them.
    await page.waitForFunction((t) => document.querySelector(`[role=treeitem] [aria-label="Progress of ${t}"]`)?.getAttribute('aria-valuenow') === '25', title, { timeout: 10_000 });
    await shot('05-alignment-tree');
    assert.deepEqual(await axe(page), [], 'alignment page');

    // Keyboard: the tree is reachable and Enter opens the focused objective.
    await item.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
  });

  it('shows team, company and admin screens without accessibility problems', async () => {
    for (const [path, heading, name] of [
      ['/teams', 'Teams', '06-teams'],
      ['/company', 'Acme Outdoor', '07-company'],
    ]) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await shot(name);
      assert.deepEqual(await axe(page), [], path);
    }

    // People's names sit in <bdi>: whatever characters a name holds, "(lead)" after it reads as written.
    await page.goto(`${baseUrl}/teams`);
    await page.getByRole('link', { name: 'Customer Success' }).first().click();
    // (The team's due check-ins name people in <bdi> too; the member list is where "(lead)" follows the name.)
    // The name links to the person's page; "(lead)" follows the link.
    const lead = page.locator(':has(> a > bdi)').filter({ hasText: '(lead)' }).first();
    await lead.waitFor();
    assert.equal(await lead.locator('bdi').first().innerText(), 'Sam Rivera');
    assert.equal((await lead.innerText()).trim(), 'Sam Rivera (lead)');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in?signed-out');
    await page.getByRole('heading', { name: 'Sign in to Okr' }).waitFor();
    await signIn(page, 'ceo@demo.okr');
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    await page.getByRole('table').waitFor();
    await shot('08-admin');
    assert.deepEqual(await axe(page), [], 'admin page');

    // An integration's credentials: created here, the secret shown once.
    await page.getByRole('tab', { name: 'API clients' }).click();
    await page.getByLabel('Name').fill('CRM sync');
    await page.getByLabel('Scope').selectOption('write');
    await page.getByRole('button', { name: 'Create API client' }).click();
    await page.getByText('Copy the secret now').waitFor();
    await page.getByRole('button', { name: 'Revoke CRM sync' }).waitFor();
    await shot('09-api-clients');
    assert.deepEqual(await axe(page), [], 'API clients tab');

    // Bulk import: check a CSV file first, then import it and see what changed; then export it back.
    const now = new Date();
    const period = `${now.getUTCFullYear()} Q${Math.floor(now.getUTCMonth() / 3) + 1}`; // the demo organisation's period
    const csv = `${artifacts}import.csv`;
    writeFileSync(csv, 'objective_external_id,objective_title,period,team,key_result_external_id,key_result_title,direction,baseline,target\r\n' +
      `E2E-1,"Answer every ticket, fast",${period},support,E2E-K1,Reduce reply time from 48 to 24 hours,decrease,48,24\r\n`);
    await page.getByRole('tab', { name: 'Import & export' }).click();
    await page.getByLabel('File').setInputFiles(csv);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('Nothing was written yet').waitFor();
    assert.match(await page.getByRole('row', { name: /Objectives/ }).innerText(), /1/);
    assert.deepEqual(await axe(page), [], 'import tab after a dry run');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported 1 record in').waitFor();
    // The objective and its key result, in Recent imports twice (the check and the import) once the list has been read again.
    await page.getByRole('cell', { name: '2 created, 0 updated, 0 unchanged' }).nth(1).waitFor();
    assert.equal(await page.getByRole('cell', { name: '2 created, 0 updated, 0 unchanged' }).count(), 2);
    await shot('09b-import');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    assert.match(readFileSync(await download.path(), 'utf8'), /E2E-1,"Answer every ticket, fast"/);

    await page.goto(`${baseUrl}/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    assert.deepEqual(await axe(page), [], 'account page');
  });

  it('fits a 375 px wide phone screen', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of ['/', '/alignment', '/objectives/new', '/periods', '/conversations']) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 375 px`);
    }
    await shot('10-phone-new-objective');
  });

  it('checks in from the due list, scores and closes the quarter, and carries an objective over', async () => {
    // As Maya, the CEO (an admin), in a context of her own.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const maya = await context.newPage();
    try {
      await signIn(maya, 'ceo@demo.okr');
      const due = maya.getByRole('region', { name: /Needs a check-in/ });
      await due.waitFor();
      const revenue = 'Increase monthly recurring revenue from 1.2M to 1.5M EUR';
      await due.getByRole('button', { name: `Check in: ${revenue}` }).click();
      const dialog = maya.getByRole('dialog', { name: `Check in: ${revenue}` });
      await dialog.getByLabel(/New value/).fill('1400000');
      await dialog.getByRole('button', { name: 'Save check-in' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await maya.getByRole('button', { name: `Check in: ${revenue}` }).waitFor({ state: 'detached' });

      await maya.getByRole('link', { name: 'Periods' }).click();
      await maya.getByRole('heading', { name: 'Closing review' }).waitFor();
      assert.deepEqual(await axe(maya), [], 'period page');
      // Score one objective by hand: it is closed with that score.
      const retention = maya.getByRole('row', { name: /Improve customer retention/ });
      await retention.getByLabel('Score of Improve customer retention, in percent').fill('80');
      await retention.getByLabel('Closing comment for Improve customer retention').fill('Churn fell, referrals lagged');
      await retention.getByRole('button', { name: 'Score and close' }).click();
      await retention.getByRole('button', { name: 'Update score' }).waitFor();

      // Carry one unfinished objective into the next quarter.
      const carry = maya.getByRole('region', { name: 'Carry over' });
      for (const box of await carry.getByRole('checkbox').all()) await box.uncheck();
      await carry.getByRole('checkbox', { name: /Grow revenue sustainably/ }).check();
      await carry.getByText(/Comes along: Increase monthly recurring revenue/).waitFor();
      await carry.getByRole('button', { name: 'Carry over 1 objective' }).click();
      await carry.getByRole('status').filter({ hasText: 'Carried over 1 objective' }).waitFor();

      // Close the quarter: everything still open is scored with its progress; the page says it is read-only.
      await maya.getByRole('button', { name: 'Close period' }).click();
      const confirm = maya.getByRole('dialog', { name: /^Close / });
      await confirm.getByRole('button', { name: 'Close period' }).click();
      await maya.getByText(/Closed: its OKRs are read-only/).waitFor();
      await maya.getByRole('heading', { name: 'How the period ended' }).waitFor();
      const summary = maya.getByRole('region', { name: 'How the period ended' });
      assert.match(await summary.innerText(), /Achieved \(≥ 70%\)/);
      assert.equal(await maya.getByRole('button', { name: 'Score and close' }).count(), 0, 'nothing is left open');
      await maya.screenshot({ path: `${artifacts}11-period-closed.png`, fullPage: true });
      assert.deepEqual(await axe(maya), [], 'closed period page');

      // The carried objective links to its copy, and the copy back.
      await maya.getByRole('row', { name: /Grow revenue sustainably/ }).getByRole('link', { name: 'carried over →' }).click();
      await maya.getByRole('heading', { level: 1, name: 'Grow revenue sustainably' }).waitFor();
      await maya.getByText('Carried over from').waitFor();
    } finally {
      await context.close();
    }
  });

  it('schedules a 1:1, prepares it from its packet, and carries an open action item to the next one', async () => {
    // As Sam, Priya's manager.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const sam = await context.newPage();
    try {
      await signIn(sam, 'sam@demo.okr');
      await sam.getByRole('link', { name: '1:1s' }).click();
      await sam.getByRole('heading', { name: 'My reports' }).waitFor();
      assert.deepEqual(await axe(sam), [], '1:1s page');
      await sam.getByRole('button', { name: 'Schedule 1:1 with Priya Patel' }).click();
      await sam.getByRole('button', { name: 'Schedule', exact: true }).click();

      // The new conversation opens with its packet: what changed for Priya since her last 1:1.
      await sam.getByRole('heading', { name: 'What changed' }).waitFor();
      await sam.getByRole('list', { name: 'Highlights' }).waitFor();
      await sam.getByRole('button', { name: 'Add “Publish the billing FAQ” to the agenda' }).click();
      const agenda = sam.getByRole('region', { name: 'Agenda' });
      await agenda.getByText('Publish the billing FAQ').waitFor();

      const actions = sam.getByRole('region', { name: 'Action items' });
      await actions.getByLabel('New action item').fill('Send the FAQ draft to Finance');
      await actions.getByRole('button', { name: 'Add action item' }).click();
      await actions.getByText('Send the FAQ draft to Finance').waitFor();
      await sam.getByLabel(/Shared notes/).fill('FAQ nearly there; Finance to review.');
      await sam.getByText('Saved').first().waitFor();
      await sam.screenshot({ path: `${artifacts}12-conversation.png`, fullPage: true });
      assert.deepEqual(await axe(sam), [], 'conversation page');

      await sam.getByRole('button', { name: 'Mark as held' }).click();
      await sam.getByRole('button', { name: /Schedule next/ }).click();
      // The next one: the open action item is back, under what is still open from earlier 1:1s.
      await sam.getByRole('heading', { name: 'Still open from earlier 1:1s' }).waitFor();
      await sam.getByRole('region', { name: 'Action items' }).getByText('Send the FAQ draft to Finance').waitFor();
      assert.match(await sam.getByRole('heading', { level: 1 }).innerText(), /Priya Patel and Sam Rivera/);
    } finally {
      await context.close();
    }
  });

  it('invites someone who sets their own password, and resets a password from a link', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const maya = await context.newPage();
    const invitee = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    try {
      await signIn(maya, 'ceo@demo.okr');
      await maya.goto(`${baseUrl}/admin`);
      await maya.getByRole('tab', { name: 'People' }).click();
      const form = maya.locator('form', { has: maya.getByRole('heading', { name: 'Invite someone' }) });
      await form.getByLabel('Email').fill('new.hire@demo.okr');
      await form.getByLabel('Name').fill('New Hire');
      await form.getByRole('button', { name: 'Send invitation' }).click();
      // No mail server in this run: the link is shown once, to pass on.
      const link = await maya.getByRole('status').getByRole('link').first().getAttribute('href');
      assert.match(link, /\/invitation\?token=/);
      await maya.getByRole('table', { name: 'Invitations waiting' }).getByText('new.hire@demo.okr').waitFor();
      assert.deepEqual(await axe(maya), [], 'people with an invitation');

      await invitee.goto(link);
      await invitee.getByRole('heading', { name: 'Welcome to Okr' }).waitFor();
      assert.deepEqual(await axe(invitee), [], 'invitation page');
      await invitee.getByLabel('New password').fill('short');
      await invitee.getByLabel('Repeat the password').fill('short');
      await invitee.getByRole('button', { name: 'Join' }).click();
      await invitee.getByRole('alert').filter({ hasText: 'at least 10 characters' }).waitFor();
      await invitee.getByLabel('New password').fill('a-good-long-password');
      await invitee.getByLabel('Repeat the password').fill('a-good-long-password');
      await invitee.getByRole('button', { name: 'Join' }).click();
      await invitee.getByRole('heading', { name: 'My OKRs' }).waitFor();

      // A reset link from an admin: the person chooses a new password and is signed in with it.
      await maya.getByRole('button', { name: 'Send Lena Fischer a reset link' }).click();
      const reset = await maya.getByRole('status').filter({ hasText: 'reset link' }).getByRole('link').getAttribute('href');
      const lena = await (await browser.newContext()).newPage();
      await lena.goto(reset);
      await lena.getByLabel('New password').fill('lenas-new-password');
      await lena.getByLabel('Repeat the password').fill('lenas-new-password');
      await lena.getByRole('button', { name: 'Save and sign in' }).click();
      await lena.getByRole('heading', { name: 'My OKRs' }).waitFor();
      // The same link again: spent.
      await lena.goto(reset);
      await lena.getByLabel('New password').fill('another-long-password');
      await lena.getByLabel('Repeat the password').fill('another-long-password');
      await lena.getByRole('button', { name: 'Save and sign in' }).click();
      await lena.getByRole('alert').filter({ hasText: 'does not work any more' }).waitFor();

      // "Forgot password" answers the same for anyone.
      await lena.goto(`${baseUrl}/forgot-password`);
      await lena.getByLabel('Email').fill('nobody@demo.okr');
      await lena.getByRole('button', { name: 'Send the link' }).click();
      await lena.getByRole('status').filter({ hasText: 'If an account uses this email' }).waitFor();
      assert.deepEqual(await axe(lena), [], 'forgot password page');
    } finally {
      await context.close();
    }
  });

  it('signs in with the company provider and lands on the page it started from', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tom = await context.newPage();
    try {
      await tom.goto(`${baseUrl}/teams`);
      await tom.getByRole('heading', { name: 'Sign in to Okr' }).waitFor();
      await tom.getByRole('link', { name: 'Sign in with Test IdP' }).click();
      // At the provider (a real OpenID Connect provider on this machine): its own sign-in form.
      await tom.getByRole('heading', { name: 'Test identity provider' }).waitFor();
      await tom.getByLabel('Email').fill('tom@demo.okr');
      await tom.getByLabel('Password').fill('issuer-password');
      await tom.getByRole('button', { name: 'Continue' }).click();
      await tom.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
      assert.equal(new URL(tom.url()).pathname, '/teams');
      const [cookie] = (await context.cookies()).filter((c) => c.name === 'okr_refresh');
      assert.ok(cookie?.httpOnly, 'the same HttpOnly session cookie as a password sign-in');
      // The session survives a reload like any other.
      await tom.reload();
      await tom.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();

      // Someone the provider knows but Okr does not: back on the sign-in page, told why in words.
      const stranger = await (await browser.newContext()).newPage();
      await stranger.goto(`${baseUrl}/sign-in`);
      await stranger.getByRole('link', { name: 'Sign in with Test IdP' }).click();
      await stranger.getByLabel('Email').fill('stranger@demo.okr');
      await stranger.getByLabel('Password').fill('issuer-password');
      await stranger.getByRole('button', { name: 'Continue' }).click();
      await stranger.getByRole('alert').filter({ hasText: 'not in Okr yet' }).waitFor();
      await stranger.screenshot({ path: `${artifacts}13-sso-refused.png`, fullPage: true });
      assert.deepEqual(await axe(stranger), [], 'sign-in page with the provider button and a refusal');
    } finally {
      await context.close();
    }
  });

  it('keeps deep links working on reload', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/alignment`);
    await page.reload();
    // After a reload the page has no access token: it renews from the cookie, without asking anyone to sign in.
    await page.getByRole('heading', { level: 1, name: 'Alignment' }).waitFor();
    await page.getByRole('treegrid').or(page.getByRole('tree')).or(page.getByRole('table')).first().waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Sign in to Okr' }).count(), 0);
  });
});
