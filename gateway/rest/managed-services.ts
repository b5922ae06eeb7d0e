import type { Route } from './route.ts';

export const managedServiceRoutes: Route[] = [];
