import { useEffect, useState } from 'react'

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard API (insecure origin, permission refused): fall back to a selected textarea.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    let ok = false
    try {
      ok = document.execCommand('copy')
    } catch {
      ok = false
    }
    area.remove()
    return ok
  }
}

/** Copies a text to the clipboard and says so for a moment ("已复制"), or that it could not. */
export function CopyButton({
  text,
  label,
  copiedLabel,
  failedLabel,
  testId,
}: {
  text: string
  label: string
  copiedLabel: string
  failedLabel: string
  testId?: string
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state !== 'copied') return
    const timer = window.setTimeout(() => setState('idle'), 2000)
    return () => window.clearTimeout(timer)
  }, [state])
  return (
    <>
      <button
        type="button"
        className={`btn ${state === 'copied' ? 'btn--success' : ''}`}
        onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
        data-testid={testId}
        aria-live="polite"
      >
        {state === 'copied' ? `✓ ${copiedLabel}` : label}
      </button>
      {state === 'failed' && <span className="field__error">{failedLabel}</span>}
    </>
  )
}
