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

/**
 * One credential (an Authorization header, with the expiry it was authenticated with) and the open
 * sessions under it: thousands of connections of one dashboard's token share its expiry timer.
 */
interface Credential {
  key: string;
  authorization: string | undefined;
  actorId: string;
  expiresAt: number | null;
  entries: Set<Entry>;
  timer?: NodeJS.Timeout;
}

interface Entry {
  credential: Credential;
  controller: AbortController;
  /** Told first, with the abort reason, when the session ends (the WebSocket closes itself). */
  onEnd: ((reason: unknown) => void) | undefined;
}

// setTimeout holds at most 2^31 - 1 ms (24.8 days); a later expiry is waited for in steps.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Every live subscription connection of this gateway process, by credential, for both transports:
 * a connection's credential is held to the same rules for as long as it stays open as a request is
 * when it arrives. A session ends (the WebSocket closes with 4401, an SSE stream gets a last
 * UNAUTHENTICATED result and completes):
 * - at its credential's own expiry: a timer at the token's `exp` or the API key's `expires_at`, one
 *   per credential (all its sessions end together);
 * - at once when its API key is revoked: the revoking transaction NOTIFYs the key's ID, and every
 *   replica LISTENs;
 * - when the periodic re-check (SUBSCRIPTION_RECHECK_SECONDS) finds its credential refused: the
 *   safety net for a notification lost while a replica's connection to the database was down.
 */
export class LiveSessions {
  private readonly credentials = new Map<string, Credential>();
  private readonly byActor = new Map<string, Set<Credential>>();
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

  /** A session under the credential `authorization` authenticated as; `onEnd` is called, before the signal aborts, when it ends. */
  open(authorization: string | undefined, { principal, expiresAt }: Authenticated, onEnd?: (reason: unknown) => void): LiveSession {
    const key = `${expiresAt ?? ''}\u0000${authorization ?? ''}`;
    let credential = this.credentials.get(key);
    if (!credential) {
      credential = { key, authorization, actorId: principal.actorId, expiresAt, entries: new Set() };
      this.credentials.set(key, credential);
      let held = this.byActor.get(credential.actorId);
      if (!held) this.byActor.set(credential.actorId, (held = new Set()));
      held.add(credential);
      if (expiresAt !== null) this.expireAt(credential, expiresAt);
    }
    const entry: Entry = { credential, controller: new AbortController(), onEnd };
    credential.entries.add(entry);
    if (expiresAt !== null && expiresAt <= Date.now()) this.endEntry(entry, expiredMessage(authorization));
    if (!this.recheckTimer) {
      this.recheckTimer = setInterval(() => void this.recheck(), this.recheckSeconds * 1000);
      this.recheckTimer.unref();
    }
    return { signal: entry.controller.signal, close: () => this.remove(entry) };
  }

  /** Ends every open session of `actorId` (an API key's ID, a user's); returns how many. */
  end(actorId: string, reason: string): number {
    const entries = [...(this.byActor.get(actorId) ?? [])].flatMap((credential) => [...credential.entries]);
    for (const entry of entries) this.endEntry(entry, reason);
    return entries.length;
  }

  /** Ends every open session because the process is shutting down; returns how many. */
  shutdown(message: string): number {
    const entries = [...this.credentials.values()].flatMap((credential) => [...credential.entries]);
    for (const entry of entries) this.endEntry(entry, new GoingAway(message));
    return entries.length;
  }

  async close(): Promise<void> {
    clearInterval(this.recheckTimer);
    this.recheckTimer = undefined;
    for (const credential of this.credentials.values()) clearTimeout(credential.timer);
    this.credentials.clear();
    this.byActor.clear();
    await this.unlisten?.();
  }

  private expireAt(credential: Credential, expiresAt: number) {
    const wait = expiresAt - Date.now();
    if (wait <= 0) {
      const reason = expiredMessage(credential.authorization);
      for (const entry of [...credential.entries]) this.endEntry(entry, reason);
      return;
    }
    credential.timer = setTimeout(() => this.expireAt(credential, expiresAt), Math.min(wait, LONGEST_TIMER_MS));
    credential.timer.unref();
  }

  /** Authenticates each distinct credential of the open sessions again, once. */
  private async recheck() {
    const byAuthorization = new Map<string | undefined, Credential[]>();
    for (const credential of this.credentials.values()) {
      const same = byAuthorization.get(credential.authorization);
      if (same) same.push(credential);
      else byAuthorization.set(credential.authorization, [credential]);
    }
    await Promise.all([...byAuthorization].map(async ([authorization, credentials]) => {
      try {
        await this.authenticator.authenticate(authorization);
      } catch (error) {
        // A credential refused ends its sessions; a failure to check (the database away) does not.
        if (isPlatformError(error) && error.code === 'unauthorized') {
          for (const entry of credentials.flatMap((credential) => [...credential.entries])) this.endEntry(entry, error.message);
        } else logger.warn({ err: error }, 'could not check the credentials of open subscriptions again');
      }
    }));
  }

  private endEntry(entry: Entry, reason: unknown) {
    if (!this.remove(entry)) return;
    entry.onEnd?.(reason);
    entry.controller.abort(reason);
  }

  /** Forgets a session; false if it was not open. */
  private remove(entry: Entry): boolean {
    const { credential } = entry;
    if (!credential.entries.delete(entry)) return false;
    if (credential.entries.size === 0 && this.credentials.get(credential.key) === credential) {
      clearTimeout(credential.timer);
      this.credentials.delete(credential.key);
      const held = this.byActor.get(credential.actorId);
      held?.delete(credential);
      if (held?.size === 0) this.byActor.delete(credential.actorId);
    }
    if (this.credentials.size === 0) {
      clearInterval(this.recheckTimer);
      this.recheckTimer = undefined;
    }
    return true;
  }
}

/** What the client is told when its credential's time is up. */
function expiredMessage(authorization: string | undefined): string {
  const credential = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? '';
  return isApiKeyToken(credential) ? 'API key has expired.' : 'Token has expired.';
}
