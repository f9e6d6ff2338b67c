import { useState } from 'react'
import type { TenderPackageRow } from '../../../core/contracts/clusters.js'
import { clusterApi, packageExportUrl } from '../../api/cluster-endpoints.js'
import { ConfirmDialog } from '../../components/ui/modal.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { Spinner } from '../../components/ui/spinner.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, type Lang } from '../../i18n/format.js'
import { clusterColor } from '../../layers/cluster-colors.js'
import { investmentScale, moneyKpi } from '../communities/kpi-values.js'
import { useClusters } from './cluster-context.js'
import { useClusterDialogs } from './cluster-dialogs.js'
import { usePackages } from './package-context.js'
import { describeWriteError } from './write-errors.js'

/** Floor area as programme reports write it: 万㎡ in Chinese, m² in English. */
export function formatFloorArea(m2: number, lang: Lang): { value: string; unit: string } {
  return lang === 'zh' ? { value: formatNumber(m2 / 10_000, lang, 1), unit: '万㎡' } : { value: formatNumber(m2, lang), unit: 'm²' }
}

function PackageItem({ pkg, onDelete }: { pkg: TenderPackageRow; onDelete: (p: TenderPackageRow) => void }) {
  const { t, lang } = useI18n()
  const { clusters, colors, select, canEdit } = useClusters()
  const { open } = useClusterDialogs()
  const [expanded, setExpanded] = useState(false)
  const money = moneyKpi(pkg.totals.investmentPlannedWan, investmentScale(pkg.totals.investmentPlannedWan, lang), lang)
  const area = formatFloorArea(pkg.totals.floorAreaM2, lang)
  const members = clusters.filter((c) => pkg.clusterIds.includes(c.id))
  return (
    <li className="package-item" data-testid="package-item" data-package-id={pkg.id} data-clusters={pkg.totals.clusters}>
      <div className="package-item__head">
        <button type="button" className="package-item__toggle" onClick={() => setExpanded((e) => !e)} aria-expanded={expanded}>
          <span className={`coverage-dock__chevron ${expanded ? 'is-open' : ''}`} aria-hidden="true">
            ▸
          </span>
          <span className="package-item__name">{pkg.name}</span>
        </button>
        {canEdit && (
          <span className="package-item__actions">
            <button type="button" className="link-btn" onClick={() => open({ kind: 'package', editing: pkg })} data-testid="package-edit">
              {t('clusters.package.edit')}
            </button>
            <button type="button" className="link-btn link-btn--danger" onClick={() => onDelete(pkg)} data-testid="package-delete">
              {t('clusters.package.delete')}
            </button>
          </span>
        )}
      </div>
      <dl className="package-totals">
        <div>
          <dt>{t('clusters.package.col.clusters')}</dt>
          <dd>{formatNumber(pkg.totals.clusters, lang)}</dd>
        </div>
        <div>
          <dt>{t('clusters.package.col.communities')}</dt>
          <dd>{formatNumber(pkg.totals.communities, lang)}</dd>
        </div>
        <div>
          <dt>{t('clusters.package.col.households')}</dt>
          <dd>{formatNumber(pkg.totals.households, lang)}</dd>
        </div>
        <div>
          <dt>{t('clusters.package.col.residents')}</dt>
          <dd>{formatNumber(pkg.totals.residents, lang)}</dd>
        </div>
        <div>
          <dt>{t('clusters.package.col.area')}</dt>
          <dd>
            {area.value}
            <small>{area.unit}</small>
          </dd>
        </div>
        <div>
          <dt>{t('clusters.package.col.investment')}</dt>
          <dd>
            {money.value}
            <small>{t(money.unitKey)}</small>
          </dd>
        </div>
      </dl>
      {expanded && (
        <ul className="package-members">
          {members.map((c) => (
            <li key={c.id}>
              <button type="button" className="package-members__item" onClick={() => select(c.id, { frame: true })}>
                <Swatch color={clusterColor(colors.get(c.id) ?? 0)} />
                <span>{c.name}</span>
                <span className="package-members__residents">{t('clusters.residentsShort', { n: formatNumber(c.residents, lang) })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}

/** 打包招标: the year's tender packages with their totals; create, change, delete, export. */
export function PackagePanel() {
  const { t, lang } = useI18n()
  const { year, clusters, canEdit, showMessage, reload } = useClusters()
  const { status, packages, reloadPackages } = usePackages()
  const { open } = useClusterDialogs()
  const [deleting, setDeleting] = useState<TenderPackageRow | null>(null)
  const [busy, setBusy] = useState(false)
  const unpacked = clusters.filter((c) => c.packageId === null).length
  return (
    <div className="package-panel" data-testid="package-panel">
      <p className="package-panel__intro">{t('clusters.package.intro')}</p>
      <div className="package-panel__actions">
        {canEdit && (
          <button type="button" className="btn btn--primary btn--small" onClick={() => open({ kind: 'package', editing: null })} disabled={clusters.length === 0} data-testid="package-create">
            + {t('clusters.package.new')}
          </button>
        )}
        <a className="btn btn--small cluster-export" href={packageExportUrl(year, lang)} download data-testid="package-export" title={t('clusters.package.exportTitle')}>
          {t('clusters.package.export')}
        </a>
      </div>
      {clusters.length > 0 && <div className="package-panel__note">{t('clusters.package.unpacked', { n: formatNumber(unpacked, lang) })}</div>}
      {status === 'error' && <ErrorBanner message={t('clusters.package.loadFailed')} retryLabel={t('app.retry')} onRetry={() => void reloadPackages()} />}
      {status === 'loading' && packages.length === 0 ? (
        <div className="cluster-list__state">
          <Spinner label={t('app.loading')} />
        </div>
      ) : packages.length === 0 ? (
        <p className="cluster-list__empty">{t('clusters.package.empty')}</p>
      ) : (
        <ul className="package-list" data-testid="package-list">
          {packages.map((p) => (
            <PackageItem key={p.id} pkg={p} onDelete={setDeleting} />
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('clusters.package.deleteTitle', { name: deleting.name })}
          message={t('clusters.package.deleteBody', { n: formatNumber(deleting.totals.clusters, lang) })}
          confirmLabel={t('clusters.package.delete')}
          cancelLabel={t('clusters.dialog.cancel')}
          tone="danger"
          busy={busy}
          testId="package-delete-dialog"
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            setBusy(true)
            try {
              await clusterApi.removePackage(deleting.id, deleting.version)
              showMessage({ tone: 'success', key: 'clusters.package.deleted', params: { name: deleting.name } })
            } catch (err) {
              console.warn('[clusters] package delete:', err)
              showMessage(describeWriteError(err, deleting.name))
            }
            await Promise.all([reloadPackages(), reload()])
            setBusy(false)
            setDeleting(null)
          }}
        />
      )}
    </div>
  )
}
