import { useId, useRef, useState, type DragEvent } from 'react'
import { useI18n } from '../../i18n/i18n-context.js'
import { checkUploadFile, formatBytes } from './bulk-report.js'

/**
 * A drop zone around a real file input (the input is what tests and keyboards use): takes one .xlsx
 * workbook, says at once why anything else is refused, and shows the chosen file's name and size.
 */
export function UploadZone({ file, onFile, disabled = false }: { file: File | null; onFile: (file: File | null) => void; disabled?: boolean }) {
  const { t, lang } = useI18n()
  const inputId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const take = (f: File | undefined | null) => {
    if (!f) return
    const check = checkUploadFile(f)
    if (!check.ok) {
      const size = formatBytes(f.size, lang)
      setProblem(check.reason === 'not_xlsx' ? t('progress.bulk.notXlsx', { name: f.name }) : check.reason === 'too_large' ? t('progress.bulk.tooBig', { name: f.name, size }) : t('progress.bulk.emptyFile', { name: f.name }))
      onFile(null)
    } else {
      setProblem(null)
      onFile(f)
    }
    // The same file chosen again after an edit must fire change again.
    if (inputRef.current) inputRef.current.value = ''
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    if (!disabled) take(e.dataTransfer.files[0])
  }

  return (
    <div className="upload">
      <div
        className={`upload__zone ${dragging ? 'is-dragging' : ''} ${file ? 'has-file' : ''} ${problem ? 'has-problem' : ''} ${disabled ? 'is-disabled' : ''}`}
        onDragEnter={(e) => {
          e.preventDefault()
          if (!disabled) setDragging(true)
        }}
        onDragOver={(e) => {
          e.preventDefault()
          e.dataTransfer.dropEffect = disabled ? 'none' : 'copy'
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false)
        }}
        onDrop={onDrop}
        data-testid="progress-dropzone"
      >
        <span className="upload__icon" aria-hidden="true">
          ⇪
        </span>
        {file ? (
          <span className="upload__file" data-testid="progress-file-name">
            {t('progress.bulk.fileChosen', { name: file.name, size: formatBytes(file.size, lang) })}
          </span>
        ) : (
          <span className="upload__title">{t('progress.bulk.dropTitle')}</span>
        )}
        <span className="upload__actions">
          {!file && <span className="upload__or">{t('progress.bulk.dropOr')}</span>}
          <label htmlFor={inputId} className={`btn ${disabled ? 'is-disabled' : ''}`}>
            {t('progress.bulk.choose')}
          </label>
          <input
            ref={inputRef}
            id={inputId}
            className="sr-only"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => take(e.target.files?.[0])}
            disabled={disabled}
            data-testid="progress-file-input"
          />
          {file && (
            <button type="button" className="link-btn" onClick={() => onFile(null)} disabled={disabled} data-testid="progress-file-clear">
              {t('progress.bulk.clear')}
            </button>
          )}
        </span>
        <span className="upload__hint">{t('progress.bulk.dropHint')}</span>
      </div>
      {problem && (
        <p className="field__error upload__problem" role="alert" data-testid="progress-file-problem">
          {problem}
        </p>
      )}
    </div>
  )
}
