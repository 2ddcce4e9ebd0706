// Moves focus to where a form's answer is, so keyboard and screen-reader users land on it.

/** After React has drawn the errors, moves focus to the first field marked invalid. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
