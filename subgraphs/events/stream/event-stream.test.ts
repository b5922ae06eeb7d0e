import { it, expect } from 'vitest';
import { describeEngines } from '../../../test/testkit/describe-engines.ts';
import { DEMO } from '../../../seed/demo.ts';
import { appendEvent } from '../../../platform/event-log.ts';
import type { EventRow } from '../../../platform/event-log-table.ts';
import { EventStream } from './event-stream.ts';
import { DatabaseSource, type EventSource } from './database-source.ts';

/** The database's reader, except that its first start fails (the database or NATS down at that moment). */
class FailingOnce implements EventSource {
  starts = 0;
  constructor(private readonly inner: EventSource) {}
  async start(after: number, deliver: (rows: EventRow[]) => void) {
    if (this.starts++ === 0) throw new Error('connection refused');
    await this.inner.start(after, deliver);
  }
  stop() {
    return this.inner.stop();
  }
}

describeEngines('the live event stream', (ctx) => {
  it('tries its start again on the next subscription after one failed, and then delivers', async () => {
    const source = new FailingOnce(new DatabaseSource(ctx.database));
    const stream = new EventStream(ctx.database, source);
    const filter = { organizationId: DEMO.organizationId, types: ['task.created'] };
    try {
      await expect(stream.subscribe(filter, null)).rejects.toThrow('connection refused');
      const live = await stream.subscribe(filter, null);
      expect(source.starts).toBe(2);
      const written = await ctx.database.db.transaction((tx) => appendEvent(tx, {
        type: 'task.created',
        organizationId: DEMO.organizationId,
        workspaceId: DEMO.workspaceId,
        actor: { type: 'user', id: DEMO.adminUserId },
        subject: { type: 'task', id: DEMO.taskId },
      }));
      const next = await live.next();
      expect(next.value?.id).toBe(written.id);
      await live.return?.();
    } finally {
      await stream.stop();
    }
  });
});
