import type { Principal } from '../../platform/auth/tokens.ts';
import { matches, type ActivityFilter, type EventStream } from '../../subgraphs/events/public.ts';
import type { EventRow } from '../../platform/event-log-table.ts';
import { log } from '../../platform/log.ts';
import { isFailure, unreadable, type BatchExecutor, type LiveOutcome } from './execute.ts';
import { Member, type MemberHost, type MemberOptions } from './member.ts';
import type { EdgePlan } from './plan.ts';

const logger = log.child({ component: 'gateway' });

/** What one subscriber asks for, checked and resolved (gateway/live/plugin.ts). */
export interface JoinRequest {
  filter: ActivityFilter;
  /** Resume after this seq (its cursor is `after`), or live only (null). */
  afterSeq: number | null;
  after: string | null;
  plan: EdgePlan;
  principal: Principal;
}

/** Subscribers of one audience with the same filter: an event either goes to all of them or to none. */
interface Bucket {
  key: string;
  filter: ActivityFilter;
  members: Set<Member>;
}

/**
 * Subscribers whose events are identical: the same selection (EdgePlan.selectionKey) under the same
 * visibility (organization, and the workspace a narrowed token is held to). Roles and the acting
 * user do not change what an event's selection reads (the only reads a role gates, API keys, are
 * not reachable from an Event: gateway/live/visibility.test.ts), so they are not part of it, and
 * the audience reads as a viewer. Each event is executed once per audience, in seq order, one
 * batch at a time; events that arrive meanwhile make the next batch.
 */
class Audience {
  readonly buckets = new Map<string, Bucket>();
  readonly pending: Array<{ row: EventRow; buckets: Bucket[] }> = [];
  running = false;
  members = 0;

  constructor(
    readonly key: string,
    readonly plan: EdgePlan,
    readonly principal: Principal,
  ) {}
}

export interface FeedStats {
  /** Events given to members, live and replayed. */
  deliveries: number;
  /** Batches of live events executed (each once per audience). */
  batches: number;
  /** Catch-ups of members that fell behind, and history replays of members that resumed. */
  replays: number;
}

const RETRIES = 3;
const RETRY_MS = 300;
/**
 * Deliveries made before an audience's writer lets the rest of the process in (other audiences'
 * results, the statements they wait for): a small audience's event is never queued behind the
 * whole write loop of a big one, at most behind a slice of it (about 10 ms of writes). Below that
 * an audience writes at once: yielding every 256 measured no better at 1,000 subscribers.
 */
