/**
 * A REST client typed by openapi-typescript from the gateway's /v1/openapi.json (README, "For
 * frontend teams"): `npx openapi-typescript http://localhost:4000/v1/openapi.json -o src/api.ts`.
 * test/openapi-client.e2e.ts generates api.ts from a running gateway, type-checks this file against
 * it (and checks that a wrong field does not compile), then runs `loadTaskBoard` against the gateway.
 */
import type { components, paths } from './api.ts';

type S = components['schemas'];

/** The JSON body of a path's GET answer with `status`. */
type Answer<P extends keyof paths, Status extends number = 200> = paths[P] extends {
  get: { responses: { [K in Status]: { content: { 'application/json': infer Body } } } };
}
  ? Body
  : never;

async function get<P extends keyof paths>(base: string, token: string, path: string): Promise<Answer<P>> {
  const res = await fetch(new URL(path, base), { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const { error } = (await res.json()) as S['Error'];
    throw new Error(`${error.status} ${error.code}: ${error.message}`);
  }
  return (await res.json()) as Answer<P>;
}

export interface TaskBoard {
  titles: string[];
  open: number;
  hasMore: boolean;
  first: { id: string; status: S['TaskDetail']['status']; description: string | null; changes: number } | undefined;
}

/** A workspace's tasks, and the first one in full: what a task board reads. */
export async function loadTaskBoard(base: string, token: string, workspaceId: string): Promise<TaskBoard> {
  const list = await get<'/v1/tasks'>(base, token, `/v1/tasks?workspace_id=${encodeURIComponent(workspaceId)}&limit=5`);
  const tasks: S['Task'][] = list.data;
  const open = tasks.filter((t) => t.status !== 'done' && t.status !== 'cancelled').length;
  const head = tasks[0];
  let first: TaskBoard['first'];
  if (head) {
    const { data } = await get<'/v1/tasks/{id}'>(base, token, `/v1/tasks/${encodeURIComponent(head.id)}`);
    // Enums are the docs' lowercase unions, nullable fields say so.
    const status: 'backlog' | 'in_progress' | 'in_review' | 'done' | 'cancelled' = data.status;
    const description: string | null = data.description;
    first = { id: data.id, status, description, changes: data.history.length };
  }
  return { titles: tasks.map((t) => t.title), open, hasMore: list.meta.has_more, first };
}
