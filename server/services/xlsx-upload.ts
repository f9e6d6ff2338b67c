import fs from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { SheetCells, XlsxWorkerInput, XlsxWorkerOutput } from './xlsx-worker.js'

/**
 * An uploaded XLSX, safely: the zip's directory is checked before anything unpacks it, then the workbook is
 * read in a worker thread with a heap cap and a deadline, a few workers at a time. Hands back plain cell
 * values per sheet; what the cells mean is the caller's business.
 */

export const XLSX_LIMITS = {
  /** What the zip may unpack to, by its own central directory, and how many files it may hold. */
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxZipEntries: 2_000,
  /** The parsing worker: heap cap and wall-clock limit. */
  workerHeapMb: 256,
  workerTimeoutMs: 20_000,
  /** Parsing workers at once in this process (each may take workerHeapMb). */
  concurrentWorkers: 2,
}

export type XlsxLimits = typeof XLSX_LIMITS

/** Why a file was refused; `detail` is for the person who uploaded it. */
export interface XlsxFileError {
  code: 'not_xlsx' | 'too_large' | 'parse_failed'
  detail: string
}

const SIG_LOCAL = 0x04034b50
const SIG_CENTRAL = 0x02014b50
const SIG_EOCD = 0x06054b50
const SIG_ZIP64_LOCATOR = 0x07064b50
const SIG_ZIP64_EOCD = 0x06064b50

export type ZipCheck = { ok: true; entries: number; uncompressedBytes: number } | { ok: false; error: XlsxFileError }

/**
 * Reads the zip's central directory (no decompression) and refuses what is not an XLSX or would unpack to
 * too much: the declared sizes of a zip bomb give it away before any parser sees it.
 */
export function checkXlsxZip(buf: Buffer, limits: Pick<XlsxLimits, 'maxUncompressedBytes' | 'maxZipEntries'> = XLSX_LIMITS): ZipCheck {
  const notXlsx = (detail: string): ZipCheck => ({ ok: false, error: { code: 'not_xlsx', detail } })
  const tooLarge = (detail: string): ZipCheck => ({ ok: false, error: { code: 'too_large', detail } })
  if (buf.length < 22 || buf.readUInt32LE(0) !== SIG_LOCAL) return notXlsx('The file is not an Excel workbook (.xlsx)')
  // The end-of-central-directory record sits in the last 22 + up to 65,535 comment bytes.
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return notXlsx('The file is not a complete .xlsx (no zip directory)')
  let entries = buf.readUInt16LE(eocd + 10)
  let cdSize = buf.readUInt32LE(eocd + 12)
  let cdOffset = buf.readUInt32LE(eocd + 16)
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG_ZIP64_LOCATOR) return notXlsx('Damaged zip64 directory')
    const at = Number(buf.readBigUInt64LE(loc + 8))
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== SIG_ZIP64_EOCD) return notXlsx('Damaged zip64 directory')
    entries = Number(buf.readBigUInt64LE(at + 32))
    cdSize = Number(buf.readBigUInt64LE(at + 40))
    cdOffset = Number(buf.readBigUInt64LE(at + 48))
  }
  if (entries > limits.maxZipEntries) return tooLarge(`The workbook holds ${entries} files (at most ${limits.maxZipEntries})`)
  if (cdOffset + cdSize > buf.length) return notXlsx('Damaged zip directory')
  let p = cdOffset
  let total = 0
  const names = new Set<string>()
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) return notXlsx('Damaged zip directory')
    let size = buf.readUInt32LE(p + 24)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    if (p + 46 + nameLen + extraLen + commentLen > buf.length) return notXlsx('Damaged zip directory')
    names.add(buf.toString('utf8', p + 46, p + 46 + nameLen))
    if (size === 0xffffffff) {
      // The real size is in the zip64 extra field (id 1); past 4 GB either way.
      size = Number.MAX_SAFE_INTEGER
      let e = p + 46 + nameLen
      const end = e + extraLen
      while (e + 4 <= end) {
        const id = buf.readUInt16LE(e)
        const len = buf.readUInt16LE(e + 2)
        if (id === 1 && len >= 8 && e + 12 <= end) size = Number(buf.readBigUInt64LE(e + 4))
        e += 4 + len
      }
    }
    total += size
    if (total > limits.maxUncompressedBytes) {
      return tooLarge(`The workbook would unpack to more than ${Math.round(limits.maxUncompressedBytes / 1048576)} MB`)
    }
    p += 46 + nameLen + extraLen + commentLen
  }
  if (!names.has('[Content_Types].xml') || ![...names].some((n) => n.startsWith('xl/'))) {
    return notXlsx('The zip is not an Excel workbook (.xlsx); save the sheet as .xlsx and upload again')
  }
  return { ok: true, entries, uncompressedBytes: total }
}

