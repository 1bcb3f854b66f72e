/**
 * The items a commune must disclose (nội dung công khai) and the defaults the law gives them. These are
 * the SEED of the configurable `disclosure_type` table: a province may change durations, add its own types
 * or switch a type off; the code below only supplies sensible starting values with their legal basis.
 */

/** Where a notice is posted or announced (địa điểm, hình thức công khai). */
export const DISCLOSURE_PLACES = [
  'commune_office', // trụ sở UBND xã
  'village_hall', // nhà văn hoá thôn, tổ dân phố
  'loudspeaker', // hệ thống loa truyền thanh
  'website', // cổng/trang thông tin điện tử
  'meeting', // hội nghị, họp thôn
  'other', // khác
] as const;
export type DisclosurePlace = (typeof DISCLOSURE_PLACES)[number];

/**
 * How long a notice must stay up: at least `days` days (niêm yết ít nhất N ngày), or throughout the period
 * it concerns (suốt thời kỳ quy hoạch / kế hoạch), which ends on the record's `periodEnd`.
 */
export type PostingRule = { kind: 'days'; days: number } | { kind: 'throughout' };

/** A PAPI link: the stable sub-dimension concept (across framework eras) and, optionally, indicator codes. */
export interface PapiLink {
  /** e.g. 'd2.poverty-lists' (conceptId in data/papi/frameworks). */
  conceptId: string;
  /** Sub-dimension code in the 2021–2024 framework, for display ('2.2'). */
  subdimension: string;
  /** Indicator codes in that framework ('2.2.1'). */
  indicators: string[];
}

export interface DisclosureTypeDef {
  /** Stable code, also the id ('poor_households'). Lower-case letters, digits and underscores. */
  code: string;
  nameVi: string;
  nameEn: string;
  /** Căn cứ pháp lý, as officials cite it. */
  legalBasisVi: string;
  legalBasisEn: string;
  rule: PostingRule;
  /**
   * The list names people (hộ nghèo: name, address, circumstances): never published on the portal unless
   * the officer states the public copy has the personal data removed.
   */
  personalData: boolean;
  papi: PapiLink[];
  /** Counted on the compliance board (a commune must disclose it every year). */
  required: boolean;
}

/** Posting days of the Law on Grassroots Democracy, used where no more specific rule applies. */
export const GRASSROOTS_MIN_DAYS = 30;

/**
 * Seed types. Durations are defaults, each configurable per installation (PATCH /api/disclosures/types/:id):
 * - budget estimate, settlement and collections: at least 90 days (Thông tư 343/2016/TT-BTC, art. on commune
 *   budget disclosure by posting);
 * - land-use plan and land price table: throughout the plan period (Luật Đất đai 2024);
 * - poor and near-poor household lists, investment projects, other items: 30 days, the general minimum of the
 *   Law on Grassroots Democracy (Luật Thực hiện dân chủ ở cơ sở 2022, art. 11) — check the rule in force
 *   (e.g. Quyết định 24/2021/QĐ-TTg for the household review) and adjust.
 */
export const DEFAULT_DISCLOSURE_TYPES: readonly DisclosureTypeDef[] = [
  {
    code: 'poor_households',
    nameVi: 'Danh sách hộ nghèo, hộ cận nghèo',
    nameEn: 'Poor and near-poor household lists',
    legalBasisVi:
      'Quyết định 24/2021/QĐ-TTg (rà soát hộ nghèo, hộ cận nghèo); Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11',
    legalBasisEn: 'Decision 24/2021/QD-TTg (poor household review); Law on Grassroots Democracy 2022, art. 11',
    rule: { kind: 'days', days: GRASSROOTS_MIN_DAYS },
    personalData: true,
    papi: [{ conceptId: 'd2.poverty-lists', subdimension: '2.2', indicators: ['2.2.1', '2.2.2'] }],
    required: true,
  },
  {
    code: 'budget_estimate',
    nameVi: 'Dự toán ngân sách xã',
    nameEn: 'Commune budget estimate',
    legalBasisVi: 'Luật Ngân sách nhà nước 2015, Điều 15; Thông tư 343/2016/TT-BTC (niêm yết ít nhất 90 ngày)',
    legalBasisEn: 'State Budget Law 2015, art. 15; Circular 343/2016/TT-BTC (posted at least 90 days)',
    rule: { kind: 'days', days: 90 },
    personalData: false,
    papi: [{ conceptId: 'd2.communal-budget', subdimension: '2.3', indicators: ['2.3.1'] }],
    required: true,
  },
  {
    code: 'budget_settlement',
    nameVi: 'Quyết toán ngân sách xã',
    nameEn: 'Commune budget settlement',
    legalBasisVi: 'Luật Ngân sách nhà nước 2015, Điều 15; Thông tư 343/2016/TT-BTC (niêm yết ít nhất 90 ngày)',
    legalBasisEn: 'State Budget Law 2015, art. 15; Circular 343/2016/TT-BTC (posted at least 90 days)',
    rule: { kind: 'days', days: 90 },
    personalData: false,
    papi: [{ conceptId: 'd2.communal-budget', subdimension: '2.3', indicators: ['2.3.1'] }],
    required: true,
  },
  {
    code: 'citizen_collections',
    nameVi: 'Các khoản thu, đóng góp của nhân dân',
    nameEn: 'Collections and contributions from citizens',
    legalBasisVi: 'Thông tư 343/2016/TT-BTC; Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11',
    legalBasisEn: 'Circular 343/2016/TT-BTC; Law on Grassroots Democracy 2022, art. 11',
    rule: { kind: 'days', days: 90 },
    personalData: false,
    papi: [{ conceptId: 'd2.communal-budget', subdimension: '2.3', indicators: ['2.3.1'] }],
    required: true,
  },
  {
    code: 'land_use_plan',
    nameVi: 'Quy hoạch, kế hoạch sử dụng đất',
    nameEn: 'Land-use master plan and annual plan',
    legalBasisVi: 'Luật Đất đai 2024, Điều 75 (công khai trong suốt thời kỳ quy hoạch, kế hoạch)',
    legalBasisEn: 'Land Law 2024, art. 75 (public throughout the plan period)',
    rule: { kind: 'throughout' },
    personalData: false,
    papi: [{ conceptId: 'd2.land-use-plans', subdimension: '2.4', indicators: ['2.4.1', '2.4.2'] }],
    required: true,
  },
  {
    code: 'land_price_table',
    nameVi: 'Bảng giá đất, khung giá bồi thường',
    nameEn: 'Land price table and compensation frame',
    legalBasisVi: 'Luật Đất đai 2024, Điều 159 (công khai trong thời gian áp dụng)',
    legalBasisEn: 'Land Law 2024, art. 159 (public while it applies)',
    rule: { kind: 'throughout' },
    personalData: false,
    papi: [{ conceptId: 'd2.land-use-plans', subdimension: '2.4', indicators: ['2.4.1'] }],
    required: true,
  },
  {
    code: 'investment_projects',
    nameVi: 'Dự án, công trình đầu tư trên địa bàn',
    nameEn: 'Investment projects in the commune',
    legalBasisVi: 'Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11; Luật Đầu tư công 2024',
    legalBasisEn: 'Law on Grassroots Democracy 2022, art. 11; Public Investment Law 2024',
    rule: { kind: 'days', days: GRASSROOTS_MIN_DAYS },
    personalData: false,
    papi: [{ conceptId: 'd2.access-to-information', subdimension: '2.1', indicators: ['2.1.1'] }],
    required: false,
  },
];

export const DISCLOSURE_TYPE_CODE = /^[a-z][a-z0-9_]{1,39}$/;
