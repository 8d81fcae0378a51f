// Edit an ENI's tags: each current tag is removable (UntagResources with its TagKey.1), and a
// key/value pair is added or overwritten with TagResources. The server checks the rules (≤ 20
// tags, no `aliyun`/`acs:` keys, …); a refusal shows as `Code: Message` and changes nothing.
import { callAction, describeError } from '../console-api.js'
import { h, replaceChildren, uid } from '../element.js'
import { openModal } from '../widgets/modal.js'
import { notify } from '../widgets/notices.js'
import type { DescribeNetworkInterfacesResponse, NetworkInterface } from '../wire-types.js'

type Tag = { readonly TagKey: string; readonly TagValue: string }

export function openTagsDialog(eni: NetworkInterface, opts: { onChanged(): void }): void {
  const id = eni.NetworkInterfaceId
  let tags: readonly Tag[] = eni.Tags.Tag
  let changed = false
  const list = h('ul', { class: 'ip-rows', 'data-role': 'tag-rows', 'aria-label': 'Tags' })
  const keyId = uid('tag-key')
  const valueId = uid('tag-value')
  const keyInput = h('input', { id: keyId, maxlength: '128', spellcheck: 'false', required: true })
  const valueInput = h('input', { id: valueId, maxlength: '128', spellcheck: 'false' })
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const addButton = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Add tag')
  const form = h(
    'form',
    { class: 'tag-form', 'aria-label': 'Add a tag' },
    h('div', { class: 'field' }, h('label', { for: keyId }, 'Key'), keyInput),
    h('div', { class: 'field' }, h('label', { for: valueId }, 'Value'), valueInput),
    h('div', { class: 'field tag-form-submit' }, addButton),
  )
  const modal = openModal(
    {
      title: 'Edit tags',
      subtitle: id,
      onClose: () => {
        if (changed) opts.onChanged()
      },
    },
    h('h3', { class: 'section-title' }, 'Tags'),
    list,
    h('h3', { class: 'section-title' }, 'Add or change a tag'),
    form,
    h(
      'p',
      { class: 'field-hint' },
      'A key that exists gets the new value. At most 20 tags; keys may not start with aliyun or acs:.',
    ),
    error,
  )
  modal.footer.append(
    h('button', { type: 'button', class: 'btn', onclick: () => modal.close() }, 'Done'),
  )

  function render(): void {
    if (tags.length === 0) {
      replaceChildren(list, h('li', { class: 'ip-row muted' }, 'No tags.'))
      return
    }
    replaceChildren(
      list,
      ...tags.map((t) =>
        h(
          'li',
          { class: 'ip-row', 'data-tag-key': t.TagKey },
          h('span', { class: 'mono strong' }, t.TagKey),
          h('span', { class: 'mono' }, t.TagValue === '' ? '(empty)' : t.TagValue),
          h(
            'button',
            {
              type: 'button',
              class: 'link-button danger',
              'aria-label': `Remove tag ${t.TagKey}`,
              onclick: () =>
                run(callAction('UntagResources', untag(t.TagKey)), `Removed ${t.TagKey}`),
            },
            'Remove',
          ),
        ),
      ),
    )
  }

  const untag = (key: string) => ({
    ResourceType: 'eni',
    'ResourceId.1': id,
    'TagKey.1': key,
  })

  /** Runs one tag call, then re-reads the ENI's tags; a failure stays in the dialog. */
  function run(call: Promise<unknown>, done: string): void {
    error.hidden = true
    addButton.disabled = true
    call
      .then(async () => {
        changed = true
        notify(done)
        const res = await callAction<DescribeNetworkInterfacesResponse>(
          'DescribeNetworkInterfaces',
          { 'NetworkInterfaceId.1': id },
        )
        tags = res.NetworkInterfaceSets.NetworkInterfaceSet[0]?.Tags.Tag ?? []
        render()
      })
      .catch((e: unknown) => {
        const { code, message } = describeError(e)
        error.textContent = `${code}: ${message}`
        error.hidden = false
      })
      .finally(() => {
        addButton.disabled = false
      })
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const key = keyInput.value.trim()
    if (key === '') {
      error.textContent = 'Enter a tag key.'
      error.hidden = false
      keyInput.focus()
      return
    }
    const value = valueInput.value
    run(
      callAction('TagResources', {
        ResourceType: 'eni',
        'ResourceId.1': id,
        'Tag.1.Key': key,
        'Tag.1.Value': value,
      }).then(() => {
        keyInput.value = ''
        valueInput.value = ''
      }),
      `Tagged ${id} with ${key}`,
    )
  })

  render()
}
