import path from 'node:path'
import { PASSWORD_POLICIES, type PasswordPolicy } from '../core/auth/password-policy.js'
import { FACILITY_TYPES, type FacilityType } from '../core/domain/community.js'
import { DEFAULT_COVERAGE_MINUTES, DEFAULT_DETOUR_FACTOR, WALK_PROFILES } from '../core/domain/walking.js'
import type { NodingMode } from '../core/network/types.js'

/** Configuration read once from the environment; everything else receives it as a value. */
export interface AppConfig {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | null
  /** Optional raster basemap tile URL template (e.g. Tianditu with a key), passed to the client. */
  basemapUrl: string | null
  basemapAttribution: string | null
  /** Directory holding the built client (vite build output). */
  clientDir: string
  /** Bytes the in-memory tile cache may hold. */
  tileCacheBytes: number
  /** Load the demo city when the database has no data. */
  loadDemo: boolean
  auth: AuthConfig
  analysis: AnalysisConfig
}

/** Walking-network and coverage settings (DOMAIN.md "Walking coverage"). */
export interface AnalysisConfig {
  /** Metres per second for the standard and the elderly walking profile. */
  walkSpeedMps: number
  elderlyWalkSpeedMps: number
  /** Straight-line × this when no network is loaded. */
  detourFactor: number
  noding: NodingMode
  /** Vertices closer than this are merged when noding at intersections (metres). */
  snapToleranceM: number
  /** A walkable road this close to a community's boundary is an entrance (metres). */
  entranceToleranceM: number
  /** Served-within minutes per facility type. */
  coverageMinutes: Record<FacilityType, number>
}

export interface AuthConfig {
  passwordPolicy: PasswordPolicy
  /** The policy's name as configured ('standard', 'dengbao' or 'custom'), for the log. */
  passwordPolicyName: string
  /** A session unused this long ends. */
  sessionIdleMinutes: number
  /** A session ends this long after sign-in, however active. */
  sessionAbsoluteHours: number
  /** The first administrator's password (else a random one is printed once). */
  adminPassword: string | null
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy (Express "trust proxy" value). */
  trustProxy: boolean | number | string
  /** 'auto': Secure cookies when the request came over TLS (directly or via a trusted proxy). */
  cookieSecure: 'auto' | 'always' | 'never'
}

/** PASSWORD_POLICY: a profile name, or a JSON object of overrides on top of 'standard'. */
function passwordPolicyFrom(raw: string | undefined): { name: string; policy: PasswordPolicy } {
  if (!raw || raw === 'standard') return { name: 'standard', policy: { ...PASSWORD_POLICIES.standard } }
  if (raw === 'dengbao') return { name: 'dengbao', policy: { ...PASSWORD_POLICIES.dengbao } }
  let overrides: unknown
  try {
    overrides = JSON.parse(raw)
  } catch {
    throw new Error(`PASSWORD_POLICY must be "standard", "dengbao" or a JSON object of rules, got "${raw}"`)
  }
  const policy: PasswordPolicy = { ...PASSWORD_POLICIES.standard }
  if (typeof overrides !== 'object' || overrides === null) throw new Error('PASSWORD_POLICY JSON must be an object')
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in policy)) throw new Error(`PASSWORD_POLICY has an unknown rule "${key}"; rules: ${Object.keys(policy).join(', ')}`)
    const expected = typeof (policy as unknown as Record<string, unknown>)[key]
    if (typeof value !== expected || (typeof value === 'number' && (!Number.isInteger(value) || value < 0))) {
      throw new Error(`PASSWORD_POLICY rule "${key}" must be ${expected === 'number' ? 'a non-negative integer' : 'true or false'}`)
    }
    ;(policy as unknown as Record<string, unknown>)[key] = value
  }
  if (policy.minLength < 8) throw new Error('PASSWORD_POLICY minLength cannot be below 8')
  return { name: 'custom', policy }
}

function trustProxyFrom(raw: string | undefined): boolean | number | string {
  if (!raw || raw === '0' || raw === 'false') return false
  if (raw === 'true') return true
  return /^\d+$/.test(raw) ? Number(raw) : raw
}

