import { useMemo, useState } from 'react'
import type { TenderPackageRow } from '../../../core/contracts/clusters.js'
import { clusterApi } from '../../api/cluster-endpoints.js'
import { Modal } from '../../components/ui/modal.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, localeOf } from '../../i18n/format.js'
import { clusterColor } from '../../layers/cluster-colors.js'
import { StatusChip } from './cluster-bits.js'
import { useClusters } from './cluster-context.js'
import { uniqueName } from './cluster-rows.js'
import { usePackages } from './package-context.js'
import { describeWriteError } from './write-errors.js'

/** Creates a tender package from ticked 片区, or changes one (name and 片区). */
export function PackageDialog({ editing, onClose }: { editing: TenderPackageRow | null; onClose: () => void }) {
  const { t, lang } = useI18n()
  const { year, clusters, colors, selectedId, showMessage, reload } = useClusters()
  const { packages, reloadPackages } = usePackages()
  const collator = useMemo(() => new Intl.Collator(localeOf(lang), { numeric: true }), [lang])
  const packageName = useMemo(() => new Map(packages.map((p) => [p.id, p.name])), [packages])
  const [name, setName] = useState(() =>
    editing ? editing.name : uniqueName(t('clusters.package.defaultName', { year }), packages.map((p) => p.name), lang === 'en' ? ' ' : ''),
  )
  const [ticked, setTicked] = useState<ReadonlySet<number>>(() => new Set(editing ? editing.clusterIds : selectedId !== null ? [selectedId] : []))
  // Those ticked when the dialog opened stay on top (so they are seen), then the ones in no package.
  const [initial] = useState(ticked)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const rows = useMemo(
    () =>
      [...clusters].sort((a, b) => {
        const rank = (c: typeof a) => (initial.has(c.id) ? 0 : c.packageId === null || c.packageId === editing?.id ? 1 : 2)
        return rank(a) - rank(b) || collator.compare(a.name, b.name)
      }),
    [clusters, editing, collator, initial],
  )
  const chosen = clusters.filter((c) => ticked.has(c.id))
  const totals = chosen.reduce(
    (s, c) => ({ communities: s.communities + c.stats.communities, residents: s.residents + c.residents, households: s.households + c.stats.households }),
    { communities: 0, residents: 0, households: 0 },
  )
  const toggle = (id: number) =>
    setTicked((cur) => {
      const next = new Set(cur)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const submit = async () => {
    const trimmed = name.trim()
    if (!trimmed || ticked.size === 0 || busy) return
    setBusy(true)
    setError(null)
    try {
      const clusterIds = [...ticked].sort((a, b) => a - b)
      if (editing) await clusterApi.patchPackage(editing.id, { version: editing.version, name: trimmed, clusterIds })
      else await clusterApi.createPackage({ name: trimmed, year, clusterIds })
      await Promise.all([reloadPackages(), reload()])
      showMessage({ tone: 'success', key: editing ? 'clusters.package.saved' : 'clusters.package.created', params: { name: trimmed } })
      onClose()
    } catch (err) {
      console.warn('[clusters] package:', err)
      const m = describeWriteError(err, trimmed)
      setError(t(m.key, { ...m.params, who: m.who?.name ?? '' }))
      await reloadPackages()
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      title={editing ? t('clusters.package.editTitle', { name: editing.name }) : t('clusters.package.createTitle')}
      onClose={onClose}
      size="md"
      closeLabel={t('clusters.dialog.close')}
      dismissable={!busy}
      testId="package-dialog"
      footer={
        <>
          <span className="modal__footnote">
            {t('clusters.package.tickedTotals', {
              n: formatNumber(chosen.length, lang),
              communities: formatNumber(totals.communities, lang),
              residents: formatNumber(totals.residents, lang),
            })}
          </span>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('clusters.dialog.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={submit} disabled={busy || !name.trim() || ticked.size === 0} data-testid="package-confirm">
            {busy ? t('clusters.saving') : editing ? t('clusters.package.save') : t('clusters.package.create')}
          </button>
        </>
      }
    >
      <label className="field" htmlFor="package-name-input">
        <span className="field__label">{t('clusters.package.name')}</span>
        <input id="package-name-input" className="field__input" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-testid="package-name-input" />
      </label>
      <div className="field">
        <span className="field__label">{t('clusters.package.pick')}</span>
        {rows.length === 0 ? (
          <p className="cluster-dialog__empty">{t('clusters.package.noClusters')}</p>
        ) : (
          <ul className="cluster-pick-list">
            {rows.map((c) => {
              const elsewhere = c.packageId !== null && c.packageId !== editing?.id ? (packageName.get(c.packageId) ?? '') : null
              return (
                <li key={c.id}>
                  <label className={`cluster-pick cluster-pick--row ${ticked.has(c.id) ? 'is-checked' : ''}`} data-testid="package-cluster-check" data-cluster-id={c.id}>
                    <input type="checkbox" checked={ticked.has(c.id)} onChange={() => toggle(c.id)} />
                    <Swatch color={clusterColor(colors.get(c.id) ?? 0)} />
                    <span className="cluster-pick__name">{c.name}</span>
                    <StatusChip status={c.status} />
                    {elsewhere !== null && <span className="cluster-pick__near is-warn">{t('clusters.package.inOther', { name: elsewhere })}</span>}
                    <span className="cluster-pick__total">{t('clusters.residentsShort', { n: formatNumber(c.residents, lang) })}</span>
                  </label>
                </li>
              )
            })}
          </ul>
        )}
      </div>
      {error && <p className="field__error">{error}</p>}
    </Modal>
  )
}
