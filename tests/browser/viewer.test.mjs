// The viewer in a real browser: headless Debian chromium driven by playwright-core.
//
//   scripts/setup-browser.sh            # once: apt chromium, npm ci here
//   cd tests/browser && node --test     # builds the pages with the policykg binary, opens them
//
// Env: POLICYKG_BIN (the binary; default: the newest of $CARGO_TARGET_DIR|target/{release,debug},
// else `cargo build`), POLICYKG_PAGES (a folder of prebuilt pages instead: seed.html, hostile.html,
// evil.html, corpus.html), CHROMIUM (default /usr/bin/chromium), POLICYKG_SHOTS (a folder to keep
// the screenshots in). Every page must load with no page error, no console error and no request
// other than file:/data:/blob:.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'policykg-viewer-'));
const shots = process.env.POLICYKG_SHOTS ? path.resolve(process.env.POLICYKG_SHOTS) : path.join(work, 'shots');
fs.mkdirSync(shots, { recursive: true });

function binary() {
  if (process.env.POLICYKG_BIN) return process.env.POLICYKG_BIN;
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
  const found = ['release', 'debug'].map((p) => path.join(target, p, 'policykg')).filter((p) => fs.existsSync(p))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (found.length) return found[0];
  execFileSync('cargo', ['build', '--quiet', '--bin', 'policykg'], { cwd: root, stdio: 'inherit' });
  return path.join(target, 'debug', 'policykg');
}

function buildPages() {
  if (process.env.POLICYKG_PAGES) {
    const dir = path.resolve(process.env.POLICYKG_PAGES);
    return Object.fromEntries(['seed', 'hostile', 'evil', 'corpus'].map((k) => [k, path.join(dir, k + '.html')]));
  }
  const bin = binary();
  const seed = path.join(root, 'seeds/india-us-defense-relations.md');
  const hostile = path.join(root, 'tests/fixtures/hostile.md');
  const evil = path.join(root, 'tests/browser/evil.md');
  const run = (out, ...inputs) => execFileSync(bin, ['build', ...inputs, '--out', path.join(work, out), '--format', 'html'], { stdio: ['ignore', 'ignore', 'pipe'] });
  run('seed', seed);
  run('hostile', hostile);
  run('evil', evil);
  run('corpus', seed, hostile);
  return {
    seed: path.join(work, 'seed/india-us-defense-relations.html'),
    hostile: path.join(work, 'hostile/hostile.html'),
    evil: path.join(work, 'evil/evil.html'),
    corpus: path.join(work, 'corpus/corpus.html'),
  };
}

let browser, pages;
before(async () => {
  pages = buildPages();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // playwright adds --headless and a fresh temporary --user-data-dir itself
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** Opens a page, recording every page error, console error, dialog and non-file request. */
async function open(file, viewport = { width: 1024, height: 768 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  await context.route(/.*/, (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    problems.push(`network request: ${url}`);
    return route.abort();
  });
  page.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) problems.push(`network request: ${r.url()}`); });
  await page.goto('file://' + file, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

/** Pairs of visible labels in the shown view whose boxes overlap by more than a pixel, edge
 * labels lying on a node's mark, and the smallest node label on screen (px). */
async function overlaps(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.view:not([hidden])');
    const shown = (sel) => [...svg.querySelectorAll(sel)].map((t) => [t.textContent || t.tagName, t.getBoundingClientRect(), t])
      .filter(([, r]) => r.width > 0);
    const boxes = shown('.node:not(.off) > text, .edge-labels text:not(.off), .headers text');
    const hit = (ra, rb) => Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 1 &&
      Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 1;
    const bad = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      if (hit(boxes[i][1], boxes[j][1])) bad.push(`${boxes[i][0]} × ${boxes[j][0]}`);
    }
    for (const [a, ra] of shown('.edge-labels text:not(.off)')) {
      for (const [, rb, m] of shown('.node:not(.off) > circle, .node:not(.off) > path, .node:not(.off) > rect')) {
        if (hit(ra, rb)) bad.push(`${a} on the mark of ${m.parentNode.getAttribute('aria-label')}`);
      }
    }
    const labels = boxes.filter(([, , t]) => t.parentNode.classList.contains('node'));
    const px = (t) => parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a;
    return { count: boxes.length, labels: labels.length, bad, fontPx: Math.min(...labels.map(([, , t]) => px(t))) };
  });
}