const SLICE = 1024;
const others = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Live activity at scale: this gateway process follows the event stream once (the same EventStream
 * the events subgraph uses: the log's NOTIFY, or NATS JetStream as a member of the fan-out) and fans
 * every event out to its subscribers itself, evaluating their filters in memory. Per event, the work
 * of reading it (subgraph fetches, SQL) is done once per audience, and its result serialised once;
 * each member then only queues the shared bytes for its connection.
 */
export class ActivityFeed implements MemberHost {
  private readonly audiences = new Map<string, Audience>();
  private readonly byOrganization = new Map<string, Set<Audience>>();
  private readonly homes = new WeakMap<Member, { audience: Audience; bucket: Bucket; request: JoinRequest }>();
  private stream: EventStream | undefined;
  private starting: Promise<EventStream> | undefined;
  private unlisten: (() => void) | undefined;
  readonly stats: FeedStats = { deliveries: 0, batches: 0, replays: 0 };

  constructor(
    private readonly streamOf: () => Promise<EventStream>,
    readonly executor: BatchExecutor,
    private readonly options: MemberOptions,
  ) {}

  /**
   * The stream, started and followed on first use. A start that fails (the database or NATS away
   * at that moment) is forgotten, as the stream forgets it, so the next subscriber tries again.
   */
  events(): Promise<EventStream> {
    this.starting ??= this.streamOf().then(
      (stream) => {
        if (this.stream !== stream) {
          this.stream = stream;
          this.unlisten = stream.listen((rows) => this.dispatch(rows));
        }
        return stream;
      },
      (error: unknown) => {
        this.starting = undefined;
        throw error;
      },
    );
    return this.starting;
  }

  get audienceCount(): number {
    return this.audiences.size;
  }

  get memberCount(): number {
    let n = 0;
    for (const audience of this.audiences.values()) n += audience.members;
    return n;
  }

  /**
   * Adds a subscriber. Joining and reading the stream's position happen in one synchronous step:
   * every later event reaches the member live, every earlier one after `afterSeq` is replayed to it
   * from the log first (no gap, no duplicate at the switch).
   */
  async join(request: JoinRequest): Promise<Member> {
    const stream = await this.events();
    const member = new Member(this, this.options, request.after);
    const visibility = `${request.principal.organizationId}\u0000${request.principal.workspaceId ?? ''}`;
    const key = `${visibility}\u0000${request.plan.selectionKey}`;
    let audience = this.audiences.get(key);
    if (!audience) {
      audience = new Audience(key, request.plan, { ...request.principal, role: 'viewer' });
      this.audiences.set(key, audience);
      let organization = this.byOrganization.get(request.filter.organizationId);
      if (!organization) this.byOrganization.set(request.filter.organizationId, (organization = new Set()));
      organization.add(audience);
    }
    const filterKey = JSON.stringify([request.filter.workspaceId ?? null, [...new Set(request.filter.types ?? [])].sort(), request.filter.subjectId ?? null, request.filter.actorId ?? null]);
    let bucket = audience.buckets.get(filterKey);
    if (!bucket) audience.buckets.set(filterKey, (bucket = { key: filterKey, filter: request.filter, members: new Set() }));
    bucket.members.add(member);
    audience.members++;
    this.homes.set(member, { audience, bucket, request });
    const position = stream.position;
    member.joinedAt = Math.max(position, request.afterSeq ?? position);
    member.last = member.joinedAt;
    if (request.afterSeq !== null && request.afterSeq < position) this.replay(member, request.afterSeq, position);
    return member;
  }

  /** A member that fell behind drained its buffer: it rejoins at the current position, its gap read from the log. */
  catchUp(member: Member): void {
    const stream = this.stream;
    if (!stream || !member.active || !this.homes.has(member)) return;
    member.lagging = false;
    const from = member.last;
    member.joinedAt = Math.max(stream.position, from);
    if (from < member.joinedAt) this.replay(member, from, member.joinedAt);
  }

  leave(member: Member): void {
    const home = this.homes.get(member);
    if (!home) return;
    this.homes.delete(member);
    const { audience, bucket } = home;
    if (!bucket.members.delete(member)) return;
    audience.members--;
    if (bucket.members.size === 0) audience.buckets.delete(bucket.key);
    if (audience.members === 0) {
      this.audiences.delete(audience.key);
      const organization = this.byOrganization.get(bucket.filter.organizationId);
      organization?.delete(audience);
      if (organization?.size === 0) this.byOrganization.delete(bucket.filter.organizationId);
    }
  }

  close(): void {
    this.unlisten?.();
    for (const audience of this.audiences.values()) {
      for (const bucket of audience.buckets.values()) for (const member of bucket.members) member.finish(null);
    }
  }

  /** New events, in seq order: each goes to the audiences with a bucket whose filter it matches. */
  private dispatch(rows: EventRow[]) {
    const touched = new Set<Audience>();
    for (const row of rows) {
      const audiences = this.byOrganization.get(row.organizationId);
      if (!audiences) continue;
      for (const audience of audiences) {
        let matched: Bucket[] | undefined;
        for (const bucket of audience.buckets.values()) {
          if (matches(bucket.filter, row)) (matched ??= []).push(bucket);
        }
        if (!matched) continue;
        audience.pending.push({ row, buckets: matched });
        touched.add(audience);
      }
    }
    for (const audience of touched) if (!audience.running) void this.run(audience);
  }

  /** Executes an audience's pending events, a batch at a time, and hands each result to its members. */
  private async run(audience: Audience) {
    audience.running = true;
    try {
      while (audience.pending.length && audience.members > 0) {
        const batch = audience.pending.splice(0, await this.executor.batchSize(audience.plan));
        const outcomes = await this.execute(audience.plan, audience.principal, batch.map((b) => b.row));
        this.stats.batches++;
        let slice = 0;
        for (let i = 0; i < batch.length; i++) {
          const outcome = outcomes[i];
          for (const bucket of batch[i].buckets) {
            for (const member of bucket.members) {
              if (member.deliver(outcome)) this.stats.deliveries++;
              if (++slice === SLICE) {
                slice = 0;
                await others();
              }
            }
          }
        }
      }
    } catch (error) {
      logger.error({ err: error }, 'live activity batch failed');
    } finally {
      audience.running = false;
      if (audience.members === 0) audience.pending.length = 0;
      else if (audience.pending.length) void this.run(audience);
    }
  }

  /** Executes, retrying a batch a part of the graph could not read (a restart, a blip) before giving up on it. */
  private async execute(plan: EdgePlan, principal: Principal, rows: EventRow[]): Promise<LiveOutcome[]> {
    let outcomes = await this.executor.execute(plan, principal, rows);
    for (let attempt = 1; attempt <= RETRIES && outcomes.some(isFailure); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * attempt));
      outcomes = await this.executor.execute(plan, principal, rows);
    }
    return outcomes;
  }

  /** Replays `after` < seq <= `upTo` to one member from the log, at its connection's pace, then lets live events through. */
  private replay(member: Member, after: number, upTo: number) {
    const home = this.homes.get(member);
    const stream = this.stream;
    if (!home || !stream) return;
    member.replaying = true;
    this.stats.replays++;
    const { audience, request } = home;
    const page = Math.min(stream.batchSize, this.options.bufferLimit);
    void (async () => {
      try {
        let last = after;
        while (last < upTo && member.active) {
          await member.room();
          if (!member.active) break;
          const rows = await stream.history(request.filter, last, upTo, page);
          const size = await this.executor.batchSize(audience.plan);
          for (let i = 0; i < rows.length && member.active; i += size) {
            const chunk = rows.slice(i, i + size);
            for (const outcome of await this.execute(audience.plan, audience.principal, chunk)) {
              member.replayed(outcome);
              if (!isFailure(outcome)) this.stats.deliveries++;
            }
          }
          if (rows.length < page) break;
          last = rows[rows.length - 1].seq;
        }
      } catch (error) {
        logger.warn({ err: error }, 'live activity history could not be read');
        member.replayed({ seq: member.last + 1, cursor: '', failure: unreadable('the event log does not answer') });
      } finally {
        member.replayDone();
      }
    })();
  }
}
