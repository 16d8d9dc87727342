import { ROLE_LABELS, type OrgRole } from '../domain/actor';
import type { DbOrTx } from '../db/client';
import { listPeople, listUnits, personNamer } from '../db/org-repository';

/** Someone the simulator or the console lets you be: what they are called, what they hold, the groups they are in. */
export interface DirectoryPerson {
  id: string;
  name: string;
  /** 督办人员, 分管校领导, 教务处负责人, 教务处联络人 … */
  posts: string[];
  /** The bound group chats of the units they are head or liaison of. */
  groups: Array<{ chatId: string; unitName: string }>;
}

/**
 * Everyone the organisation gives a role or a post, in the org file's order of importance: the office, the leaders,
 * then the units' heads and liaisons. People with neither (retired from the file) are left out: they can do nothing.
 */
export function directory(db: DbOrTx): DirectoryPerson[] {
  const name = personNamer(db);
  const byId = new Map<string, DirectoryPerson>();
  const get = (id: string) => byId.get(id) ?? (byId.set(id, { id, name: name(id), posts: [], groups: [] }), byId.get(id)!);
  const rank = new Map<string, number>();
  const order: OrgRole[] = ['supervisor', 'principal', 'leader', 'admin', 'observer'];
  for (const p of listPeople(db)) {
    const roles = (p.roles as OrgRole[]).filter((r) => order.includes(r));
    if (!roles.length) continue;
    get(p.id).posts.push(...roles.map((r) => ROLE_LABELS[r]));
    rank.set(p.id, Math.min(...roles.map((r) => order.indexOf(r))));
  }
  for (const u of listUnits(db)) {
    const members = [...(u.headId ? [u.headId] : []), ...u.liaisonIds];
    for (const id of members) {
      const p = get(id);
      p.posts.push(`${u.name}${id === u.headId ? '负责人' : '联络人'}`);
      if (u.chatId && !p.groups.some((g) => g.chatId === u.chatId)) p.groups.push({ chatId: u.chatId, unitName: u.name });
      if (!rank.has(id)) rank.set(id, 10);
    }
  }
  return [...byId.values()].sort((a, b) => (rank.get(a.id) ?? 99) - (rank.get(b.id) ?? 99));
}
