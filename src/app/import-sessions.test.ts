import { describe, expect, it } from 'vitest';
import { createImportSessions } from './import-service';

/** Enough of a Worker for comlink's `wrap` and the session's `terminate`. */
class FakeWorker {
  terminated = false;
  /** Comlink's messages: the calls made on the worker's api. */
  posted: { type?: string; path?: string[] }[] = [];
  addEventListener(): void {}
  removeEventListener(): void {}
  postMessage(message: { type?: string; path?: string[] }): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function harness(ready?: Promise<unknown>) {
  const spawned: FakeWorker[] = [];
  const readers: FakeWorker[] = [];
  const idleTasks: (() => void)[] = [];
  const sessions = createImportSessions(
    'db',
    undefined,
    () => {
      const w = new FakeWorker();
      spawned.push(w);
      return w as unknown as Worker;
    },
    (task) => idleTasks.push(task),
    ready,
    () => {
      const w = new FakeWorker();
      readers.push(w);
      return w as unknown as Worker;
    },
  );
  /** Runs what waits for the page to be idle (once the boot's promise has been heard). */
  const runIdle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const task of idleTasks.splice(0)) task();
  };
  return { start: sessions.start, expect: sessions.expect, spawned, readers, runIdle };
}

describe('import sessions started ahead', () => {
  it('starts the first spare only once the boot is done (its control layers stored)', async () => {
    let booted: () => void = () => {};
    const { spawned, runIdle } = harness(
      new Promise<void>((resolve) => {
        booted = resolve;
      }),
    );
    await runIdle();
    expect(spawned).toHaveLength(0);
    booted();
    await runIdle();
    expect(spawned).toHaveLength(1);
  });

  it('starts one worker when the page is idle, and the next session takes it', async () => {
    const { start, spawned, runIdle } = harness();
    expect(spawned).toHaveLength(0);
    await runIdle();
    expect(spawned).toHaveLength(1);
    // It is asked to read and index the control layers meanwhile.
    expect(spawned[0]?.posted.map((m) => m.path)).toEqual([['warm']]);
    const session = start();
    // No worker was started for the session itself: it took the spare.
    expect(spawned).toHaveLength(1);
    session.cancel();
    expect(spawned[0]?.terminated).toBe(true);
  });

  it('asks the spare to warm up once the user is about to choose files, once, and never a session', async () => {
    const { start, expect: expectImport, spawned, runIdle } = harness();
    // Before the boot's idle task there is no spare: nothing to warm.
    expectImport();
    await runIdle();
    expect(spawned[0]?.posted.map((m) => m.path)).toEqual([['warm']]);
    expectImport();
    expectImport();
    expect(spawned[0]?.posted.map((m) => m.path)).toEqual([['warm'], ['warmUp']]);
    const session = start();
    // The session took the spare: its worker is not asked again, and no other spare is started yet.
    expectImport();
    expect(spawned).toHaveLength(1);
    expect(spawned[0]?.posted.map((m) => m.path)).toEqual([['warm'], ['warmUp']]);
    session.cancel();
  });

  it('starts the next spare only after the session has ended, when idle again', async () => {
    const { start, spawned, runIdle } = harness();
    await runIdle();
    const first = start();
    await runIdle();
    expect(spawned).toHaveLength(1);
    first.cancel();
    expect(spawned).toHaveLength(1);
    await runIdle();
    expect(spawned).toHaveLength(2);
    expect(spawned[1]?.terminated).toBe(false);
    const second = start();
    expect(spawned).toHaveLength(2);
    second.cancel();
    expect(spawned[1]?.terminated).toBe(true);
  });

  it('starts a worker for a session chosen before any was ready, and keeps one spare at most', async () => {
    const { start, spawned, runIdle } = harness();
    const early = start();
    expect(spawned).toHaveLength(1);
    // The boot's idle task finds a session running and starts nothing.
    await runIdle();
    expect(spawned).toHaveLength(1);
    early.cancel();
    early.cancel();
    await runIdle();
    expect(spawned).toHaveLength(2);
    await runIdle();
    expect(spawned).toHaveLength(2);
  });

  it('starts a .shp reader with each spare, connects it for a large zip, and ends it with the session', async () => {
    const { start, readers, runIdle } = harness();
    await runIdle();
    expect(readers).toHaveLength(1);
    const session = start();
    // A zip of 5 MiB may hold a .shp worth reading on the reader's thread.
    void session.read([new File([new Uint8Array(5 * 2 ** 20)], 'county.zip')], {}, () => {}).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(readers).toHaveLength(1);
    const connect = readers[0]?.posted[0] as unknown as { connect?: MessagePort };
    expect(connect.connect).toBeInstanceOf(MessagePort);
    connect.connect?.close();
    session.cancel();
    expect(readers[0]?.terminated).toBe(true);
  });

  it('does not connect the reader for a small file, and ends it with the session all the same', async () => {
    const { start, readers, runIdle } = harness();
    await runIdle();
    const session = start();
    // A GeoJSON holds no .shp, and a zip of 0.5 MiB no .shp of 4 MiB.
    void session
      .read(
        [new File(['{}'], 'small.geojson'), new File([new Uint8Array(2 ** 19)], 'small.zip')],
        {},
        () => {},
      )
      .catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(readers[0]?.posted).toEqual([]);
    session.cancel();
    expect(readers[0]?.terminated).toBe(true);
    expect(readers).toHaveLength(1);
  });
});
