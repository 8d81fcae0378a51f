// The FULL durability of the SQLite adapter: SQLite commits with synchronous=NORMAL (COMMIT
// writes the WAL without an fsync and does not block the one thread); this fdatasyncs the WAL
// file off the thread, one sync at a time, and an answer waits for a sync that began after the
// commit it rests on. Commits made while a sync runs share the next one.
import { open, type FileHandle } from 'node:fs/promises'

/** Flushes the WAL file at `path` to stable storage (the default: fdatasync on a kept handle). */
export type SyncWal = (path: string) => Promise<void>

export class WalSync {
  /** undefined when answers need not wait for a sync (`normal`, or `:memory:`) */
  readonly #sync: (() => Promise<void>) | undefined
  #walHandle: FileHandle | undefined
  /** commits that changed a row; the last one a finished sync covers */
  #committed = 0
  #synced = 0
  /** the last of those commits that was not only relaxed: what later answers may rest on */
  #lastDurable = 0
  #syncing: Promise<void> | undefined

  constructor(walPath: string, durable: boolean, syncWal: SyncWal | undefined) {
    const sync = syncWal ?? ((path: string) => this.#fdatasync(path))
    this.#sync = durable ? () => sync(walPath) : undefined
  }

  /** Whether answers wait for syncs at all. */
  get durable(): boolean {
    return this.#sync !== undefined
  }

  /**
   * Records a commit that changed rows; `relaxedOnly` when everything it wrote was relaxed
   * (nothing later waits for it, though the next sync covers it).
   */
  committed(relaxedOnly: boolean): void {
    this.#committed++
    if (!relaxedOnly) this.#lastDurable = this.#committed
  }

  /** The commit an answer given now rests on (every durable commit so far). */
  restsOn(): number {
    return this.#lastDurable
  }

  /** Resolves once every commit up to the `seq`-th is on disk. */
  async wait(seq: number): Promise<void> {
    while (this.#synced < seq) {
      this.#syncing ??= this.#syncOnce().finally(() => (this.#syncing = undefined))
      await this.#syncing
    }
  }

  async #syncOnce(): Promise<void> {
    const covers = this.#committed
    await this.#sync?.()
    this.#synced = Math.max(this.#synced, covers)
  }

  async #fdatasync(path: string): Promise<void> {
    this.#walHandle ??= await open(path, 'r')
    await this.#walHandle.datasync()
  }

  async close(): Promise<void> {
    await this.#syncing?.catch(() => undefined)
    await this.#walHandle?.close()
    this.#walHandle = undefined
  }
}
