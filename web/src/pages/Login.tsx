import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { describeError } from '../api/errors';
import { useLogin, useMe } from '../auth';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-app paths are followed after sign-in (no open redirect through ?next=). */
function safeNext(next: string | null): string {
  return next?.startsWith('/workspace') ? next : '/workspace';
}

/** Sign-in for officials. Errors are shown in the current language, next to the form. */
export default function Login() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { data: me } = useMe();
  const login = useLogin();
  const [form] = Form.useForm<Credentials>();

  useEffect(() => {
    document.title = `${t('loginTitle')} · OpenPAPI`;
    return () => {
      document.title = 'OpenPAPI';
    };
  }, [t]);

  if (me && !login.isPending) return <Navigate to={next} replace />;

  return (
    <div className="page" style={{ maxWidth: 480 }}>
      <Card>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
          {t('loginTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('loginLead')}</Typography.Paragraph>
        {params.get('expired') === '1' && !login.isError && (
          <Alert type="warning" showIcon title={t('sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {login.isError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="login-error"
            title={t('loginFailed')}
            description={describeError(login.error)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<Credentials>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={login.isPending}
          onFinish={(values) =>
            login.mutate(
              { username: values.username.trim(), password: values.password },
              { onSuccess: () => navigate(next, { replace: true }) },
            )
          }
        >
          <Form.Item
            label={t('username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}
          >
            <Input
              size="large"
              prefix={<UserOutlined aria-hidden />}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
            />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password size="large" prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