test('the seed page opens offline, with three views and labels that do not overlap', async () => {
  const { page, problems, close } = await open(pages.seed);
  try {
    assert.equal(await page.locator('[role=tab]').count(), 3);
    for (const view of ['relationships', 'citations', 'drivers']) {
      await page.click(`#tab-${view}`);
      await page.waitForSelector(`#view-${view}:not([hidden])`);
      const o = await overlaps(page);
      assert.ok(o.count > 20, `${view}: only ${o.count} labels`);
      assert.deepEqual(o.bad, [], `${view}: overlapping labels`);
      assert.ok(o.fontPx >= 8.9, `${view}: labels ${o.fontPx}px at the default zoom`);
      assert.equal(o.labels, await page.locator(`#view-${view} .node > text`).count(), `${view}: every label at 1:1`);
      await page.screenshot({ path: path.join(shots, `seed-${view}-1024.png`) });
    }
    await page.click('#tab-relationships');
    await page.screenshot({ path: path.join(shots, 'seed-1024.png') });
    assert.deepEqual(problems, []);
  } finally { await close(); }
});

test('at Fit a corpus page stays readable: fewer labels, none small, none overlapping', async () => {
  const { page, problems, close } = await open(pages.corpus);
  try {
    for (const view of ['relationships', 'citations', 'drivers']) {
      await page.click(`#tab-${view}`);
      await page.click('#zoom-fit');
      const o = await overlaps(page);
      assert.ok(o.fontPx >= 8.9, `${view}: labels ${o.fontPx}px at Fit`);
      assert.ok(o.labels >= 20, `${view}: only ${o.labels} labels at Fit`);
      assert.deepEqual(o.bad, [], `${view}: overlapping labels at Fit`);
      // Fit shows the whole drawing
      const whole = await page.evaluate(() => {
        const svg = document.querySelector('svg.view:not([hidden])');
        const [x, y, w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
        return x <= 0.5 && y <= 0.5 && x + w >= +svg.dataset.w - 0.5 && y + h >= +svg.dataset.h - 0.5;
      });
      assert.ok(whole, `${view}: Fit shows everything`);
      await page.screenshot({ path: path.join(shots, `corpus-${view}-fit.png`) });
      // and back at 1:1 every label is there again
      await page.click('#zoom-reset');
      const back = await overlaps(page);
      assert.equal(back.labels, await page.locator('svg.view:not([hidden]) .node:not(.off) > text').count());
    }
    assert.deepEqual(problems, []);
  } finally { await close(); }
});

test('the side panel shows only a node of the view on screen', async () => {
  const { page, problems, close } = await open(pages.seed);
  try {
    await page.click('#view-relationships .node[aria-label="Actor: United States"]');
    await page.waitForSelector('#panel:not([hidden]) h2');
    // the citations view does not draw the United States: the panel closes
    await page.click('#tab-citations');
    await page.waitForSelector('#panel', { state: 'hidden' });
    assert.equal(await page.locator('#overview').isVisible(), true);
    assert.equal(await page.locator('svg.view:not([hidden]) .node.selected').count(), 0);
    // a node drawn in both views stays selected across the switch
    await page.click('#tab-drivers');
    await page.locator('#view-drivers .node.k-actor').first().click();
    await page.waitForSelector('#panel:not([hidden]) h2');
    const name = await page.locator('#panel h2').innerText();
    await page.click('#tab-relationships');
    assert.equal(await page.locator('#panel h2').innerText(), name);
    assert.equal(await page.locator('#view-relationships .node.selected').count(), 1);
    assert.deepEqual(problems, []);
  } finally { await close(); }
});

test('a wide screen shows the page too', async () => {
  const { page, problems, close } = await open(pages.seed, { width: 1600, height: 1000 });
  try {
    await page.click('#view-relationships .node[aria-label="Actor: United States"]');
    await page.waitForSelector('#panel:not([hidden]) h2');
    await page.screenshot({ path: path.join(shots, 'seed-1600.png') });
    assert.deepEqual(problems, []);
  } finally { await close(); }
});

test('clicking a claim lists its sources in the panel', async () => {
  const { page, problems, close } = await open(pages.seed);
  try {
    await page.click('#tab-citations');
    const claim = page.locator('#view-citations .node.k-claim').first();
    await claim.click();
    await page.waitForSelector('#panel:not([hidden]) .card');
    const panel = await page.locator('#panel').innerText();
    assert.match(panel, /Sources cited \(1\)/);
    assert.match(panel, /Statements by President Obama and Prime Minister Modi/);
    assert.match(panel, /The White House/);
    assert.match(panel, /2015-01-25/);
    assert.equal(await page.locator('#panel a[href^="https://obamawhitehouse.archives.gov/"]').count(), 1);
    // the selection is highlighted in the drawing
    assert.equal(await page.locator('#view-citations .node.selected').count(), 1);
    // following a source from the panel shows who cites it and its raw note
    await page.locator('#panel .card .ref').first().click();
    await page.waitForSelector('#panel .raw');
    assert.match(await page.locator('#panel').innerText(), /Cited by 1 claim/);
    assert.deepEqual(problems, []);
  } finally { await close(); }
});

test('searching an alias lands on the actor', async () => {
  const { page, problems, close } = await open(pages.seed);
  try {
    await page.fill('#search', 'Washington');
    await page.waitForSelector('#results .ref');
    assert.match(await page.locator('#results').innerText(), /United States[\s\S]*alias: Washington/);
    await page.press('#search', 'Enter');
    await page.waitForSelector('#panel:not([hidden]) h2');
    assert.equal(await page.locator('#panel h2').innerText(), 'United States');
    const panel = await page.locator('#panel').innerText();
    assert.match(panel, /Relations \(\d+\)/);
    assert.match(panel, /Sources behind it/);
    assert.match(panel, /Washington/);
    assert.equal(await page.locator('#view-relationships:not([hidden]) .node.selected').count(), 1);
    assert.deepEqual(problems, []);
  } finally { await close(); }
});

test('the keyboard alone reaches a node, opens it and closes the panel', async () => {
  const { page, problems, close } = await open(pages.seed);
  try {
    await page.click('#tab-drivers');
    await page.locator('#view-drivers .node.k-driver').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panel:not([hidden]) h2');
    assert.match(await page.locator('#panel').innerText(), /Supporting claims/);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#panel', { state: 'hidden' });
    assert.equal(await page.locator('#overview').isVisible(), true);
    // a diagnostic jumps to the node carrying its note
    await page.locator('#diagnostics button:not([disabled])').first().click();
    await page.waitForSelector('#panel:not([hidden]) h2');
    assert.deepEqual(problems, []);
  } finally { await close(); }
});

for (const name of ['hostile', 'evil']) {
  test(`the ${name} page runs no script from the document`, async () => {
    const { page, problems, close } = await open(pages[name]);
    try {
      await page.waitForTimeout(300);
      for (const view of ['relationships', 'citations', 'drivers']) await page.click(`#tab-${view}`);
      await page.click('#tab-citations');
      const claims = page.locator('#view-citations .node.k-claim');
      for (let k = 0; k < await claims.count(); k++) {
        await claims.nth(k).click();
        await page.waitForSelector('#panel:not([hidden]) h2');
        if (await page.locator('#panel .card .ref').count()) await page.locator('#panel .card .ref').first().click();
      }
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.locator('body script').count(), 2, 'only the data and the viewer script');
      assert.equal(await page.locator('img, iframe, object, embed').count(), 0);
      assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
      if (name === 'hostile') assert.match(await page.title(), /Hostile/);
      assert.deepEqual(problems, []);
    } finally { await close(); }
  });
}