function intFrom(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
  return n
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: intFrom('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    databaseUrl: env.DATABASE_URL || null,
    basemapUrl: env.BASEMAP_URL || null,
    basemapAttribution: env.BASEMAP_ATTRIBUTION || null,
    clientDir: path.resolve(env.CLIENT_DIR || 'dist/client'),
    tileCacheBytes: intFrom('TILE_CACHE_MB', env.TILE_CACHE_MB, 64, 0, 65536) * 1024 * 1024,
    loadDemo: env.LOAD_DEMO !== '0',
    auth: authConfigFrom(env),
    analysis: analysisConfigFrom(env),
  }
}

function numberFrom(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number between ${min} and ${max}, got "${raw}"`)
  return n
}

/** COVERAGE_MINUTES: a JSON object of per-type overrides, e.g. {"kindergarten":5,"clinic":10}. */
function coverageMinutesFrom(raw: string | undefined): Record<FacilityType, number> {
  const minutes: Record<FacilityType, number> = { ...DEFAULT_COVERAGE_MINUTES }
  if (!raw) return minutes
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new Error(`COVERAGE_MINUTES must be a JSON object such as {"kindergarten":5}, got "${raw}"`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('COVERAGE_MINUTES must be a JSON object')
  for (const [type, value] of Object.entries(parsed)) {
    if (!(FACILITY_TYPES as readonly string[]).includes(type)) throw new Error(`COVERAGE_MINUTES names an unknown facility type "${type}"; types: ${FACILITY_TYPES.join(', ')}`)
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 60) throw new Error(`COVERAGE_MINUTES.${type} must be an integer from 1 to 60`)
    minutes[type as FacilityType] = value
  }
  return minutes
}

function analysisConfigFrom(env: NodeJS.ProcessEnv): AnalysisConfig {
  const noding = env.NETWORK_NODING || 'shared-vertices'
  if (noding !== 'shared-vertices' && noding !== 'intersections') throw new Error(`NETWORK_NODING must be shared-vertices or intersections, got "${noding}"`)
  return {
    walkSpeedMps: numberFrom('WALK_SPEED_MPS', env.WALK_SPEED_MPS, WALK_PROFILES.standard, 0.2, 3),
    elderlyWalkSpeedMps: numberFrom('WALK_SPEED_ELDERLY_MPS', env.WALK_SPEED_ELDERLY_MPS, WALK_PROFILES.elderly, 0.2, 3),
    detourFactor: numberFrom('DETOUR_FACTOR', env.DETOUR_FACTOR, DEFAULT_DETOUR_FACTOR, 1, 3),
    noding,
    snapToleranceM: numberFrom('NETWORK_SNAP_M', env.NETWORK_SNAP_M, 1, 0, 50),
    entranceToleranceM: numberFrom('ENTRANCE_TOLERANCE_M', env.ENTRANCE_TOLERANCE_M, 15, 0, 200),
    coverageMinutes: coverageMinutesFrom(env.COVERAGE_MINUTES),
  }
}

function authConfigFrom(env: NodeJS.ProcessEnv): AuthConfig {
  const { name, policy } = passwordPolicyFrom(env.PASSWORD_POLICY)
  const secure = env.COOKIE_SECURE || 'auto'
  if (secure !== 'auto' && secure !== 'always' && secure !== 'never') throw new Error(`COOKIE_SECURE must be auto, always or never, got "${secure}"`)
  return {
    passwordPolicy: policy,
    passwordPolicyName: name,
    // 等保 assessments usually want ≤ 30 minutes idle; the dengbao profile defaults to 15.
    sessionIdleMinutes: intFrom('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, name === 'dengbao' ? 15 : 120, 1, 7 * 24 * 60),
    sessionAbsoluteHours: intFrom('SESSION_ABSOLUTE_HOURS', env.SESSION_ABSOLUTE_HOURS, 12, 1, 24 * 30),
    adminPassword: env.ADMIN_PASSWORD || null,
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    cookieSecure: secure,
  }
}
