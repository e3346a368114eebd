// Usage: {{date idea.createdAt}} or {{date idea.createdAt time=true}} — a date in the page's language, Brussels time.
import type { HelperOptions } from 'handlebars';
import { formatDate } from '../../../i18n/index.js';
import { localeOf } from './locale-of.js';

export default function date(iso: string, options: HelperOptions): string {
  return typeof iso === 'string' ? formatDate(localeOf(options), iso, options.hash?.time === true) : '';
}
