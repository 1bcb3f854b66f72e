/**
 * /feedback — the public form, phone first: choose the track (with a plain explanation of each), the
 * category, the commune, describe the matter, optionally a location, contact details (required by law
 * for complaints and denunciations) and photos or PDFs; then the confirmation with the tracking code.
 * No login. Abuse protection: a honeypot field nobody sees and a proof-of-work solved in a Web Worker
 * while the citizen types (pow.ts); the client submission id makes a retried send count once.
 */
import { AimOutlined, DeleteOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UnitDto } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFormat } from '../format';
import { type SubmitResult, submitFeedback, type Track, useCategories } from './api';
import { CommunePicker } from './CommunePicker';
import { Confirmation } from './Confirmation';
import { useProofOfWork } from './pow';
import { contactRule, newSubmissionId } from './rules';
import { TrackPicker } from './TrackPicker';
import './feedback.css';

/** Client-side attachment limits (the server checks the bytes again): images and PDF, 5 MB each, 5 files. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_MAX_FILES = 5;
const DESCRIPTION_MAX = 5000;

interface Values {
  track?: Track;
  categoryId?: string;
  communeId?: string;
  description?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  contactAddress?: string;
  website?: string;
}

type Point = { latitude: number; longitude: number; accuracy: number };

export default function FeedbackForm() {
  const { t } = useTranslation('feedback');
  const fmt = useFormat();
  const [form] = Form.useForm<Values>();
  const track = Form.useWatch('track', form);
  const categories = useCategories();
  const pow = useProofOfWork();
  const [unit, setUnit] = useState<UnitDto>();
  const [point, setPoint] = useState<Point>();
  const [locating, setLocating] = useState(false);
  const [locError, setLocError] = useState<string>();
  // Each chosen file with a stable key (the same name may be chosen twice).
  const [files, setFiles] = useState<{ key: number; file: File }[]>([]);
  const nextKey = useRef(0);
  const [fileError, setFileError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<SubmitResult>();
  // One id per form filled in: a send retried after a dropped connection is stored once.
  const submissionId = useRef(newSubmissionId());

  const categoryOptions = useMemo(
    () => (categories.data ?? []).map((c) => ({ value: c.id, label: fmt.lang === 'en' ? c.nameEn : c.nameVi })),
    [categories.data, fmt.lang],
  );
  const identityRequired = track === 'complaint' || track === 'denunciation';

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocError(t('ui.form.locationUnsupported'));
      return;
    }
    setLocating(true);
    setLocError(undefined);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPoint({ latitude: pos.coords.latitude, longitude: pos.coords.longitude, accuracy: pos.coords.accuracy });
        setLocating(false);
      },
      (err) => {
        setLocError(err.code === err.PERMISSION_DENIED ? t('ui.form.locationDenied') : t('ui.form.locationFailed'));
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  /** Checks the chosen files (type, size, count) before anything is sent; keeps the good ones. */
  const addFiles = (chosen: File[]) => {
    const next = [...files];
    let problem: string | undefined;
    for (const file of chosen) {
      if (!ATTACHMENT_TYPES.includes(file.type)) problem = t('ui.form.fileType', { name: file.name });
      else if (file.size > ATTACHMENT_MAX_BYTES)
        problem = t('ui.form.fileSize', { name: file.name, max: fmt.number(ATTACHMENT_MAX_BYTES / 1024 / 1024) });
      else if (next.length >= ATTACHMENT_MAX_FILES) problem = t('ui.form.fileCount', { max: ATTACHMENT_MAX_FILES });
      else next.push({ key: nextKey.current++, file });
    }
    setFiles(next);
    setFileError(problem);
  };

  const submit = async (values: Values) => {
    setSending(true);
    setError(undefined);
    try {
      const solved = await pow.take();
      const contact = {
        name: values.contactName?.trim() || undefined,
        phone: values.contactPhone?.trim() || undefined,
        email: values.contactEmail?.trim() || undefined,
        address: values.contactAddress?.trim() || undefined,
      };
      const res = await submitFeedback(
        {
          submissionId: submissionId.current,
          track: values.track as Track,
          categoryId: values.categoryId ?? '',
          communeId: values.communeId ?? '',
          description: values.description?.trim() ?? '',
          lat: point?.latitude,
          lon: point?.longitude,
          place: values.address?.trim() || undefined,
          contact: Object.values(contact).some(Boolean) ? contact : undefined,
          website: values.website ?? '',
          challenge: solved.challenge,
          nonce: solved.nonce,
        },
        files.map((f) => f.file),
      );
      setResult(res);
      submissionId.current = newSubmissionId();
    } catch (err) {
      setError(err);
      pow.restart();
    } finally {
      setSending(false);
    }
  };

  if (result) {
    return (
      <Confirmation
        result={result}
        unit={unit}
        onAnother={() => {
          form.resetFields();
          setResult(undefined);
          setFiles([]);
          setPoint(undefined);
          setUnit(undefined);
        }}
      />
    );
  }

  return (
    <div className="page fb-page">
      <h1>{t('ui.form.title')}</h1>
      <p className="lead">{t('ui.form.lead')}</p>
      <p>
        <Link to="/feedback/track" data-testid="to-track">
          {t('ui.form.haveCode')}
        </Link>
      </p>

      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        requiredMark="optional"
        onFinish={submit}
        onValuesChange={() => pow.start()}
        scrollToFirstError={{ block: 'center' }}
        data-testid="feedback-form"
        noValidate
      >
        <section className="panel fb-section" aria-labelledby="fb-step-track">
          <h2 id="fb-step-track">
            <span className="step-number" aria-hidden>
              1
            </span>
            {t('ui.form.stepTrack')}
          </h2>
          <Form.Item
            name="track"
            label={<span id="fb-track-legend">{t('ui.form.track')}</span>}
            rules={[{ required: true, message: t('ui.form.trackRequired') }]}
            htmlFor="fb-track"
          >
            <TrackPicker id="fb-track" />
          </Form.Item>
        </section>

        <section className="panel fb-section" aria-labelledby="fb-step-what">
          <h2 id="fb-step-what">
            <span className="step-number" aria-hidden>
              2
            </span>
            {t('ui.form.stepWhat')}
          </h2>
          <Form.Item
            name="categoryId"
            label={t('ui.form.category')}
            rules={[{ required: true, message: t('ui.form.categoryRequired') }]}
          >
            {/* A native select: the phone's own picker, no typing needed for 16 topics. */}
            <select className="fb-native-select" data-testid="fb-category" disabled={categories.isPending}>
              <option value="">{t('ui.form.categoryPlaceholder')}</option>
              {categoryOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Form.Item>
          {categories.isError && <ErrorNotice error={categories.error} onRetry={() => categories.refetch()} />}
          <Form.Item
            name="communeId"
            label={t('ui.form.commune')}
            extra={t('ui.form.communeHelp')}
            rules={[{ required: true, message: t('ui.form.communeRequired') }]}
          >
            <CommunePicker selected={unit} onSelectUnit={setUnit} testId="fb-commune" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('ui.form.description')}
            extra={t('ui.form.descriptionHelp')}
            rules={[
              { required: true, whitespace: true, message: t('ui.form.descriptionRequired') },
              { min: 10, message: t('ui.form.descriptionShort') },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 5, maxRows: 14 }}
              maxLength={DESCRIPTION_MAX}
              showCount
              data-testid="fb-description"
            />
          </Form.Item>
        </section>

        <section className="panel fb-section" aria-labelledby="fb-step-where">
          <h2 id="fb-step-where">
            <span className="step-number" aria-hidden>
              3
            </span>
            {t('ui.form.stepWhere')}
          </h2>
          <p className="muted">{t('ui.form.whereHelp')}</p>
          <div className="fb-location" aria-live="polite">
            {point ? (
              <div className="fb-point" data-testid="fb-point">
                <span>
                  {t('ui.form.locationSet', {
                    lat: fmt.number(point.latitude, { maximumFractionDigits: 5 }),
                    lng: fmt.number(point.longitude, { maximumFractionDigits: 5 }),
                    accuracy: fmt.number(Math.round(point.accuracy)),
                  })}
                </span>
                <Button icon={<DeleteOutlined />} onClick={() => setPoint(undefined)}>
                  {t('ui.form.locationClear')}
                </Button>
              </div>
            ) : (
              <Button icon={<AimOutlined />} onClick={locate} loading={locating} data-testid="fb-locate">
                {t('ui.form.locationUse')}
              </Button>
            )}
            {locError && <Alert type="warning" showIcon title={locError} style={{ marginTop: 8 }} />}
          </div>
          <Form.Item name="address" label={t('ui.form.address')} style={{ marginTop: 16, marginBottom: 0 }}>
            <Input maxLength={300} autoComplete="off" placeholder={t('ui.form.addressPlaceholder')} />
          </Form.Item>
        </section>

        <section className="panel fb-section" aria-labelledby="fb-step-who">
          <h2 id="fb-step-who">
            <span className="step-number" aria-hidden>
              4
            </span>
            {identityRequired ? t('ui.form.stepWhoRequired') : t('ui.form.stepWho')}
          </h2>
          <p className="muted" data-testid="fb-identity-note">
            {track === 'denunciation'
              ? t('ui.form.whoDenunciation')
              : track === 'complaint'
                ? t('ui.form.whoComplaint')
                : t('ui.form.whoFeedback')}
          </p>
          <Form.Item
            name="contactName"
            label={t('ui.form.contactName')}
            rules={[{ required: identityRequired, whitespace: true, message: t('ui.form.contactNameRequired') }]}
          >
            <Input maxLength={120} autoComplete="name" data-testid="fb-contact-name" />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t('ui.form.contactPhone')}
            dependencies={['contactEmail', 'track']}
            rules={[
              { pattern: /^[+0-9 .()-]{8,20}$/, message: t('ui.form.contactPhoneInvalid') },
              contactRule(t('ui.form.contactReachRequired')),
            ]}
          >
            <Input type="tel" inputMode="tel" maxLength={20} autoComplete="tel" data-testid="fb-contact-phone" />
          </Form.Item>
          <Form.Item
            name="contactEmail"
            label={t('ui.form.contactEmail')}
            rules={[{ type: 'email', message: t('ui.form.contactEmailInvalid') }]}
          >
            <Input type="email" inputMode="email" maxLength={200} autoComplete="email" />
          </Form.Item>
          <Form.Item
            name="contactAddress"
            label={t('ui.form.contactAddress')}
            rules={[{ required: identityRequired, whitespace: true, message: t('ui.form.contactAddressRequired') }]}
          >
            <Input maxLength={300} autoComplete="street-address" data-testid="fb-contact-address" />
          </Form.Item>
        </section>

        <section className="panel fb-section" aria-labelledby="fb-step-files">
          <h2 id="fb-step-files">
            <span className="step-number" aria-hidden>
              5
            </span>
            {t('ui.form.stepFiles')}
          </h2>
          <p className="muted" id="fb-files-help">
            {t('ui.form.filesHelp', {
              max: fmt.number(ATTACHMENT_MAX_BYTES / 1024 / 1024),
              count: ATTACHMENT_MAX_FILES,
            })}
          </p>
          {/* A native file input over a button-like label: the phone's own picker (camera included), one
              44 px target, and none of antd Upload's weight. */}
          <div className="fb-file-pick">
            <input
              id="fb-files"
              type="file"
              multiple
              accept={ATTACHMENT_TYPES.join(',')}
              aria-describedby="fb-files-help"
              onChange={(e) => {
                addFiles(Array.from(e.target.files ?? []));
                e.target.value = '';
              }}
              data-testid="fb-attach"
            />
            <label htmlFor="fb-files" className="fb-file-button">
              <PaperClipOutlined aria-hidden /> {t('ui.form.filesAdd')}
            </label>
          </div>
          {fileError && (
            <Alert type="error" showIcon title={fileError} style={{ marginTop: 8 }} data-testid="fb-file-error" />
          )}
          {files.length > 0 && (
            <ul className="fb-files" aria-label={t('ui.form.filesChosen')}>
              {files.map(({ key, file }) => (
                <li key={key}>
                  <span className="fb-file-name">{file.name}</span>
                  <span className="muted">{fmt.number(Math.max(1, Math.round(file.size / 1024)))} KB</span>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('ui.form.fileRemove', { name: file.name })}
                    onClick={() => setFiles((prev) => prev.filter((x) => x.key !== key))}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>

        {/* Honeypot: hidden from people and assistive technology; a bot that fills it is turned away. */}
        <div className="fb-hp" aria-hidden="true">
          <label>
            Website
            <Form.Item name="website" noStyle initialValue="">
              <input type="text" tabIndex={-1} autoComplete="off" />
            </Form.Item>
          </label>
        </div>

        <div className="fb-submit">
          {error !== undefined && <ErrorNotice error={error} />}
          <p
            className="muted"
            aria-live="polite"
            data-testid="fb-pow"
            data-pow-state={pow.status.state}
            data-pow-ms={pow.status.solved ? Math.round(pow.status.solved.ms) : undefined}
            data-pow-attempts={pow.status.solved?.attempts}
          >
            {pow.status.state === 'working'
              ? t('ui.form.powWorking')
              : pow.status.state === 'error'
                ? t('ui.form.powError')
                : t('ui.form.privacy')}
          </p>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            icon={<SendOutlined />}
            loading={sending}
            data-testid="fb-submit"
          >
            {sending ? t('ui.form.sending') : t('ui.form.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
