import { createContext, useContext, useMemo, useState, type ReactNode } from 'react'
import type { TenderPackageRow } from '../../../core/contracts/clusters.js'
import { ConfirmDialog, Modal } from '../../components/ui/modal.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, localeOf } from '../../i18n/format.js'
import { clusterColor } from '../../layers/cluster-colors.js'
import { ResidentsBar, StatusChip } from './cluster-bits.js'
import { useClusters } from './cluster-context.js'
import { residentsBand } from './cluster-flags.js'
import { uniqueName } from './cluster-rows.js'
import { PackageDialog } from './package-dialog.js'

export type ClusterDialog =
  | { kind: 'create' }
  | { kind: 'split' }
  | { kind: 'merge' }
  | { kind: 'delete' }
  | { kind: 'package'; editing: TenderPackageRow | null }

interface DialogsValue {
  open: (d: ClusterDialog) => void
}

const DialogsContext = createContext<DialogsValue | null>(null)

/** The street most of the given communities lie in (for a suggested name). */
function mainStreet(ids: readonly number[], streetOf: (id: number) => string | undefined): string {
  const counts = new Map<string, number>()
  for (const id of ids) {
    const s = streetOf(id)
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ''
}

/** Asks for a 片区 name (a new one from the selection, or the part that leaves in a split). */
function NameDialog({ kind, onClose }: { kind: 'create' | 'split'; onClose: () => void }) {
  const { t, lang } = useI18n()
  const { selection, index, clusters, createCluster, split, selected, saving } = useClusters()
  const ids = useMemo(() => [...selection], [selection])
  const suggested = useMemo(() => {
    const street = mainStreet(ids, (id) => index.byId.get(id)?.streetName)
    const base = street ? t('clusters.name.suggest', { street }) : t('clusters.name.suggestPlain')
    return uniqueName(base, clusters.map((c) => c.name), lang === 'en' ? ' ' : '')
  }, [ids, index, clusters, t, lang])
  const [name, setName] = useState(suggested)
  const [busy, setBusy] = useState(false)
  const residents = ids.reduce((s, id) => s + (index.byId.get(id)?.residents ?? 0), 0)
  const trimmed = name.trim()
  const taken = clusters.some((c) => c.name === trimmed)
  const submit = async () => {
    if (!trimmed || busy) return
    setBusy(true)
    const ok = kind === 'create' ? await createCluster(trimmed, ids) : await split(trimmed)
    setBusy(false)
    if (ok) onClose()
  }
  return (
    <Modal
      title={kind === 'create' ? t('clusters.name.createTitle') : t('clusters.name.splitTitle', { name: selected?.name ?? '' })}
      onClose={onClose}
      size="sm"
      closeLabel={t('clusters.dialog.close')}
      dismissable={!busy}
      testId="cluster-name-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('clusters.dialog.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={submit} disabled={!trimmed || busy || saving} data-testid="cluster-name-confirm">
            {busy ? t('clusters.saving') : kind === 'create' ? t('clusters.name.create') : t('clusters.name.split')}
          </button>
        </>
      }
    >
      <p className="modal__text">
        {kind === 'create'
          ? t('clusters.name.createBody', { n: formatNumber(ids.length, lang), residents: formatNumber(residents, lang) })
          : t('clusters.name.splitBody', { n: formatNumber(ids.length, lang), residents: formatNumber(residents, lang) })}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <label className="field" htmlFor="cluster-name-input">
          <span className="field__label">{t('clusters.name.label')}</span>
          <input
            id="cluster-name-input"
            className="field__input"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            data-testid="cluster-name-input"
            data-autofocus
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
        {taken && <p className="field__hint cluster-dialog__warn">{t('clusters.name.taken')}</p>}
      </form>
    </Modal>
  )
}

