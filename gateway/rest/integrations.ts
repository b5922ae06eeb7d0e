import type { Route } from './route.ts';

export const integrationRoutes: Route[] = [];
