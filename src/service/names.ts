// Name and description rules shared by the create/modify operations (spec §7.1, §8.1).
import { errors } from '../domain/errors.js'

const NAME = /^[\p{L}][\p{L}\p{N}:_.\- ]{1,127}$/u

export function checkName(value: string | undefined, param: string, code: string): string {
  if (value === undefined || value === '') return ''
  if (!NAME.test(value) || /^https?:\/\//.test(value)) throw errors.invalidName(code, param)
  return value
}

export function checkDescription(value: string | undefined): string {
  if (value === undefined || value === '') return ''
  if (value.length < 2 || value.length > 256 || /^https?:\/\//.test(value)) {
    throw errors.invalidDescriptionMalformed()
  }
  return value
}