/** Picks the 片区 to merge into the selected one: neighbours first, with the residents the result would have. */
function MergeDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n()
  const { selected, clusters, neighbours, colors, rules, merge } = useClusters()
  const [otherId, setOtherId] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const collator = useMemo(() => new Intl.Collator(localeOf(lang), { numeric: true }), [lang])
  const options = useMemo(() => {
    if (!selected) return []
    const near = new Set<number>()
    for (const m of selected.memberIds) for (const n of neighbours.get(m) ?? []) near.add(n)
    return clusters
      .filter((c) => c.id !== selected.id)
      .map((c) => ({ row: c, adjacent: c.memberIds.some((m) => near.has(m)) }))
      .sort((a, b) => Number(b.adjacent) - Number(a.adjacent) || collator.compare(a.row.name, b.row.name))
  }, [selected, clusters, neighbours, collator])
  if (!selected) return null
  const submit = async () => {
    if (otherId === null || busy) return
    setBusy(true)
    const ok = await merge(otherId)
    setBusy(false)
    if (ok) onClose()
  }
  return (
    <Modal
      title={t('clusters.merge.title', { name: selected.name })}
      onClose={onClose}
      size="md"
      closeLabel={t('clusters.dialog.close')}
      dismissable={!busy}
      testId="cluster-merge-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('clusters.dialog.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={submit} disabled={otherId === null || busy} data-testid="cluster-merge-confirm">
            {busy ? t('clusters.saving') : t('clusters.merge.confirm')}
          </button>
        </>
      }
    >
      <p className="modal__text">{t('clusters.merge.body')}</p>
      {options.length === 0 ? (
        <p className="cluster-dialog__empty">{t('clusters.merge.none')}</p>
      ) : (
        <ul className="cluster-pick-list" role="radiogroup" aria-label={t('clusters.merge.title', { name: selected.name })}>
          {options.map(({ row, adjacent }) => {
            const total = selected.residents + row.residents
            const locked = row.status === 'approved'
            return (
              <li key={row.id}>
                <label className={`cluster-pick ${otherId === row.id ? 'is-checked' : ''} ${locked ? 'is-disabled' : ''}`} data-testid="cluster-merge-option" data-cluster-id={row.id}>
                  <input type="radio" name="merge-other" checked={otherId === row.id} disabled={locked} onChange={() => setOtherId(row.id)} />
                  <Swatch color={clusterColor(colors.get(row.id) ?? 0)} />
                  <span className="cluster-pick__name">{row.name}</span>
                  <StatusChip status={row.status} />
                  {adjacent && <span className="cluster-pick__near">{t('clusters.merge.adjacent')}</span>}
                  <span className={`cluster-pick__total is-${residentsBand(total, rules)}`}>
                    {t('clusters.merge.total', { n: formatNumber(total, lang) })}
                  </span>
                  <ResidentsBar residents={total} rules={rules} />
                </label>
              </li>
            )
          })}
        </ul>
      )}
    </Modal>
  )
}

function DeleteDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n()
  const { selected, remove } = useClusters()
  const [busy, setBusy] = useState(false)
  if (!selected) return null
  return (
    <ConfirmDialog
      title={t('clusters.delete.title', { name: selected.name })}
      message={t('clusters.delete.body', { n: formatNumber(selected.memberIds.length, lang) })}
      confirmLabel={t('clusters.delete.confirm')}
      cancelLabel={t('clusters.dialog.cancel')}
      tone="danger"
      busy={busy}
      testId="cluster-delete-dialog"
      onCancel={onClose}
      onConfirm={async () => {
        setBusy(true)
        const ok = await remove()
        setBusy(false)
        if (ok) onClose()
      }}
    />
  )
}

/** Holds which dialog is open and renders it; panels open dialogs through `useClusterDialogs`. */
export function ClusterDialogsProvider({ children }: { children: ReactNode }) {
  const [dialog, setDialog] = useState<ClusterDialog | null>(null)
  const value = useMemo<DialogsValue>(() => ({ open: setDialog }), [])
  const close = () => setDialog(null)
  return (
    <DialogsContext.Provider value={value}>
      {children}
      {dialog?.kind === 'create' && <NameDialog kind="create" onClose={close} />}
      {dialog?.kind === 'split' && <NameDialog kind="split" onClose={close} />}
      {dialog?.kind === 'merge' && <MergeDialog onClose={close} />}
      {dialog?.kind === 'delete' && <DeleteDialog onClose={close} />}
      {dialog?.kind === 'package' && <PackageDialog editing={dialog.editing} onClose={close} />}
    </DialogsContext.Provider>
  )
}

export function useClusterDialogs(): DialogsValue {
  const value = useContext(DialogsContext)
  if (!value) throw new Error('useClusterDialogs must be used inside <ClusterDialogsProvider>')
  return value
}
