// Regions and zones served; `cn-hangzhou` with zones h, i, j by default (DESIGN.md).

export interface Region {
  readonly regionId: string
  readonly localName: string
  readonly zones: readonly string[]
}

export const DEFAULT_REGIONS: readonly Region[] = [
  {
    regionId: 'cn-hangzhou',
    localName: 'China (Hangzhou)',
    zones: ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'],
  },
]
