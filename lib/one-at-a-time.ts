import { processSingleton } from './process-singleton';

/** The last task queued under each key; a key is forgotten once its last task has settled. */
const tails = () => processSingleton('one-at-a-time', () => new Map<string, Promise<unknown>>());

/**
 * Runs `task` once every earlier task under the same key has settled, in this process: a
 * check followed by a create (is this email already a colleague?) then holds for requests
 * sent at the same moment, a double click's or a script's.
 */
export async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const map = tails();
  const before = map.get(key) ?? Promise.resolve();
  const run = before.then(task, task);
  const tail = run.catch(() => undefined);
  map.set(key, tail);
  try {
    return await run;
  } finally {
    if (map.get(key) === tail) map.delete(key);
  }
}
