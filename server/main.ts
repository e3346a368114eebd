// The process entry point: the only reader of process.env, and the owner of listening and shutting down.
import { pino } from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createStore, describeStore } from './store/index.js';

/**
 * The only file that reads process.env: loads the settings, opens the store, starts listening, and
 * closes everything on SIGTERM/SIGINT so that in-flight requests finish and the store is left clean.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel });
  const started = performance.now();
  const store = await createStore(config);
  const handle = await createApp({ store, logger }, config);

  await new Promise<void>((resolve, reject) => {
    handle.httpServer.once('error', reject);
    handle.httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = handle.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, store: describeStore(config), env: config.env, startupMs: Math.round(performance.now() - started) }, `Medestander listening on http://localhost:${port}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s, exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    handle.close().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
