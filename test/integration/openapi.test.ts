import { expect } from 'chai';
import request from 'supertest';
import { LIMITS } from '../../server/domain/ideas.js';
import { phone } from '../../server/domain/validation.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD /path` the app mounts, read from Express's own router stack (routers mount with full paths). */
function mountedRoutes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      return paths.flatMap((p) => Object.keys(layer.route!.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${p}`));
    }
    return layer.handle?.stack ? mountedRoutes(layer.handle.stack) : [];
  });
}

/** `/api/ideas/{id}` in OpenAPI is `/api/ideas/:id` in Express. */
const toExpress = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

describe('OpenAPI document and API docs', () => {
  let app: TestApp;
  let doc: { openapi: string; paths: Record<string, Record<string, unknown>>; components: Record<string, Record<string, unknown>> };

  before(async () => {
    app = await startTestApp();
    doc = (await request(app.baseUrl).get('/api/openapi.json').expect(200).expect('Content-Type', /json/)).body;
  });
  after(() => app?.close());

  const documented = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${toExpress(path)}`));

  it('when fetched, then it is an OpenAPI 3.1 document with the cookie and CSRF security schemes and the error envelope', () => {
    expect(doc.openapi).to.equal('3.1.0');
    expect(doc.components.securitySchemes).to.have.keys('cookieAuth', 'csrfToken');
    expect(doc.components.securitySchemes!.csrfToken).to.include({ in: 'header', name: 'X-CSRF-Token' });
    expect(doc.components.schemas).to.include.keys('Error', 'Idea', 'IdeaCreate', 'IdeaPatch', 'Organisation');
  });

  it('when compared with the routes the app mounts, then every /api/ route (and /healthz) is documented', () => {
    const mounted = mountedRoutes((app.handle.app as unknown as { router: { stack: Layer[] } }).router.stack)
      .filter((r) => r.split(' ')[1]!.startsWith('/api/') || r.endsWith(' /healthz'));
    expect(mounted).to.include.members(['GET /api/ideas', 'DELETE /api/ideas/:id', 'POST /api/session', 'GET /api/invitations', 'GET /healthz']);
    const missing = mounted.filter((r) => !documented().includes(r));
    expect(missing, 'mounted but not documented').to.deep.equal([]);
  });

  it('when compared the other way, then every documented operation is mounted', () => {
    const mounted = new Set(mountedRoutes((app.handle.app as unknown as { router: { stack: Layer[] } }).router.stack));
    expect(documented().filter((r) => !mounted.has(r)), 'documented but not mounted').to.deep.equal([]);
  });

  it('when compared with the validation, then the limits and the phone pattern are the zod schemas\' own', () => {
    type Props = Record<string, { minLength?: number; maxLength?: number; pattern?: string; properties?: Props }>;
    const create = (doc.components.schemas!.IdeaCreate as { properties: Props }).properties;
    expect(create.title).to.include({ minLength: LIMITS.title[0], maxLength: LIMITS.title[1] });
    expect(create.description).to.include({ minLength: LIMITS.description[0], maxLength: LIMITS.description[1] });
    const pattern = new RegExp(create.contact!.properties!.phone!.pattern!);
    for (const [value, valid] of [['+32 11 22 33 44', true], ['011/22.33.44', true], ['', true], ['12ab34cd', false], ['12345', false]] as const) {
      expect(pattern.test(value), `pattern: ${value}`).to.equal(valid);
      expect(phone.safeParse(value).success, `validation: ${value}`).to.equal(valid);
    }
  });

  it('when walked, then every $ref points to a component that exists', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).to.be.greaterThan(10);
    for (const [, kind, name] of refs) expect(doc.components[kind!], `${kind}/${name}`).to.have.property(name!);
  });

  it('when the docs page is opened, then it lists every operation from the same document, with no script and no external assets', async () => {
    const res = await request(app.baseUrl).get('/api/docs').expect(200).expect('Content-Type', /html/);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) expect(res.text).to.include(`<code>${method.toUpperCase()} ${path}</code>`);
    }
    expect(res.text).not.to.match(/<script|https?:\/\/(?!localhost)[^"]*\.(js|css)/);
    expect(res.text).to.include('API-documentatie');
  });

  it('when the docs page is opened in English, then its headings are English', async () => {
    const res = await request(app.baseUrl).get('/api/docs').set('Cookie', 'lang=en').expect(200);
    expect(res.text).to.include('API documentation').and.include('Responses');
  });
});
