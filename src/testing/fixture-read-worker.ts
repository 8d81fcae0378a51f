// A read worker for the pool's own tests (read-pool.test.ts): it speaks the pool's protocol and
// does what each call's Action says. `Echo` answers the call back as JSON; `Refuse` answers an
// InvalidParameter; `Hang` never answers; `Exit` ends the thread. With `workerData.failAtStart`
// it throws before it is ready, as a worker whose database cannot be opened does.
import { parentPort, workerData } from 'node:worker_threads'
import { postAnswer, type ReadReply, type ReadRequest } from '../http/read-pool.js'

const data = workerData as { failAtStart?: boolean }
if (data.failAtStart === true) throw new Error('cannot open the database')
const port = parentPort
if (port === null) throw new Error('runs as a worker thread')

port.on('message', (m: ReadRequest) => {
  if (m.action === 'Exit') process.exit(3)
  if (m.action === 'Hang') return
  if (m.action === 'Refuse') {
    const reply: ReadReply = { id: m.id, code: 'InvalidParameter', httpStatus: 400, message: 'no' }
    port.postMessage(reply)
    return
  }
  postAnswer(port, m.id, {
    contentType: 'application/json',
    payload: JSON.stringify({ ...m, threadOf: 'fixture' }),
  })
})
port.postMessage({ ready: true } satisfies ReadReply)
