import { runStandalone } from '../standalone.ts';
import { definition } from './public.ts';

await runStandalone(definition);
