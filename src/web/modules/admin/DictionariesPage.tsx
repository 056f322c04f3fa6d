import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { PageLoading } from '../../components/PageLoading';
import { errorMessage } from '../../lib/api';
import type { Dictionary, DictionaryEntry } from './api';
import { useAddDictionaryEntry, useDictionaries, useUpdateDictionaryEntry } from './hooks';

/** An entry's name and place, edited in a small form. */
function EntryModal({ dictionary, entry, onClose }: { dictionary: Dictionary; entry: DictionaryEntry | 'new' | null; onClose: () => void }) {
  const update = useUpdateDictionaryEntry();
  const add = useAddDictionaryEntry();
  const isNew = entry === 'new';
  return (
    <FormModal<{ code?: string; label: string; sortOrder?: number }>
      open={entry !== null}
      title={isNew ? `新增「${dictionary.label}」字典项` : `修改字典项：${entry?.label ?? ''}`}
      initialValues={entry && entry !== 'new' ? { label: entry.label, sortOrder: entry.sortOrder } : {}}
      onClose={onClose}
      onSubmit={(values) =>
        isNew
          ? add.mutateAsync({ name: dictionary.name, code: values.code!.trim(), label: values.label.trim(), sortOrder: values.sortOrder })
          : update.mutateAsync({ name: dictionary.name, code: (entry as DictionaryEntry).code, label: values.label.trim(), sortOrder: values.sortOrder, version: (entry as DictionaryEntry).version })
      }
    >
      {isNew && (
        <Form.Item name="code" label="代码" rules={[{ required: true, message: '请填写代码' }]} extra="小写字母、数字和下划线，保存后不能修改">
          <Input maxLength={64} data-testid="dictionary-code" />
        </Form.Item>
      )}
      <Form.Item name="label" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
        <Input maxLength={100} data-testid="dictionary-label" />
      </Form.Item>
      <Form.Item name="sortOrder" label="排序" extra="数字小的排在前面">
        <InputNumber min={0} max={1_000_000} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}

/** 字典: the code lists that are data; an administrator at the root changes their words, order and whether each is offered. */
export function DictionariesPage() {
  const { message } = App.useApp();
  const dictionaries = useDictionaries();
  const update = useUpdateDictionaryEntry();
  const [name, setName] = useState<string | null>(null);
  const [editing, setEditing] = useState<DictionaryEntry | 'new' | null>(null);
  if (dictionaries.isPending) return <PageLoading />;
  if (dictionaries.error) return <ErrorAlert error={dictionaries.error} />;
  const dictionary = dictionaries.data.find((d) => d.name === name) ?? dictionaries.data[0];
  if (!dictionary) return <Alert type="info" message="还没有可维护的字典" />;
  const toggle = (entry: DictionaryEntry, enabled: boolean) =>
    update.mutate({ name: dictionary.name, code: entry.code, enabled, version: entry.version }, { onError: (error) => void message.error(errorMessage(error)) });
  return (
    <Card
      title="数据字典"
      extra={
        <Space>
          <Select value={dictionary.name} onChange={setName} style={{ width: 200 }} options={dictionaries.data.map((d) => ({ value: d.name, label: d.label }))} data-testid="dictionary-select" />
          {dictionary.editable && !dictionary.fixedCodes && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增字典项
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{dictionary.description}</Typography.Paragraph>
      {!dictionary.editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="字典对全系统生效，只有根组织的系统管理员可以修改；您可以查看。" />}
      <Table<DictionaryEntry>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={dictionary.entries}
        columns={[
          { key: 'sortOrder', title: '排序', dataIndex: 'sortOrder', width: 80 },
          { key: 'label', title: '名称', dataIndex: 'label' },
          { key: 'code', title: '代码', dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
          { key: 'builtIn', title: '来源', dataIndex: 'builtIn', render: (builtIn: boolean) => (builtIn ? <Tag>系统内置</Tag> : <Tag color="blue">自定义</Tag>) },
          {
            key: 'enabled',
            title: '启用',
            render: (_, entry) => <Switch size="small" checked={entry.enabled} disabled={!dictionary.editable || update.isPending} onChange={(on) => toggle(entry, on)} aria-label={`启用${entry.label}`} />,
          },
          {
            key: 'actions',
            title: '操作',
            render: (_, entry) =>
              dictionary.editable && (
                <Button type="link" size="small" onClick={() => setEditing(entry)} data-testid={`dictionary-edit-${entry.code}`}>
                  修改
                </Button>
              ),
          },
        ]}
      />
      <EntryModal key={`${dictionary.name}-${editing === 'new' ? 'new' : (editing?.code ?? '')}`} dictionary={dictionary} entry={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
