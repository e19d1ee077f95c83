// Opens report.html in a real browser (Debian's Chromium) and checks what a reader sees. Skips, saying so,
// where /usr/bin/chromium is missing (CI installs it in .ci/run).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium, renderPdf } from '../../src/evidence/report/render-pdf.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';

const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) console.warn(`report-browser.test.ts: SKIPPED the real-browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);

const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

describe('report.html', () => {
  let temp: TempArchive;
  let bundle: string;

  beforeAll(async () => {
    temp = tempArchive();
    const archive = await temp.open();
    await archive.archive(analysis(1, { text: 'you cannot hide from me, I know where you live' }));
    await archive.archive(analysis(2, { text: XSS, permalink: 'javascript:window.__xss=3', author: { id: 'U667', displayName: '<b onclick="x()">evil</b>' } }));
    await archive.archive(analysis(3));
    await archive.recordDeletion({ platform: 'discord', messageId: '1000003' }, '2024-03-01T13:00:00Z');
    bundle = path.join(temp.dir, 'bundle');
    await archive.exportBundle({ recipientKey: 'discord:U1', outDir: bundle, pdf: false, timeZone: 'Europe/Berlin' });
    await archive.close();
  });
  afterAll(() => temp.cleanup());

  it('holds no script, no external resource and no link but http(s) ones, whatever the messages said', () => {
    const html = readFileSync(path.join(bundle, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<img|\son\w+="|href="javascript/i);
    expect(html).toContain('&lt;script&gt;window.__xss=2&lt;/script&gt;');
    expect(html).not.toMatch(/(src|href)="(?!https?:\/\/discord\.com)/);
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  });

  it('says when the PDF was skipped for lack of Chromium', async () => {
    const outcome = await renderPdf(path.join(bundle, 'report.html'), path.join(temp.dir, 'x.pdf'), '/nonexistent/chromium');
    expect(outcome).toEqual({ ok: false, reason: expect.stringContaining('no Chromium at /nonexistent/chromium') });
  });

  describe.skipIf(!hasChromium)('in Chromium', () => {
    let close: () => Promise<void>;
    let page: Page;
    const requests: string[] = [];

    beforeAll(async () => {
      const chromium = await launchChromium();
      close = chromium.close;
      page = await chromium.context.newPage();
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(path.join(bundle, 'report.html')).href);
    }, 60_000);
    afterAll(async () => close?.());

    it('opens with a content warning at the top of the first page', async () => {
      const warning = page.locator('#content-warning');
      await expect(warning.innerText()).resolves.toMatch(/Content warning[\s\S]*word for word/);
      expect((await warning.boundingBox())!.y).toBeLessThan(100);
    });

    it('shows the summary numbers and the messages as written, attacker markup as plain text', async () => {
      expect(await page.locator('#summary-messages').innerText()).toMatch(/^3 \(3 cyberstalking\)/);
      expect(await page.locator('#summary-deleted').innerText()).toBe('1');
      expect(await page.locator('#summary-accounts li').count()).toBe(2);
      await expect(page.getByText('you cannot hide from me, I know where you live').isVisible()).resolves.toBe(true);
      await expect(page.getByText(XSS).isVisible()).resolves.toBe(true);
      await expect(page.getByText('<b onclick="x()">evil</b>').first().isVisible()).resolves.toBe(true);
      expect(await page.evaluate('window.__xss')).toBeUndefined();
      expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
      await expect(page.getByText('Deleted by the sender').first().isVisible()).resolves.toBe(true);
      expect(await page.locator('.incident h3').first().innerText()).toMatch(/2024-03-01 13:00:01 UTC\+01:00 \(Europe\/Berlin\); 2024-03-01 12:00:01 UTC/);
    });

    it('tells how to verify and has fields the reader can fill in', async () => {
      expect(await page.locator('#verify pre').innerText()).toBe('npx acts verify bundle');
      await page.locator('#impact').click();
      await page.keyboard.type('I stopped going out alone.');
      expect(await page.locator('#impact').innerText()).toBe('I stopped going out alone.');
      expect(await page.locator('#witnesses').getAttribute('contenteditable')).toBe('true');
    });

    it('fetched nothing but the report itself', () => {
      expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    });

    it('prints to report.pdf', async () => {
      const pdf = path.join(temp.dir, 'report.pdf');
      expect(await renderPdf(path.join(bundle, 'report.html'), pdf)).toEqual({ ok: true });
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    }, 60_000);
  });
});
