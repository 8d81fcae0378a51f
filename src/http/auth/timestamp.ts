// Parses the signed request time: `YYYY-MM-DDThh:mm:ssZ` as every Node SDK sends it, plus an
// optional fraction or numeric offset that other-language SDKs may use. Returns undefined when
// the text is not such a time.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):?(\d{2}))$/

export function parseSignedTime(text: string): Date | undefined {
  const m = ISO.exec(text)
  if (m == null) return undefined
  const [, y, mo, d, h, mi, s, frac, sign, oh, om] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const millis = frac == null ? 0 : Math.floor(Number(`0.${frac}`) * 1000)
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, millis)
  if (new Date(ms).getUTCDate() !== day) return undefined // e.g. 02-30
  if (sign != null) {
    const offset = (Number(oh) * 60 + Number(om)) * 60_000
    if (Number(oh) > 23 || Number(om) > 59) return undefined
    ms += sign === '+' ? -offset : offset
  }
  return new Date(ms)
}
