import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { acquireFolderLock, FolderLockedError } from '../../../server/db/folder-lock.js'

const dirs: string[] = []
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'renewmap-lock-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

describe('the embedded database folder lock', () => {
  it('refuses a second opener in the same process with a message that names the folder', () => {
    const dir = tmp()
    const lock = acquireFolderLock(dir)
    expect(() => acquireFolderLock(dir)).toThrow(FolderLockedError)
    expect(() => acquireFolderLock(dir)).toThrow(/in use by another process/)
    lock.release()
    acquireFolderLock(dir).release()
  })

  it('refuses while another live process holds it, and takes over once that process has died', async () => {
    const dir = tmp()
    const child = spawn(process.execPath, ['-e', `
      const fs = require('fs'); const os = require('os');
      fs.writeFileSync(${JSON.stringify(path.join(dir, 'renewmap.lock'))}, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() }), { flag: 'wx' });
      console.log('locked'); setInterval(() => {}, 1000);`])
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    let message = ''
    try {
      acquireFolderLock(dir)
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toContain(`pid ${child.pid}`)
    expect(message).toContain('DATA_DIR')
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const lock = acquireFolderLock(dir) // stale lock of a dead process
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8')).pid).toBe(process.pid)
    lock.release()
    expect(fs.existsSync(lock.file)).toBe(false)
  })
})
