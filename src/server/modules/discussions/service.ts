import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { createComments } from './comments.js';
import { createPolls } from './polls.js';
import { createTopicRecords } from './records.js';
import { createTopics, type NewTopic } from './topics.js';

/**
 * 职工事大家议 (DESIGN §3.2), a file per job: records.ts — who sees and who takes part, where a period
 * stands; topics.ts — opening, the list, a topic, closing and pinning; polls.ts — polls, ballots, results;
 * comments.ts — comments and their moderation.
 */

export type { CommentQuery } from './comments.js';
export type { NewPoll } from './polls.js';
export type { NewTopic, TopicListQuery } from './topics.js';

export interface DiscussionServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
  notifications: Pick<NotificationService, 'notify'>;
  today: () => string;
  now: () => Date;
}

export function createDiscussionService(deps: DiscussionServiceDeps) {
  const records = createTopicRecords(deps);
  const polls = createPolls(deps, { records });
  const topics = createTopics(deps, { records, polls });
  const comments = createComments(deps, { records });
  return {
    list: topics.list,
    detail: topics.detail,
    async open(actor: Actor, input: NewTopic) {
      return topics.detail(actor, await topics.open(actor, input));
    },
    close: topics.close,
    pin: topics.pin,
    vote: polls.vote,
    comments: comments.list,
    comment: comments.add,
    hideComment: comments.hide,
  };
}

export type DiscussionService = ReturnType<typeof createDiscussionService>;
