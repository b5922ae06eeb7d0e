import { GraphQLError, type ExecutionResult } from 'graphql';
import { isFailure, type LiveOutcome, type LivePayload } from './execute.ts';
import { GoingAway } from '../sessions.ts';
import { slowConsumerCutoffs } from '../../platform/metrics/instruments.ts';

export interface MemberOptions {
  /** SUBSCRIBER_BUFFER: events that may wait for this subscriber. */
  bufferLimit: number;
  /** SUBSCRIBER_GRACE_SECONDS, in ms: how long that buffer may stay full. */
  graceMs: number;
}

/** What a member needs of its feed (gateway/live/feed.ts). */
export interface MemberHost {
  /** The member drained what it was sent after falling behind: read its history again and rejoin live. */
  catchUp(member: Member): void;
  /** The member takes no more live events. */
  leave(member: Member): void;
}

/** Where a member's events go: a WebSocket it writes to, or an SSE response that pulls (gateway/live/drivers.ts). */
export interface Driver {
  /** There may be something to take. */
  wake(): void;
  /** The subscription is over; `result` is its last one (null: none, the client left). */
  finish(result: ExecutionResult | null): void;
}

/**
 * One subscriber of an audience: its own bounded buffer between the audience's shared payloads and
 * its connection, so a slow socket never holds back the others. `joinedAt` splits the log for it:
 * live payloads of later events are queued, everything up to it is replayed from the log first.
 *
 * - A buffer full when a live event arrives does not wait: the member stops taking live events
 *   (`lagging`), and once its connection has drained what it holds, reads them from the log at its
 *   own pace and rejoins (catch-up), as the events subgraph's stream does.
 * - A buffer left full for the grace period (the connection takes nothing) ends the subscription
 *   with SLOW_CONSUMER and the cursor of the last event sent, dropping what waits.
 * - An event that cannot be read ends it, after what was queued before it, with SERVICE_UNAVAILABLE
 *   and the cursor to resume from. During a replay that is what was replayed: the live events
 *   queued meanwhile lie beyond the part of the log not yet replayed.
 */
export class Member {
  joinedAt = 0;
  /** The seq of the newest event queued or replayed for this member. */
  last = 0;
  /** The cursor of the last event handed to the connection. */
  lastSent: string | null;
  replaying = false;
  lagging = false;
  driver: Driver | undefined;
  /** Called once when the subscription ends, however it ends. */
  onFinish: (() => void) | undefined;
  private readonly live: LivePayload[] = [];
  private readonly history: LivePayload[] = [];
  private failure: GraphQLError | undefined;
  private ended = false;
  private fullTimer: NodeJS.Timeout | undefined;
  private roomWaiter: (() => void) | undefined;

  constructor(
    private readonly host: MemberHost,
    private readonly options: MemberOptions,
    /** The cursor it resumed after, if any: what SLOW_CONSUMER names before anything was sent. */
    resumedAfter: string | null,
  ) {
    this.lastSent = resumedAfter;
  }

  get active(): boolean {
    return !this.ended && this.failure === undefined;
  }

  /** A live event of its audience. */
  deliver(outcome: LiveOutcome): boolean {
    if (!this.active || outcome.seq <= this.joinedAt || this.lagging) return false;
    if (isFailure(outcome)) {
      this.fail(outcome.failure);
      return false;
    }
    if (this.live.length >= this.options.bufferLimit) {
      this.lagging = true;
      this.startFull();
      return false;
    }
    this.live.push(outcome);
    this.last = outcome.seq;
    this.driver?.wake();
    return true;
  }

  /** A replayed event (history, or a catch-up), ahead of the live ones queued. */
  replayed(outcome: LiveOutcome): void {
    if (!this.active) return;
    if (isFailure(outcome)) return this.fail(outcome.failure);
    this.history.push(outcome);
    this.last = Math.max(this.last, outcome.seq);
    if (this.history.length >= this.options.bufferLimit) this.startFull();
    this.driver?.wake();
  }

  /** Resolves when replayed events may be added (the buffer is below its limit), or the member ended. */
  room(): Promise<void> {
    if (this.history.length < this.options.bufferLimit || !this.active) return Promise.resolve();
    return new Promise((resolve) => (this.roomWaiter = resolve));
  }

