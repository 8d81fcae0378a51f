// Sign-in with an AccessKey pair. The secret goes to the server once, which checks it and sets
// an HttpOnly session cookie; the page never stores it.
import { describeError, signIn, type SessionInfo } from '../console-api.js'
import { h, replaceChildren } from '../element.js'

/** What each refusal means for the person at the form, and what to do. */
const SIGN_IN_ADVICE: Readonly<Record<string, string>> = {
  SignatureDoesNotMatch:
    'The AccessKey secret does not belong to this AccessKey ID. Copy AccessKeySecret from .eniplane/credentials (or from the output of eniplane account create) and try again.',
  'InvalidAccessKeyId.NotFound':
    'No account has this AccessKey ID. Copy AccessKeyId from .eniplane/credentials in the directory where the server runs.',
}

export function renderSignIn(
  root: HTMLElement,
  onSignedIn: (session: SessionInfo) => void,
  reason?: string,
): void {
  const idInput = h('input', {
    id: 'access-key-id',
    name: 'AccessKeyId',
    autocomplete: 'username',
    required: true,
    spellcheck: 'false',
  })
  const secretInput = h('input', {
    id: 'access-key-secret',
    name: 'AccessKeySecret',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  })
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'Sign in')
  const form = h(
    'form',
    { class: 'sign-in-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'access-key-id' }, 'AccessKey ID'), idInput),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'access-key-secret' }, 'AccessKey secret'),
      secretInput,
    ),
    error,
    submit,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    error.hidden = true
    if (idInput.value.trim() === '' || secretInput.value === '') {
      error.textContent = 'Enter both the AccessKey ID and the AccessKey secret.'
      error.hidden = false
      ;(idInput.value.trim() === '' ? idInput : secretInput).focus()
      return
    }
    submit.disabled = true
    submit.textContent = 'Signing in…'
    signIn(idInput.value.trim(), secretInput.value)
      .then((session) => {
        secretInput.value = ''
        onSignedIn(session)
      })
      .catch((e: unknown) => {
        const { code, message } = describeError(e)
        replaceChildren(
          error,
          h('strong', null, 'Sign-in failed. '),
          SIGN_IN_ADVICE[code] ?? message,
          h('span', { class: 'sub mono', 'data-role': 'error-code' }, code),
        )
        error.hidden = false
        submit.disabled = false
        submit.textContent = 'Sign in'
        secretInput.select()
        secretInput.focus()
      })
  })
  replaceChildren(
    root,
    h(
      'main',
      { class: 'sign-in' },
      h(
        'section',
        { class: 'sign-in-card', 'aria-labelledby': 'sign-in-title' },
        h('div', { class: 'brand brand-large' }, h('span', { class: 'brand-mark' }), 'eniplane'),
        h('h1', { id: 'sign-in-title', tabindex: '-1' }, 'Sign in to the console'),
        h(
          'p',
          { class: 'muted' },
          'Use an AccessKey pair of your account (the same one the API and CLI use).',
        ),
        reason === undefined ? null : h('p', { class: 'form-note', role: 'status' }, reason),
        form,
      ),
    ),
  )
  idInput.focus()
}
