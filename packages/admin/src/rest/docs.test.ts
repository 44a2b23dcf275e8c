// The docs page in a real browser (Debian's chromium, driven by playwright-core):
// it loads, lists the operations, and "Try it out" creates a stream that a NATS
// client then sees. TSNATS_UPDATE_SCREENSHOTS=1 refreshes docs/api-docs.png.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { which } from '@tsnats/testkit';
import { chromium } from 'playwright-core';
import { setup } from './test-server.test-support.js';

const SCREENSHOT = join(dirname(fileURLToPath(import.meta.url)), '../../docs/api-docs.png');
/** Generous: the machine runs other suites at the same time; waits end as soon as the page is there. */
const PAGE_TIMEOUT_MS = 30_000;

void test('the docs page lists the operations and its "Try it out" creates a stream', async (t) => {
  const executablePath = which('chromium');
  assert.ok(
    executablePath !== undefined,
    'the docs page test needs chromium: apt-get install -y chromium',
  );
  const { api, jsm } = await setup(t);
  const base = await api.listen({ host: '127.0.0.1', port: 0 });

  const browser = await chromium.launch({ executablePath });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  await page.goto(`${base}/api/docs`);

  await page.locator('.opblock').first().waitFor();
  const operations = await page.locator('.opblock-summary-path').allInnerTexts();
  for (const path of ['/api/v1/streams', '/api/v1/kv/{bucket}/keys/{key}', '/api/v1/cluster']) {
    assert.ok(
      operations.some((text) => text.replace(/\u200b/g, '') === path),
      `${path} in ${operations.join(', ')}`,
    );
  }
  assert.equal(operations.length, 24);
  if (process.env.TSNATS_UPDATE_SCREENSHOTS === '1') {
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  }

  const create = page.locator('#operations-streams-post_api_v1_streams');
  await create.locator('.opblock-summary').click();
  await create.getByRole('button', { name: 'Try it out' }).click();
  await create
    .locator('textarea.body-param__text')
    .fill(JSON.stringify({ name: 'FROM_DOCS', subjects: ['docs.>'], storage: 'memory' }));
  await create.getByRole('button', { name: 'Execute' }).click();
  const status = create.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  assert.equal((await status.innerText()).trim(), '201');

  const info = await jsm.streams.info('FROM_DOCS');
  assert.deepEqual(info.config.subjects, ['docs.>']);
});
