// An Action's result as the client receives it: `RequestId` first, then the handler's fields, in
// the call's format. One place for the server and the read workers (read-pool.ts), so an answer
// rendered on a worker is byte for byte the one the server would have rendered.
import { renderSuccess, type RenderedBody, type ResponseFormat } from './response-format.js'

export function renderActionResult(
  format: ResponseFormat,
  action: string,
  requestId: string,
  result: Record<string, unknown>,
): RenderedBody {
  if (Object.hasOwn(result, 'Code')) {
    // pop-core treats any success body with a `Code` as an error (wire-protocol.md §7).
    throw new Error(`${action} returned a top-level Code`)
  }
  return renderSuccess(format, action, { RequestId: requestId, ...withoutRequestId(result) })
}

function withoutRequestId(result: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(result, 'RequestId')) return result
  const rest = { ...result }
  delete rest['RequestId']
  return rest
}