test('hostile text shows as text in the drawing and the panel', async () => {
  const { page, problems, close } = await open(pages.evil);
  try {
    await page.click('#tab-citations');
    const claim = page.locator('#view-citations .node.k-claim').first();
    assert.match(await claim.locator('title').textContent(), /<\/script><!-- tariffs <svg/);
    await claim.click();
    await page.waitForSelector('#panel:not([hidden]) blockquote');
    assert.match(await page.locator('#panel blockquote').innerText(), /about <\/script><!-- tariffs <svg onload="window.__pwned=5">/);
    assert.match(await page.locator('#panel .card').innerText(), /<\/script><script>window.__pwned=7<\/script>/);
    assert.deepEqual(problems, []);
  } finally { await close(); }
});

test('a corpus page holds both documents, filterable by document', async () => {
  const { page, problems, close } = await open(pages.corpus);
  try {
    assert.equal(await page.locator('#doc option').count(), 3);
    await page.click('#tab-citations');
    const visible = () => page.locator('#view-citations .node:not(.off)').count();
    const all = await visible();
    await page.selectOption('#doc', 'hostile');
    const some = await visible();
    assert.ok(some > 0 && some < all, `${some} of ${all}`);
    await page.selectOption('#doc', '');
    assert.equal(await visible(), all);
    await page.locator('#kinds input[value=source]').uncheck();
    assert.equal(await page.locator('#view-citations .node.k-source:not(.off)').count(), 0);
    await page.fill('#search', 'Washington');
    await page.press('#search', 'Enter');
    await page.waitForSelector('#panel:not([hidden]) h2');
    assert.equal(await page.locator('#panel h2').innerText(), 'United States');
    await page.screenshot({ path: path.join(shots, 'corpus-1024.png') });
    assert.deepEqual(problems, []);
  } finally { await close(); }
});
