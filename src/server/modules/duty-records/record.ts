import type { DirectLineService } from '../direct-line/service.js';
import type { ProposalService } from '../proposals/service.js';
import { dutyScore } from './score.js';

/** One representative's record as the list and the export show it. */

type Answering = Awaited<ReturnType<DirectLineService['ownRecord']>>;
type ProposalFigures = Awaited<ReturnType<ProposalService['ownRecord']>>;

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** One representative's figures, rates and points, from the two modules' figures (none when they had nothing). */
export function recordOf(person: { userId: number; name: string; orgId: number; orgName: string }, answering: Answering | undefined, proposals: ProposalFigures | undefined) {
  const a = answering ?? { received: 0, answered: 0, answeredOnTime: 0, proposals: 0, medianFirstReplyHours: null, ratings: { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 } };
  const p = proposals ?? { submitted: 0, accepted: 0, concluded: 0, cosigned: 0, reviews: 0, votes: 0, rated: 0, ratedSatisfied: 0 };
  const requestsRated = a.ratings.satisfied + a.ratings.basically_satisfied + a.ratings.unsatisfied;
  const requestsSatisfied = a.ratings.satisfied + a.ratings.basically_satisfied;
  const figures = {
    received: a.received,
    answered: a.answered,
    answeredOnTime: a.answeredOnTime,
    requestsToProposals: a.proposals,
    medianFirstReplyHours: a.medianFirstReplyHours,
    submitted: p.submitted,
    accepted: p.accepted,
    concluded: p.concluded,
    cosigned: p.cosigned,
    reviews: p.reviews,
    votes: p.votes,
    attendanceRate: ratio(p.votes, p.reviews),
    proposalsRated: p.rated,
    proposalSatisfactionRate: ratio(p.ratedSatisfied, p.rated),
    requestsRated,
    requestSatisfactionRate: ratio(requestsSatisfied, requestsRated),
    satisfactionRate: ratio(p.ratedSatisfied + requestsSatisfied, p.rated + requestsRated),
  };
  return { ...person, ...figures, ...dutyScore(figures) };
}
export type DutyRecord = ReturnType<typeof recordOf>;
