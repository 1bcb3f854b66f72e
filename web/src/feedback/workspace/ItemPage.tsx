/**
 * One feedback item for an officer: facts, description, location, contact (hidden for a denunciation
 * unless you are its handling officer), attachments, history, and the actions the server allows now
 * (`allowedTransitions`): accept (thụ lý) or reject with a reason, start, answer, close; assign the
 * handling officer; moderation; internal or public notes.
 */
import { ArrowLeftOutlined, LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Input, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Me } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../format';
import { type Detail, useAction, useDetail, useHandlers } from '../api';
import { StatusTag } from '../StatusTag';

export function ItemPage({ me }: { me: Me }) {
  const { t } = useTranslation('feedback');
  const { id } = useParams();
  const detail = useDetail(id);
  return (
    <div>
      <p>
        <Link to="/workspace/feedback">
          <ArrowLeftOutlined aria-hidden /> {t('ui.ws.back')}
        </Link>
      </p>
      {detail.isError && <ErrorNotice error={detail.error} onRetry={() => detail.refetch()} />}
      {detail.isPending && <Card loading />}
      {detail.data && <ItemView item={detail.data} me={me} />}
    </div>
  );
}

function ItemView({ item, me }: { item: Detail; me: Me }) {
  const { t } = useTranslation('feedback');
  const fmt = useFormat();
  const name = (u: { nameVi: string; nameEn: string }) => (fmt.lang === 'en' ? u.nameEn : u.nameVi);
  const due = item.status === 'received' ? item.acceptDue : item.resolveDue;
  const eventKind = (kind: string) =>
    kind === 'assign' || kind === 'note' || kind === 'moderation' || kind === 'rating'
      ? t(`ui.ws.kinds.${kind}`)
      : t('ui.ws.eventKind', { kind });
  const actor = (name: string) =>
    name === 'system:public-form' ? t('ui.ws.actorPublic') : name.startsWith('system:') ? t('ui.ws.actorSystem') : name;
  const published =
    item.track === 'feedback' &&
    (item.status === 'answered' || item.status === 'closed') &&
    (item.moderation === 'clear' || item.moderation === 'approved');

  return (
    <div className="fb-item" data-testid="fb-item">
      <Typography.Title level={2} className="fb-item-title">
        {item.title}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusTag status={item.status} />
        <Tag>{t(`ui.tracks.${item.track}.title`)}</Tag>
        {item.overdue && <Tag className="fb-tag-bad">{t('ui.status.overdue')}</Tag>}
        {item.moderation === 'pending' && <Tag className="fb-tag-warn">{t('ui.ws.moderationPending')}</Tag>}
        {published && <Tag className="fb-tag-ok">{t('ui.ws.published')}</Tag>}
      </Space>

      <div className="fb-item-grid">
        <div className="fb-item-main">
          <Card title={t('ui.ws.facts')} size="small">
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'code',
                  label: t('ui.track.code'),
                  children: <span className="fb-mono">{item.trackingCode}</span>,
                },
                {
                  key: 'cat',
                  label: t('ui.form.category'),
                  children: `${item.category.dimension} · ${name(item.category)}`,
                },
                { key: 'commune', label: t('ui.track.commune'), children: name(item.commune) },
                { key: 'unit', label: t('ui.track.unit'), children: name(item.unit) },
                { key: 'received', label: t('ui.track.received'), children: fmt.dateTime(item.receivedAt) },
                {
                  key: 'due',
                  label: item.status === 'received' ? t('ui.track.acceptDue') : t('ui.track.resolveDue'),
                  children: due ? fmt.date(due) : '—',
                },
                {
                  key: 'handler',
                  label: t('ui.ws.handler'),
                  children: item.handler ? (item.handler.displayName ?? item.handler.username) : t('ui.ws.unassigned'),
                },
                { key: 'source', label: t('ui.ws.source'), children: t(`ui.ws.sources.${item.source}`) },
              ]}
            />
          </Card>

          <Card title={t('ui.form.description')} size="small">
            <p className="fb-prewrap" data-testid="fb-item-description">
              {item.description}
            </p>
            {item.place && <p className="muted">{item.place}</p>}
            {item.lat !== null && item.lon !== null && (
              <p className="muted">
                {t('ui.ws.coords', {
                  lat: fmt.number(item.lat, { maximumFractionDigits: 5 }),
                  lon: fmt.number(item.lon, { maximumFractionDigits: 5 }),
                })}{' '}
                · <a href={`geo:${item.lat},${item.lon}`}>{t('ui.ws.openMap')}</a>
              </p>
            )}
            {item.attachments.length > 0 && (
              <ul className="fb-files">
                {item.attachments.map((a, i) => (
                  <li key={a.id}>
                    <PaperClipOutlined aria-hidden />
                    <a
                      href={`/api/feedback/items/${encodeURIComponent(item.id)}/attachments/${encodeURIComponent(a.id)}`}
                    >
                      {a.filename ?? t('ui.ws.attachmentHidden', { n: i + 1 })}
                    </a>
                    <span className="muted">{fmt.number(Math.max(1, Math.round(a.size / 1024)))} KB</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card title={t('ui.ws.contact')} size="small" data-testid="fb-item-contact">
            {item.contactHidden ? (
              <Alert type="info" showIcon icon={<LockOutlined />} title={t('ui.ws.contactHidden')} />
            ) : item.contact && Object.values(item.contact).some(Boolean) ? (
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'n', label: t('ui.form.contactName'), children: item.contact.name ?? '—' },
                  { key: 'p', label: t('ui.form.contactPhone'), children: item.contact.phone ?? '—' },
                  { key: 'e', label: t('ui.form.contactEmail'), children: item.contact.email ?? '—' },
                  { key: 'a', label: t('ui.form.contactAddress'), children: item.contact.address ?? '—' },
                ]}
              />
            ) : (
              <p className="muted">{t('ui.ws.noContact')}</p>
            )}
            {item.track === 'denunciation' && item.isHandler && (
              <Alert type="warning" showIcon title={t('ui.ws.confidentialDuty')} style={{ marginTop: 8 }} />
            )}
          </Card>

          {item.answer && (
            <Card
              title={t('ui.ws.answerGiven', { date: item.answeredAt ? fmt.date(item.answeredAt) : '' })}
              size="small"
            >
              <p className="fb-prewrap" data-testid="fb-item-answer">
                {item.answer}
              </p>
            </Card>
          )}
          {item.rejectReason && (
            <Alert type="warning" showIcon title={t('ui.track.rejected')} description={item.rejectReason} />
          )}

          <Card title={t('ui.ws.history')} size="small">
            <Timeline
              items={item.events.map((e) => ({
                key: e.id,
                content: (
                  <div>
                    <strong>{e.status ? t(`ui.status.${e.status}`) : eventKind(e.kind)}</strong>{' '}
                    <span className="muted">
                      · {fmt.dateTime(e.at)} · {actor(e.actorName)}
                      {e.note ? ` · ${e.public ? t('ui.ws.notePublic') : t('ui.ws.noteInternal')}` : ''}
                    </span>
                    {e.note && <div className="fb-prewrap">{e.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </div>

        <div className="fb-item-side">
          {item.canEdit ? <Actions item={item} me={me} /> : <Alert type="info" showIcon title={t('ui.ws.readOnly')} />}
        </div>
      </div>
    </div>
  );
}

function Actions({ item, me }: { item: Detail; me: Me }) {
  const { t } = useTranslation('feedback');
  const action = useAction(item.id);
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState(item.answer ?? '');
  const [complex, setComplex] = useState(false);
  const [remote, setRemote] = useState(false);
  const [note, setNote] = useState('');
  const [notePublic, setNotePublic] = useState(false);
  const [assignee, setAssignee] = useState<string>();
  const [extendReason, setExtendReason] = useState('');
  const handlers = useHandlers(item.id, item.canEdit);
  const others = (handlers.data ?? []).filter((h) => h.id !== item.handler?.id);
  const can = (s: Detail['allowedTransitions'][number]) => item.allowedTransitions.includes(s);
  const busy = action.isPending;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="fb-actions">
      {action.isError && <ErrorNotice error={action.error} />}

      {item.moderation === 'pending' && (
        <Card title={t('ui.ws.moderationTitle')} size="small">
          <p>{t('ui.ws.moderationHelp')}</p>
          {item.moderationFlags.length > 0 && (
            <p className="muted">
              {t('ui.ws.flags')}:{' '}
              {item.moderationFlags
                .map((f) =>
                  f === 'links' || f === 'repeated_text' || f === 'all_caps' || f === 'profanity' || f === 'duplicate'
                    ? t(`server.flags.${f}`)
                    : f,
                )
                .join(', ')}
            </p>
          )}
          <Space wrap>
            <Button
              onClick={() => action.mutate({ kind: 'moderation', body: { decision: 'approved' } })}
              loading={busy}
              data-testid="fb-approve"
            >
              {t('ui.ws.approve')}
            </Button>
            <Button danger onClick={() => action.mutate({ kind: 'moderation', body: { decision: 'rejected' } })}>
              {t('ui.ws.spam')}
            </Button>
          </Space>
        </Card>
      )}

      <Card title={t('ui.ws.handlerTitle')} size="small">
        <p>
          {item.handler
            ? t('ui.ws.handledBy', { name: item.handler.displayName ?? item.handler.username })
            : t('ui.ws.unassigned')}
        </p>
        <Space wrap>
          {item.handler?.id !== me.id && (
            <Button
              onClick={() => action.mutate({ kind: 'assign', body: { userId: me.id } })}
              loading={busy}
              data-testid="fb-assign-me"
            >
              {t('ui.ws.assignMe')}
            </Button>
          )}
        </Space>
        {others.length > 0 && (
          <div className="fb-filter" style={{ marginTop: 12 }}>
            <label htmlFor="fb-assignee">{t('ui.ws.assignOther')}</label>
            <Space.Compact style={{ width: '100%' }}>
              <Select
                id="fb-assignee"
                showSearch={{ optionFilterProp: 'label' }}
                value={assignee}
                onChange={setAssignee}
                options={others.map((h) => ({
                  value: h.id,
                  label: h.displayName ? `${h.displayName} (${h.username})` : h.username,
                }))}
                style={{ flex: 1, minWidth: 0 }}
              />
              <Button
                disabled={!assignee}
                onClick={() => assignee && action.mutate({ kind: 'assign', body: { userId: assignee } })}
              >
                {t('ui.ws.assign')}
              </Button>
            </Space.Compact>
          </div>
        )}
      </Card>

      {(can('accepted') || can('rejected')) && item.status === 'received' && (
        <Card title={t('ui.ws.acceptTitle')} size="small">
          <p className="muted">{t(`ui.ws.acceptHelp.${item.track}`)}</p>
          {can('accepted') && (
            <>
              <Checkbox checked={complex} onChange={(e) => setComplex(e.target.checked)}>
                {t('ui.ws.complex')}
              </Checkbox>
              <br />
              <Checkbox checked={remote} onChange={(e) => setRemote(e.target.checked)}>
                {t('ui.ws.remoteArea')}
              </Checkbox>
              <div style={{ marginTop: 8 }}>
                <Button
                  type="primary"
                  loading={busy}
                  data-testid="fb-accept"
                  onClick={() =>
                    action.mutate({ kind: 'transition', body: { to: 'accepted', complex, remoteArea: remote } })
                  }
                >
                  {t('ui.ws.accept')}
                </Button>
              </div>
            </>
          )}
          {can('rejected') && (
            <div className="fb-filter" style={{ marginTop: 16 }}>
              <label htmlFor="fb-reject-reason">{t('ui.ws.rejectReason')}</label>
              <Input.TextArea
                id="fb-reject-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                rows={3}
                maxLength={2000}
              />
              <Button
                danger
                style={{ marginTop: 8 }}
                disabled={reason.trim().length < 5}
                loading={busy}
                data-testid="fb-reject"
                onClick={() => action.mutate({ kind: 'transition', body: { to: 'rejected', reason: reason.trim() } })}
              >
                {t('ui.ws.reject')}
              </Button>
            </div>
          )}
        </Card>
      )}

      {(can('in_progress') || can('answered')) && (
        <Card title={t('ui.ws.answerTitle')} size="small">
          {can('in_progress') && item.status !== 'in_progress' && (
            <Button
              style={{ marginBottom: 12 }}
              loading={busy}
              onClick={() => action.mutate({ kind: 'transition', body: { to: 'in_progress' } })}
              data-testid="fb-start"
            >
              {item.status === 'answered' ? t('ui.ws.reopen') : t('ui.ws.start')}
            </Button>
          )}
          {can('answered') && (
            <div className="fb-filter">
              <label htmlFor="fb-answer">{t('ui.ws.answerLabel')}</label>
              <p className="muted" style={{ margin: 0 }}>
                {item.track === 'feedback' ? t('ui.ws.answerPublic') : t('ui.ws.answerPrivate')}
              </p>
              <Input.TextArea
                id="fb-answer"
                value={answer}
                onChange={(e) => setAnswer(e.target.value)}
                autoSize={{ minRows: 4, maxRows: 14 }}
                maxLength={5000}
                data-testid="fb-answer-text"
              />
              <Button
                type="primary"
                style={{ marginTop: 8 }}
                disabled={answer.trim().length < 5}
                loading={busy}
                data-testid="fb-answer-send"
                onClick={() => action.mutate({ kind: 'transition', body: { to: 'answered', answer: answer.trim() } })}
              >
                {t('ui.ws.answerSend')}
              </Button>
            </div>
          )}
        </Card>
      )}

      {(item.status === 'accepted' || item.status === 'in_progress') && !item.complex && (
        <Card title={t('ui.ws.extendTitle')} size="small">
          <p className="muted">{t(`ui.ws.extendHelp.${item.track}`)}</p>
          <div className="fb-filter">
            <label htmlFor="fb-extend-reason">{t('ui.ws.extendReason')}</label>
            <Input.TextArea
              id="fb-extend-reason"
              value={extendReason}
              onChange={(e) => setExtendReason(e.target.value)}
              rows={2}
              maxLength={2000}
            />
          </div>
          <Button
            style={{ marginTop: 8 }}
            disabled={extendReason.trim().length < 5}
            loading={busy}
            onClick={() => action.mutate({ kind: 'extend', body: { reason: extendReason.trim() } })}
          >
            {t('ui.ws.extend')}
          </Button>
        </Card>
      )}

      {can('closed') && (
        <Card title={t('ui.ws.closeTitle')} size="small">
          <p className="muted">{t('ui.ws.closeHelp')}</p>
          <Button
            loading={busy}
            onClick={() => action.mutate({ kind: 'transition', body: { to: 'closed' } })}
            data-testid="fb-close"
          >
            {t('ui.ws.close')}
          </Button>
        </Card>
      )}

      <Card title={t('ui.ws.noteTitle')} size="small">
        <div className="fb-filter">
          <label htmlFor="fb-note">{t('ui.ws.noteLabel')}</label>
          <Input.TextArea
            id="fb-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            maxLength={2000}
          />
        </div>
        <Checkbox checked={notePublic} onChange={(e) => setNotePublic(e.target.checked)} style={{ marginTop: 8 }}>
          {t('ui.ws.notePublicLabel')}
        </Checkbox>
        <div style={{ marginTop: 8 }}>
          <Button
            disabled={!note.trim()}
            loading={busy}
            onClick={() =>
              action.mutate(
                { kind: 'notes', body: { note: note.trim(), public: notePublic } },
                { onSuccess: () => setNote('') },
              )
            }
          >
            {t('ui.ws.noteAdd')}
          </Button>
        </div>
      </Card>
    </Space>
  );
}
