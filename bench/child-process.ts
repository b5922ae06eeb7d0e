import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A benchmark's load generator (or writer) in a process of its own, so that its CPU is not the
 * server's: the module at `moduleUrl` run again under tsx with `flag`, talking over IPC, its output
 * on this process's, without this process's NODE_OPTIONS (a --cpu-prof or --expose-gc meant for the
 * server).
 */
export function forkBenchProcess(moduleUrl: string, flag: string): ChildProcess {
  return fork(fileURLToPath(moduleUrl), [flag], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}
