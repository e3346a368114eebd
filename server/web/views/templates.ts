/**
 * The page templates (views/**.hbs, layouts and partials included) for Express: compiled when read,
 * and, with the view cache on, every one of them read and compiled right after start, one per turn
 * of the event loop.
 *
 * Handlebars compiles a template lazily, at its first render; the first render of each page after a
 * start held the main thread for 50-157 ms under load (issue 19's profiled run), once per template,
 * and partials inside branches not taken yet waited for a later request. Compiled ahead, that time
 * is spent in the first half second after start, in pieces, not inside a visitor's request. (Before
 * listening it would have added 0.4 s to every start.)
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ExpressHandlebars } from 'express-handlebars';
import type Handlebars from 'handlebars';
import type { HelperDelegate } from 'handlebars';

/** Compiles a template when it is read (what handlebars' own compile() does at first use). */
class EagerHandlebars extends ExpressHandlebars {
  protected override _compileTemplate(template: string, options?: RuntimeOptions): HandlebarsTemplateDelegate {
    const handlebars = this.handlebars as unknown as typeof Handlebars;
    const spec = handlebars.precompile(template.trim(), options as PrecompileOptions | undefined);
    // The spec is JavaScript handlebars generated from our own template files, never from user input.
    return handlebars.template(new Function(`return ${String(spec)}`)() as TemplateSpecification);
  }
}

export interface Views {
  engine: ExpressHandlebars['engine'];
  /**
   * Reads and compiles every template into the cache that renders use, one template per turn of the
   * event loop (the largest takes up to 56 ms), so that starting it does not hold up listening: all
   * 77 take 0.4 s. Once per process. Call only with the view cache on (without it, renders do not
   * read the cache). Resolves with the number compiled.
   */
  compileAll(): Promise<number>;
}

// One per views folder and process: apps made in one process (tests, the benchmarks) share the
// compiled templates, which are the same files.
const made = new Map<string, { views: Views; helpers: Record<string, HelperDelegate> }>();

export function createViews(viewsDir: string, helpers: Record<string, HelperDelegate>): Views {
  const known = made.get(viewsDir);
  if (known && known.helpers === helpers) return known.views;
  const hbs = new EagerHandlebars({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(viewsDir, 'layouts'),
    partialsDir: path.join(viewsDir, 'partials'),
    helpers,
  });
  let compiling: Promise<number> | null = null;
  const views: Views = {
    engine: hbs.engine,
    compileAll() {
      compiling ??= (async () => {
        const files = (await readdir(viewsDir, { recursive: true })).filter((f) => f.endsWith('.hbs')).sort();
        for (const file of files) {
          await hbs.getTemplate(path.join(viewsDir, file), { cache: true });
          await nextTurn();
        }
        return files.length;
      })();
      return compiling;
    },
  };
  made.set(viewsDir, { views, helpers });
  return views;
}
