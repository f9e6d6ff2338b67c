import { DEFAULT_CLUSTER_RULES, type ProposalRequest } from '../../../core/contracts/clusters.js'

/** Where proposals are made: the whole city, one district, one street, or the communities selected on the map. */
export type ProposalScope = 'city' | 'district' | 'street' | 'selection'

/** The proposal dialog as typed (numbers as text, so a half-typed value is not lost). */
export interface ProposalForm {
  scope: ProposalScope
  districtId: number | null
  streetId: number | null
  minResidents: string
  maxResidents: string
  targetResidents: string
  gapM: string
  allowBarrierCrossing: boolean
  sameStreet: boolean
  eligibleOnly: boolean
  restarts: string
  seed: string
}

export const DEFAULT_PROPOSAL_FORM: ProposalForm = {
  scope: 'city',
  districtId: null,
  streetId: null,
  minResidents: String(DEFAULT_CLUSTER_RULES.minResidents),
  maxResidents: String(DEFAULT_CLUSTER_RULES.maxResidents),
  targetResidents: String(DEFAULT_CLUSTER_RULES.targetResidents),
  gapM: String(DEFAULT_CLUSTER_RULES.gapM),
  allowBarrierCrossing: false,
  sameStreet: false,
  eligibleOnly: false,
  restarts: '20',
  seed: '1',
}

export type ProposalFormProblem =
  | 'residents' // a residents field is not a whole number ≥ 0
  | 'order' // not min ≤ target ≤ max
  | 'gap' // gap outside 0–200 m
  | 'restarts' // restarts outside 1–200
  | 'seed'
  | 'district' // district scope without a district
  | 'street' // street scope without a street
  | 'selection' // selection scope with nothing selected

export type ProposalFormResult = { ok: true; request: ProposalRequest } | { ok: false; problem: ProposalFormProblem }

function wholeNumber(text: string): number | null {
  const n = Number(text.replace(/[,，\s]/g, ''))
  return Number.isInteger(n) ? n : null
}

/** The request for a form, or what is wrong with it (the same limits as the server's contract). */
export function buildProposalRequest(form: ProposalForm, year: number, selection: readonly number[]): ProposalFormResult {
  const min = wholeNumber(form.minResidents)
  const max = wholeNumber(form.maxResidents)
  const target = wholeNumber(form.targetResidents)
  if (min === null || max === null || target === null || min < 0 || max < 1 || target < 1 || max > 1_000_000) return { ok: false, problem: 'residents' }
  if (!(min <= target && target <= max)) return { ok: false, problem: 'order' }
  const gap = Number(form.gapM)
  if (!Number.isFinite(gap) || gap < 0 || gap > 200) return { ok: false, problem: 'gap' }
  const restarts = wholeNumber(form.restarts)
  if (restarts === null || restarts < 1 || restarts > 200) return { ok: false, problem: 'restarts' }
  const seed = wholeNumber(form.seed)
  if (seed === null || seed < 0 || seed > 2_147_483_647) return { ok: false, problem: 'seed' }
  const request: ProposalRequest = {
    year,
    minResidents: min,
    maxResidents: max,
    targetResidents: target,
    gapM: gap,
    allowBarrierCrossing: form.allowBarrierCrossing,
    sameStreet: form.sameStreet,
    eligibleOnly: form.eligibleOnly,
    restarts,
    seed,
  }
  if (form.scope === 'district') {
    if (form.districtId === null) return { ok: false, problem: 'district' }
    request.districtId = form.districtId
  } else if (form.scope === 'street') {
    if (form.streetId === null) return { ok: false, problem: 'street' }
    request.streetId = form.streetId
  } else if (form.scope === 'selection') {
    if (selection.length === 0) return { ok: false, problem: 'selection' }
    request.communityIds = [...selection].sort((a, b) => a - b)
  }
  return { ok: true, request }
}
