/** The baseline: a bare node:http server answering every request with the same tile bytes and headers. */
import http from 'node:http'

const body = Buffer.from(process.env.BARE_BODY_B64 ?? '', 'base64')
const headers = JSON.parse(process.env.BARE_HEADERS ?? '{}') as Record<string, string>
const server = http.createServer((req, res) => {
  if (req.url === '/api/health') {
    res.end('{"status":"ok"}')
    return
  }
  res.writeHead(200, headers)
  res.end(body)
})
server.keepAliveTimeout = 65_000
server.listen(Number(process.env.PORT), process.env.HOST || '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
