// A newcomer opening any file under server/ reads first why it exists (issue 18): this keeps it so.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the source files of server/', () => {
  it('each opens with a comment saying why it exists', () => {
    const files = sourceFiles(path.join(ROOT, 'server'));
    expect(files.length).to.be.greaterThan(100);
    const silent = files
      .filter((file) => !/^(\/\/ \S|\/\*\*?\s*\S)/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(silent).to.deep.equal([]);
  });
});
