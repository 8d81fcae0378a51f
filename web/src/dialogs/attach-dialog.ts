// Attach an ENI to an instance of its VPC. Instances in the ENI's own vSwitch are listed first;
// the server decides what is allowed (the seed profile wants the same VPC, vSwitch and zone).
import { listInstances } from '../catalog-queries.js'
import { callAction, describeError } from '../console-api.js'
import { h, uid } from '../element.js'
import { openModal } from '../widgets/modal.js'
import { notify } from '../widgets/notices.js'
import type { Instance, NetworkInterface } from '../wire-types.js'

export function openAttachDialog(eni: NetworkInterface, opts: { onAttached(): void }): void {
  const selectId = uid('attach-instance')
  const select = h(
    'select',
    { id: selectId, disabled: true },
    h('option', { value: '' }, 'Loading instances…'),
  )
  const hint = h(
    'p',
    { class: 'field-hint' },
    `Instances in ${eni.VpcId}. The ENI is in ${eni.VSwitchId} (${eni.ZoneId}); an instance must share its VPC and zone, and with the default quota profile also its vSwitch.`,
  )
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const form = h(
    'form',
    { id: uid('attach-form') },
    h('div', { class: 'field' }, h('label', { for: selectId }, 'Instance'), select, hint),
    error,
  )
  const modal = openModal(
    { title: 'Attach network interface', subtitle: eni.NetworkInterfaceId },
    form,
  )
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', form: form.id, disabled: true },
    'Attach',
  )
  modal.footer.append(
    h('button', { type: 'button', class: 'btn', onclick: () => modal.close() }, 'Cancel'),
    submit,
  )

  listInstances({ VpcId: eni.VpcId })
    .then((instances) => {
      const ranked = [...instances].sort((a, b) => rank(eni, a) - rank(eni, b))
      select.replaceChildren(
        h(
          'option',
          { value: '' },
          ranked.length === 0 ? 'No instances in this VPC' : 'Choose an instance',
        ),
        ...ranked.map((i) =>
          h(
            'option',
            { value: i.InstanceId },
            `${i.InstanceName ? `${i.InstanceName} · ` : ''}${i.InstanceId} · ${i.Status} · ${i.ZoneId} · ${i.VpcAttributes.VSwitchId}`,
          ),
        ),
      )
      select.disabled = ranked.length === 0
      submit.disabled = ranked.length === 0
      if (ranked.length > 0) select.focus()
    })
    .catch((e: unknown) => showError(e))

  function showError(e: unknown): void {
    const { code, message } = describeError(e)
    error.textContent = `${code}: ${message}`
    error.hidden = false
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    error.hidden = true
    if (select.value === '') {
      error.textContent = 'Choose the instance to attach to.'
      error.hidden = false
      select.focus()
      return
    }
    submit.disabled = true
    callAction('AttachNetworkInterface', {
      NetworkInterfaceId: eni.NetworkInterfaceId,
      InstanceId: select.value,
    })
      .then(() => {
        notify(`Attach requested: ${eni.NetworkInterfaceId} to ${select.value}.`, 'info')
        modal.close()
        opts.onAttached()
      })
      .catch((e: unknown) => {
        showError(e)
        submit.disabled = false
      })
  })
}

function rank(eni: NetworkInterface, instance: Instance): number {
  if (instance.VpcAttributes.VSwitchId === eni.VSwitchId) return 0
  if (instance.ZoneId === eni.ZoneId) return 1
  return 2
}
