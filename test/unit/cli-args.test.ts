// The CLI's one argument parser (src/cli/args.ts), in process: every command declares its
// options there, so these rules hold for all of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, type OptionSpec } from '../../src/cli/args';
import { UsageError } from '../../src/cli/errors';

const OPTIONS: OptionSpec[] = [
  { name: '--json', kind: 'flag', help: '' },
  { name: '--format', kind: 'string', value: 'F', help: '' },
  { name: '--top', kind: 'number', value: 'N', min: 1, max: 10, help: '' },
  { name: '--glossary', kind: 'repeatable', value: 'FILE', help: '' },
];

const usageError = (message: RegExp) => (e: unknown) => e instanceof UsageError && e.showUsage && message.test(e.message);

test('options as --opt value and --opt=value; repeatable keeps every value in order, a string the last', () => {
  const a = parseArgs(['--glossary', 'a.yaml', 'x.txt', '--glossary=b.yaml', '--format', 'one', '--format=two', '--top=3', '--json', '-', 'y.txt'], OPTIONS);
  assert.deepEqual(a.list('--glossary'), ['a.yaml', 'b.yaml']);
  assert.equal(a.string('--format'), 'two');
  assert.equal(a.number('--top'), 3);
  assert.equal(a.flag('--json'), true);
  assert.deepEqual(a.operands, ['x.txt', '-', 'y.txt']);
  assert.equal(a.help, false);
  const none = parseArgs([], OPTIONS);
  assert.deepEqual([none.flag('--json'), none.string('--format'), none.number('--top'), none.list('--glossary')], [false, undefined, undefined, []]);
});

test('-- ends the options: everything after it is an operand', () => {
  const a = parseArgs(['--json', '--', '--glossary', '-h', '-x.txt'], OPTIONS);
  assert.deepEqual(a.operands, ['--glossary', '-h', '-x.txt']);
  assert.equal(a.help, false);
  assert.deepEqual(a.list('--glossary'), []);
});

test('unknown options, short or long, are usage errors naming them (never read as file names)', () => {
  assert.throws(() => parseArgs(['--wrong-flag', 'FILE'], OPTIONS), usageError(/^unknown option --wrong-flag$/));
  assert.throws(() => parseArgs(['FILE', '--wrong=1'], OPTIONS), usageError(/^unknown option --wrong$/));
  assert.throws(() => parseArgs(['-x'], OPTIONS), usageError(/^unknown option -x$/));
});

test('a missing value, a value on a flag and a bad number are usage errors', () => {
  assert.throws(() => parseArgs(['x.txt', '--glossary'], OPTIONS), usageError(/^--glossary needs a value$/));
  assert.throws(() => parseArgs(['--json=yes'], OPTIONS), usageError(/^--json takes no value$/));
  for (const bad of ['0', '11', '-1', '2.5', 'ten', '']) {
    assert.throws(() => parseArgs([`--top=${bad}`], OPTIONS), usageError(/^--top needs a whole number from 1 to 10, not /), bad);
  }
});

test('--help and -h win over any other mistake, but not after --', () => {
  for (const h of ['--help', '-h']) {
    assert.equal(parseArgs(['--wrong', h, '--top=0'], OPTIONS).help, true);
  }
  assert.throws(() => parseArgs(['--wrong', '--', '--help'], OPTIONS), usageError(/unknown option --wrong/));
});

test('asking for an option that was not declared is a bug, not a user error', () => {
  const a = parseArgs([], OPTIONS);
  assert.throws(() => a.flag('--nope'), (e: unknown) => !(e instanceof UsageError) && /not declared/.test((e as Error).message));
  assert.throws(() => a.string('--json'), /not declared/, 'declared with another kind');
});
