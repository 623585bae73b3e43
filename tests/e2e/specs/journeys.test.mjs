// Five people's everyday journeys through the web app, each on a desktop and on a 375 px phone, in Debian's Chromium
// against the real API on PostgreSQL (the demo organisation): the employee (keyboard only), the team lead, the CEO, the
// manager and the admin. Every page visited is checked with axe; the screenshots land in tests/artifacts/screenshots/.
// These run before okr.test.mjs (files run in name order, one at a time) and leave the quarter open for it.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { artifacts, axe, baseUrl, launch, signIn } from '../support/browser.mjs';

mkdirSync(artifacts, { recursive: true });

const desktop = { width: 1280, height: 900 };
const phone = { width: 375, height: 812 };

/** Presses Tab until the element has focus, as a keyboard user would; fails when it cannot be reached. */
async function tabTo(page, locator, max = 80) {
  const target = await locator.elementHandle();
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((element) => document.activeElement === element, target)) return;
  }
  throw new Error(`Tab never reached ${locator}`);
}

/** What a phone screen must hold: nothing scrolls sideways, and the header leaves the screen to the content. */
async function fitsPhone(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} scrolls sideways by ${overflow}px at 375 px`);
  const header = await page.locator('header.app-header').boundingBox();
  assert.ok(header && header.height <= 80, `${what}: the header takes ${header?.height}px of the phone's screen`);
}

async function visit(page, path, heading) {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.waitForLoadState('networkidle');
}

