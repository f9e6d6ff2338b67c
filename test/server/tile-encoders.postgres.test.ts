/** Server PostGIS only (this file runs in the postgis lane): ST_AsMVT beside our JS encoder on the same rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/db/types.js'
import { encodeTile, LAYERS } from '../../server/tiles/index.js'
import { byId, decodeLayer, outlineDistance, ringArea } from '../fixtures/tiles/decode-tile.js'
import { FIXTURE_BBOX, openFixtureDatabase, tilesCovering } from '../fixtures/tiles/fixture-db.js'

let store: { db: Database; close(): Promise<void> }
let db: Database

beforeAll(async () => {
  store = await openFixtureDatabase()
  db = store.db
  expect(db.supportsMvt).toBe(true)
})
afterAll(async () => {
  await store?.close()
})

describe('the two encoders', () => {
  it('ST_AsMVT and the JS encoder give the same ids, properties and geometry', async () => {
    let compared = 0
    for (const layer of LAYERS) {
      for (let z = layer.minzoom; z <= 16; z++) {
        for (const t of tilesCovering(FIXTURE_BBOX, z)) {
          const sql = await encodeTile(db, layer.id, ...t, { encoder: 'sql' })
          const js = await encodeTile(db, layer.id, ...t, { encoder: 'js' })
          const where = `${layer.id}/${t.join('/')}`
          expect(js === null, where).toBe(sql === null)
          if (!sql || !js) continue
          const a = byId(decodeLayer(sql, layer.id).features)
          const b = byId(decodeLayer(js, layer.id).features)
          expect([...b.keys()].sort(), where).toEqual([...a.keys()].sort())
          for (const [id, fa] of a) {
            const fb = b.get(id)!
            expect(fb.properties, `${where} #${id}`).toEqual(fa.properties)
            expect(fb.type, `${where} #${id}`).toBe(fa.type)
            expect(fb.parts.length, `${where} #${id}`).toBe(fa.parts.length)
            expect(outlineDistance(fa.parts, fb.parts), `${where} #${id}`).toBeLessThanOrEqual(2)
            if (fa.type === 3) fa.parts.forEach((ring, i) => expect(Math.sign(ringArea(fb.parts[i])), `${where} #${id}`).toBe(Math.sign(ringArea(ring))))
            compared++
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100)
  })

})
