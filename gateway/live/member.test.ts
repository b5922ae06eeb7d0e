import { describe, it, expect } from 'vitest';
import { GraphQLError } from 'graphql';
import { Member, type MemberHost } from './member.ts';
import type { LiveOutcome, LivePayload } from './execute.ts';

const payload = (seq: number): LivePayload => ({ seq, cursor: `c${seq}`, text: `{"seq":${seq}}`, bytes: Buffer.from(`{"seq":${seq}}`) });
const failure = (seq: number): LiveOutcome => ({ seq, cursor: `c${seq}`, failure: new GraphQLError('unreadable', { extensions: { code: 'SERVICE_UNAVAILABLE' } }) });

/** A member as the feed makes one: joined at `joinedAt`, replaying the log up to it when `replaying`. */
function member(joinedAt: number, replaying: boolean) {
  const host: MemberHost = { catchUp: () => {}, leave: () => {} };
  const m = new Member(host, { bufferLimit: 100, graceMs: 60_000 }, 'c0');
  m.joinedAt = joinedAt;
  m.last = joinedAt;
  m.replaying = replaying;
  const finished: unknown[] = [];
  m.driver = { wake: () => {}, finish: (result) => finished.push(result) };
  /** Everything the connection would be sent, in order, until nothing is left. */
  const drain = () => {
    const sent: number[] = [];
    for (let item = m.take(); item; item = m.take()) sent.push(item.seq);
    return sent;
  };
  return { m, drain, finished };
}

describe('a live activity member (gateway/live/member.ts)', () => {
  it('sends its replayed history, then the live events queued meanwhile, in order', () => {
    const { m, drain } = member(10, true);
    m.deliver(payload(11));
    m.deliver(payload(12));
    m.replayed(payload(4));
    m.replayed(payload(7));
    expect(drain()).toEqual([4, 7]);
    m.replayDone();
    expect(drain()).toEqual([11, 12]);
  });

  it('ends a replay that fails after what was replayed, without the live events beyond the gap, and names the last one sent', () => {
    const { m, drain, finished } = member(10, true);
    m.deliver(payload(11));
    m.deliver(payload(12));
    m.replayed(payload(4));
    m.replayed(failure(5));
    m.replayDone();
    // 5..10 were never read: 11 and 12 must not go out, or resuming from 12 would skip them.
    expect(drain()).toEqual([4]);
    expect(finished).toHaveLength(1);
    expect((finished[0] as { errors: GraphQLError[] }).errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', resumeAfter: 'c4' });
  });

  it('ends on a live event that cannot be read after the live events queued before it', () => {
    const { m, drain, finished } = member(10, false);
    m.deliver(payload(11));
    m.deliver(payload(12));
    m.deliver(failure(13));
    expect(drain()).toEqual([11, 12]);
    expect((finished[0] as { errors: GraphQLError[] }).errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', resumeAfter: 'c12' });
  });
});
