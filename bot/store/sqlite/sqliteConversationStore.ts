import { conversationRef, type ConversationRef, type ConversationStore } from '../../teams/conversationStore';
import { decodeDoc, type DocRow, type SqliteConnection } from './sqliteRecord';

const ENTITY = 'Conversation';

/** The bot's conversation references in SQLite: one row per person (see migration 3). */
export function sqliteConversationStore(conn: SqliteConnection): ConversationStore {
  const decode = (row: DocRow): ConversationRef => decodeDoc(conversationRef, ENTITY, row);
  const one = (sql: string, key: string): ConversationRef | null => {
    const row = conn.stmt(sql).get(key) as DocRow | undefined;
    return row ? decode(row) : null;
  };
  return {
    async put(ref) {
      const valid = conversationRef.parse(ref);
      // The same Teams user under another key (e.g. first seen without an Entra id) is replaced.
      conn.tx(() => {
        conn.stmt('DELETE FROM conversations WHERE teams_user_id = ? AND user_key <> ?').run(valid.teamsUserId, valid.userKey);
        conn
          .stmt(
            `INSERT INTO conversations (user_key, teams_user_id, aad_object_id, doc) VALUES (?, ?, ?, ?)
             ON CONFLICT (user_key) DO UPDATE SET teams_user_id = excluded.teams_user_id, aad_object_id = excluded.aad_object_id, doc = excluded.doc`,
          )
          .run(valid.userKey, valid.teamsUserId, valid.aadObjectId, JSON.stringify(valid));
      });
    },
    async getByAad(aadObjectId) {
      return one('SELECT user_key AS id, doc FROM conversations WHERE aad_object_id = ? ORDER BY user_key LIMIT 1', aadObjectId);
    },
    async getByTeamsUserId(teamsUserId) {
      return one('SELECT user_key AS id, doc FROM conversations WHERE teams_user_id = ? ORDER BY user_key LIMIT 1', teamsUserId);
    },
  };
}
