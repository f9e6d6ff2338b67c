import { STAGES, isStage } from '../../../core/domain/stages.js'
import { SelectField } from '../../components/ui/select-field.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { hasActiveFilters } from './filters.js'
import { useFilters } from './filters-context.js'
import { useDistricts, useStreets } from './use-community-data.js'

const toId = (v: string): number | null => (v === '' ? null : Number(v))

/** District, street (options follow the district) and stage; native selects for keyboard use and tests. */
export function FilterBar() {
  const { t } = useI18n()
  const { filters, setDistrict, setStreet, setStage, reset } = useFilters()
  const districts = useDistricts()
  const streets = useStreets(filters.districtId)
  const streetRows = streets.status === 'success' ? streets.data : []

  // Without a district every street is listed, grouped under its district.
  const groups = new Map<string, typeof streetRows>()
  for (const s of streetRows) {
    const key = filters.districtId === null ? s.districtName : ''
    groups.set(key, [...(groups.get(key) ?? []), s])
  }

  return (
    <div className="filters">
      <SelectField
        id="filter-district"
        testId="filter-district"
        label={t('filters.district')}
        value={filters.districtId === null ? '' : String(filters.districtId)}
        onChange={(v) => setDistrict(toId(v))}
      >
        <option value="">{t('filters.allDistricts')}</option>
        {(districts.data ?? []).map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="filter-street"
        testId="filter-street"
        label={t('filters.street')}
        value={filters.streetId === null ? '' : String(filters.streetId)}
        onChange={(v) => {
          const id = toId(v)
          setStreet(id, id === null ? undefined : streetRows.find((s) => s.id === id)?.districtId)
        }}
      >
        <option value="">{t('filters.allStreets')}</option>
        {[...groups.entries()].map(([group, rows]) =>
          group ? (
            <optgroup key={group} label={group}>
              {rows.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          ) : (
            rows.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))
          ),
        )}
        {/* Keep the chosen street selectable while the street list reloads. */}
        {filters.streetId !== null && !streetRows.some((s) => s.id === filters.streetId) && <option value={filters.streetId}>…</option>}
      </SelectField>
      <SelectField
        id="filter-stage"
        testId="filter-stage"
        label={t('filters.stage')}
        value={filters.stage ?? ''}
        onChange={(v) => setStage(isStage(v) ? v : null)}
      >
        <option value="">{t('filters.allStages')}</option>
        {STAGES.map((s) => (
          <option key={s} value={s}>
            {t(`stage.${s}`)}
          </option>
        ))}
      </SelectField>
      <button type="button" className="btn btn--ghost filters__reset" onClick={reset} disabled={!hasActiveFilters(filters)} data-testid="filter-reset">
        {t('filters.reset')}
      </button>
      {(districts.status === 'error' || streets.status === 'error') && (
        <div className="filters__error" role="alert">
          {t('app.loadFailed')}
          <button
            type="button"
            className="btn btn--small"
            onClick={() => {
              districts.retry()
              streets.retry()
            }}
          >
            {t('app.retry')}
          </button>
        </div>
      )}
    </div>
  )
}
