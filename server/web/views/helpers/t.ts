// Usage: {{t "ideas.form.title"}}, {{t "ideas.count" count=total}} or {{t flash.key flash.params}} — text from the i18n catalogue in the page's language.
import type { HelperOptions } from 'handlebars';
import { t, type Params } from '../../../i18n/index.js';
import { localeOf } from './locale-of.js';

export default function tHelper(key: string, ...rest: unknown[]): string {
  const options = rest.pop() as HelperOptions;
  const given = rest[0] && typeof rest[0] === 'object' ? (rest[0] as Params) : {};
  return t(localeOf(options), key, { ...given, ...(options.hash as Params) });
}