const moduleUrl = import.meta.url
const workerUrl = new URL(`./xlsx-worker${moduleUrl.endsWith('.ts') ? '.ts' : '.js'}`, moduleUrl)

/**
 * The worker's entry. Built JavaScript runs as it is; under tsx (dev, tests) the worker is TypeScript and a
 * worker does not inherit the loader, so a one-line module loads it through tsx's API.
 */
let entryOnce: { entry: URL | string; eval: boolean } | null = null
function workerEntry(): { entry: URL | string; eval: boolean } {
  entryOnce ??= makeWorkerEntry()
  return entryOnce
}
function makeWorkerEntry(): { entry: URL | string; eval: boolean } {
  if (!workerUrl.pathname.endsWith('.ts')) return { entry: workerUrl, eval: false }
  // The ESM build of tsx's API, found through its package exports (require.resolve would give the CJS one).
  const pkgPath = createRequire(moduleUrl).resolve('tsx/package.json')
  const exported = (JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']
  const api = new URL(exported.import.default, pathToFileURL(pkgPath)).href
  return { entry: `import(${JSON.stringify(api)}).then((api) => api.tsImport(${JSON.stringify(workerUrl.href)}, ${JSON.stringify(moduleUrl)}))`, eval: true }
}

let running = 0
const waiting: (() => void)[] = []
async function withWorkerSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= XLSX_LIMITS.concurrentWorkers) await new Promise<void>((resolve) => waiting.push(resolve))
  else running++
  try {
    return await fn()
  } finally {
    const next = waiting.shift()
    if (next) next()
    else running--
  }
}

export type ParsedXlsx = { ok: true; sheets: SheetCells[] } | { ok: false; error: XlsxFileError }

/**
 * Opens the workbook in a worker thread with a heap cap and a deadline; a hostile file costs only that thread.
 * `maxRows` is the caller's limit on data rows: each sheet is read to a little past it (room for a header and
 * the lines above it), and a sheet with more comes back marked truncated.
 */
export function readXlsxInWorker(file: Buffer, limits: Pick<XlsxLimits, 'workerHeapMb' | 'workerTimeoutMs'> & { maxRows: number }): Promise<ParsedXlsx> {
  return withWorkerSlot(
    () =>
      new Promise<ParsedXlsx>((resolve) => {
        let settled = false
        const input: XlsxWorkerInput = { file: new Uint8Array(file), maxRows: limits.maxRows + 20, maxColumns: 64 }
        const { entry, eval: isEval } = workerEntry()
        const worker = new Worker(entry, {
          eval: isEval,
          workerData: input,
          resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
        })
        const finish = (r: ParsedXlsx) => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          void worker.terminate()
          resolve(r)
        }
        const timer = setTimeout(
          () => finish({ ok: false, error: { code: 'too_large', detail: `Reading the workbook took longer than ${limits.workerTimeoutMs / 1000} s` } }),
          limits.workerTimeoutMs,
        )
        worker.on('message', (m: XlsxWorkerOutput) =>
          finish(m.ok ? { ok: true, sheets: m.sheets } : { ok: false, error: { code: 'parse_failed', detail: `The workbook could not be read: ${m.detail}` } }),
        )
        worker.on('error', (e: Error & { code?: string }) =>
          finish(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? { ok: false, error: { code: 'too_large', detail: 'The workbook needs more memory to read than allowed' } }
              : { ok: false, error: { code: 'parse_failed', detail: `The workbook could not be read: ${e.message}` } },
          ),
        )
        worker.on('exit', (code) => finish({ ok: false, error: { code: 'parse_failed', detail: `The workbook reader stopped (exit ${code})` } }))
      }),
  )
}
