import { describe, expect, it } from 'vitest';
import type { ConversationRef, ConversationStore } from '../../bot/teams/conversationStore';

export const buildConversationRef = (over: Partial<ConversationRef> = {}): ConversationRef => ({
  userKey: 'oid-1',
  teamsUserId: '29:user-1',
  aadObjectId: 'oid-1',
  conversationId: 'a:personal-1',
  serviceUrl: 'http://localhost:5000/_connector',
  tenantId: 'tenant-1',
  botId: '28:bot',
  updatedAt: '2026-11-23T10:00:00.000Z',
  ...over,
});

const ref = buildConversationRef;

/** The behaviour every ConversationStore must show. `open` returns a fresh, empty store (cleaned up by the caller). */
export function runConversationStoreContract(name: string, open: () => Promise<ConversationStore>): void {
  describe(`Conversation store contract: ${name}`, () => {
    it('finds a saved reference by Entra object id and by Teams user id', async () => {
      const store = await open();
      await store.put(ref());
      expect(await store.getByAad('oid-1')).toEqual(ref());
      expect(await store.getByTeamsUserId('29:user-1')).toEqual(ref());
      expect(await store.getByAad('oid-2')).toBeNull();
      expect(await store.getByTeamsUserId('29:user-2')).toBeNull();
    });

    it('replaces a person’s reference with the latest one', async () => {
      const store = await open();
      await store.put(ref());
      await store.put(ref({ conversationId: 'a:personal-2', updatedAt: '2026-11-24T10:00:00.000Z' }));
      expect((await store.getByAad('oid-1'))?.conversationId).toBe('a:personal-2');
    });

    it('moves a person first seen without an Entra id to their Entra key, leaving one row', async () => {
      const store = await open();
      await store.put(ref({ userKey: '29:user-1', aadObjectId: null, conversationId: 'a:old' }));
      expect(await store.getByAad('oid-1')).toBeNull();
      await store.put(ref({ conversationId: 'a:new' }));
      expect((await store.getByTeamsUserId('29:user-1'))?.conversationId).toBe('a:new');
      expect((await store.getByAad('oid-1'))?.userKey).toBe('oid-1');
    });

    it('keeps people apart', async () => {
      const store = await open();
      await store.put(ref());
      await store.put(ref({ userKey: 'oid-2', aadObjectId: 'oid-2', teamsUserId: '29:user-2', conversationId: 'a:personal-9' }));
      expect((await store.getByAad('oid-1'))?.conversationId).toBe('a:personal-1');
      expect((await store.getByTeamsUserId('29:user-2'))?.conversationId).toBe('a:personal-9');
    });

    it('refuses an invalid reference and keeps what was there', async () => {
      const store = await open();
      await store.put(ref());
      await expect(store.put(ref({ serviceUrl: 'not a url' }))).rejects.toThrow();
      expect(await store.getByAad('oid-1')).toEqual(ref());
    });
  });
}
