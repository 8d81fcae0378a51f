// Guest configuration for one ENI: a tab per OS target (GUEST_OS_TARGETS), each showing the files
// and commands the renderer produces, with copy buttons. The tab of the attached instance's image
// family is selected first.
import {
  GUEST_OS_TARGETS,
  guestOsForFamily,
  renderAsText,
  renderGuestConfig,
  type GuestOsTarget,
  type RenderedFile,
} from '../../../src/guest/render/index.js'
import { findInstance, findVSwitch } from '../catalog-queries.js'
import { callAction, describeError } from '../console-api.js'
import { h, replaceChildren, uid } from '../element.js'
import { openModal } from '../widgets/modal.js'
import { eniInstanceId, type NetworkInterface } from '../wire-types.js'
import { familyOfImage, guestInterfaceOf, type GuestInterface } from './guest-interface.js'

export function openGuestConfigDialog(eniId: string): void {
  const content = h('div', { class: 'guest-config' }, h('p', { class: 'muted' }, 'Loading…'))
  const modal = openModal({ title: 'Guest configuration', subtitle: eniId, size: 'wide' }, content)
  modal.footer.append(
    h('button', { type: 'button', class: 'btn', onclick: () => modal.close() }, 'Close'),
  )

  void (async () => {
    try {
      const eni = await callAction<NetworkInterface>('DescribeNetworkInterfaceAttribute', {
        NetworkInterfaceId: eniId,
      })
      const vsw = await findVSwitch(eni.VSwitchId)
      if (vsw === undefined) throw new Error(`vSwitch ${eni.VSwitchId} was not found.`)
      const instanceId = eniInstanceId(eni)
      const instance = instanceId === '' ? undefined : await findInstance(instanceId)
      const preferred = guestOsForFamily(familyOfImage(instance?.ImageId))
      renderTabs(content, guestInterfaceOf(eni, vsw), preferred)
      modal.settleFocus()
    } catch (e: unknown) {
      const { code, message } = describeError(e)
      replaceChildren(
        content,
        h('p', { class: 'form-error', role: 'alert' }, `${code}: ${message}`),
      )
    }
  })()
}

function renderTabs(container: HTMLElement, guest: GuestInterface, preferred: string): void {
  const { iface } = guest
  const panel = h('div', { role: 'tabpanel', class: 'tab-panel', tabindex: '0' })
  const tabs = GUEST_OS_TARGETS.map((target) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: uid('guest-tab'),
        class: 'tab',
        'aria-selected': 'false',
        tabindex: '-1',
      },
      target.os,
    ),
  )
  const select = (index: number, focus: boolean): void => {
    const target = GUEST_OS_TARGETS[index]
    const tab = tabs[index]
    if (target === undefined || tab === undefined) return
    tabs.forEach((t, i) => {
      t.setAttribute('aria-selected', String(i === index))
      t.tabIndex = i === index ? 0 : -1
    })
    panel.setAttribute('aria-labelledby', tab.id)
    replaceChildren(panel, renderTarget(target, guest))
    if (focus) tab.focus()
  }
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => select(index, false))
    tab.addEventListener('keydown', (event) => {
      const last = tabs.length - 1
      const next: Record<string, number> = {
        ArrowRight: index === last ? 0 : index + 1,
        ArrowLeft: index === 0 ? last : index - 1,
        Home: 0,
        End: last,
      }
      const to = next[event.key]
      if (to === undefined) return
      event.preventDefault()
      select(to, true)
    })
  })
  replaceChildren(
    container,
    h(
      'dl',
      { class: 'summary-grid' },
      ...[
        ['Device', iface.deviceName],
        ['MAC', iface.macAddress],
        ['Primary IP', `${iface.primaryIp}/${iface.prefixLength}`],
        ['Secondary IPs', iface.secondaryIps.join(', ') || '—'],
        ['Gateway', iface.gateway],
        ['Netmask', iface.netmask],
      ].map(([term, value]) =>
        h('div', null, h('dt', null, term), h('dd', { class: 'mono' }, value)),
      ),
    ),
    guest.attached
      ? null
      : h(
          'p',
          { class: 'form-note' },
          `This ENI is not attached; the files assume it becomes ${iface.deviceName}.`,
        ),
    h('div', { role: 'tablist', 'aria-label': 'Operating system', class: 'tabs' }, ...tabs),
    panel,
  )
  const start = GUEST_OS_TARGETS.findIndex((t) => t.os === preferred)
  select(start < 0 ? 0 : start, false)
}

function renderTarget(target: GuestOsTarget, guest: GuestInterface): HTMLElement {
  let files: RenderedFile[]
  try {
    files = renderGuestConfig(target.os, { iface: guest.iface, mode: 'add' })
  } catch (e: unknown) {
    return h('p', { class: 'form-error' }, e instanceof Error ? e.message : String(e))
  }
  if (files.length === 0) {
    return h(
      'div',
      null,
      h('p', { class: 'muted' }, target.description),
      h('p', null, 'Nothing to configure: this ENI has no secondary private IP address yet.'),
    )
  }
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'panel-head' },
      h('p', { class: 'muted' }, target.description),
      copyButton('Copy all', () => renderAsText(files), `Copy all ${target.os} files`),
    ),
    ...files.map((file) =>
      h(
        'figure',
        { class: 'code-file' },
        h(
          'figcaption',
          null,
          h('span', { class: 'mono' }, file.path),
          h(
            'span',
            { class: 'tag' },
            file.mode === 'commands'
              ? 'run'
              : file.fileMode === undefined
                ? 'file'
                : `file ${file.fileMode.toString(8)}`,
          ),
          copyButton('Copy', () => file.content, `Copy ${file.path}`),
        ),
        h('pre', null, h('code', null, file.content)),
      ),
    ),
  )
}

function copyButton(label: string, text: () => string, ariaLabel: string): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: 'btn btn-small', 'aria-label': ariaLabel },
    label,
  )
  button.addEventListener('click', () => {
    const done = (ok: boolean) => {
      button.textContent = ok ? 'Copied' : 'Copy failed'
      setTimeout(() => (button.textContent = label), 2000)
    }
    const host = button.closest('dialog') ?? document.body
    if (!window.isSecureContext) return done(fallbackCopy(text(), host))
    navigator.clipboard.writeText(text()).then(
      () => done(true),
      () => done(fallbackCopy(text(), host)),
    )
  })
  return button
}

/** For browsers without the async clipboard (non-secure contexts). */
function fallbackCopy(text: string, host: Element): boolean {
  const area = h('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' })
  area.value = text
  host.appendChild(area)
  area.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } finally {
    area.remove()
  }
  return ok
}
