/**
 * "The latest request wins": a component that asks the archive again before an earlier answer
 * arrived (another unit chosen, a new search typed, the preview refreshed) shows only the answer
 * to its latest question. Each `start()` returns a check that stays true until a newer request
 * starts or `cancel()` is called; an answer whose check is false is dropped.
 *
 *   const current = this.requests.start();
 *   const answer = await api().search(…);
 *   if (!current()) return;
 */
export class LatestRequest {
  private generation = 0;

  /** Starts a request: the returned check is true while it is the latest. */
  start(): () => boolean {
    const mine = ++this.generation;
    return () => mine === this.generation;
  }

  /** No answer to a request started so far is wanted any more. */
  cancel(): void {
    this.generation++;
  }
}
