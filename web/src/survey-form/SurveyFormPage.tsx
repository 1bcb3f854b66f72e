/**
 * The citizen survey form at /s/:token (phiếu khảo sát): phone first, no antd (a small chunk for
 * rural phones), and usable offline:
 *
 *  - the form (GET /api/s/:token) is kept in IndexedDB and the page shell in the service worker's
 *    cache (web/public/survey-sw.js), so the link opens again without network once it has been opened;
 *  - answers being typed are kept as a draft; on "Gửi phiếu" they go to the OUTBOX with a fresh
 *    response UUID and are sent when the network allows (sync.ts); a reload shows the queued state;
 *  - relevance (skip logic), required and constraints are checked here with the SAME code the server
 *    runs (core/surveys/form.ts).
 */
import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate } from '../../../core/i18n/format';
import {
  type Answers,
  type AnswerValue,
  type Choice,
  type FormNode,
  labelText,
  type Question,
  type ResponseError,
  relevanceMap,
  type SurveyForm,
  validateResponse,
} from '../../../core/surveys/form';
import { currentLang } from '../i18n';
import './survey-form.css';
import {
  enqueue,
  loadDraft,
  loadForm,
  type OutboxItem,
  outboxFor,
  type PublicForm,
  saveDraft,
  saveForm,
} from './store';
import { newResponseId, nudge, prepareSending, requestBackgroundSync, sendItem, startSync } from './sync';

type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; data: PublicForm }
  | { kind: 'failed'; reason: 'notFound' | 'unavailableOffline' };

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/** Registers the survey service worker and hands it what this page loaded, so the next visit works offline. */
function useOfflineShell(token: string, enabled: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!enabled || !('serviceWorker' in navigator)) return;
    let cancelled = false;
    const onMessage = (e: MessageEvent) => {
      if ((e.data as { type?: string } | null)?.type === 'cached' && !cancelled) setReady(true);
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    (async () => {
      try {
        await navigator.serviceWorker.register('/survey-sw.js', { scope: '/s/' });
        const reg = await navigator.serviceWorker.ready;
        const own = location.origin;
        const urls = [
          location.pathname,
          `/api/s/${token}`,
          `/api/s/${token}/manifest.webmanifest?lang=${currentLang()}`,
          '/survey-icon-192.png',
          ...performance
            .getEntriesByType('resource')
            .map((e) => e.name)
            .filter((u) => u.startsWith(`${own}/assets/`)),
        ];
        reg.active?.postMessage({ type: 'cache-urls', urls });
      } catch {
        // No service worker (private mode, old browser): the form still works while online.
      }
    })();
    return () => {
      cancelled = true;
      navigator.serviceWorker.removeEventListener('message', onMessage);
    };
  }, [token, enabled]);
  return ready;
}

/** <link rel="manifest"> of this token (installable, opens on this survey) and the theme colour. */
function useManifest(token: string): void {
  useEffect(() => {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = `/api/s/${encodeURIComponent(token)}/manifest.webmanifest?lang=${currentLang()}`;
    document.head.appendChild(link);
    return () => link.remove();
  }, [token]);
}

