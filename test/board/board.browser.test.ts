import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STATUS_LABELS } from '../../src/core/updates/schema.ts';
import { saveUpdate } from '../../src/core/updates/store.ts';
import { axeViolations, hasChromium, launchChromium, NO_CHROMIUM, screenshot, seriousViolations } from '../support/browser.ts';
import { runCli } from '../support/cli.ts';
import { describeEachEngine } from '../support/db.ts';
import { useSeededBoard } from './support.ts';

// Chat ingestion and a real browser are slow on a busy machine: each test gets two minutes.
vi.setConfig({ testTimeout: 120_000 });

if (!hasChromium) console.warn(NO_CHROMIUM);

/** The real board in Debian's Chromium: what is shown, live refresh, language switch, accessibility, screenshots. */
describe.skipIf(!hasChromium)('status board in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  describeEachEngine(
    'board',
    (s) => {
      const board = useSeededBoard(s);

      async function open(viewport: { width: number; height: number }, locale = 'it-IT'): Promise<Page> {
        const context = await browser.newContext({ viewport, locale });
        const page = await context.newPage();
        await page.goto(await board.svc.link());
        return page;
      }

      it('shows every cantiere and project with its status, accessibly, at 1280x800', async () => {
        const page = await open({ width: 1280, height: 800 });
        expect(await page.getAttribute('html', 'lang')).toBe('it');
        const programme = (await board.svc.app.programme())!;
        for (const c of programme.cantieri) {
          await expect(page.getByRole('heading', { level: 2, name: `Cantiere ${c.number} ${c.name}` }).count()).resolves.toBe(1);
          for (const p of c.projects.filter((x) => !x.archived)) {
            const item = page.locator(`li[data-project="${p.id}"]`);
            await expect(item.getByRole('heading', { level: 3 }).innerText()).resolves.toBe(p.name);
            expect(await item.locator('.badge').innerText()).toMatch(/In linea|A rischio|Bloccato|Completato|Non avviato|Nessun aggiornamento/);
          }
        }
        const dmo = page.locator('li[data-project="dmo"]');
        expect(await dmo.locator('.badge').innerText()).toContain(STATUS_LABELS.at_risk.it);
        expect(await dmo.getByRole('progressbar').getAttribute('value')).toBe('55');
        expect(await dmo.innerText()).toContain('Manca il parere della Camera di Commercio.');
        expect(await dmo.innerText()).toContain('Anna Bianchi');
        expect(await page.locator('li[data-project="fiera-eventi"] .stale').count()).toBe(1);
        expect(await page.locator('li[data-project="zls"] .stale').count()).toBe(0);
        // Indicators with reported values are charted against their target, in words too.
        const chart = page.locator('section[aria-labelledby="cantiere-c2"] figure.indicator svg[role="img"]');
        expect(await chart.getAttribute('aria-label')).toMatch(/Tasso di occupazione femminile: 59,6 % · obiettivo 62 %/);
        expect(await page.locator('figure.indicator').count()).toBe(1);
        await screenshot(page, `board-1280x800-${s.engine}`);
        expect(seriousViolations(await axeViolations(page))).toEqual([]);
        await page.context().close();
      });

      it('is readable on a phone at 390x844 and switches to English from the keyboard', async () => {
        const page = await open({ width: 390, height: 844 });
        // Nothing wider than the screen: no sideways scrolling on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await screenshot(page, `board-390x844-${s.engine}`);
        await page.getByRole('link', { name: 'Switch to English' }).focus();
        await Promise.all([page.waitForURL(/lang=en/), page.keyboard.press('Enter')]);
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        expect(await page.locator('li[data-project="hub-dati"] .badge').innerText()).toContain(STATUS_LABELS.blocked.en);
        expect(seriousViolations(await axeViolations(page))).toEqual([]);
        await page.context().close();
      });

      it('shows a saved update without a reload', async () => {
        const page = await open({ width: 1280, height: 800 });
        await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
        const badge = page.locator('li[data-project="gran-teatro-infinity"] .badge');
        expect(await badge.innerText()).toContain('Nessun aggiornamento');
        if (s.engine === 'postgres') {
          // Another process (the CLI) writes to the database the service reads.
          const cli = await runCli(
            ['update', 'add', '--project', 'gran-teatro-infinity', '--status', 'blocked', '--progress', '35', '--summary', 'Cantiere fermo per la bonifica.', '--author', 'Sara Galli'],
            { env: s.target.env },
          );
          expect(cli.stderr).toBe('');
          expect(cli.code).toBe(0);
        } else {
          // PGlite has one owner: the running service saves it (the CLI cannot open the directory meanwhile).
          await saveUpdate(
            board.svc.app,
            { project: 'gran-teatro-infinity', status: 'blocked', progress: 35, summary: 'Cantiere fermo per la bonifica.', next_steps: null, blockers: null, due_date: null },
            { platform: 'console', userId: 'sara', displayName: 'Sara Galli' },
            { source: 'form' },
          );
        }
        await page.waitForFunction(() => document.querySelector('li[data-project="gran-teatro-infinity"] .badge')?.textContent?.includes('Bloccato'), null, { timeout: 15_000 });
        expect(await page.locator('li[data-project="gran-teatro-infinity"]').innerText()).toContain('Sara Galli');
        expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
        await page.context().close();
      });

      it('opens a project page with its history of updates and its documents', async () => {
        const page = await open({ width: 1280, height: 800 });
        await Promise.all([page.waitForURL(/\/board\/projects\/zls/), page.getByRole('link', { name: 'Zona Logistica Semplificata' }).click()]);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Zona Logistica Semplificata');
        const entries = page.locator('ol.history > li');
        expect(await entries.count()).toBe(2);
        expect(await entries.nth(0).innerText()).toContain('Firmato il protocollo');
        expect(await entries.nth(1).innerText()).toContain('(12 aree)');
        expect(await entries.nth(1).innerText()).toContain('rettifica');
        expect(await page.locator('ul.documents').innerText()).toContain('stato-zls.md');
        await screenshot(page, `project-1280x800-${s.engine}`);
        expect(seriousViolations(await axeViolations(page))).toEqual([]);
        await page.context().close();
      });
    },
    { reset: false },
  );
});
