import inspector from 'node:inspector/promises';
import fs from 'node:fs';
/**
 * `--profile DIR`: a V8 CPU profile of this process (the server, when it runs in-process) over each
 * round's measured window only, written as DIR/<round>.cpuprofile (open it in Chrome DevTools).
 */
export async function startProfile(): Promise<(file: string) => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async (file: string) => {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}
