import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CommentOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FormOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me, RoleName } from '../api/types';
import { hasRole } from '../auth';

/** The workspace sections, in the order officials meet them; later modules fill the placeholders. */
export const SECTIONS = [
  { key: 'overview', path: '', icon: <DashboardOutlined />, built: true },
  { key: 'scores', path: 'scores', icon: <BarChartOutlined />, built: false },
  { key: 'plans', path: 'plans', icon: <ScheduleOutlined />, built: true },
  { key: 'reports', path: 'reports', icon: <FileDoneOutlined />, built: true },
  { key: 'inspections', path: 'inspections', icon: <SafetyCertificateOutlined />, built: true },
  { key: 'feedback', path: 'feedback', icon: <CommentOutlined />, built: true },
  { key: 'disclosures', path: 'disclosures', icon: <NotificationOutlined />, built: true },
  { key: 'surveys', path: 'surveys', icon: <FormOutlined />, built: true },
  { key: 'units', path: 'units', icon: <ApartmentOutlined />, built: true },
  { key: 'users', path: 'users', icon: <TeamOutlined />, built: true, roles: ['system_admin', 'province_officer'] },
  { key: 'audit', path: 'audit', icon: <AuditOutlined />, built: true, roles: ['system_admin'] },
] as const satisfies readonly {
  key: string;
  path: string;
  icon: ReactNode;
  built: boolean;
  /** Only these roles see the section (the API answers 403 to anyone else). */
  roles?: readonly RoleName[];
}[];

export type SectionKey = (typeof SECTIONS)[number]['key'];

/**
 * Users: system administrators and province officers (who manage accounts in their province);
 * audit log: system administrators. Everyone signed in sees the rest.
 */
export function canSee(me: Me, section: (typeof SECTIONS)[number]): boolean {
  return !('roles' in section) || hasRole(me, ...section.roles);
}
