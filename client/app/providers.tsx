import type { ReactNode } from 'react'
import { FiltersProvider } from '../features/communities/filters-context.js'
import { SelectionProvider } from '../features/communities/selection-context.js'
import { I18nProvider } from '../i18n/i18n-context.js'
import { LayerOptionsProvider } from '../map/layer-options-context.js'
import { MetaProvider } from './meta-context.js'
import { SessionProvider } from './session-context.js'

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <MetaProvider>
        <SessionProvider>
          <FiltersProvider>
            <SelectionProvider>
              <LayerOptionsProvider>{children}</LayerOptionsProvider>
            </SelectionProvider>
          </FiltersProvider>
        </SessionProvider>
      </MetaProvider>
    </I18nProvider>
  )
}
