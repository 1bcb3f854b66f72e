import type { Lang } from '../../../core/i18n/index';
import type { Me, RoleAssignment } from '../api/types';

export function roleUnitName(role: RoleAssignment, lang: Lang, wholeCountry: string): string {
  if (!role.unitId) return wholeCountry;
  return (lang === 'en' ? role.unitNameEn : role.unitNameVi) || role.unitNameVi || role.unitId;
}

/** The unit shown next to the user's name: that of the first role. */
export function primaryUnitName(me: Me, lang: Lang, wholeCountry: string): string {
  const first = me.roles[0];
  return first ? roleUnitName(first, lang, wholeCountry) : '';
}
