// Usage: {{number total}} — a number formatted for the page's language (1.234 in Dutch, 1,234 in English).
import type { HelperOptions } from 'handlebars';
import { formatNumber } from '../../../i18n/index.js';
import { localeOf } from './locale-of.js';

export default function number(n: number, options: HelperOptions): string {
  return typeof n === 'number' ? formatNumber(localeOf(options), n) : '';
}