export default function SurveyFormPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation('surveyForm');
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'vi';
  const online = useOnline();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [item, setItem] = useState<OutboxItem | undefined>();
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Map<string, ResponseError>>(new Map());
  const [submitting, setSubmitting] = useState(false);
  const touched = useRef(false);
  useManifest(token);
  const offlineReady = useOfflineShell(token, load.kind === 'ready');

  const refreshItem = useCallback(async () => setItem(await outboxFor(token)), [token]);

  // What the phone already knows first (outbox, draft), then the form from the network or the phone.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const [queued, draft] = await Promise.all([outboxFor(token), loadDraft(token)]);
      if (cancelled) return;
      setItem(queued);
      if (draft && !touched.current) setAnswers(draft.answers);
      try {
        const res = await fetch(`/api/s/${encodeURIComponent(token)}`, { credentials: 'same-origin' });
        if (res.status === 404 || res.status === 400) {
          if (!cancelled) setLoad({ kind: 'failed', reason: 'notFound' });
          return;
        }
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const data = (await res.json()) as PublicForm;
        await saveForm(token, data);
        void prepareSending();
        if (!cancelled) setLoad({ kind: 'ready', data });
      } catch {
        const cached = await loadForm(token);
        if (cancelled) return;
        setLoad(cached ? { kind: 'ready', data: cached.data } : { kind: 'failed', reason: 'unavailableOffline' });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [token]);

  useEffect(() => startSync(() => void refreshItem()), [refreshItem]);

  useEffect(() => {
    if (load.kind === 'ready') document.title = load.data.campaign.title;
  }, [load]);

  const setAnswer = (name: string, value: AnswerValue | undefined) => {
    touched.current = true;
    setAnswers((prev) => {
      const next = { ...prev };
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[name];
      else next[name] = value;
      void saveDraft(token, next);
      return next;
    });
    setErrors((prev) => {
      if (!prev.has(name)) return prev;
      const next = new Map(prev);
      next.delete(name);
      return next;
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (load.kind !== 'ready' || submitting) return;
    const check = validateResponse(load.data.form, answers);
    if (!check.valid) {
      setErrors(new Map(check.errors.map((er) => [er.name, er])));
      const first = check.errors[0];
      if (first) document.getElementById(`q-${first.name}`)?.focus();
      return;
    }
    setSubmitting(true);
    const queued: OutboxItem = {
      responseId: newResponseId(),
      token,
      answers: check.answers,
      createdAt: new Date().toISOString(),
      status: 'queued',
      attempts: 0,
      nextAttemptAt: Date.now(),
    };
    await enqueue(queued); // safe on the phone before any network is tried
    setItem(queued);
    setSubmitting(false);
    window.scrollTo({ top: 0 });
    await requestBackgroundSync();
    await nudge();
    await refreshItem();
  };

  const header = (
    <header className="sf-header">
      <span className="sf-brand">OpenPAPI</span>
      <button
        type="button"
        className="sf-lang"
        onClick={() => void i18n.changeLanguage(lang === 'vi' ? 'en' : 'vi')}
        lang={lang === 'vi' ? 'en' : 'vi'}
      >
        {t('language')}
      </button>
    </header>
  );

  let body: ReactNode;
  if (load.kind === 'loading') {
    body = (
      <p className="sf-muted" aria-busy="true">
        {t('loading')}
      </p>
    );
  } else if (item && item.status !== 'rejected') {
    body = <Receipt item={item} online={online} onRetry={() => void sendItem(item.responseId).then(setItem)} />;
  } else if (load.kind === 'failed') {
    body = <Notice tone="error" title={t(`status.${load.reason}`)} />;
  } else {
    const { data } = load;
    const rejected = item?.status === 'rejected' ? item : undefined;
    if (data.used || rejected?.error === 'conflict') body = <Notice tone="info" title={t('status.used')} />;
    else if (!data.campaign.accepting || rejected?.error === 'campaign_closed')
      body = <Notice tone="info" title={t('status.closed')} />;
    else
      body = (
        <>
          {rejected && (
            <Notice
              tone="error"
              title={t('status.rejected', { reason: rejected.errorMessage ?? rejected.error ?? '' })}
            />
          )}
          <FormView
            data={data}
            lang={lang}
            answers={answers}
            errors={errors}
            submitting={submitting}
            onAnswer={setAnswer}
            onSubmit={submit}
          />
        </>
      );
  }

  return (
    <div className="sf-page" lang={lang}>
      {header}
      {!online && (
        <div className="sf-offline" role="status">
          {t('status.offline')}
        </div>
      )}
      <main className="sf-main">
        {load.kind === 'ready' && (
          <div className="sf-campaign">
            <h1>{load.data.campaign.title}</h1>
            <p className="sf-muted">
              {lang === 'en' ? load.data.campaign.unitNameEn : load.data.campaign.unitNameVi} ·{' '}
              {t('period', {
                start: formatDate(lang, load.data.campaign.periodStart),
                end: formatDate(lang, load.data.campaign.periodEnd),
              })}
            </p>
          </div>
        )}
        {body}
        {offlineReady && item?.status !== 'sent' && (
          <p className="sf-ready" data-testid="offline-ready">
            ✓ {t('status.offlineReady')}
          </p>
        )}
      </main>
    </div>
  );
}

function Notice({
  tone,
  title,
  children,
}: {
  tone: 'info' | 'error' | 'ok' | 'wait';
  title: string;
  children?: ReactNode;
}) {
  return (
    <section className={`sf-notice sf-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p className="sf-notice-title">{title}</p>
      {children}
    </section>
  );
}

function Receipt({ item, online, onRetry }: { item: OutboxItem; online: boolean; onRetry: () => void }) {
  const { t } = useTranslation('surveyForm');
  const lang = currentLang();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (item.status !== 'queued') return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [item.status]);
  if (item.status === 'sent') {
    return (
      <Notice tone="ok" title={`✓ ${t('status.sent')}`}>
        <p>{t('status.sentDetail', { date: formatDate(lang, item.receivedOn ?? item.createdAt.slice(0, 10)) })}</p>
      </Notice>
    );
  }
  const wait = Math.ceil((item.nextAttemptAt - now) / 1000);
  return (
    <Notice tone="wait" title={t('status.queued')}>
      <p>{t('status.queuedDetail')}</p>
      {online && item.attempts > 0 && wait > 0 && <p className="sf-muted">{t('status.retryIn', { seconds: wait })}</p>}
      {online && (
        <button type="button" className="sf-button sf-secondary" onClick={onRetry}>
          {t('status.retryNow')}
        </button>
      )}
    </Notice>
  );
}

interface FormViewProps {
  data: PublicForm;
  lang: 'vi' | 'en';
  answers: Answers;
  errors: Map<string, ResponseError>;
  submitting: boolean;
  onAnswer: (name: string, value: AnswerValue | undefined) => void;
  onSubmit: (e: FormEvent) => void;
}

function FormView({ data, lang, answers, errors, submitting, onAnswer, onSubmit }: FormViewProps) {
  const { t } = useTranslation('surveyForm');
  const form = data.form;
  const relevant = useMemo(() => relevanceMap(form, answers), [form, answers]);
  const render = (nodes: FormNode[]): ReactNode =>
    nodes.map((node) => {
      if (!relevant.get(node.name)) return null;
      if (node.kind === 'group') {
        const label = labelText(node.label, lang);
        return (
          <section key={node.name} className="sf-group">
            {label && <h2>{label}</h2>}
            {render(node.children)}
          </section>
        );
      }
      if (node.kind === 'note') {
        return (
          <p key={node.name} className="sf-note">
            {labelText(node.label, lang)}
          </p>
        );
      }
      return (
        <QuestionView
          key={node.name}
          form={form}
          q={node}
          lang={lang}
          value={answers[node.name]}
          error={errors.get(node.name)}
          onAnswer={onAnswer}
        />
      );
    });
  const errorCount = [...errors.keys()].filter((n) => relevant.get(n)).length;
  return (
    <form className="sf-form" onSubmit={onSubmit} noValidate>
      <p className="sf-intro">{t('intro')}</p>
      {render(form.children)}
      {errorCount > 0 && (
        <p className="sf-error" role="alert">
          {t('errorsSummary', { count: errorCount })}
        </p>
      )}
      <button type="submit" className="sf-button" disabled={submitting}>
        {submitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}

interface QuestionProps {
  form: SurveyForm;
  q: Question;
  lang: 'vi' | 'en';
  value: Answers[string];
  error: ResponseError | undefined;
  onAnswer: (name: string, value: AnswerValue | undefined) => void;
}

function QuestionView({ form, q, lang, value, error, onAnswer }: QuestionProps) {
  const { t } = useTranslation('surveyForm');
  const id = `q-${q.name}`;
  const hint = labelText(q.hint, lang);
  const errorText = error ? labelText(error.message, lang) || t(`errors.${error.code}`) : '';
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const title = (
    <>
      <span className="sf-qlabel">{labelText(q.label, lang)}</span>
      <span className={q.required ? 'sf-req' : 'sf-opt'}>{q.required ? t('required') : t('optional')}</span>
    </>
  );
  const extra = (
    <>
      {hint && (
        <p id={`${id}-hint`} className="sf-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="sf-error">
          {errorText}
        </p>
      )}
    </>
  );
  const cls = `sf-question${error ? ' sf-invalid' : ''}`;

  if (q.type === 'select_one' || q.type === 'select_multiple') {
    const choices: Choice[] = form.choiceLists[q.choices ?? ''] ?? [];
    const multiple = q.type === 'select_multiple';
    const selected = new Set(Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);
    return (
      <fieldset className={cls} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend>{title}</legend>
        {extra}
        <p className="sf-muted sf-small">{multiple ? t('chooseMany') : t('chooseOne')}</p>
        <div className="sf-choices">
          {choices.map((c, i) => (
            <label key={c.name} className={`sf-choice${selected.has(c.name) ? ' sf-checked' : ''}`}>
              <input
                id={i === 0 ? id : undefined}
                type={multiple ? 'checkbox' : 'radio'}
                name={q.name}
                value={c.name}
                checked={selected.has(c.name)}
                onChange={(e) => {
                  if (!multiple) return onAnswer(q.name, c.name);
                  const next = new Set(selected);
                  if (e.target.checked) next.add(c.name);
                  else next.delete(c.name);
                  onAnswer(
                    q.name,
                    choices.filter((x) => next.has(x.name)).map((x) => x.name),
                  );
                }}
              />
              <span>{labelText(c.label, lang)}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  let input: ReactNode;
  if (q.type === 'text') {
    input = (
      <textarea
        id={id}
        rows={3}
        value={typeof value === 'string' ? value : ''}
        placeholder={t('textPlaceholder')}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onAnswer(q.name, e.target.value)}
      />
    );
  } else if (q.type === 'date') {
    input = (
      <input
        id={id}
        type="date"
        value={typeof value === 'string' ? value : ''}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onAnswer(q.name, e.target.value || undefined)}
      />
    );
  } else {
    input = (
      <NumberInput
        id={id}
        integer={q.type === 'integer'}
        value={value}
        placeholder={t('numberPlaceholder')}
        describedBy={describedBy}
        invalid={!!error}
        onChange={(v) => onAnswer(q.name, v)}
      />
    );
  }
  return (
    <div className={cls}>
      <label htmlFor={id} className="sf-legend">
        {title}
      </label>
      {extra}
      {input}
    </div>
  );
}

/** A number field that keeps the text as typed ("1," on the way to "1,5") and reports the parsed value. */
function NumberInput(props: {
  id: string;
  integer: boolean;
  value: Answers[string];
  placeholder: string;
  describedBy: string | undefined;
  invalid: boolean;
  onChange: (value: AnswerValue | undefined) => void;
}) {
  const [text, setText] = useState(() =>
    props.value === undefined || props.value === null ? '' : String(props.value),
  );
  return (
    <input
      id={props.id}
      type="text"
      inputMode={props.integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={text}
      placeholder={props.placeholder}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid ? true : undefined}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(parseNumber(e.target.value, props.integer));
      }}
    />
  );
}

/**
 * Numbers as typed: '' → no answer; a well-formed number (decimal comma accepted) → a number; anything
 * else stays text, so validation says "wrong form" instead of silently dropping it.
 */
function parseNumber(raw: string, integer: boolean): AnswerValue | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  const normal = s.replace(',', '.');
  const ok = integer ? /^[+-]?\d+$/.test(normal) : /^[+-]?(\d+\.?\d*|\.\d+)$/.test(normal);
  return ok ? Number(normal) : raw;
}
