// The client's Crypto: the shared implementation over node:crypto.
import { createHash, createHmac } from 'node:crypto'
import { cryptoFrom } from '../api/signing/index.js'

export const nodeCrypto = cryptoFrom({ createHash, createHmac })
