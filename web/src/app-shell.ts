// The signed-in frame: top bar (region, account, sign-out), navigation, and a hash router that
// mounts one page at a time (#/network-interfaces, #/instances, #/vpcs, #/events).
import {
  callAction,
  currentSession,
  setSessionLostHandler,
  signOut,
  type SessionInfo,
} from './console-api.js'
import { h, replaceChildren } from './element.js'
import { mountEventsPage } from './pages/events-page.js'
import { mountInstancesPage } from './pages/instances-page.js'
import { mountNetworkInterfacesPage } from './pages/network-interfaces-page.js'
import { renderSignIn } from './pages/sign-in-page.js'
import { mountSecurityGroupsPage } from './pages/security-groups-page.js'
import { mountVpcsPage } from './pages/vpcs-page.js'
import { currentRegion, setRegion } from './region.js'

type Mount = (container: HTMLElement) => () => void

interface Route {
  readonly hash: string
  readonly label: string
  readonly mount: Mount
}

const ROUTES: readonly Route[] = [
  { hash: '#/network-interfaces', label: 'Network Interfaces', mount: mountNetworkInterfacesPage },
  { hash: '#/instances', label: 'Instances', mount: mountInstancesPage },
  { hash: '#/vpcs', label: 'VPCs and vSwitches', mount: mountVpcsPage },
  { hash: '#/security-groups', label: 'Security Groups', mount: mountSecurityGroupsPage },
  { hash: '#/events', label: 'Events', mount: mountEventsPage },
]

/** Stops the signed-in frame (router, page timers); set while it is shown. */
let teardown: (() => void) | undefined

export async function boot(root: HTMLElement): Promise<void> {
  let session: SessionInfo | undefined
  try {
    session = await currentSession()
  } catch {
    session = undefined
  }
  const showSignIn = (reason?: string): void =>
    renderSignIn(root, (s) => renderApp(root, s, showSignIn), reason)
  setSessionLostHandler(() => {
    if (teardown === undefined) return
    teardown()
    document.querySelectorAll('dialog').forEach((d) => d.close())
    showSignIn('Your session ended. Sign in again to continue.')
  })
  if (session === undefined) showSignIn()
  else renderApp(root, session, showSignIn)
}

function renderApp(
  root: HTMLElement,
  session: SessionInfo,
  showSignIn: (reason?: string) => void,
): void {
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' })
  const navLinks = ROUTES.map((route) =>
    h('a', { href: route.hash, class: 'nav-link' }, route.label),
  )
  const regionSelect = h(
    'select',
    { id: 'region-select', 'aria-label': 'Region' },
    h('option', { value: currentRegion() }, currentRegion()),
  )
  const signOutButton = h('button', { type: 'button', class: 'btn btn-text' }, 'Sign out')
  replaceChildren(
    root,
    h('a', { href: '#main', class: 'skip-link' }, 'Skip to content'),
    h(
      'header',
      { class: 'topbar' },
      h(
        'a',
        { href: '#/network-interfaces', class: 'brand' },
        h('span', { class: 'brand-mark' }),
        'eniplane',
      ),
      h('span', { class: 'topbar-product' }, 'ECS console'),
      h('div', { class: 'topbar-spacer' }),
      h('label', { class: 'topbar-region' }, h('span', { class: 'muted' }, 'Region'), regionSelect),
      h(
        'span',
        { class: 'topbar-account', title: `AccessKey ${session.AccessKeyId}` },
        `Account ${session.AccountId}`,
      ),
      signOutButton,
    ),
    h(
      'div',
      { class: 'layout' },
      h('nav', { class: 'sidenav', 'aria-label': 'Console sections' }, ...navLinks),
      main,
    ),
  )

  let dispose: () => void = () => undefined
  const show = (): void => {
    const route = ROUTES.find((r) => r.hash === location.hash) ?? ROUTES[0]
    if (route === undefined) return
    dispose()
    for (const link of navLinks) {
      if (link.getAttribute('href') === route.hash) link.setAttribute('aria-current', 'page')
      else link.removeAttribute('aria-current')
    }
    document.title = `${route.label} · eniplane console`
    main.replaceChildren()
    dispose = route.mount(main)
  }
  window.addEventListener('hashchange', show)
  show()

  regionSelect.addEventListener('change', () => {
    setRegion(regionSelect.value)
    show()
  })
  void loadRegions(regionSelect)

  teardown = () => {
    teardown = undefined
    window.removeEventListener('hashchange', show)
    dispose()
  }
  signOutButton.addEventListener('click', () => {
    teardown?.()
    void signOut().finally(() => showSignIn('You have signed out.'))
  })
}

async function loadRegions(select: HTMLSelectElement): Promise<void> {
  try {
    const res = await callAction<{ Regions?: { Region?: Array<{ RegionId: string }> } }>(
      'DescribeRegions',
    )
    const ids = (res.Regions?.Region ?? []).map((r) => r.RegionId)
    if (ids.length === 0) return
    if (!ids.includes(currentRegion())) ids.unshift(currentRegion())
    select.replaceChildren(
      ...ids.map((id) => h('option', { value: id, selected: id === currentRegion() }, id)),
    )
  } catch {
    // Regions are a convenience; the current region keeps working without the list.
  }
}
