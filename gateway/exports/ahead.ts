/**
 * A read started before it is needed (the next page, batch or chunks), so that it overlaps the
 * write of the one before. Its outcome is held until used: a failure is thrown only when (and if)
 * the read is taken, and never goes unhandled when it is dropped (a client gone, a job stopped).
 */
export function readAhead<T>(read: Promise<T>): () => Promise<T> {
  const outcome = read.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
  return async () => {
    const result = await outcome;
    if (result.ok) return result.value;
    throw result.error ?? new Error('a read ahead failed');
  };
}
