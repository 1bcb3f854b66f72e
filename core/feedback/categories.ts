/**
 * The built-in feedback categories, each tagged to the PAPI dimension it speaks to, so the province
 * sees volume, on-time answers and satisfaction per dimension. An administrator may add or override
 * categories (server table `feedback_category`); `mergeCategories` applies those rows.
 *
 * D3 vertical accountability, D4 control of corruption, D5 public administrative procedures (here:
 * "other" citizen–authority contact is tagged D5 only when nothing fits better), D6 public service
 * delivery, D7 environmental governance (online public services count under D5, the procedure they replace).
 */
import type { FeedbackDimension } from './types.js';

export interface Category {
  id: string;
  nameVi: string;
  nameEn: string;
  dimension: FeedbackDimension;
  sortOrder: number;
  active: boolean;
}

const c = (id: string, nameVi: string, nameEn: string, dimension: FeedbackDimension, sortOrder: number): Category => ({
  id,
  nameVi,
  nameEn,
  dimension,
  sortOrder,
  active: true,
});

// PAPI 2021–2024: D5 = public administrative procedures, D6 = public service delivery (health, education,
// water, roads, security), D7 = environmental governance, D3 = vertical accountability, D4 = corruption.
export const DEFAULT_CATEGORIES: readonly Category[] = [
  c('land', 'Đất đai, giải phóng mặt bằng', 'Land and land clearance', 'D5', 1),
  c('admin_procedure', 'Thủ tục hành chính', 'Administrative procedures', 'D5', 2),
  c('service_attitude', 'Thái độ phục vụ của cán bộ', "Officials' service attitude", 'D5', 3),
  c('environment', 'Môi trường, rác thải', 'Environment and waste', 'D7', 4),
  c('pollution', 'Ô nhiễm không khí, nguồn nước', 'Air and water pollution', 'D7', 5),
  c('health', 'Y tế', 'Health care', 'D6', 6),
  c('education', 'Giáo dục', 'Education', 'D6', 7),
  c('water', 'Nước sạch', 'Clean water', 'D6', 8),
  c('infrastructure', 'Đường sá, điện, hạ tầng', 'Roads, power and infrastructure', 'D6', 9),
  c('security_order', 'An ninh, trật tự', 'Security and public order', 'D6', 10),
  c('corruption', 'Tham nhũng, hối lộ, vòi vĩnh', 'Corruption and bribery', 'D4', 11),
  c('social_policy', 'Chính sách xã hội, hộ nghèo', 'Social policy and poor households', 'D3', 12),
  c('budget_transparency', 'Công khai thu chi, đóng góp', 'Budget and contribution transparency', 'D3', 13),
  c('accountability', 'Trách nhiệm giải trình, tiếp dân', 'Accountability and citizen reception', 'D3', 14),
  c('online_services', 'Dịch vụ công trực tuyến', 'Online public services', 'D5', 15),
  c('other', 'Khác', 'Other', 'D3', 16),
];

/** Built-in list with the administrator's rows applied (same id overrides; new ids are added). */
export function mergeCategories(overrides: readonly Category[]): Category[] {
  const byId = new Map(DEFAULT_CATEGORIES.map((x) => [x.id, x]));
  for (const o of overrides) byId.set(o.id, o);
  return [...byId.values()].sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
}
