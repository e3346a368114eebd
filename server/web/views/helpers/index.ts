// The helpers handed to express-handlebars; one helper per file, its usage on the first line.
import concat from './concat.js';
import date from './date.js';
import eq from './eq.js';
import number from './number.js';
import t from './t.js';

export const helpers = { t, date, number, eq, concat };
