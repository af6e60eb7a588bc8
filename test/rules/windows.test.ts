import test from 'ava';
import { describeBuild, MIN_HOSTPROCESS_BUILD, parseBuild, releaseForBuild } from '../../src/rules/windows.js';

test('builds name releases; ProductName plays no part', (t) => {
  t.is(MIN_HOSTPROCESS_BUILD, 17763);
  t.regex(releaseForBuild(17763)?.name ?? '', /2019/);
  t.regex(releaseForBuild(20348)?.name ?? '', /2022/);
  t.regex(releaseForBuild(25398)?.name ?? '', /23H2/);
  t.regex(releaseForBuild(26100)?.name ?? '', /2025/);
  t.is(releaseForBuild(14393), undefined);
});

test('parseBuild: bare, with UBR, with the 10.0 prefix (kubectl KERNEL-VERSION)', (t) => {
  t.deepEqual(parseBuild('20348'), { build: 20348 });
  t.deepEqual(parseBuild('20348.2227'), { build: 20348, ubr: 2227 });
  t.deepEqual(parseBuild('10.0.17763.1397'), { build: 17763, ubr: 1397 });
  t.deepEqual(parseBuild(' 26100.33296 '), { build: 26100, ubr: 33296 });
  t.is(parseBuild('Windows Server 2022'), undefined);
  t.is(parseBuild(''), undefined);
});

test('describeBuild', (t) => {
  t.is(describeBuild(17763, 8389), '17763.8389');
  t.is(describeBuild(17763), '17763');
});
