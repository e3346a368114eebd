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
    const random = '3f9a1c7e5b2d8046af13c9e7d5b20f8e6a4c1d3b9e7f5a2c';
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: random }).sessionSecret).to.equal(random);
  });

  it('when the production session secret is long but guessable, refuses it (issue 15.10)', () => {
    for (const weak of ['x'.repeat(40), 'ab'.repeat(20), 'abc123'.repeat(6), '0123456'.repeat(5)]) {
      expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: weak }), weak).to.throw(ConfigError, /SESSION_SECRET/);
    }
  });

  it('when TRUST_PROXY is true, false or a list of proxies, Express gets one hop, nothing, or exactly that list', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).to.equal(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).to.equal('loopback,10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'all the things!' })).to.throw(ConfigError, /TRUST_PROXY/);
  });

  it('when a setting is malformed, names it', () => {
    expect(() => loadConfig({ PORT: 'abc' })).to.throw(ConfigError, /PORT/);
    expect(() => loadConfig({ MAIL_TRANSPORT: 'smtp' })).to.throw(ConfigError, /SMTP_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).to.throw(ConfigError, /LOG_LEVEL/);
  });
});
