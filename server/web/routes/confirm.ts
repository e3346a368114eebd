// Destructive actions ask first, without JavaScript, while each action's rules stay in its own route.
import type { Request, Response } from 'express';
import { t, type Params } from '../../i18n/index.js';

/**
 * The confirmation page before a destructive action (issue 16): a GET that shows what will happen and
 * a form that POSTs to the action's own route, so it works without JavaScript and the action's rules
 * stay in one place. The way back is the primary button, the destructive action the secondary one.
 *
 *   renderConfirm(req, res, { key: 'confirm.unendorse', params: { idea: idea.title }, action: `/ideas/${id}/unendorse`, cancelHref: `/ideas/${id}` });
 *
 * Texts: `${key}.title`, `${key}.question`, `${key}.submit` and, when present, `${key}.hint`.
 */
export interface ConfirmOptions {
  key: string;
  params?: Params;
  action: string;
  cancelHref: string;
  hidden?: Record<string, string>;
}

export function renderConfirm(req: Request, res: Response, o: ConfirmOptions): void {
  const text = (suffix: string) => t(req.locale, `${o.key}.${suffix}`, o.params);
  const hint = text('hint');
  res.render('pages/confirm', {
    title: text('title'),
    question: text('question'),
    hint: hint === `${o.key}.hint` ? null : hint,
    submitLabel: text('submit'),
    cancelLabel: t(req.locale, 'confirm.cancel'),
    action: o.action,
    cancelHref: o.cancelHref,
    hidden: Object.entries(o.hidden ?? {}).map(([name, value]) => ({ name, value })),
  });
}