  /** The replay is over: live events flow again. */
  replayDone(): void {
    this.replaying = false;
    this.driver?.wake();
  }

  /** The next event for the connection, in order: history first, then live. */
  take(): LivePayload | undefined {
    if (this.ended) return undefined;
    const item = this.history.length ? this.history.shift() : this.replaying ? undefined : this.live.shift();
    if (item) {
      this.lastSent = item.cursor;
      this.clearFull();
      if (this.roomWaiter && this.history.length < this.options.bufferLimit) this.wakeRoom();
      return item;
    }
    // Everything sent: a failure ends it now; a member that fell behind reads on from the log.
    if (!this.replaying) {
      if (this.failure) this.finish({ errors: [unavailable(this.failure, this.lastSent)] });
      else if (this.lagging) this.host.catchUp(this);
    }
    return undefined;
  }

  /** Ends the subscription now, dropping what waits; `result` is its last one (null: the client left). */
  finish(result: ExecutionResult | null): void {
    if (this.ended) return;
    this.ended = true;
    this.live.length = 0;
    this.history.length = 0;
    this.clearFull();
    this.wakeRoom();
    this.host.leave(this);
    this.onFinish?.();
    this.driver?.finish(result);
  }

  /** The credential of the connection ended (gateway/sessions.ts). */
  sessionEnded(reason: unknown): void {
    this.finish({ errors: [endedBy(reason, this.lastSent)] });
  }

  private fail(error: GraphQLError) {
    if (!this.active) return;
    this.failure = error;
    // During a replay, the live events queued come after what the replay has yet to read: sent
    // after the failure's cut, they would skip that range, and a resume from the last one sent
    // would never read it. What was replayed goes out; the rest comes with the resume.
    if (this.replaying) this.live.length = 0;
    this.host.leave(this);
    this.wakeRoom();
    this.driver?.wake();
  }

  private startFull() {
    if (this.fullTimer || this.ended) return;
    this.fullTimer = setTimeout(() => (slowConsumerCutoffs.inc(), this.finish({ errors: [slowConsumer(this.lastSent)] })), this.options.graceMs);
    this.fullTimer.unref();
  }

  private clearFull() {
    if (!this.fullTimer) return;
    clearTimeout(this.fullTimer);
    this.fullTimer = undefined;
  }

  private wakeRoom() {
    const waiter = this.roomWaiter;
    this.roomWaiter = undefined;
    waiter?.();
  }
}

/**
 * The last result of a subscription whose connection's session ended: the gateway shutting down
 * (SERVICE_UNAVAILABLE with the cursor to resume after, as after SLOW_CONSUMER), or the credential
 * expiring or being revoked (UNAUTHENTICATED).
 */
export function endedBy(reason: unknown, resumeAfter: string | null): GraphQLError {
  if (reason instanceof GoingAway) return new GraphQLError(reason.message, { extensions: { code: 'SERVICE_UNAVAILABLE', resumeAfter } });
  return sessionEnded(reason);
}

export function sessionEnded(reason: unknown): GraphQLError {
  return new GraphQLError(typeof reason === 'string' ? reason : 'The credential of this subscription is no longer valid.', { extensions: { code: 'UNAUTHENTICATED' } });
}

export function slowConsumer(resumeAfter: string | null): GraphQLError {
  return new GraphQLError(
    `This subscriber fell more than its buffer behind the stream and was disconnected; subscribe again with after: ${resumeAfter === null ? 'null (nothing was delivered yet)' : `"${resumeAfter}"`} to continue without a gap.`,
    { extensions: { code: 'SLOW_CONSUMER', resumeAfter } },
  );
}

function unavailable(failure: GraphQLError, resumeAfter: string | null): GraphQLError {
  return new GraphQLError(
    `${failure.message} Subscribe again with after: ${resumeAfter === null ? 'null (nothing was delivered yet)' : `"${resumeAfter}"`} to continue without a gap.`,
    { extensions: { ...failure.extensions, resumeAfter } },
  );
}
