/**
 * `Prefer: wait=N` (RFC 7240 §4.3) on `GET /v1/exports/{id}`: a client that would poll until its
 * job finishes asks once, and the answer comes as soon as the job is completed, failed or cancelled,
 * or after N seconds with the job as it then stands (at most MAX_WAIT_SECONDS; a larger N waits that
 * long). A job finished in this process (its worker, a cancellation) ends the wait at once; one
 * finished by another gateway process is seen at the next look at its row, every WAIT_RECHECK_MS.
 */

/** The longest a `Prefer: wait` answer is held; a larger N is answered as wait=MAX_WAIT_SECONDS. */
export const MAX_WAIT_SECONDS = 60;
/** While a caller waits, the job's row is read again this often (a job another process finishes). */
export const WAIT_RECHECK_MS = 1_000;

/**
 * The `wait` preference of a request's Prefer header(s), in seconds, capped at MAX_WAIT_SECONDS;
 * undefined without one. As RFC 7240 says: names are case-insensitive, only a preference's first
 * occurrence counts, and one the server cannot honour (a value that is not delta-seconds) is ignored.
 */
export function preferredWait(header: string | string[] | undefined): number | undefined {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  for (const preference of values.flatMap((value) => value.split(','))) {
    const [token] = preference.split(';');
    const equals = token.indexOf('=');
    const name = (equals === -1 ? token : token.slice(0, equals)).trim().toLowerCase();
    if (name !== 'wait') continue;
    const raw = equals === -1 ? '' : token.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
    if (!/^\d{1,10}$/.test(raw)) return undefined;
    return Math.min(Number(raw), MAX_WAIT_SECONDS);
  }
  return undefined;
}

const waiters = new Map<string, Set<() => void>>();

/** Ends every wait on this job in this process (it completed, failed or was cancelled). */
export function jobFinished(jobId: string): void {
  const waiting = waiters.get(jobId);
  if (!waiting) return;
  waiters.delete(jobId);
  for (const wake of waiting) wake();
}

/**
 * Looks at a job (`look`, the caller's read of it; `first` as just read) until it is finished
 * (`isFinished`), `seconds` pass or `signal` aborts (the client went away): again as soon as this
 * process finishes it, and every WAIT_RECHECK_MS. Returns the job as last seen (undefined once it is not there).
 */
export async function waitForJob<T>(
  jobId: string, first: T, seconds: number, look: () => Promise<T | undefined>, isFinished: (job: T) => boolean, signal: AbortSignal,
): Promise<T | undefined> {
  const deadline = Date.now() + seconds * 1000;
  let job: T | undefined = first;
  while (job !== undefined && !isFinished(job) && !signal.aborted && Date.now() < deadline) {
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    let waiting = waiters.get(jobId);
    if (!waiting) waiters.set(jobId, (waiting = new Set()));
    waiting.add(wake);
    const timer = setTimeout(wake, Math.min(WAIT_RECHECK_MS, deadline - Date.now()));
    signal.addEventListener('abort', wake, { once: true });
    try {
      await woken;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', wake);
      waiting.delete(wake);
      if (waiting.size === 0 && waiters.get(jobId) === waiting) waiters.delete(jobId);
    }
    if (!signal.aborted) job = await look();
  }
  return job;
}
