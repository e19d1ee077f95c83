import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue } from '../../../adapters/discord/serial-queue.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedSerialQueue', () => {
  it('runs the tasks of one key in order, even when an earlier one is slower', async () => {
    const queue = new KeyedSerialQueue();
    const done: string[] = [];
    void queue.run('channel', async () => {
      await tick(30);
      done.push('create');
    }, () => undefined);
    void queue.run('channel', async () => {
      done.push('edit');
    }, () => undefined);
    await queue.drain();
    expect(done).toEqual(['create', 'edit']);
  });

  it('keeps going after a failing task and reports it', async () => {
    const queue = new KeyedSerialQueue();
    const errors: unknown[] = [];
    const done: string[] = [];
    void queue.run('c', () => Promise.reject(new Error('store down')), (e) => errors.push(e));
    void queue.run('c', async () => {
      done.push('next');
    }, (e) => errors.push(e));
    await queue.drain();
    expect(errors).toHaveLength(1);
    expect(done).toEqual(['next']);
  });

  it('after close, finishes what it has and refuses new tasks', async () => {
    const queue = new KeyedSerialQueue();
    const done: string[] = [];
    void queue.run('c', async () => {
      await tick(20);
      done.push('in flight');
    }, () => undefined);
    queue.close();
    void queue.run('c', async () => {
      done.push('late');
    }, () => undefined);
    await queue.drain();
    expect(done).toEqual(['in flight']);
    expect(queue.refused).toBe(1);
    expect(queue.pendingKeys).toBe(0);
  });
});
