import type { LocalMessage } from '../messenger/local-messenger';

/** A person's private chat with the bot, as the simulator names it in the events it sends (Feishu's are opaque too). */
export const p2pChatId = (openId: string) => `oc_sim_p2p_${openId}`;

/** One message as the simulator shows it: typed by a person, or sent by the bot (and maybe updated since). */
export interface SimMessage {
  messageId: string;
  chatId: string;
  /** 'bot', or the open_id of the person who typed it. */
  sender: string;
  msgType: string;
  content: unknown;
  at: string;
  /** The message this one quotes (a reply). */
  parentId?: string;
  /** 1 when sent; +1 for every update in place (a patch by the outbox, or a callback's answer card). */
  version: number;
}

export type SimEvent = { type: 'message' | 'update'; message: SimMessage };

/** The most messages kept; the oldest go first (local mode keeps everything in memory). */
const MAX_MESSAGES = 20_000;

/**
 * Chats as the simulator shows them, built from what the local messenger recorded (the bot's sends, replies and
 * patches) and what people typed in the simulator. A bot message to an open_id belongs to that person's private
 * chat; to a chat_id, to that group; a reply, to the chat of the message it answers.
 */
export class SimStore {
  private readonly byId = new Map<string, SimMessage>();
  private readonly order: SimMessage[] = [];
  readonly listeners = new Set<(e: SimEvent) => void>();

  private publish(e: SimEvent) {
    for (const l of this.listeners) l(e);
  }

  private add(m: SimMessage) {
    this.byId.set(m.messageId, m);
    this.order.push(m);
    if (this.order.length > MAX_MESSAGES) this.byId.delete(this.order.shift()!.messageId);
    this.publish({ type: 'message', message: m });
  }

  /** What the local messenger recorded. */
  fromBot(m: LocalMessage) {
    if (m.op === 'patch') {
      if (m.replyTo) this.update(m.replyTo, m.content);
      return;
    }
    const chatId =
      m.op === 'reply'
        ? (this.byId.get(m.replyTo ?? '')?.chatId ?? 'unknown')
        : m.receiveIdType === 'chat_id'
          ? m.receiveId!
          : p2pChatId(m.receiveId ?? 'unknown');
    if (this.byId.has(m.messageId)) return; // a retry with the same uuid
    this.add({ messageId: m.messageId, chatId, sender: 'bot', msgType: m.msgType, content: m.content, at: m.at, parentId: m.replyTo, version: 1 });
  }

  /** What a person typed (or the file they sent). */
  fromPerson(m: Omit<SimMessage, 'version' | 'sender' | 'msgType'> & { sender: string }, msgType: 'text' | 'file' = 'text') {
    this.add({ ...m, msgType, version: 1 });
  }

  /** A file a person sent, by its key: the message it came in and its name. */
  fileSentBy(fileKey: string): { messageId: string; name: string } | null {
    for (const m of this.byId.values()) {
      const c = m.content as { file_key?: string; file_name?: string } | null;
      if (m.sender !== 'bot' && m.msgType === 'file' && c?.file_key === fileKey) return { messageId: m.messageId, name: c.file_name ?? '文件' };
    }
    return null;
  }

  /** A card redrawn in place: by a patch, or by the card a callback answered with (Feishu shows it at once). */
  update(messageId: string, content: unknown) {
    const m = this.byId.get(messageId);
    if (!m) return;
    m.content = content;
    m.version += 1;
    this.publish({ type: 'update', message: m });
  }

  get(messageId: string): SimMessage | undefined {
    return this.byId.get(messageId);
  }

  inChats(chatIds: ReadonlySet<string>): SimMessage[] {
    return this.order.filter((m) => chatIds.has(m.chatId));
  }
}
