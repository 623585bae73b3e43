// Talking about the numbers where they live: a member mentions her lead in an objective's discussion, and his bell's
// count rises without a reload; he opens the inbox, follows the notification to the comment, and finds his settings and
// his team's chat channels. Every page is checked with axe. Runs between journeys.test.mjs and okr.test.mjs (name
// order) and changes nothing they rely on.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { artifacts, axe, baseUrl, launch, signIn } from '../support/browser.mjs';

mkdirSync(artifacts, { recursive: true });
const desktop = { width: 1280, height: 900 };

/** The bell (the one shown: on a phone it sits next to the menu), named "Notifications, 3 unread". */
const bell = (page) => page.getByRole('link', { name: /^Notifications(, \d+ unread)?$/ });

async function unread(page) {
  const name = await bell(page).getAttribute('aria-label');
  return Number(/(\d+) unread/.exec(name ?? '')?.[1] ?? 0);
}

/** Waits until the visible bell says <count> unread (it polls the API on its own). */
const bellSays = (page, count, timeout) => page.waitForFunction((expected) => {
  const shown = [...document.querySelectorAll('a.bell')].find((a) => a.checkVisibility());
  return Number(/(\d+) unread/.exec(shown?.getAttribute('aria-label') ?? '')?.[1] ?? 0) === expected;
}, count, { timeout });

describe('notifications and discussion', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser?.close());

  async function as(email) {
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    await signIn(page, email);
    return { page, close: () => context.close() };
  }

  it('a mention raises the bell of the person mentioned, and the notification leads to the comment', async () => {
    const tom = await as('tom@demo.okr');
    const lena = await as('lena@demo.okr');
    try {
      await bell(tom.page).waitFor();
      await tom.page.waitForLoadState('networkidle');
      const before = await unread(tom.page);

      // Lena comments on a company objective and mentions Tom, by keyboard from the list "@" offers.
      await lena.page.goto(`${baseUrl}/company`);
      const first = lena.page.locator('section[aria-labelledby="team-objectives"] a[href^="/objectives/"]').first();
      const objectiveTitle = (await first.innerText()).trim();
      await first.click();
      await lena.page.getByRole('heading', { level: 1, name: objectiveTitle }).waitFor();
      const box = lena.page.getByLabel('Add a comment', { exact: true });
      await box.fill('');
      await box.pressSequentially('Could you look at the pace here, @To');
      await lena.page.getByRole('option', { name: 'Tom Chen' }).waitFor();
      await box.press('Enter');
      await box.pressSequentially('? Thanks');
      assert.equal(await box.inputValue(), 'Could you look at the pace here, @Tom Chen ? Thanks');
      await lena.page.getByRole('button', { name: 'Comment', exact: true }).click();
      const thread = lena.page.getByRole('list', { name: `Comments on ${objectiveTitle}, oldest first` });
      await thread.getByRole('link', { name: '@Tom Chen' }).last().waitFor();
      assert.equal(await box.inputValue(), '', 'the box empties once the comment is posted');
      await lena.page.screenshot({ path: `${artifacts}40-discussion.png`, fullPage: true });
      assert.deepEqual(await axe(lena.page), [], 'objective page with its discussion');

      // Tom's bell rises on its own (it polls), without a reload.
      await bellSays(tom.page, before + 1, 30_000);

      // The inbox, and the notification leads to the discussion.
      await bell(tom.page).click();
      await tom.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      const item = tom.page.getByRole('link', { name: `Unread: Lena Fischer mentioned you on “${objectiveTitle}”` }).first();
      await item.waitFor();
      await tom.page.screenshot({ path: `${artifacts}41-inbox.png`, fullPage: true });
      assert.deepEqual(await axe(tom.page), [], 'notifications');
      await item.click();
      await tom.page.getByRole('heading', { level: 1, name: objectiveTitle }).waitFor();
      assert.match(tom.page.url(), /#discussion$/);
      await tom.page.getByRole('list', { name: `Comments on ${objectiveTitle}, oldest first` }).getByText(/Could you look at the pace here/).last().waitFor();
      await bellSays(tom.page, before, 10_000);

      // His settings, and his team's chat channels (he leads Product).
      await tom.page.goto(`${baseUrl}/account`);
      await tom.page.getByRole('heading', { level: 2, name: 'Notifications' }).waitFor();
      await tom.page.getByRole('combobox', { name: 'Someone mentions me: email' }).waitFor();
      assert.equal(await tom.page.getByRole('combobox', { name: 'Someone mentions me: email' }).inputValue(), 'immediately');
      await tom.page.screenshot({ path: `${artifacts}42-notification-settings.png`, fullPage: true });
      assert.deepEqual(await axe(tom.page), [], 'account with notification settings');
      await tom.page.goto(`${baseUrl}/teams`);
      await tom.page.getByRole('link', { name: 'Product', exact: true }).first().click();
      await tom.page.getByRole('heading', { level: 2, name: 'Chat channels' }).waitFor();
      await tom.page.getByText('No chat channel yet.').waitFor();
      assert.deepEqual(await axe(tom.page), [], 'team page with chat channels');
    } finally {
      await lena.close();
      await tom.close();
    }
  });

  it('on a phone the bell stays in the bar, next to the menu', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    try {
      await signIn(page, 'tom@demo.okr');
      await bell(page).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Menu' }).isVisible(), true);
      await bell(page).click();
      await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 0, 'the inbox fits a 375 px screen');
      await page.screenshot({ path: `${artifacts}43-phone-inbox.png` });
      assert.deepEqual(await axe(page), [], 'notifications on a phone');
    } finally {
      await context.close();
    }
  });
});
