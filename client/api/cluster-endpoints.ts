import type {
  AcceptProposals,
  ClusterCheckResponse,
  ClusterCreate,
  ClusterGeoJson,
  ClusterListResponse,
  ClusterPatch,
  ClusterRow,
  ProposalRequest,
  ProposalResponse,
  TenderPackageRow,
} from '../../core/contracts/clusters.js'
import type { Lang } from '../i18n/format.js'
import type { CommunityCollection } from './endpoints.js'
import { downloadUrl, getJson, sendJson } from './http.js'

export interface PackageCreate {
  name: string
  year: number
  clusterIds: number[]
  notes?: string
}

export interface PackagePatch {
  version: number
  name?: string
  clusterIds?: number[]
  notes?: string
}

/** 片区 (renovation clusters) and tender packages of a plan year; writes carry the version they change. */
export const clusterApi = {
  list: (year: number) => getJson<ClusterListResponse>('/api/clusters', { year }),
  outlines: (year: number) => getJson<ClusterGeoJson>('/api/clusters', { year, format: 'geojson' }),
  /** Every community of the city with its outline (any of them may join a 片区). */
  communities: () => getJson<CommunityCollection>('/api/communities', { format: 'geojson' }),
  create: (body: ClusterCreate) => sendJson<ClusterRow>('POST', '/api/clusters', body),
  patch: (id: number, body: ClusterPatch) => sendJson<ClusterRow>('PATCH', `/api/clusters/${id}`, body),
  split: (id: number, body: { version: number; memberIds: number[]; name: string }) =>
    sendJson<{ original: ClusterRow; created: ClusterRow }>('POST', `/api/clusters/${id}/split`, body),
  merge: (id: number, body: { version: number; otherId: number; otherVersion: number }) => sendJson<ClusterRow>('POST', `/api/clusters/${id}/merge`, body),
  remove: (id: number, version: number) => sendJson<null>('DELETE', `/api/clusters/${id}?version=${version}`),
  /** What a member list would be as a 片区: residents, stats, flags, members taken from others. Nothing saved. */
  check: (body: { year: number; memberIds: number[]; clusterId?: number }) => sendJson<ClusterCheckResponse>('POST', '/api/clusters/check', body),
  proposals: (body: ProposalRequest) => sendJson<ProposalResponse>('POST', '/api/clusters/proposals', body),
  accept: (body: AcceptProposals) => sendJson<ClusterRow[]>('POST', '/api/clusters/accept', body),
  packages: (year: number) => getJson<TenderPackageRow[]>('/api/packages', { year }),
  createPackage: (body: PackageCreate) => sendJson<TenderPackageRow>('POST', '/api/packages', body),
  patchPackage: (id: number, body: PackagePatch) => sendJson<TenderPackageRow>('PATCH', `/api/packages/${id}`, body),
  removePackage: (id: number, version: number) => sendJson<null>('DELETE', `/api/packages/${id}?version=${version}`),
}

/** Where the browser downloads the year's tender packages with their members (a plain link: the cookie goes along). */
export function packageExportUrl(year: number, lang: Lang): string {
  return downloadUrl('/api/packages', { year, format: 'xlsx', lang })
}
