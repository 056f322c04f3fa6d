import { DeleteOutlined, DownloadOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Image, Segmented, Spin, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { attachmentList } from '../../server/platform/attachments/http';
import { api, errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/time';
import { ConfirmButton } from './ConfirmButton';
import { ErrorAlert } from './ErrorAlert';

/** A record's attachments as the server sends them (the platform's shape; the owning module's purposes and rules). */
export type AttachmentList = z.input<typeof attachmentList>;
export type Attachment = AttachmentList['items'][number];

const THUMBNAIL = 88;
const CARD_STYLE = { padding: 8, border: '1px solid var(--lx-border)', borderRadius: 6, width: '100%', maxWidth: 360 } as const;

/** 1.2 MB, 350 KB. */
export function formatBytes(bytes: number) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What the file picker offers: the extensions and types the server takes (it still decides from the bytes). */
const acceptOf = (limits: AttachmentList['limits']) => limits.types.flatMap((t) => [t.contentType, ...t.extensions.map((e) => `.${e}`)]).join(',');

/** Why the browser already knows the server will refuse a file, or null: a hint, the server checks again. */
function clientProblem(file: File, limits: AttachmentList['limits']) {
  if (file.size > limits.maxBytes) return `「${file.name}」超过 ${formatBytes(limits.maxBytes)}，请压缩后再上传`;
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1].toLowerCase();
  const known = limits.types.some((t) => t.contentType === file.type || (extension !== undefined && t.extensions.includes(extension)));
  if (!known) return `「${file.name}」不是 JPG、PNG、WebP 图片或 PDF 文件`;
  return null;
}

function AttachmentCard({ url, attachment: a, onDelete }: { url: string; attachment: Attachment; onDelete: () => Promise<unknown> }) {
  const fileUrl = `${url}/${a.id}`;
  return (
    <Flex gap={10} align="center" style={CARD_STYLE} data-testid="attachment-item">
      {a.image ? (
        <Image
          src={`${fileUrl}?inline=1`}
          alt={a.fileName}
          width={THUMBNAIL}
          height={THUMBNAIL}
          style={{ objectFit: 'cover', borderRadius: 4 }}
          data-testid="attachment-thumbnail"
        />
      ) : (
        <Flex align="center" justify="center" style={{ width: THUMBNAIL, height: THUMBNAIL, background: 'var(--lx-border)', borderRadius: 4, flex: 'none' }}>
          <FilePdfOutlined style={{ fontSize: 36, color: '#cf1322' }} />
        </Flex>
      )}
      <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Typography.Link href={fileUrl} ellipsis title={a.fileName} data-testid="attachment-download">
          <DownloadOutlined /> {a.fileName}
        </Typography.Link>
        <span className="lx-muted" style={{ fontSize: 12 }}>
          {formatBytes(a.size)} · {a.uploaderName} · {formatDateTime(a.uploadedAt)}
        </span>
        <Flex gap={6} align="center" wrap>
          <Tag style={{ margin: 0 }}>{a.purposeLabel}</Tag>
          {a.canDelete && (
            <ConfirmButton
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              title={`删除附件「${a.fileName}」？`}
              description="删除后不能恢复。"
              okText="删除"
              onConfirm={onDelete}
              successMessage="附件已删除"
              data-testid="attachment-delete"
            >
              删除
            </ConfirmButton>
          )}
        </Flex>
      </Flex>
    </Flex>
  );
}

/**
 * The attachments of one record: thumbnails of photos, PDFs to download, an upload button when the server
 * says the user may attach (with the purposes it offers), and delete where it says so. `url` is the
 * record's attachments route; `queryKey` places the list under the module's keys, so its writes refresh it.
 */
export function Attachments({ url, queryKey, emptyText }: { url: string; queryKey: QueryKey; emptyText: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey, queryFn: () => api.get<AttachmentList>(url) });
  const [chosenPurpose, setPurpose] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey });
  const upload = useMutation({
    mutationFn: ({ file, purpose }: { file: File; purpose: string }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<Attachment>(url, form, { purpose });
    },
    onSuccess: refresh,
  });

  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <Spin />;
  const { items, canAttach, limits } = query.data;
  const purpose = canAttach.find((p) => p.purpose === chosenPurpose)?.purpose ?? canAttach[0]?.purpose;
  const full = items.length >= limits.maxFiles;

  return (
    <Flex vertical gap={10} data-testid="attachments">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={canAttach.length > 0 ? '还没有附件：可上传现场照片或 PDF 材料' : emptyText} style={{ margin: 0 }} />
      ) : (
        <Flex wrap gap={8}>
          {items.map((a) => (
            <AttachmentCard key={a.id} url={url} attachment={a} onDelete={() => api.delete(`${url}/${a.id}`).then(refresh)} />
          ))}
        </Flex>
      )}
      {purpose && (
        <Flex gap={8} wrap align="center">
          {canAttach.length > 1 && <Segmented size="small" value={purpose} onChange={(v) => setPurpose(v)} options={canAttach.map((p) => ({ value: p.purpose, label: p.label }))} />}
          <Upload
            accept={acceptOf(limits)}
            showUploadList={false}
            disabled={full || upload.isPending}
            beforeUpload={(file) => {
              const problem = clientProblem(file, limits);
              if (problem) message.error(problem);
              return problem ? Upload.LIST_IGNORE : true;
            }}
            customRequest={({ file }) =>
              upload.mutate(
                { file: file as File, purpose },
                { onSuccess: () => message.success('附件已上传'), onError: (err) => message.error(errorMessage(err)) },
              )
            }
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={full} data-testid="attachment-upload">
              上传附件
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {full ? `已达 ${limits.maxFiles} 个上限，可删除后再传` : `JPG、PNG、WebP 图片或 PDF，每个不超过 ${formatBytes(limits.maxBytes)}，最多 ${limits.maxFiles} 个；照片的位置信息会自动去除`}
          </Typography.Text>
        </Flex>
      )}
    </Flex>
  );
}
