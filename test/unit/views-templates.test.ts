/**
 * The page templates compiled ahead (server/web/views/templates.ts): with the view cache on, every
 * template, partials in branches no page took yet included, is read and compiled once after start,
 * and renders use those; a template that does not compile says so then.
 */
import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createViews, type Views } from '../../server/web/views/templates.js';

describe('views: the templates compiled ahead (templates.ts)', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-views-'));
    await mkdir(path.join(dir, 'layouts'));
    await mkdir(path.join(dir, 'partials', 'nested'), { recursive: true });
    await writeFile(path.join(dir, 'layouts', 'main.hbs'), '<main>{{{body}}}</main>');
    await writeFile(path.join(dir, 'partials', 'nested', 'greet.hbs'), 'Hallo {{name}}');
    await writeFile(path.join(dir, 'page.hbs'), '{{#if name}}{{> nested/greet}}{{else}}niemand{{/if}}!');
  });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  const render = (views: Views, view: string, context: Record<string, unknown>): Promise<string> => new Promise((resolve, reject) => {
    views.engine(path.join(dir, view), { ...context, cache: true, settings: { views: dir } } as unknown as Parameters<Views['engine']>[1], (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? '')));
  });

  it('when every template is compiled ahead, then later renders use those, the partial of a branch not taken yet included', async () => {
    const views = createViews(dir, {});
    expect(await views.compileAll()).to.equal(3);
    expect(await render(views, 'page.hbs', {})).to.equal('<main>niemand!</main>');
    // Changed on disk after the compile: the pages keep what was compiled at start.
    await writeFile(path.join(dir, 'partials', 'nested', 'greet.hbs'), 'Dag {{name}}');
    await writeFile(path.join(dir, 'layouts', 'main.hbs'), '<body>{{{body}}}</body>');
    expect(await render(views, 'page.hbs', { name: '<Lier>' })).to.equal('<main>Hallo &lt;Lier&gt;!</main>');
  });

  it('when asked twice, or for the same folder again, then the templates are compiled once', async () => {
    const helpers = {};
    const views = createViews(dir, helpers);
    const first = views.compileAll();
    expect(createViews(dir, helpers)).to.equal(views);
    expect(views.compileAll()).to.equal(first);
    expect(await first).to.equal(3);
  });

  it('when a template does not compile, then compiling ahead fails naming the parse error', async () => {
    await writeFile(path.join(dir, 'broken.hbs'), '{{#if name}}open');
    const views = createViews(dir, {});
    let error: unknown = null;
    await views.compileAll().catch((err: unknown) => { error = err; });
    expect(String(error)).to.match(/Parse error|Expecting/);
  });
});
