import { useState } from 'react'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { STAGES } from '../../../core/domain/stages.js'
import { SCHEDULE_STATUSES } from '../../../core/schedule/status.js'
import { useMeta } from '../../app/meta-context.js'
import { Modal } from '../../components/ui/modal.js'
import { Notice } from '../../components/ui/notice.js'
import { TextField } from '../../components/ui/text-field.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { LATE_OUTLINE_COLOR, OUT_OF_PLAN_COLOR, stageColor, statusColor } from '../../layers/battle-paint.js'
import { readMapPadding } from '../coverage/map-padding.js'
import { SegmentedControl } from '../coverage/segmented-control.js'
import { useBattle } from './battle-context.js'
import { scopeNode } from './drill.js'
import { captureMap, type MapShot } from './print/capture.js'
import { composePrint, type LegendEntry } from './print/compose.js'
import { canvasBlob, downloadBlob } from './print/download.js'
import { PAPER_POINTS, buildImagePdf, type PaperSize } from './print/pdf.js'
import { cityNameOf, safeFileName } from './print/print-text.js'

type Output = 'png' | 'pdf'

/** Device pixels per CSS pixel the map is drawn at for a print: the page has more pixels than the screen. */
const PRINT_PIXEL_RATIO: Record<PaperSize, number> = { a4: 2, a3: 2.5 }

/**
 * Draws the map once more at print resolution (labels and lines stay sharp on paper), copies it and puts the
 * screen resolution back. Only the canvas size changes: the camera and the tiles stay as they are.
 */
async function captureSharp(map: MapLibreMap, paper: PaperSize): Promise<MapShot> {
  const screenRatio = map.getPixelRatio()
  const ratio = Math.max(screenRatio, PRINT_PIXEL_RATIO[paper])
  const insets = readMapPadding(map.getContainer())
  if (ratio === screenRatio) return captureMap(map, insets)
  map.setPixelRatio(ratio)
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 8000)
      map.once('idle', () => {
        clearTimeout(timer)
        resolve()
      })
      map.triggerRepaint()
    })
    return await captureMap(map, insets)
  } finally {
    // Null (documented, though the type says number) follows the device's ratio again, as the map was made.
    map.setPixelRatio(null as unknown as number)
  }
}

function PrintDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n()
  const meta = useMeta()
  const { map, painted, path, coloring, data } = useBattle()
  const asOf = painted.asOf ?? data.data?.summary.asOf ?? ''
  const [title, setTitle] = useState(() => t('battle.print.defaultTitle', { city: cityNameOf(meta.label[lang], lang) }))
  const [dateText, setDateText] = useState(() => t('battle.print.dateValue', { date: asOf }))
  const [shenhao, setShenhao] = useState('')
  const [paper, setPaper] = useState<PaperSize>('a4')
  const [busy, setBusy] = useState<Output | null>(null)
  const [error, setError] = useState<string | null>(null)

  const summary = data.data?.summary
  const scopeName = scopeNode(path)?.name ?? t('battle.city')
  const count = (n: number | undefined) => (n === undefined ? '' : formatNumber(n, lang))
  const legend: LegendEntry[] =
    coloring === 'status'
      ? SCHEDULE_STATUSES.map((s) => ({
          kind: 'fill' as const,
          color: statusColor(s),
          label: t('battle.print.legendCount', { label: t(`battle.status.${s}`), n: count(summary?.statusCounts[s]) }),
        }))
      : STAGES.map((s) => ({
          kind: 'fill' as const,
          color: stageColor(s),
          label: t('battle.print.legendCount', { label: t(`stage.${s}`), n: count(summary?.funnel.find((f) => f.stage === s)?.current) }),
        }))
  legend.push({ kind: 'faint', color: OUT_OF_PLAN_COLOR, label: t('battle.legend.notInPlan') })
  if (coloring === 'status') legend.push({ kind: 'outline', color: LATE_OUTLINE_COLOR, label: t('battle.legend.lateOutline') })

  const run = async (output: Output) => {
    if (!map) return
    setBusy(output)
    setError(null)
    try {
      await document.fonts?.ready
      const shot = await captureSharp(map, paper)
      const now = new Date()
      const canvas = composePrint(shot, {
        paper,
        title: title.trim() || t('battle.title'),
        subtitle: t('battle.print.subtitle', { scope: scopeName, date: dateText.trim(), year: summary?.planYear ?? meta.planYear }),
        shenhao,
        source: meta.isDemo ? t('battle.print.demoSource') : t('battle.print.source', { label: meta.label[lang] }),
        madeBy: t('battle.print.madeBy', { app: t('app.title'), time: now.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false }) }),
        legendTitle: t('battle.print.legend'),
        legend,
        northLabel: t('battle.print.north'),
        fontFamily: getComputedStyle(document.body).fontFamily,
      })
      const base = safeFileName(t('battle.print.fileName', { scope: scopeName, date: asOf }))
      if (output === 'png') {
        downloadBlob(await canvasBlob(canvas, 'image/png'), `${base}.png`)
      } else {
        const jpeg = new Uint8Array(await (await canvasBlob(canvas, 'image/jpeg', 0.92)).arrayBuffer())
        const page = PAPER_POINTS[paper]
        const pdf = buildImagePdf({
          jpeg,
          widthPx: canvas.width,
          heightPx: canvas.height,
          pageWidthPt: page.widthPt,
          pageHeightPt: page.heightPt,
          title: title.trim(),
          createdAt: now,
        })
        downloadBlob(new Blob([pdf as BlobPart], { type: 'application/pdf' }), `${base}.pdf`)
      }
    } catch (err) {
      console.error('[battle] print failed:', err)
      setError(t('battle.print.failed', { message: err instanceof Error ? err.message : String(err) }))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Modal
      title={t('battle.print.dialog')}
      onClose={onClose}
      testId="battle-print-dialog"
      closeLabel={t('battle.print.close')}
      dismissable={busy === null}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy !== null}>
            {t('battle.print.close')}
          </button>
          <button type="button" className="btn" onClick={() => void run('png')} disabled={busy !== null || !map} data-testid="battle-print-png">
            {busy === 'png' ? t('battle.print.busy') : t('battle.print.png')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void run('pdf')} disabled={busy !== null || !map} data-testid="battle-print-pdf">
            {busy === 'pdf' ? t('battle.print.busy') : t('battle.print.pdf')}
          </button>
        </>
      }
    >
      <div className="battle-print-form">
        <TextField id="battle-print-title" label={t('battle.print.title')} value={title} onChange={setTitle} maxLength={80} testId="battle-print-title" autoFocus />
        <TextField id="battle-print-date" label={t('battle.print.date')} value={dateText} onChange={setDateText} maxLength={60} testId="battle-print-date" />
        <TextField
          id="battle-print-shenhao"
          label={t('battle.print.shenhao')}
          value={shenhao}
          onChange={setShenhao}
          placeholder={t('battle.print.shenhaoPlaceholder')}
          hint={t('battle.print.shenhaoHint')}
          maxLength={60}
          testId="battle-print-shenhao"
        />
        <div className="field">
          <span className="field__label">{t('battle.print.paper')}</span>
          <SegmentedControl
            label={t('battle.print.paper')}
            value={paper}
            onChange={setPaper}
            options={[
              { value: 'a4', label: t('battle.print.a4'), testId: 'battle-print-a4' },
              { value: 'a3', label: t('battle.print.a3'), testId: 'battle-print-a3' },
            ]}
          />
        </div>
        <p className="battle-print-form__note">{t('battle.print.note')}</p>
        {error && (
          <Notice tone="danger" testId="battle-print-error">
            {error}
          </Notice>
        )}
      </div>
    </Modal>
  )
}

/** 打印/导出: opens the dialog that makes a PNG or PDF of the map as shown. */
export function PrintButton() {
  const { t } = useI18n()
  const { map, painted } = useBattle()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="btn btn--small battle-print" onClick={() => setOpen(true)} disabled={!map || painted.rev === 0} data-testid="battle-print">
        <svg className="battle-print__icon" viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
          <path d="M4 6V1.5h8V6M4 12H2.5A1 1 0 0 1 1.5 11V7a1 1 0 0 1 1-1h11a1 1 0 0 1 1 1v4a1 1 0 0 1-1 1H12" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
          <path d="M4 9.5h8v5H4z" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
        </svg>
        {t('battle.print.button')}
      </button>
      {open && <PrintDialog onClose={() => setOpen(false)} />}
    </>
  )
}
