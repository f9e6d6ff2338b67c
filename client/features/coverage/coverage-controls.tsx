import { FACILITY_TYPES, type FacilityType } from '../../../core/domain/community.js'
import { COVERAGE_BANDS_MIN, type WalkProfile } from '../../../core/domain/walking.js'
import { Panel } from '../../components/ui/panel.js'
import { SelectField } from '../../components/ui/select-field.js'
import { useI18n } from '../../i18n/i18n-context.js'
import type { CoverageColoring } from '../../layers/coverage-colors.js'
import { useCoverage } from './coverage-context.js'
import { SegmentedControl } from './segmented-control.js'

const PROFILES: readonly WalkProfile[] = ['standard', 'elderly']
const COLORINGS: readonly CoverageColoring[] = ['covered', 'minutes']

/** What to analyse: the facility type, the walking time, the walking speed, planned facilities, the map colouring. */
export function CoverageControls() {
  const { t } = useI18n()
  const { settings, setType, setMinutes, setProfile, setPlanned, setColoring, standardMinutes, thresholdMinutes } = useCoverage()
  return (
    <Panel title={t('coverage.settings')} className="coverage-controls">
      <SelectField id="coverage-type" label={t('coverage.type')} value={settings.type} onChange={(v) => setType(v as FacilityType)} testId="coverage-type">
        {FACILITY_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`facility.${type}`)}
          </option>
        ))}
      </SelectField>

      <div className="coverage-field">
        <div className="coverage-field__head">
          <span className="field__label">{t('coverage.minutes')}</span>
          <span className="coverage-field__hint" title={t('coverage.minutesStandardTitle')}>
            {t('coverage.minutesStandard', { n: standardMinutes })}
          </span>
        </div>
        <SegmentedControl
          label={t('coverage.minutes')}
          value={thresholdMinutes}
          onChange={setMinutes}
          options={COVERAGE_BANDS_MIN.map((n) => ({
            value: n,
            label: (
              <>
                {t('coverage.minutesOption', { n })}
                {n === standardMinutes && <span className="segmented__mark" aria-hidden="true" />}
              </>
            ),
            title: n === standardMinutes ? t('coverage.minutesStandard', { n }) : undefined,
            testId: `coverage-minutes-${n}`,
          }))}
        />
      </div>

      <div className="coverage-field">
        <span className="field__label">{t('coverage.profile')}</span>
        <SegmentedControl
          label={t('coverage.profile')}
          value={settings.profile}
          onChange={setProfile}
          options={PROFILES.map((p) => ({
            value: p,
            label: t(`coverage.profile.${p}`),
            title: t(`coverage.profileTitle.${p}`),
            testId: `coverage-profile-${p}`,
          }))}
        />
      </div>

      <div className="coverage-field coverage-field--row">
        <label className="toggle" title={t('coverage.plannedTitle')}>
          <input
            type="checkbox"
            checked={settings.planned === 'include'}
            onChange={(e) => setPlanned(e.target.checked ? 'include' : 'exclude')}
            data-testid="coverage-planned"
          />
          <span className="toggle__track" aria-hidden="true" />
          <span>{t('coverage.planned')}</span>
        </label>
      </div>

      <div className="coverage-field">
        <span className="field__label">{t('coverage.coloring')}</span>
        <SegmentedControl
          label={t('coverage.coloring')}
          size="sm"
          value={settings.coloring}
          onChange={setColoring}
          options={COLORINGS.map((c) => ({ value: c, label: t(`coverage.coloring.${c}`), testId: `coverage-coloring-${c}` }))}
        />
      </div>
    </Panel>
  )
}
