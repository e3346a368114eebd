/**
 * Creates a programme-team account with a password, no invitation needed: the first account of a
 * new installation. Usage: npm run admin:create -- --email a@b.be --password '…' [--name 'Naam']
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../server/config.js';
import { createAccounts } from '../server/domain/accounts.js';
import { systemClock } from '../server/domain/clock.js';
import { isAppError } from '../server/errors.js';
import { t } from '../server/i18n/index.js';
import { createMailer } from '../server/mail.js';
import { createStore } from '../server/store/index.js';
import { translateFields } from '../server/web/middleware/errors.js';

const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } } });
if (!values.email || !values.password) {
  console.error("Usage: npm run admin:create -- --email <e-mail> --password <password> [--name <name>]");
  process.exit(2);
}
const config = loadConfig(process.env);
const store = await createStore(config);
await store.init();
const accounts = createAccounts({
  store, clock: systemClock, mailer: createMailer({ transport: 'off' }), log: pino({ level: 'silent' }),
  baseUrl: config.baseUrl, invitationTtlMs: config.invitationTtlMs,
});
try {
  const user = await accounts.createProgrammeAccount({ email: values.email, password: values.password, name: values.name ?? values.email.split('@')[0] });
  console.log(`Programme-team account created: ${user.email}`);
} catch (err) {
  if (!isAppError(err)) throw err;
  console.error(t('en', err.message));
  for (const [field, f] of Object.entries(translateFields('en', err.fields) ?? {})) console.error(`  --${field}: ${f.message}`);
  process.exitCode = 1;
} finally {
  await store.close();
}
