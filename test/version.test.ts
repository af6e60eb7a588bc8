import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { TOOL_VERSION } from '../src/contract/version.js';

test('TOOL_VERSION is package.json version', (t) => {
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  t.is(TOOL_VERSION, pkg.version);
});
