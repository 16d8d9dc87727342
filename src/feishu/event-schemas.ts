import { z } from 'zod';

/**
 * The shape of every event the bot acts on, checked at the edge (webhook, long connection, local routes) before
 * anything reaches a handler or the database. One schema per event type. Unknown keys are kept (Feishu adds fields),
 * but a field the handlers read as a string is a bounded string or the event is refused.
 */

/** Feishu's ids (open_id, message_id, chat_id, event_id …) are short; 128 leaves room. */
export const MAX_ID = 128;
/** A text message may be up to 150 KB; `content` is its JSON encoding. */
export const MAX_CONTENT = 160_000;
/** One form field's text (Feishu's input component allows 1 000 characters). */
export const MAX_FORM_TEXT = 10_000;
export const MAX_FORM_FIELDS = 50;
export const MAX_FORM_OPTIONS = 200;
export const MAX_MENTIONS = 500;

const id = z.string().min(1).max(MAX_ID);
/** Optional string; `null` counts as absent, so handlers only ever see a string or undefined. */
const opt = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => v ?? undefined);

const userIds = z.looseObject({ open_id: id, user_id: opt(MAX_ID), union_id: opt(MAX_ID) });

const mention = z.looseObject({
  key: z.string().max(64),
  id: z.looseObject({ open_id: opt(MAX_ID), user_id: opt(MAX_ID), union_id: opt(MAX_ID) }),
  name: opt(1_000),
  tenant_key: opt(MAX_ID),
});

/**
 * Chat types other than p2p (Feishu has `group` and `topic_group`, and may add more) are treated as group chats:
 * the safe side, since a group chat is where confidential items are never shown.
 */
const chatType = z
  .string()
  .max(32)
  .transform((t): 'p2p' | 'group' => (t === 'p2p' ? 'p2p' : 'group'));

export const messageReceiveEvent = z.looseObject({
  sender: z.looseObject({
    sender_id: userIds,
    sender_type: z.string().max(32),
    tenant_key: opt(MAX_ID),
  }),
  message: z.looseObject({
    message_id: id,
    parent_id: opt(MAX_ID),
    root_id: opt(MAX_ID),
    thread_id: opt(MAX_ID),
    create_time: opt(32),
    update_time: opt(32),
    chat_id: id,
    chat_type: chatType,
    message_type: z.string().max(64),
    content: z.string().max(MAX_CONTENT),
    mentions: z.array(mention).max(MAX_MENTIONS).nullish().transform((v) => v ?? undefined),
  }),
});

/** What a card form submits: text (input, date_picker, select_static), a list (multi_select_static), a checker. */
const formField = z.union([
  z.string().max(MAX_FORM_TEXT),
  z.array(z.string().max(1_000)).max(MAX_FORM_OPTIONS),
  z.number(),
  z.boolean(),
  z.null(),
]);

const formValue = z
  .record(z.string().max(64), formField)
  .refine((o) => Object.keys(o).length <= MAX_FORM_FIELDS, `at most ${MAX_FORM_FIELDS} form fields`);

export const cardActionTriggerEvent = z.looseObject({
  operator: z.looseObject({ open_id: id, user_id: opt(MAX_ID), union_id: opt(MAX_ID), tenant_key: opt(MAX_ID) }),
  /** The card update token. */
  token: opt(512),
  action: z.looseObject({
    /** The button's value: the handler checks it with its own strict schema. */
    value: z.unknown(),
    tag: opt(64),
    name: opt(256),
    form_value: formValue.nullish().transform((v) => v ?? undefined),
    input_value: opt(MAX_FORM_TEXT),
    option: opt(1_000),
  }),
  host: opt(64),
  context: z
    .looseObject({ open_message_id: opt(MAX_ID), open_chat_id: opt(MAX_ID) })
    .nullish()
    .transform((v) => v ?? undefined),
});

export const EVENT_SCHEMAS = {
  'im.message.receive_v1': messageReceiveEvent,
  'card.action.trigger': cardActionTriggerEvent,
} as const satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type KnownEventType = keyof typeof EVENT_SCHEMAS;

/** The header of a schema 2.0 event (the token is checked by the receiver, before this). */
export const eventHeader = z.looseObject({
  event_id: id,
  event_type: z.string().min(1).max(MAX_ID),
  token: opt(512),
  create_time: opt(32),
  app_id: opt(MAX_ID),
  tenant_key: opt(MAX_ID),
});

export type EventCheck =
  | { kind: 'ok'; event: Record<string, unknown> }
  | { kind: 'unknown' }
  | { kind: 'malformed'; error: string };

/** Checks an event body against its type's schema. Unknown types are for the caller to acknowledge and ignore. */
export function checkEvent(eventType: string, event: unknown): EventCheck {
  const schema = Object.hasOwn(EVENT_SCHEMAS, eventType) ? EVENT_SCHEMAS[eventType as KnownEventType] : null;
  if (!schema) return { kind: 'unknown' };
  const parsed = schema.safeParse(event);
  if (!parsed.success) return { kind: 'malformed', error: `malformed ${eventType} event: ${describeIssues(parsed.error)}` };
  return { kind: 'ok', event: parsed.data as Record<string, unknown> };
}

/** A short, value-free description of what is wrong (paths and expectations only: values may be secrets or huge). */
export function describeIssues(error: z.ZodError): string {
  const text = error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
