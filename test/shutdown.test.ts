import { shutdown } from '../src/shutdown';
import { captureLogger } from './support/capture-logger';

describe('shutdown', () => {
  it('runs every step in order and reports a clean stop', async () => {
    const order: string[] = [];
    const { logger } = captureLogger();
    const step = (name: string) => ({ name, run: async () => void order.push(name) });
    expect(await shutdown([step('http'), step('scheduler'), step('store')], logger, 1000)).toBe(true);
    expect(order).toEqual(['http', 'scheduler', 'store']);
  });

  it('bounds a hanging step, keeps going, and logs it', async () => {
    const order: string[] = [];
    const logs = captureLogger();
    const started = Date.now();
    const clean = await shutdown(
      [
        { name: 'hangs', run: () => new Promise<void>(() => undefined) },
        { name: 'fails', run: async () => Promise.reject(new Error('disk gone')) },
        { name: 'store', run: async () => void order.push('store') },
      ],
      logs.logger,
      200,
    );
    expect(clean).toBe(false);
    expect(order).toEqual(['store']);
    expect(Date.now() - started).toBeLessThan(1000);
    const failed = logs
      .lines()
      .filter((l) => l.msg === 'shutdown step failed')
      .map((l) => l.step);
    expect(failed).toEqual(['hangs', 'fails']);
  });
});
