import { runStandalone } from '../kit/standalone.ts';
import { definition } from './server.ts';

await runStandalone(definition);
