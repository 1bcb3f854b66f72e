/**
 * Who is signed in (GET /api/auth/me, cached by react-query under ['me']), signing in and out,
 * and the language switch that also stores the choice on the account.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isLang, type Lang } from '../../core/i18n/lang';
import { api, forgetCsrfToken } from './api/client';
import type { Me, RoleName } from './api/types';

export const ME_KEY = ['me'] as const;

let sessionExpired = false;
/** Called when the API answers 401 to a signed-in user. */
export function markSessionExpired(): void {
  sessionExpired = true;
}
/** True from a 401 until the next sign-in (the sign-in page then says why it is shown). */
export function isSessionExpired(): boolean {
  return sessionExpired;
}

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => (await api<{ user: Me | null }>('GET', '/api/auth/me')).user,
    staleTime: 60_000,
  });
}

export function hasRole(me: Me | null | undefined, ...roles: RoleName[]): boolean {
  return !!me?.roles.some((r) => roles.includes(r.role));
}

export function useLogin() {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: async (credentials: { username: string; password: string }) =>
      (await api<{ user: Me }>('POST', '/api/auth/login', credentials)).user,
    onSuccess: async (user) => {
      sessionExpired = false;
      forgetCsrfToken();
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, user);
      // The account's language wins over the browser's last choice once signed in.
      if (isLang(user.locale) && user.locale !== i18n.resolvedLanguage) await i18n.changeLanguage(user.locale);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>('POST', '/api/auth/logout', {}),
    onSettled: () => {
      sessionExpired = false;
      forgetCsrfToken();
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}

/** The current language and a setter that also saves it on the account when signed in. */
export function useLanguage(): { lang: Lang; setLang: (lang: Lang) => Promise<void> } {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const lang: Lang = isLang(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'vi';
  return {
    lang,
    setLang: async (next) => {
      await i18n.changeLanguage(next);
      if (me && me.locale !== next) {
        try {
          const res = await api<{ user?: Me }>('PATCH', '/api/auth/me', { locale: next });
          queryClient.setQueryData(ME_KEY, res?.user ?? { ...me, locale: next });
        } catch {
          // The page still switched; the account keeps its old preference until next time.
        }
      }
    },
  };
}
