import net from 'node:net';

/** The NATS server (JetStream) the tests may use: CI starts one (.ci/run). */
export const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export async function natsAnswers(): Promise<boolean> {
  const url = new URL(NATS_URL);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port || 4222), url.hostname, () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
    setTimeout(() => (socket.destroy(), resolve(false)), 2000).unref();
  });
}