describe('everyday journeys', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser?.close());

  /** A fresh browser context (its own session) of the given size, signed in as the person. */
  async function as(email, viewport) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, email);
    return { page, close: () => context.close() };
  }

  it('employee, keyboard only: checks in from the due list, reads the reason and the history, is offered only what she may set', async () => {
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    try {
      // Sign in without a mouse.
      await page.goto(`${baseUrl}/sign-in`);
      await tabTo(page, page.getByLabel('Email'));
      await page.keyboard.type('lena@demo.okr');
      await page.keyboard.press('Tab');
      await page.keyboard.type('okr-demo-password');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'My OKRs' }).waitFor();

      // Her invites key result waits for a check-in: Tab to its button, fill the dialog, save with the keyboard.
      const invites = 'Increase referral invites sent from 300 to 900';
      const due = page.getByRole('region', { name: /Needs a check-in/ });
      await tabTo(page, due.getByRole('button', { name: `Check in: ${invites}` }));
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: `Check in: ${invites}` });
      await dialog.waitFor();
      assert.deepEqual(await axe(page), [], 'check-in dialog');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('520');
      await tabTo(page, dialog.getByLabel('Note'));
      await page.keyboard.type('DKIM fixed; Gmail still flags some invites.');
      await tabTo(page, dialog.getByRole('button', { name: 'Save check-in' }));
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Check-in saved').waitFor();
      // The key result left the list with the button she pressed: focus waits on the list's heading, not the page's top.
      await page.getByText('All caught up: nothing else is due.').waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'due-mine');
      await page.screenshot({ path: `${artifacts}20-employee-checked-in.png`, fullPage: true });
      assert.deepEqual(await axe(page), [], 'my OKRs after a check-in');

      // The objective: the reason sits next to the number, and the history says who changed what.
      await tabTo(page, page.getByRole('link', { name: 'Turn happy customers into referrers' }).first());
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Turn happy customers into referrers' }).waitFor();
      const kr = page.getByRole('article', { name: invites });
      await kr.getByText('DKIM fixed; Gmail still flags some invites.').waitFor();
      const history = page.getByRole('list', { name: 'Changes, newest first' });
      await history.getByText(`Lena Fischer checked in 520 on “${invites}”`).waitFor();
      await page.screenshot({ path: `${artifacts}21-employee-objective.png`, fullPage: true });
      assert.deepEqual(await axe(page), [], 'objective page with its history');

      // A member sets her own objectives: the form does not offer the team's.
      await visit(page, '/objectives/new', 'New objective');
      const whose = page.getByLabel('Whose objective?');
      assert.deepEqual(await whose.locator('option').allInnerTexts(), ['Mine']);
      await page.getByText('Team objectives are set by its leads and admins.').waitFor();
      // A refusal names the field in words, takes focus to it, and goes once the field is changed.
      await page.getByLabel('What will you measure?').fill('Sign up 20 partners');
      await tabTo(page, page.getByRole('button', { name: 'Publish objective' }));
      await page.keyboard.press('Enter');
      const titleField = page.getByLabel('I will…');
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
      assert.equal(await titleField.evaluate((el) => el === document.activeElement), true, 'focus is on the first refused field');
      const message = await page.locator('.field__error').first().innerText();
      assert.doesNotMatch(message, /'[a-z]+[A-Z]?\w*'/, `a message for people, not for developers: ${message}`);
      await page.keyboard.type('Grow the partner channel');
      assert.equal(await titleField.getAttribute('aria-invalid'), null, 'the error goes once the field is changed');
      assert.deepEqual(await axe(page), [], 'objective form after a refusal');
      await page.evaluate(() => sessionStorage.clear());
    } finally {
      await context.close();
    }
  });

  it('employee on a phone: a compact header with a menu, and pages that fit', async () => {
    const { page, close } = await as('lena@demo.okr', phone);
    try {
      await fitsPhone(page, 'my OKRs');
      await page.screenshot({ path: `${artifacts}22-employee-phone.png`, fullPage: true });
      assert.deepEqual(await axe(page), [], 'my OKRs on a phone');
      const menu = page.getByRole('button', { name: 'Menu', exact: true });
      assert.equal(await menu.getAttribute('aria-expanded'), 'false');
      await menu.click();
      assert.equal(await page.getByRole('button', { name: 'Close menu', exact: true }).getAttribute('aria-expanded'), 'true');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alignment' }).click();
      await page.getByRole('heading', { level: 1, name: 'Alignment' }).waitFor();
      await page.getByRole('button', { name: 'Menu', exact: true }).waitFor(); // folded again after choosing
      assert.equal(await page.getByRole('button', { name: 'Menu', exact: true }).getAttribute('aria-expanded'), 'false');
      await fitsPhone(page, 'the alignment tree');
      await page.screenshot({ path: `${artifacts}23-employee-phone-tree.png`, fullPage: true });
      assert.deepEqual(await axe(page), [], 'the tree on a phone');
    } finally {
      await close();
    }
  });

  it('team lead: from the "at risk" chip to what needs attention, sorted, and offered the team objective he may set', async () => {
    const { page, close } = await as('tom@demo.okr', desktop);
    try {
      await visit(page, '/teams', 'Teams');
      const growth = page.getByRole('row', { name: /^Growth/ });
      await growth.getByRole('link', { name: '1 at risk' }).click();
      await page.getByRole('heading', { level: 1, name: 'Needs attention' }).waitFor();
      const table = page.getByRole('table', { name: /Objectives that need attention/ });
      const row = table.getByRole('row', { name: /Turn happy customers into referrers/ });
      await row.waitFor();
      assert.match(await row.innerText(), /low confidence/);
      assert.equal(await page.getByRole('button', { name: /^At risk/ }).getAttribute('aria-pressed'), 'true');
      assert.equal(await table.getByRole('row').count(), 2, 'the header and the one objective at risk in Growth');
      await page.screenshot({ path: `${artifacts}24-lead-attention.png`, fullPage: true });
      assert.deepEqual(await axe(page), [], 'needs attention');

      // Every reason, for Product and the teams below it, the least confident first.
      await page.getByRole('button', { name: /^At risk/ }).click();
      await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Product' });
      // The box follows the address (?below=1), which the router updates a moment after the click.
      await page.getByLabel('Include the teams below').click();
      await page.waitForURL(/below=1/);
      // The list follows the address too: wait for the table that says it is sorted by confidence (its caption) and for
      // the scope in words, not for a row that the previous order also shows.
      await page.getByLabel('Sort by').selectOption('confidence');
      await page.waitForURL(/sort=confidence/);
      const byConfidence = page.getByRole('table', { name: 'Objectives that need attention, lowest confidence first' });
      await page.getByText(/, Product and the teams below it:/).waitFor();
      await byConfidence.getByRole('row', { name: /Turn happy customers into referrers/ }).waitFor();
      assert.match(await byConfidence.getByRole('row').nth(1).innerText(), /Turn happy customers into referrers/, 'confidence 3 comes first');
      // The whole organisation, least confident first: the confidences read in order.
      await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Whole organisation' });
      await page.waitForURL((url) => !url.searchParams.has('team'));
      await page.getByText(/, the whole organisation:/).waitFor();
      await byConfidence.getByRole('row').nth(3).waitFor();
      const confidences = (await byConfidence.getByRole('row').allInnerTexts()).slice(1)
        .map((text) => Number(/lowest confidence (\d+)\/10/.exec(text)?.[1] ?? 11));
      assert.ok(confidences.length >= 3, `several objectives need attention: ${confidences}`);
      assert.deepEqual(confidences, [...confidences].sort((a, b) => a - b), 'sorted by lowest confidence');

      // A lead may set his team's objectives as well as his own.
      await visit(page, '/objectives/new', 'New objective');
      await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Growth' });
      assert.deepEqual(await page.getByLabel('Whose objective?').locator('option').allInnerTexts(), ['Mine', 'The team’s']);
      await page.evaluate(() => sessionStorage.clear());
    } finally {
      await close();
    }
    const mobile = await as('tom@demo.okr', phone);
    try {
      for (const [path, heading] of [['/teams', 'Teams'], ['/attention', 'Needs attention']]) {
        await visit(mobile.page, path, heading);
        await fitsPhone(mobile.page, path);
        assert.deepEqual(await axe(mobile.page), [], `${path} on a phone`);
      }
      await mobile.page.screenshot({ path: `${artifacts}25-lead-phone-attention.png`, fullPage: true });
    } finally {
      await mobile.close();
    }
  });

  it('CEO: finds a person from the search, and lets the company objective count the work aligned to it', async () => {
    const { page, close } = await as('ceo@demo.okr', desktop);
    try {
      await visit(page, '/company', 'Acme Outdoor');
      await page.getByRole('link', { name: 'Needs attention' }).last().waitFor();
      assert.deepEqual(await axe(page), [], 'company page');

      await visit(page, '/alignment', 'Alignment');
      await page.getByLabel('Search').fill('lena');
      await page.getByRole('list', { name: 'People' }).getByRole('link', { name: 'Lena Fischer' }).click();
      await page.getByRole('heading', { level: 1, name: 'Lena Fischer' }).waitFor();
      await page.getByRole('region', { name: /Objectives in/ }).getByText('Launch the referral programme').waitFor();
      await page.getByRole('region', { name: 'Key results they own on other objectives' }).getByText('Improve customer retention').waitFor();
      await page.getByRole('region', { name: 'Teams' }).getByRole('link', { name: 'Growth' }).waitFor();
      await page.screenshot({ path: `${artifacts}26-ceo-person.png`, fullPage: true });
      assert.deepEqual(await axe(page), [], 'person page');

      // Roll-up: the company objective blends its own key results with the objectives aligned to it.
      await page.getByRole('region', { name: 'Key results they own on other objectives' }).getByRole('link', { name: 'Improve customer retention' }).click();
      await page.getByRole('heading', { level: 1, name: 'Improve customer retention' }).waitFor();
      await page.getByText('(from its key results)').waitFor();
      await page.getByRole('link', { name: 'Edit', exact: true }).click();
      await page.getByLabel('Progress comes from').selectOption('both');
      await page.getByLabel('Share from aligned objectives (%)').fill('40');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Objective saved').waitFor();
      await page.getByText('(60% from its key results, 40% from the objectives aligned to it)').waitFor();
      await page.getByRole('list', { name: 'Changes, newest first' }).getByText('progress from:').waitFor();
      await page.screenshot({ path: `${artifacts}27-ceo-rollup.png`, fullPage: true });
      assert.deepEqual(await axe(page), [], 'objective with a blended roll-up');
    } finally {
      await close();
    }
    const mobile = await as('ceo@demo.okr', phone);
    try {
      for (const [path, heading] of [['/company', 'Acme Outdoor'], ['/alignment', 'Alignment']]) {
        await visit(mobile.page, path, heading);
        await fitsPhone(mobile.page, path);
        assert.deepEqual(await axe(mobile.page), [], `${path} on a phone`);
      }
      await mobile.page.screenshot({ path: `${artifacts}28-ceo-phone-company.png`, fullPage: true });
    } finally {
      await mobile.close();
    }
  });

  it("manager: from his team to a report's page with their 1:1s", async () => {
    for (const viewport of [desktop, phone]) {
      const { page, close } = await as('sam@demo.okr', viewport);
      try {
        await visit(page, '/teams', 'Teams');
        await page.getByRole('link', { name: 'Support', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'Support' }).waitFor();
        await page.getByRole('link', { name: 'Priya Patel' }).first().click();
        await page.getByRole('heading', { level: 1, name: 'Priya Patel' }).waitFor();
        const talks = page.getByRole('region', { name: '1:1s' });
        await talks.getByRole('link').first().waitFor();
        assert.ok((await talks.getByRole('link').count()) >= 3, 'the two held 1:1s and the next one');
        if (viewport === phone) await fitsPhone(page, "a report's page");
        await page.screenshot({ path: `${artifacts}29-manager-report-${viewport.width}.png`, fullPage: true });
        assert.deepEqual(await axe(page), [], `a report's page at ${viewport.width}px`);
        await talks.getByRole('link').first().click();
        await page.getByRole('heading', { level: 1, name: /Priya Patel and Sam Rivera/ }).waitFor();
      } finally {
        await close();
      }
    }
  });

  it('the examples in examples/ each import on their own into the demo organisation (dry run)', async () => {
    const token = await fetch(`${baseUrl}/api/v1/auth/token`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'ceo@demo.okr', password: 'okr-demo-password' }),
    }).then((r) => r.json());
    for (const [file, type] of [['okrs.csv', 'text/csv'], ['okrs.json', 'application/json']]) {
      const body = readFileSync(new URL(`../../../examples/${file}`, import.meta.url));
      const response = await fetch(`${baseUrl}/api/v1/imports?dryRun=true`, {
        method: 'POST', headers: { Authorization: `Bearer ${token.accessToken}`, 'Content-Type': type }, body,
      });
      const result = await response.json();
      assert.equal(response.status, 200, `${file}: ${JSON.stringify(result)}`);
      assert.equal(result.status, 'succeeded', `${file}: ${JSON.stringify(result)}`);
      assert.ok(result.counts.objectives.created > 0, `${file} creates its objectives`);
    }
  });

  it('admin: adds a person straight into a team, tells two people of one name apart, and is asked before making an admin', async () => {
    const { page, close } = await as('ceo@demo.okr', desktop);
    try {
      await visit(page, '/admin', 'Admin');
      await page.getByRole('tab', { name: 'People' }).click();
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add a person' }) });
      // Refused: focus goes to the first field named, in words.
      await form.getByRole('button', { name: 'Add person' }).click();
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
      assert.equal(await form.getByLabel('Email').evaluate((el) => el === document.activeElement), true);
      assert.doesNotMatch(await form.locator('.field__error').first().innerText(), /'email'/);

      await form.getByLabel('Email').fill('priya.second@demo.okr');
      await form.getByLabel('Name').fill('Priya Patel');
      await form.getByLabel('Initial password').fill('a-long-enough-password');
      await form.getByLabel('Team').selectOption({ label: 'Support' });
      await form.getByLabel('Role in the team').selectOption('member');
      await form.getByRole('button', { name: 'Add person' }).click();
      await page.getByText('Person added').waitFor();
      // Two Priya Patels: pickers show their emails.
      await form.getByLabel('Manager').locator('option', { hasText: 'Priya Patel (priya.second@demo.okr)' }).waitFor({ state: 'attached' });
      assert.equal(await form.getByLabel('Manager').locator('option', { hasText: 'Priya Patel (priya@demo.okr)' }).count(), 1);

      // Making someone an admin is asked for; saying no changes nothing.
      let asked = '';
      page.once('dialog', (dialog) => {
        asked = dialog.message();
        void dialog.dismiss();
      });
      const role = page.getByRole('row', { name: /priya\.second@demo\.okr/ }).getByLabel('Role of Priya Patel');
      await role.selectOption('admin');
      assert.match(asked, /Make Priya Patel an admin\?/);
      assert.equal(await role.inputValue(), 'member');
      await page.screenshot({ path: `${artifacts}30-admin-people.png`, fullPage: true });
      assert.deepEqual(await axe(page), [], 'people admin');

      // She is in Support at once.
      await visit(page, '/teams', 'Teams');
      await page.getByRole('link', { name: 'Support', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Support' }).waitFor();
      await page.getByRole('link', { name: 'Priya Patel' }).nth(1).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Priya Patel' }).count(), 2);
    } finally {
      await close();
    }
    const mobile = await as('ceo@demo.okr', phone);
    try {
      await visit(mobile.page, '/admin', 'Admin');
      await fitsPhone(mobile.page, 'admin');
      assert.deepEqual(await axe(mobile.page), [], 'admin on a phone');
      await mobile.page.screenshot({ path: `${artifacts}31-admin-phone.png`, fullPage: true });
    } finally {
      await mobile.close();
    }
  });
});
