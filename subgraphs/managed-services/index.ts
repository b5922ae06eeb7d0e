import { runStandalone } from '../standalone.ts';
import { definition } from './server.ts';

await runStandalone(definition);
