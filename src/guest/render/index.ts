// Public surface of the pure guest renderers (re-exports only).
export type { InterfaceDescription, RenderRequest, RenderedFile } from './interface-description.js'
export type { GuestOs, GuestOsTarget } from './render.js'
export {
  CLI_GUEST_OS,
  GUEST_OS_TARGETS,
  guestOsForFamily,
  isGuestOs,
  renderAsText,
  renderGuestConfig,
} from './render.js'
export { modeText, renderAsInstallScript } from './install-script.js'
export { renderDebian } from './debian.js'
export { renderIp } from './ip.js'
export { renderNetplan } from './netplan.js'
export { renderNetsh } from './netsh.js'
export { renderNetworkd } from './networkd.js'
export { renderNmKeyfile } from './nm-keyfile.js'
export { renderNmcli } from './nmcli.js'
export { renderRhel } from './rhel.js'
export { renderRhelIpaddrn } from './rhel-ipaddrn.js'
export { renderSles } from './sles.js'
export { renderWindows } from './windows.js'
