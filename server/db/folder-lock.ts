import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * An exclusive lock on an embedded database folder. PGlite is one process; two processes writing one
 * folder silently lose committed rows, so a second opener must fail at once and say why.
 */
export class FolderLockedError extends Error {
  override readonly name = 'FolderLockedError'
}

interface LockInfo { pid: number; host: string; startedAt: string }

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readInfo(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo
  } catch {
    return null
  }
}

export interface FolderLock { readonly file: string; release(): void }

export function acquireFolderLock(dir: string): FolderLock {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'renewmap.lock')
  const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' })
      let released = false
      const release = () => {
        if (released) return
        released = true
        const cur = readInfo(file)
        if (cur && cur.pid === process.pid) fs.rmSync(file, { force: true })
      }
      process.once('exit', release)
      return { file, release }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const holder = readInfo(file)
      const sameHost = !holder || holder.host === os.hostname()
      if (holder && sameHost && (holder.pid === process.pid || isAlive(holder.pid))) {
        throw new FolderLockedError(
          `The embedded database folder ${path.resolve(dir)} is in use by another process ` +
            `(pid ${holder.pid}, started ${holder.startedAt}). Only one process may open it at a time: ` +
            `stop that process first, or set DATA_DIR to another folder, or use DATABASE_URL for a shared server database.`,
        )
      }
      if (holder && !sameHost) {
        throw new FolderLockedError(
          `The embedded database folder ${path.resolve(dir)} is locked by host ${holder.host} (pid ${holder.pid}). ` +
            `If that host is gone, delete ${file} and start again.`,
        )
      }
      // The holder died without releasing: the lock is stale, take it over.
      fs.rmSync(file, { force: true })
    }
  }
  throw new FolderLockedError(`Could not lock ${path.resolve(dir)}: another process took it at the same moment.`)
}
