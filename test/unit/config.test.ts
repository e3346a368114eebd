import { expect } from 'chai';
import { ConfigError, DEV_SESSION_SECRET, loadConfig } from '../../server/config.js';

describe('loadConfig', () => {
  it('when nothing is set, gives safe development defaults', () => {
    const c = loadConfig({});
    expect(c.env).to.equal('development');
    expect(c.port).to.equal(3000);
    expect(c.sqliteFile).to.match(/data[/\\]medestander\.sqlite$/);
    expect(c.baseUrl).to.equal('http://localhost:3000');
    expect(c.mail).to.deep.equal({ transport: 'off' });
    expect(Object.isFrozen(c)).to.equal(true);
  });

  it('when in production without a real session secret, refuses to start and says how to fix it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /SESSION_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: DEV_SESSION_SECRET })).to.throw(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).to.throw(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).sessionSecret).to.equal('x'.repeat(40));
  });

  it('when a setting is malformed, names it', () => {
    expect(() => loadConfig({ PORT: 'abc' })).to.throw(ConfigError, /PORT/);
    expect(() => loadConfig({ MAIL_TRANSPORT: 'smtp' })).to.throw(ConfigError, /SMTP_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).to.throw(ConfigError, /LOG_LEVEL/);
  });
});
