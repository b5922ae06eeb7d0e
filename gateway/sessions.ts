import { API_KEY_REVOKED_CHANNEL, isApiKeyToken } from '../platform/auth/api-keys.ts';
import type { Database } from '../platform/db.ts';
import { isPlatformError } from '../platform/errors.ts';
import { log } from '../platform/log.ts';
import type { Authenticated, Authenticator } from './auth.ts';

const logger = log.child({ component: 'gateway' });

/**
 * Why a session ended when its process is shutting down (its abort reason): the WebSocket closes with
 * 1001 and an SSE stream ends with a last SERVICE_UNAVAILABLE result carrying its resume cursor,
 * instead of an authentication failure.
 */
export class GoingAway {
  constructor(readonly message: string) {}
}

/** One open subscription connection (a WebSocket, an SSE response) under the credential it opened with. */
export interface LiveSession {
  /** Aborts, its reason the message to give the client, when the credential stops being valid. */
  readonly signal: AbortSignal;
  /** The connection ended on its own: stop watching its credential. */
  close(): void;
}

interface Entry {
  authorization: string | undefined;
  actorId: string;
  /** What the client is told when the credential's time is up. */
  expired: string;
  controller: AbortController;
  timer?: NodeJS.Timeout;
}

// setTimeout holds at most 2^31 - 1 ms (24.8 days); a later expiry is waited for in steps.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Every live subscription connection of this gateway process, by principal, for both transports:
 * a connection's credential is held to the same rules for as long as it stays open as a request is
 * when it arrives. A session ends (the WebSocket closes with 4401, an SSE stream gets a last
 * UNAUTHENTICATED result and completes):
 * - at its credential's own expiry: a timer at the token's `exp` or the API key's `expires_at`;
 * - at once when its API key is revoked: the revoking transaction NOTIFYs the key's ID, and every
 *   replica LISTENs;
 * - when the periodic re-check (SUBSCRIPTION_RECHECK_SECONDS) finds its credential refused: the
 *   safety net for a notification lost while a replica's connection to the database was down.
 */
export class LiveSessions {
  private readonly byActor = new Map<string, Set<Entry>>();
  private recheckTimer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly recheckSeconds: number,
  ) {}

  /** Ends the sessions of a revoked API key as soon as any replica's revocation commits. */
  async listen(database: Database): Promise<void> {
    this.unlisten = await database.listen(API_KEY_REVOKED_CHANNEL, (keyId) => this.end(keyId, 'API key has been revoked.'));
  }

  open(authorization: string | undefined, { principal, expiresAt }: Authenticated): LiveSession {
    const credential = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? '';
    const expired = isApiKeyToken(credential) ? 'API key has expired.' : 'Token has expired.';
    const entry: Entry = { authorization, actorId: principal.actorId, expired, controller: new AbortController() };
    let entries = this.byActor.get(entry.actorId);
    if (!entries) this.byActor.set(entry.actorId, (entries = new Set()));
    entries.add(entry);
    if (expiresAt !== null) this.expireAt(entry, expiresAt);
    if (!this.recheckTimer) {
      this.recheckTimer = setInterval(() => void this.recheck(), this.recheckSeconds * 1000);
      this.recheckTimer.unref();
    }
    return { signal: entry.controller.signal, close: () => this.remove(entry) };
  }

  /** Ends every open session of `actorId` (an API key's ID, a user's); returns how many. */
  end(actorId: string, reason: string): number {
    const entries = [...(this.byActor.get(actorId) ?? [])];
    for (const entry of entries) this.endEntry(entry, reason);
    return entries.length;
  }

  /** Ends every open session because the process is shutting down; returns how many. */
  shutdown(message: string): number {
    const entries = [...this.byActor.values()].flatMap((set) => [...set]);
    for (const entry of entries) {
      this.remove(entry);
      entry.controller.abort(new GoingAway(message));
    }
    return entries.length;
  }

  async close(): Promise<void> {
    clearInterval(this.recheckTimer);
    this.recheckTimer = undefined;
    for (const entries of this.byActor.values()) for (const entry of entries) clearTimeout(entry.timer);
    this.byActor.clear();
    await this.unlisten?.();
  }

  private expireAt(entry: Entry, expiresAt: number) {
    const wait = expiresAt - Date.now();
    if (wait <= 0) {
      this.endEntry(entry, entry.expired);
      return;
    }
    entry.timer = setTimeout(() => this.expireAt(entry, expiresAt), Math.min(wait, LONGEST_TIMER_MS));
    entry.timer.unref();
  }

  /** Authenticates each distinct credential of the open sessions again, once. */
  private async recheck() {
    const byCredential = new Map<string | undefined, Entry[]>();
    for (const entries of this.byActor.values()) {
      for (const entry of entries) {
        const same = byCredential.get(entry.authorization);
        if (same) same.push(entry);
        else byCredential.set(entry.authorization, [entry]);
      }
    }
    await Promise.all([...byCredential].map(async ([authorization, entries]) => {
      try {
        await this.authenticator.authenticate(authorization);
      } catch (error) {
        // A credential refused ends its sessions; a failure to check (the database away) does not.
        if (isPlatformError(error) && error.code === 'unauthorized') for (const entry of entries) this.endEntry(entry, error.message);
        else logger.warn({ err: error }, 'could not check the credentials of open subscriptions again');
      }
    }));
  }

  private endEntry(entry: Entry, reason: string) {
    this.remove(entry);
    entry.controller.abort(reason);
  }

  private remove(entry: Entry) {
    clearTimeout(entry.timer);
    const entries = this.byActor.get(entry.actorId);
    entries?.delete(entry);
    if (entries?.size === 0) this.byActor.delete(entry.actorId);
    if (this.byActor.size === 0) {
      clearInterval(this.recheckTimer);
      this.recheckTimer = undefined;
    }
  }
}
