import { Flex, Tag, Typography } from 'antd';
import { StateTag } from '../../components/StateTag';
import { formatDateTime } from '../../lib/time';
import type { DirectLineRequest } from './api';

/** The workflow's id on the server (direct-line/workflow.ts). */
export const WORKFLOW = 'direct_line';

/** A request's drawer on a desk; antd keeps it within the screen on a phone. */
export const DETAIL_WIDTH = 640;

/** Where a request stands and what it is about, in one line of tags. */
export function RequestTags({ request: r }: { request: Pick<DirectLineRequest, 'state' | 'stateLabel' | 'categoryLabel' | 'ratingLabel'> }) {
  return (
    <Flex gap={4} wrap>
      <StateTag workflow={WORKFLOW} state={r.state} label={r.stateLabel} />
      <Tag>{r.categoryLabel}</Tag>
      {r.ratingLabel && <Tag color="gold">评价：{r.ratingLabel}</Tag>}
    </Flex>
  );
}

/** Who asked whom, as the people concerned say it. */
export const askedWhom = (r: Pick<DirectLineRequest, 'workerName' | 'workerOrgName' | 'addresseeName' | 'representativeName' | 'orgName'>) =>
  `${r.workerName}（${r.workerOrgName}）→ ${r.representativeName ? `会员代表 ${r.representativeName}（${r.orgName}）` : r.addresseeName}`;

/** The last message under a request's subject, cut to one or two lines. */
export function LastMessage({ request: r }: { request: Pick<DirectLineRequest, 'lastMessage' | 'updatedAt'> }) {
  return (
    <>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
        {r.lastMessage}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(r.updatedAt)}
      </Typography.Text>
    </>
  );
}
