import { spawn, type ChildProcess } from 'node:child_process';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { trackChild, untrackChild } from './cleanup.js';
import { pollPort } from './ports.js';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartProcessOptions {
  command: string;
  args?: readonly string[];
  /** Added to (and overriding) the test process's environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Port(s) that must accept a TCP connection before startProcess resolves. */
  readyPort?: number | readonly number[];
  readyHost?: string;
  readyTimeoutMs?: number;
  /** What error messages call the program; defaults to the command's basename. */
  name?: string;
}

export interface RunningProcess {
  readonly pid: number;
  readonly name: string;
  /** Everything the process wrote so far (the last MiB of it). */
  stdout(): string;
  stderr(): string;
  /** Sends `signal`, then SIGKILL after timeoutMs. Idempotent: later calls get the first call's result. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitStatus>;
  /** Settles when the process has exited and its output is collected. */
  readonly exited: Promise<ExitStatus>;
}

/** startProcess could not start the program, or it died or stayed deaf before it was ready. */
export class ProcessStartError extends Error {
  constructor(
    message: string,
    readonly program: string,
    readonly stdout: string,
    readonly stderr: string,
    readonly status?: ExitStatus,
  ) {
    super(message);
    this.name = 'ProcessStartError';
  }
}

// Enough for any startup failure; bounded so a chatty server (-DV) cannot eat the heap.
const OUTPUT_LIMIT = 1024 * 1024;
const MESSAGE_TAIL = 4000;

class Output {
  private text = '';

  constructor(stream: Readable | null) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      this.text += chunk;
      if (this.text.length > 2 * OUTPUT_LIMIT) this.text = this.text.slice(-OUTPUT_LIMIT);
    });
  }

  read(): string {
    return this.text.length > OUTPUT_LIMIT ? this.text.slice(-OUTPUT_LIMIT) : this.text;
  }
}

type Handle = Readable & { ref?: () => void; unref?: () => void };

export function describeExit(status: ExitStatus): string {
  return status.signal !== null ? `signal ${status.signal}` : `code ${String(status.code)}`;
}

class Running implements RunningProcess {
  readonly out: Output;
  readonly err: Output;
  /** Settles on 'exit' (the process is gone), before its output is drained. */
  readonly exitSeen: Promise<void>;
  private readonly allDone: Promise<ExitStatus>;
  private settle!: (status: ExitStatus) => void;
  private stopping: Promise<ExitStatus> | undefined;
  spawnError: Error | undefined;

  constructor(
    private readonly child: ChildProcess,
    readonly name: string,
  ) {
    this.out = new Output(child.stdout);
    this.err = new Output(child.stderr);
    this.allDone = new Promise((resolve) => (this.settle = resolve));
    this.exitSeen = new Promise((resolve) => {
      child.once('exit', () => {
        untrackChild(child);
        resolve();
        // 'close' waits for the pipes; a grandchild that inherited them could hold
        // them open forever, so give up on the rest of the output after a while.
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          this.settle(this.status());
        }, 1000).unref();
      });
      child.on('error', (error) => {
        // Without a pid it never ran: no 'exit' will come.
        if (child.pid === undefined) {
          this.spawnError = error;
          resolve();
          this.settle({ code: null, signal: null });
        }
      });
    });
    child.once('close', () => {
      this.settle(this.status());
    });
    trackChild(child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get exited(): Promise<ExitStatus> {
    // Whoever awaits the exit needs the event loop to stay up until it happens.
    this.keepAlive(true);
    return this.allDone;
  }

  stdout(): string {
    return this.out.read();
  }

  stderr(): string {
    return this.err.read();
  }

  running(): boolean {
    return (
      this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /**
   * Unreferenced handles let a test file end while a server it forgot is still
   * up; the exit hook then kills it. Referenced while someone waits on it.
   */
  keepAlive(on: boolean): void {
    for (const handle of [this.child, this.child.stdout, this.child.stderr] as (Handle | null)[]) {
      if (on) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 5000): Promise<ExitStatus> {
    this.stopping ??= this.terminate(signal, timeoutMs);
    return this.stopping;
  }

  private async terminate(signal: NodeJS.Signals, timeoutMs: number): Promise<ExitStatus> {
    if (!this.running()) return this.exited;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private status(): ExitStatus {
    return { code: this.child.exitCode, signal: this.child.signalCode };
  }
}

function tail(text: string): string {
  return text.length > MESSAGE_TAIL ? '…' + text.slice(-MESSAGE_TAIL) : text;
}

function failure(running: Running, why: string, command: string, status?: ExitStatus) {
  const stdout = running.stdout();
  const stderr = running.stderr();
  let message = `${running.name} ${why}\ncommand: ${command}`;
  message += `\n--- ${running.name} stderr ---\n${stderr === '' ? '(empty)' : tail(stderr)}`;
  if (stdout !== '') message += `\n--- ${running.name} stdout ---\n${tail(stdout)}`;
  return new ProcessStartError(message, running.name, stdout, stderr, status);
}

/**
 * Spawns a program (never detached, so it stays in our process group) and, with
 * readyPort, resolves only once it accepts connections. It is SIGKILLed when the
 * test process exits, whatever the test did.
 */
export async function startProcess(options: StartProcessOptions): Promise<RunningProcess> {
  const args = options.args ?? [];
  const command = [options.command, ...args].join(' ');
  const child = spawn(options.command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  const running = new Running(child, options.name ?? basename(options.command));

  await new Promise<void>((resolve) => {
    child.once('spawn', resolve);
    void running.exitSeen.then(resolve);
  });
  if (running.spawnError !== undefined) {
    throw failure(running, `could not be started: ${running.spawnError.message}`, command);
  }

  const ports = options.readyPort === undefined ? [] : [options.readyPort].flat();
  const host = options.readyHost ?? '127.0.0.1';
  const timeoutMs = options.readyTimeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  const died = new AbortController();
  void running.exitSeen.then(() => {
    died.abort(new Error('the process exited'));
  });
  try {
    for (const port of ports) {
      await pollPort(port, host, Math.max(deadline - Date.now(), 0), died.signal);
    }
  } catch (error) {
    const where = `${host}:${ports.join(',')}`;
    if (died.signal.aborted) {
      const status = await running.exited;
      throw failure(
        running,
        `exited with ${describeExit(status)} before it listened on ${where}`,
        command,
        status,
      );
    }
    // Never leave a half-started program behind.
    const status = await running.stop('SIGKILL');
    const reason = error instanceof Error ? error.message : String(error);
    throw failure(
      running,
      `was not listening on ${where} within ${timeoutMs} ms (${reason})`,
      command,
      status,
    );
  }
  running.keepAlive(false);
  return running;
}
