// A tiny DOM builder: `h('button', { class: 'btn', onclick: save }, 'Save')`. Strings become text
// nodes (never HTML), so nothing the API returns can inject markup.

export type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void)
export type Attrs = Readonly<Record<string, AttrValue>>
export type Child = Node | string | number | false | null | undefined | readonly Child[]

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue
    if (typeof value === 'function') {
      el.addEventListener(name.replace(/^on/, ''), value)
    } else if (name === 'class') {
      el.className = String(value)
    } else {
      el.setAttribute(name, value === true ? '' : String(value))
    }
  }
  append(el, children)
  return el
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue
    if (typeof child === 'string' || typeof child === 'number') {
      parent.appendChild(document.createTextNode(String(child)))
    } else if (child instanceof Node) parent.appendChild(child)
    else append(parent, child)
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren()
  append(parent, children)
}

let nextId = 0
/** A document-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  nextId += 1
  return `${prefix}-${nextId}`
}
