import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { expect, test } from 'vitest';
import { deadLocalOwners } from '../../src/jobs/queue/owners.ts';

test('dead workers are those of this host whose process is gone, or an earlier life of this pid; other hosts are never judged', () => {
  const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
  const host = hostname();
  const me = `${host}:${process.pid}:aaaaaa`;
  const owners = [
    me,
    `${host}:${gone}:bbbbbb`, // exited
    `${host}:${process.pid}:cccccc`, // this pid, another life
    `${host}:${process.ppid}:dddddd`, // a live process (the test runner's parent)
    `elsewhere:${gone}:eeeeee`, // another host: its lease decides
    'not-an-owner-id',
  ];
  expect(deadLocalOwners(owners, me)).toEqual([`${host}:${gone}:bbbbbb`, `${host}:${process.pid}:cccccc`]);
});
