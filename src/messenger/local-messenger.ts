import { randomUUID } from 'node:crypto';
import { FILE_TOO_LARGE, type Messenger, type OutgoingMessage, type ReceiveIdType, SendError } from './messenger';

export interface LocalMessage {
  messageId: string;
  op: 'send' | 'reply' | 'patch';
  receiveIdType?: ReceiveIdType;
  receiveId?: string;
  replyTo?: string;
  msgType: string;
  content: unknown;
  uuid?: string;
  at: string;
}

/**
 * Local mode: records every message it would have sent, honouring uuids as Feishu does. Used when no Feishu app
 * is configured, so the office can try the product, and by the simulator.
 */
export class LocalMessenger implements Messenger {
  readonly messages: LocalMessage[] = [];
  private readonly byUuid = new Map<string, string>();
  /** The time written on each message (local mode: the simulated clock, set by compose). */
  clock: () => Date = () => new Date();
  /** Told of every message as it is recorded (the simulator's live stream). */
  readonly listeners = new Set<(m: LocalMessage) => void>();

  private record(m: Omit<LocalMessage, 'messageId' | 'at'>): { messageId: string } {
    const seen = m.uuid ? this.byUuid.get(m.uuid) : undefined;
    if (seen) return { messageId: seen };
    const messageId = `om_local_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    if (m.uuid) this.byUuid.set(m.uuid, messageId);
    const recorded = { ...m, messageId, at: this.clock().toISOString() };
    this.messages.push(recorded);
    for (const l of this.listeners) l(recorded);
    return { messageId };
  }

  async send(to: { receiveIdType: ReceiveIdType; receiveId: string }, m: OutgoingMessage) {
    return this.record({ op: 'send', ...to, msgType: m.msgType, content: JSON.parse(m.content), uuid: m.uuid });
  }

  async reply(messageId: string, m: OutgoingMessage) {
    return this.record({ op: 'reply', replyTo: messageId, msgType: m.msgType, content: JSON.parse(m.content), uuid: m.uuid });
  }

  /** 加急 is recorded as the call it would have been. */
  readonly urgents: Array<{ messageId: string; openIds: string[]; at: string }> = [];
  async urgent(messageId: string, openIds: string[]) {
    this.urgents.push({ messageId, openIds, at: new Date().toISOString() });
  }

  async patch(messageId: string, content: string) {
    this.record({ op: 'patch', replyTo: messageId, msgType: 'interactive', content: JSON.parse(content) });
  }

  /** Files "uploaded" for sending, by key: a file message's content names one (the simulator offers the download). */
  readonly uploads = new Map<string, { name: string; bytes: Buffer; fileType: string }>();
  async uploadFile(f: { name: string; bytes: Buffer; fileType: string }) {
    const fileKey = `file_local_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    this.uploads.set(fileKey, { ...f });
    return { fileKey };
  }

  /** What people "sent" in local mode, by message id and key (the simulator puts a file here when one is dropped in). */
  readonly resources = new Map<string, Buffer>();
  async download(messageId: string, fileKey: string, _type: 'file' | 'image', maxBytes: number) {
    const bytes = this.resources.get(`${messageId}/${fileKey}`);
    if (!bytes) throw new SendError(`local: no file ${fileKey} in message ${messageId}`, false);
    if (bytes.length > maxBytes) throw new SendError(`download: larger than ${maxBytes} bytes`, false, FILE_TOO_LARGE);
    return Buffer.from(bytes);
  }
}
