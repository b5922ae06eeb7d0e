import type http from 'node:http';

/** Request bodies are small JSON documents (GraphQL requests, REST writes): 1 MiB at most. */
export const MAX_BODY_BYTES = 1 << 20;

/**
 * A request's body as UTF-8 text, or undefined when it is larger than MAX_BODY_BYTES: known from
 * its Content-Length before reading, or as soon as it grows past the bound. The rest is not read:
 * the request is paused, not destroyed, so the refusal can still be answered (with
 * `Connection: close`, which drops the unread rest).
 */
export function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      stop();
      req.pause();
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
