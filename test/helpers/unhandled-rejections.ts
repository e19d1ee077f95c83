// Fails a test that leaves a promise rejection nobody handled: code that must "never throw" must not throw
// asynchronously either, where the test itself would not see it.
import { afterEach, beforeEach, expect } from 'vitest';

export function failOnUnhandledRejections(): void {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  beforeEach(() => {
    rejections.length = 0;
    process.on('unhandledRejection', onRejection);
  });
  afterEach(() => {
    process.off('unhandledRejection', onRejection);
    expect(rejections).toEqual([]);
  });
}
