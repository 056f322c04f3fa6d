import { Alert, App, Flex, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { FormModal } from '../../components/FormModal';
import { StateTag } from '../../components/StateTag';
import { useDebouncedCallback } from '../../lib/useDebouncedCallback';
import type { ProposalDetail } from './api';
import { useCongressSessions, useCreateProposal, useEditProposal, useProposalsMeta, useSimilarProposals } from './hooks';
import { serialOf, WORKFLOW } from './shared';

/** What the form holds; the server checks lengths and answers on the field. */
interface ProposalValues {
  title: string;
  field: ProposalDetail['field'];
  reasons: string;
  suggestions: string;
  workerName?: string;
}

/** A new proposal may be a motion to a congress session collecting them. */
type NewProposalValues = ProposalValues & { congressSessionId?: number };

/** The longest text the similar-proposal check sends (the server's limit). */
const SIMILAR_MAX = 500;

/**
 * Proposals like the one being typed (title and reasons, once typing pauses),
 * each a link opening in a new tab so the text typed so far stays: the
 * representative may co-sign one rather than raise the same matter twice.
 */
function SimilarProposals({ excludeId }: { excludeId?: number }) {
  const title = Form.useWatch<string | undefined>('title') ?? '';
  const reasons = Form.useWatch<string | undefined>('reasons') ?? '';
  const [text, setText] = useState('');
  const settle = useDebouncedCallback(setText, 500);
  useEffect(() => settle(`${title} ${reasons}`.trim().slice(0, SIMILAR_MAX)), [title, reasons, settle]);
  const items = (useSimilarProposals(text).data ?? []).filter((p) => p.id !== excludeId);

  if (items.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="proposal-similar"
      title="已有相似的提案：同一事项可打开后附议，不必重复提出"
      description={
        <Flex vertical gap={4} style={{ marginTop: 4 }}>
          {items.map((p) => (
            <Flex key={p.id} gap={8} wrap align="center" data-testid="proposal-similar-item">
              <Link to={`/proposals/${p.id}`} target="_blank" rel="noreferrer">
                {serialOf(p)} {p.title}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.orgName}
              </Typography.Text>
              <StateTag workflow={WORKFLOW} state={p.state} label={p.stateLabel} />
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}

/** The text of a proposal, as the representative writes it. */
function ProposalFields({ excludeId, workerEditable = true }: { excludeId?: number; workerEditable?: boolean }) {
  const fields = useProposalsMeta().data?.fields ?? [];
  return (
    <>
      <Form.Item name="title" label="提案标题" rules={[{ required: true, whitespace: true, message: '请填写提案标题' }]}>
        <Input maxLength={100} showCount placeholder="一句话说明提什么，如：关于在新建快递网点设置骑手休息点的提案" data-testid="proposal-title" />
      </Form.Item>
      <Form.Item name="field" label="提案类别" rules={[{ required: true, message: '请选择提案类别' }]}>
        <Select options={fields.map((f) => ({ value: f.code, label: f.label }))} placeholder="选择类别" style={{ maxWidth: 280 }} data-testid="proposal-field" />
      </Form.Item>
      <Form.Item name="reasons" label="案由" extra="反映的问题：现状、原因、涉及多少职工" rules={[{ required: true, whitespace: true, message: '请填写案由' }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} showCount data-testid="proposal-reasons" />
      </Form.Item>
      <Form.Item name="suggestions" label="建议" extra="希望怎样解决：具体、可办" rules={[{ required: true, whitespace: true, message: '请填写建议' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount data-testid="proposal-suggestions" />
      </Form.Item>
      {workerEditable && (
        <Form.Item name="workerName" label="反映人（选填）" extra="向您反映这一诉求的职工姓名">
          <Input maxLength={50} style={{ maxWidth: 280 }} data-testid="proposal-worker" />
        </Form.Item>
      )}
      <SimilarProposals excludeId={excludeId} />
    </>
  );
}

const blankToNull = (value: string | undefined) => value?.trim() || null;

/** 作为职代会提案: offered only while a session of the representative's unions collects motions. */
function CongressSessionField() {
  const collecting = (useCongressSessions().data ?? []).filter((s) => s.collecting);
  if (collecting.length === 0) return null;
  return (
    <Form.Item name="congressSessionId" label="作为职代会提案（选填）" extra="职代会提案由大会的提案审查委员会审议，附议人数按大会的规定">
      <Select
        allowClear
        placeholder="不选为平时提出的提案"
        options={collecting.map((s) => ({ value: s.id, label: `${s.name}（征集至 ${s.collectUntil}）` }))}
        data-testid="proposal-congress"
      />
    </Form.Item>
  );
}

/** 新建提案: a draft, opened once saved so the representative can read it over and submit it. */
export function NewProposalModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { message } = App.useApp();
  const create = useCreateProposal();
  return (
    <FormModal<NewProposalValues>
      open={open}
      title="新建提案"
      okText="保存草稿"
      width={720}
      onClose={onClose}
      onSubmit={async ({ workerName, congressSessionId, ...text }) => {
        const created = await create.mutateAsync({ ...text, workerName: blankToNull(workerName), congressSessionId: congressSessionId ?? null });
        message.success('已保存为草稿，确认无误后请点击「提交提案」');
        onCreated(created.id);
      }}
    >
      <Typography.Paragraph type="secondary">先保存为草稿，草稿只有您本人能看到；提交后编号，其他代表可以附议。</Typography.Paragraph>
      <CongressSessionField />
      <ProposalFields />
    </FormModal>
  );
}

/** 修改提案 while the server allows it (draft, collecting co-signers): only what changed is sent. */
export function EditProposalModal({ proposal: p, open, onClose, onReload }: { proposal: ProposalDetail; open: boolean; onClose: () => void; onReload: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const edit = useEditProposal();
  // A worker with an account is linked, not typed: the name stays as the account has it.
  const workerEditable = !p.worker?.userId;
  const initial: ProposalValues = { title: p.title, field: p.field, reasons: p.reasons, suggestions: p.suggestions, workerName: p.worker?.name ?? '' };
  return (
    <FormModal<ProposalValues>
      open={open}
      title={`修改提案：${serialOf(p)}`}
      width={720}
      initialValues={initial}
      onClose={onClose}
      onReload={onReload}
      onSubmit={async (values) => {
        const changed = (key: keyof ProposalValues) => (values[key] ?? '') !== (initial[key] ?? '');
        await edit.mutateAsync({
          id: p.id,
          version: p.version,
          ...(changed('title') ? { title: values.title } : {}),
          ...(changed('field') ? { field: values.field } : {}),
          ...(changed('reasons') ? { reasons: values.reasons } : {}),
          ...(changed('suggestions') ? { suggestions: values.suggestions } : {}),
          ...(workerEditable && changed('workerName') ? { workerName: blankToNull(values.workerName) } : {}),
        });
        message.success('已保存修改');
      }}
    >
      <ProposalFields excludeId={p.id} workerEditable={workerEditable} />
    </FormModal>
  );
}
