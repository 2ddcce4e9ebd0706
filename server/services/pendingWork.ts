// Work a service starts after answering (e-mails to queue or send): followed so that callers can wait for it to settle.

export type PendingWork = {
  /** Follows `task` until it settles, and returns it. */
  track<T>(task: Promise<T>): Promise<T>;
  /** Resolves once nothing followed is still running, including what was started meanwhile. */
  idle(): Promise<void>;
};

export function pendingWork(): PendingWork {
  const running = new Set<Promise<unknown>>();
  return {
    track(task) {
      running.add(task);
      // The caller handles the task's failure; this copy only stops following it.
      void task.finally(() => running.delete(task)).catch(() => {});
      return task;
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
