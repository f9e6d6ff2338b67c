/** Runs autocannon in its own process against one URL and prints {requestsPerSec, latencyP50Ms, errors} as JSON. */
import autocannon from 'autocannon'

const [url, seconds, connections, cookie] = process.argv.slice(2)
const result = await autocannon({
  url,
  duration: Number(seconds),
  connections: Number(connections),
  headers: { 'accept-encoding': 'gzip', ...(cookie ? { cookie } : {}) },
})
console.log(
  JSON.stringify({
    requestsPerSec: result.requests.average,
    latencyP50Ms: result.latency.p50,
    errors: result.errors + result.non2xx,
    total: result.requests.total,
  }),
)
