// Paging parameters as the API takes them: NextToken/MaxResults (keyset) or the deprecated
// PageNumber/PageSize (offset).
import type { Page } from '../storage/store.js'

export interface PageRequest {
  readonly nextToken?: string | undefined
  readonly maxResults?: number | undefined
  readonly pageNumber?: number | undefined
  readonly pageSize?: number | undefined
}

export function toStorePage(
  req: PageRequest,
  defaultSize: number,
): { page: Page; pageNumber: number; pageSize: number } {
  if (req.maxResults !== undefined || (req.nextToken !== undefined && req.nextToken !== '')) {
    const limit = req.maxResults ?? defaultSize
    return { page: { after: req.nextToken, limit }, pageNumber: 1, pageSize: limit }
  }
  const pageNumber = req.pageNumber ?? 1
  const pageSize = req.pageSize ?? defaultSize
  return {
    page: { offset: (pageNumber - 1) * pageSize, limit: pageSize },
    pageNumber,
    pageSize,
  }
}
