// Slack wants an answer within 3 seconds. We answer once the service has taken the event (so a failure
// before then yields a 500 and Slack redelivers), but never later than the deadline: past it we answer
// anyway and let the work finish in the background (a redelivery would be de-duplicated by event_id).

export type Raced<T> = { done: true; value: T } | { done: false };

/** Resolves with the work's value if it settles first, `{ done: false }` at the deadline; rethrows an early failure. */
export async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<Raced<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Raced<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value): Raced<T> => ({ done: true, value })), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
