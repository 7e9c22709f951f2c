import { conversationRef, type ConversationRef, type ConversationStore } from '../../teams/conversationStore';
import { decodeDoc } from '../sqlite/sqliteRecord';
import { isOk, toGraphError, type GraphClient } from './graphClient';
import { LISTS } from './listMigrations';
import { siteLists } from './sharePointStores';
import type { SpItem, SpList } from './spRecordList';

const ENTITY = 'Conversation';
const SELECT = ['RecordId', 'Doc'] as const;

/**
 * The bot's conversation references on SharePoint: one item per person in "PA Conversations",
 * keyed by the user key (unique RecordId), with the Teams user id and Entra object id indexed.
 * Last write wins, as in SQLite: Teams' latest reference is the one that works, so updates are not
 * conditional (If-Match `*`).
 */
export function sharePointConversationStore(items: SpList): ConversationStore {
  const decode = (item: SpItem): ConversationRef => decodeDoc(conversationRef, ENTITY, { id: String(item.fields['RecordId'] ?? ''), doc: String(item.fields['Doc'] ?? '') });
  const one = async (column: string, value: string): Promise<ConversationRef | null> => {
    const item = await items.first(column, value, SELECT);
    return item ? decode(item) : null;
  };
  const send = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => items.client.send({ method, url, ...(method === 'POST' ? {} : { headers: { 'if-match': '*' } }), body });

  return {
    async put(ref) {
      const valid = conversationRef.parse(ref);
      const fields = { Title: valid.userKey, RecordId: valid.userKey, TeamsUserId: valid.teamsUserId, AadObjectId: valid.aadObjectId, Doc: JSON.stringify(valid) };
      // The same Teams user under another key (e.g. first seen without an Entra id) is replaced.
      const sameUser = await items.all(['RecordId'], { column: 'TeamsUserId', value: valid.teamsUserId });
      let mine = sameUser.find((i) => i.fields['RecordId'] === valid.userKey) ?? null;
      for (const other of sameUser) {
        if (other === mine) continue;
        const res = await send('DELETE', `${items.itemsPath}/${other.id}`);
        if (!isOk(res) && res.status !== 404) throw toGraphError(res);
      }
      mine ??= await items.first('RecordId', valid.userKey, ['RecordId']);
      if (!mine) {
        const { AadObjectId, ...rest } = fields;
        const res = await send('POST', items.itemsPath, { fields: AadObjectId === null ? rest : fields });
        if (isOk(res)) return;
        if (res.status !== 409) throw toGraphError(res);
        mine = await items.first('RecordId', valid.userKey, ['RecordId']); // written meanwhile by another instance
        if (!mine) throw toGraphError(res);
      }
      const res = await send('PATCH', `${items.itemsPath}/${mine.id}/fields`, fields);
      if (!isOk(res)) throw toGraphError(res);
    },
    getByAad: (aadObjectId) => one('AadObjectId', aadObjectId),
    getByTeamsUserId: (teamsUserId) => one('TeamsUserId', teamsUserId),
  };
}

/** The conversation store on the audit site's lists (provisioned by `npm run provision`). */
export async function openSharePointConversationStore(client: GraphClient, siteId: string): Promise<ConversationStore> {
  return sharePointConversationStore((await siteLists(client, siteId))(LISTS.conversations));
}
