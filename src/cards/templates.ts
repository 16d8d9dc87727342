/** The card templates under `cards/`, one JSON file per card, bundled at import time (no file reads at runtime). */
import cancelConfirm from '../../cards/cancel-confirm.json' with { type: 'json' };
import completionForm from '../../cards/completion-form.json' with { type: 'json' };
import completionReview from '../../cards/completion-review.json' with { type: 'json' };
import editForm from '../../cards/edit-form.json' with { type: 'json' };
import error from '../../cards/error.json' with { type: 'json' };
import extensionForm from '../../cards/extension-form.json' with { type: 'json' };
import extensionReview from '../../cards/extension-review.json' with { type: 'json' };
import help from '../../cards/help.json' with { type: 'json' };
import itemDetail from '../../cards/item-detail.json' with { type: 'json' };
import list from '../../cards/list.json' with { type: 'json' };
import notice from '../../cards/notice.json' with { type: 'json' };
import progressForm from '../../cards/progress-form.json' with { type: 'json' };
import receipt from '../../cards/receipt.json' with { type: 'json' };
import registerForm from '../../cards/register-form.json' with { type: 'json' };
import slip from '../../cards/slip.json' with { type: 'json' };
import { type View, render } from './render';
import type { Card } from './types';

export const TEMPLATES = {
  'cancel-confirm': cancelConfirm,
  'completion-form': completionForm,
  'completion-review': completionReview,
  'edit-form': editForm,
  error,
  'extension-form': extensionForm,
  'extension-review': extensionReview,
  help,
  'item-detail': itemDetail,
  list,
  notice,
  'progress-form': progressForm,
  receipt,
  'register-form': registerForm,
  slip,
} as const satisfies Record<string, unknown>;

export type TemplateName = keyof typeof TEMPLATES;

/** Renders the named template (see ./render for the placeholder syntax). */
export function renderCard(name: TemplateName, view: View): Card {
  return render<Card>(TEMPLATES[name], view, name);
}
