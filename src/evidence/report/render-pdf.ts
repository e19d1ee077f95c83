// report.pdf from report.html, printed by Debian's headless Chromium through playwright-core (never a
// downloaded browser). Without Chromium the export still succeeds and says the PDF was skipped.
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a root, offline, headless Chromium: no sandbox (root), no background connections to Google. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type PdfOutcome = { ok: true } | { ok: false; reason: string };

/** Starts Chromium with a fresh, empty profile folder; the caller must call `close`. */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<{ context: import('playwright-core').BrowserContext; close: () => Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(path.join(os.tmpdir(), 'acts-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

export async function renderPdf(htmlFile: string, pdfFile: string, executablePath = CHROMIUM_PATH): Promise<PdfOutcome> {
  if (!existsSync(executablePath)) return { ok: false, reason: `no Chromium at ${executablePath} (apt-get install chromium); report.html is complete` };
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    chromium = await launchChromium(executablePath);
    const page = await chromium.context.newPage();
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: 120_000 });
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
    await chmod(pdfFile, 0o600);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `Chromium could not print the report: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    await chromium?.close();
  }
}
