// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to questions as ${name}
/**
 * Built-in questionnaires (mẫu phiếu có sẵn):
 *  - `papi-pulse`: a short PAPI-style pulse survey covering all 8 dimensions. Every item of the shipped
 *    2021–2024 framework (data/papi/frameworks/papi-2021-2024.json) has one question, named by the
 *    indicator's variable (q1_1_1 …) and mapped to its code with answer codes matching the framework's
 *    scale (binary yes = 1; Likert 1…k). Dimension 3 has no indicator in the shipped framework, so its three
 *    sub-dimensions get local pulse items (3.1.p1, 3.2.p1, 3.3.p1) with their scale stated in the mapping.
 *    The shipped indicator list is itself `status: inferred` (METHOD.md §1.3): wording is illustrative.
 *  - `sipas-services`: satisfaction with administrative services (SIPAS-style: access, procedures, civil
 *    servants, results, handling of feedback), with the waiting-time and attitude items mapped to PAPI 5.3.
 */
import type { Choice, FormNode, LocalizedText, Question, SurveyForm } from './form.js';

const t = (vi: string, en: string): LocalizedText => ({ vi, en });
const choice = (name: string, vi: string, en: string): Choice => ({ name, label: t(vi, en) });

const YES_NO: Choice[] = [choice('1', 'Có', 'Yes'), choice('0', 'Không', 'No')];
const AGREE: Choice[] = [choice('1', 'Đồng ý', 'Agree'), choice('0', 'Không đồng ý', 'Disagree')];
const QUALITY5: Choice[] = [
  choice('1', 'Rất kém', 'Very poor'),
  choice('2', 'Kém', 'Poor'),
  choice('3', 'Bình thường', 'Average'),
  choice('4', 'Tốt', 'Good'),
  choice('5', 'Rất tốt', 'Very good'),
];
const SATISFACTION5: Choice[] = [
  choice('1', 'Rất không hài lòng', 'Very dissatisfied'),
  choice('2', 'Không hài lòng', 'Dissatisfied'),
  choice('3', 'Bình thường', 'Neutral'),
  choice('4', 'Hài lòng', 'Satisfied'),
  choice('5', 'Rất hài lòng', 'Very satisfied'),
];
const LEVEL4: Choice[] = [
  choice('1', 'Hoàn toàn không', 'Not at all'),
  choice('2', 'Ít', 'Slightly'),
  choice('3', 'Khá', 'Fairly'),
  choice('4', 'Rất', 'Very'),
];
const QUALITY3: Choice[] = [
  choice('1', 'Kém', 'Poor'),
  choice('2', 'Bình thường', 'Average'),
  choice('3', 'Tốt', 'Good'),
];
const GENDER: Choice[] = [choice('nam', 'Nam', 'Male'), choice('nu', 'Nữ', 'Female'), choice('khac', 'Khác', 'Other')];
const AGE_GROUP: Choice[] = [
  choice('18_29', '18–29', '18–29'),
  choice('30_39', '30–39', '30–39'),
  choice('40_49', '40–49', '40–49'),
  choice('50_59', '50–59', '50–59'),
  choice('60_70', '60–70', '60–70'),
];

interface ItemOptions {
  relevant?: string;
  required?: boolean;
  hint?: LocalizedText;
}

/** A question measuring a framework indicator (code 'a.b.c' ↔ variable 'qa_b_c'). */
function item(code: string, list: string, label: LocalizedText, o: ItemOptions = {}): Question {
  const q: Question = {
    kind: 'question',
    name: `q${code.replace(/\./g, '_')}`,
    type: 'select_one',
    choices: list,
    label,
    required: o.required ?? true,
    papi: { indicator: code },
  };
  if (o.relevant) q.relevant = o.relevant;
  if (o.hint) q.hint = o.hint;
  return q;
}

function select(name: string, list: string, label: LocalizedText, o: ItemOptions = {}): Question {
  return {
    kind: 'question',
    name,
    type: 'select_one',
    choices: list,
    label,
    required: o.required ?? true,
    ...(o.relevant ? { relevant: o.relevant } : {}),
  };
}

/**
 * One administrative procedure of sub-dimension 5.x (thủ tục hành chính): a filter question "did you use it
 * in the last 12 months?", then, only for those who did, the waiting-time (x.1) and attitude (x.2) items.
 */
function procedureItems(subdimension: string, usedName: string, usedLabel: LocalizedText): Question[] {
  const relevant = `\${${usedName}} = '1'`;
  return [
    select(usedName, 'yn', usedLabel),
    item(
      `${subdimension}.1`,
      'yn',
      t('Thời gian chờ đợi có chấp nhận được không?', 'Was the waiting time acceptable?'),
      {
        relevant,
      },
    ),
    item(
      `${subdimension}.2`,
      'quality5',
      t(
        'Thái độ của cán bộ, công chức giải quyết hồ sơ?',
        'How was the attitude of the civil servants who handled your case?',
      ),
      { relevant },
    ),
  ];
}

const group = (name: string, label: LocalizedText, children: FormNode[], relevant?: string): FormNode => ({
  kind: 'group',
  name,
  label,
  children,
  ...(relevant ? { relevant } : {}),
});

const ABOUT_YOU: FormNode = group('g_about', t('Thông tin chung', 'About you'), [
  {
    kind: 'note',
    name: 'n_privacy',
    label: t(
      'Phiếu không ghi họ tên, địa chỉ hay số điện thoại. Câu trả lời chỉ dùng để tổng hợp thống kê.',
      'This form asks for no name, address or phone number. Answers are only used for statistics.',
    ),
  },
  select('gioi_tinh', 'gender', t('Giới tính', 'Gender')),
  select('nhom_tuoi', 'age_group', t('Nhóm tuổi', 'Age group')),
]);

export const PAPI_PULSE: SurveyForm = {
  formId: 'papi_pulse',
  version: '2024.1',
  title: t('Khảo sát nhanh PAPI tại địa phương', 'Local PAPI pulse survey'),
  defaultLanguage: 'vi',
  choiceLists: {
    yn: YES_NO,
    agree: AGREE,
    quality5: QUALITY5,
    level4: LEVEL4,
    quality3: QUALITY3,
    gender: GENDER,
    age_group: AGE_GROUP,
  },
  children: [
    ABOUT_YOU,
    group('d1', t('1. Tham gia của người dân ở cấp cơ sở', '1. Participation at local levels'), [
      item(
        '1.1.1',
        'yn',
        t(
          'Ông/bà có biết khẩu hiệu "Dân biết, dân bàn, dân làm, dân kiểm tra" không?',
          'Do you know the slogan "people know, discuss, do and check"?',
        ),
      ),
      item(
        '1.1.2',
        'yn',
        t('Ông/bà có biết Luật Thực hiện dân chủ ở cơ sở không?', 'Do you know the Law on Grassroots Democracy?'),
      ),
      item(
        '1.1.3',
        'yn',
        t(
          'Ông/bà có biết nhiệm kỳ của trưởng thôn/tổ trưởng dân phố không?',
          'Do you know the term of office of the village head?',
        ),
      ),
      item(
        '1.2.1',
        'yn',
        t(
          'Ông/bà có đi bầu đại biểu Quốc hội lần gần nhất không?',
          'Did you vote in the last National Assembly election?',
        ),
      ),
      item(
        '1.2.2',
        'yn',
        t(
          'Ông/bà có đi bầu đại biểu Hội đồng nhân dân lần gần nhất không?',
          "Did you vote in the last People's Council election?",
        ),
      ),
      item(
        '1.2.3',
        'yn',
        t(
          'Ông/bà có đi bầu trưởng thôn/tổ trưởng dân phố lần gần nhất không?',
          'Did you vote in the last village-head election?',
        ),
      ),
      item(
        '1.3.1',
        'yn',
        t(
          'Cuộc bầu trưởng thôn gần nhất có nhiều hơn một ứng cử viên không?',
          'Did the last village-head election have more than one candidate?',
        ),
        { relevant: "${q1_2_3} = '1'" },
      ),
      item('1.3.2', 'yn', t('Ông/bà có được mời đi bầu không?', 'Were you invited to vote?'), {
        relevant: "${q1_2_3} = '1'",
      }),
      item('1.3.3', 'yn', t('Ông/bà có bỏ phiếu kín không?', 'Did you cast your ballot in private?'), {
        relevant: "${q1_2_3} = '1'",
      }),
      item(
        '1.4.1',
        'yn',
        t(
          'Trong 12 tháng qua, ông/bà có đóng góp tự nguyện cho công trình công cộng ở địa phương không?',
          'In the last 12 months, did you contribute voluntarily to a local public project?',
        ),
      ),
      item(
        '1.4.2',
        'yn',
        t(
          'Công trình đó có Ban Giám sát đầu tư cộng đồng hoặc Ban Thanh tra nhân dân giám sát không?',
          "Was the project supervised by the Community Investment Supervision Board or the People's Inspection Board?",
        ),
        { relevant: "${q1_4_1} = '1'" },
      ),
      item(
        '1.4.3',
        'yn',
        t(
          'Ông/bà có được tham gia ý kiến vào thiết kế công trình không?',
          "Did you have a say in the project's design?",
        ),
        { relevant: "${q1_4_1} = '1'" },
      ),
    ]),
    group('d2', t('2. Công khai, minh bạch', '2. Transparency'), [
      select(
        'asked_info',
        'yn',
        t(
          'Trong 12 tháng qua, ông/bà có đề nghị chính quyền cung cấp thông tin không?',
          'In the last 12 months, did you ask the local authorities for information?',
        ),
      ),
      item(
        '2.1.1',
        'yn',
        t('Ông/bà có nhận được thông tin đã đề nghị không?', 'Did you receive the information you asked for?'),
        { relevant: "${asked_info} = '1'" },
      ),
      item(
        '2.2.1',
        'yn',
        t(
          'Ông/bà có thấy danh sách hộ nghèo được công bố công khai không?',
          'Did you see the list of poor households posted publicly?',
        ),
      ),
      item(
        '2.2.2',
        'level4',
        t('Danh sách hộ nghèo chính xác đến mức nào?', 'How accurate is the list of poor households?'),
        { relevant: "${q2_2_1} = '1'" },
      ),
      item(
        '2.3.1',
        'yn',
        t(
          'Ông/bà có thấy thu, chi ngân sách xã/phường được công khai không?',
          "Did you see the commune's budget and spending posted publicly?",
        ),
      ),
      item(
        '2.4.1',
        'yn',
        t('Ông/bà có biết kế hoạch sử dụng đất của địa phương không?', 'Do you know the local land-use plan?'),
      ),
      item(
        '2.4.2',
        'yn',
        t('Ông/bà có được lấy ý kiến về kế hoạch sử dụng đất không?', 'Were you consulted on the land-use plan?'),
        { relevant: "${q2_4_1} = '1'" },
      ),
    ]),
    group('d3', t('3. Trách nhiệm giải trình với người dân', '3. Vertical accountability'), [
      select(
        'contacted',
        'yn',
        t(
          'Trong 12 tháng qua, ông/bà có liên hệ trưởng thôn hoặc cán bộ xã để giải quyết việc của mình không?',
          'In the last 12 months, did you contact the village head or commune officials about a problem?',
        ),
      ),
      {
        kind: 'question',
        name: 'q3_1_p1',
        type: 'select_one',
        choices: 'yn',
        label: t('Việc đó có được giải quyết không?', 'Was the problem resolved?'),
        required: true,
        relevant: "${contacted} = '1'",
        papi: { indicator: '3.1.p1', scale: { type: 'binary', yes: [1] }, direction: 'higher-better' },
      },
      {
        kind: 'question',
        name: 'q3_2_p1',
        type: 'select_one',
        choices: 'yn',
        label: t(
          'Nếu đã gửi kiến nghị, khiếu nại, ông/bà có nhận được trả lời của chính quyền không?',
          'If you filed a proposal or complaint, did the authorities answer it?',
        ),
        required: false,
        papi: { indicator: '3.2.p1', scale: { type: 'binary', yes: [1] }, direction: 'higher-better' },
      },
      {
        kind: 'question',
        name: 'q3_3_p1',
        type: 'select_one',
        choices: 'level4',
        label: t(
          'Ông/bà tin tưởng tòa án địa phương giải quyết tranh chấp công bằng đến mức nào?',
          'How much do you trust the local court to settle disputes fairly?',
        ),
        required: true,
        papi: { indicator: '3.3.p1', scale: { type: 'likert', points: 4 }, direction: 'higher-better' },
      },
    ]),
    group('d4', t('4. Kiểm soát tham nhũng', '4. Control of corruption'), [
      item(
        '4.1.1',
        'agree',
        t(
          'Cán bộ chính quyền dùng tiền công quỹ vào mục đích riêng.',
          'Local officials use public money for private purposes.',
        ),
      ),
      item(
        '4.1.2',
        'agree',
        t(
          'Phải chi thêm tiền để được cấp giấy chứng nhận quyền sử dụng đất.',
          'People must pay extra to get a land-use rights certificate.',
        ),
      ),
      item(
        '4.2.1',
        'agree',
        t(
          'Phải chi thêm tiền để được quan tâm hơn khi khám chữa bệnh ở bệnh viện công.',
          'People must pay extra for better care at a public hospital.',
        ),
      ),
      item(
        '4.2.2',
        'agree',
        t(
          'Phải chi thêm tiền để giáo viên quan tâm hơn đến con em ở trường tiểu học công lập.',
          'Parents must pay extra for teachers to pay more attention to their children at public primary school.',
        ),
      ),
      item(
        '4.3.1',
        'agree',
        t(
          'Phải chi thêm tiền để được vào làm việc trong cơ quan nhà nước.',
          'People must pay extra to get a job in the state sector.',
        ),
      ),
      select(
        'reported_bribe',
        'yn',
        t('Ông/bà có từng tố giác việc bị đòi hối lộ không?', 'Have you ever reported a bribe request?'),
        { required: false },
      ),
      item(
        '4.4.1',
        'yn',
        t('Việc tố giác đó có được chính quyền xử lý không?', 'Did the authorities act on your report?'),
        { relevant: "${reported_bribe} = '1'" },
      ),
    ]),
    group('d5', t('5. Thủ tục hành chính công', '5. Public administrative procedures'), [
      ...procedureItems(
        '5.1',
        'used_cert',
        t(
          'Trong 12 tháng qua, ông/bà có làm thủ tục chứng thực, xác nhận không?',
          'In the last 12 months, did you get a document certified?',
        ),
      ),
      ...procedureItems(
        '5.2',
        'used_land',
        t(
          'Trong 12 tháng qua, ông/bà có làm thủ tục cấp giấy chứng nhận quyền sử dụng đất không?',
          'In the last 12 months, did you apply for a land-use rights certificate?',
        ),
      ),
      ...procedureItems(
        '5.3',
        'used_commune',
        t(
          'Trong 12 tháng qua, ông/bà có làm thủ tục hành chính ở UBND xã/phường không?',
          'In the last 12 months, did you use an administrative procedure at the commune office?',
        ),
      ),
    ]),
    group('d6', t('6. Cung ứng dịch vụ công', '6. Public service delivery'), [
      item(
        '6.1.1',
        'quality5',
        t('Chất lượng bệnh viện công tuyến huyện gần nhất?', 'Quality of the nearest public district hospital?'),
        { required: false },
      ),
      item(
        '6.2.1',
        'quality5',
        t('Chất lượng trường tiểu học công lập gần nhất?', 'Quality of the nearest public primary school?'),
        { required: false },
      ),
      item('6.3.1', 'yn', t('Gia đình ông/bà có dùng nước sạch không?', 'Does your household have clean water?')),
      item('6.3.2', 'yn', t('Gia đình ông/bà có điện lưới không?', 'Does your household have grid electricity?')),
      item(
        '6.4.1',
        'level4',
        t('Ông/bà cảm thấy an toàn ở khu dân cư đến mức nào?', 'How safe do you feel in your neighbourhood?'),
      ),
    ]),
    group('d7', t('7. Quản trị môi trường', '7. Environmental governance'), [
      item(
        '7.1.1',
        'level4',
        t(
          'Chính quyền địa phương nghiêm túc trong bảo vệ môi trường đến mức nào?',
          'How serious is the local government about protecting the environment?',
        ),
      ),
      item(
        '7.1.2',
        'agree',
        t(
          'Doanh nghiệp đưa hối lộ cho chính quyền để bỏ qua quy định về môi trường.',
          'Firms bribe the local government to bypass environmental rules.',
        ),
      ),
      item('7.2.1', 'quality3', t('Chất lượng không khí nơi ông/bà sống?', 'Quality of the air where you live?')),
      item('7.3.1', 'quality3', t('Chất lượng nguồn nước nơi ông/bà sống?', 'Quality of the water where you live?')),
    ]),
    group('d8', t('8. Quản trị điện tử', '8. E-governance'), [
      item(
        '8.1.1',
        'yn',
        t(
          'Trong 12 tháng qua, ông/bà có sử dụng cổng dịch vụ công hoặc cổng thông tin điện tử của chính quyền không?',
          'In the last 12 months, did you use the government e-service or information portal?',
        ),
      ),
      item(
        '8.2.1',
        'yn',
        t('Gia đình ông/bà có truy cập Internet tại nhà không?', 'Does your household have internet access at home?'),
      ),
      item(
        '8.3.1',
        'yn',
        t(
          'Ông/bà có nhận được phản hồi của chính quyền qua cổng điện tử không?',
          'Did you receive a response from the authorities through the portal?',
        ),
        { relevant: "${q8_1_1} = '1'" },
      ),
    ]),
    {
      kind: 'question',
      name: 'y_kien',
      type: 'text',
      label: t(
        'Ông/bà có góp ý gì để chính quyền phục vụ tốt hơn?',
        'Any suggestion for the authorities to serve you better?',
      ),
      hint: t('Xin đừng ghi họ tên hay số điện thoại.', 'Please do not write names or phone numbers.'),
      required: false,
      constraint: 'string-length(.) <= 1000',
    },
  ],
};

const SERVICE: Choice[] = [
  choice('chung_thuc', 'Chứng thực', 'Certification'),
  choice('ho_tich', 'Hộ tịch (khai sinh, kết hôn…)', 'Civil status (birth, marriage…)'),
  choice('dat_dai', 'Đất đai', 'Land'),
  choice('xay_dung', 'Xây dựng', 'Construction'),
  choice('khac', 'Khác', 'Other'),
];
const CHANNEL: Choice[] = [
  choice('truc_tiep', 'Trực tiếp tại Bộ phận một cửa', 'In person at the one-stop desk'),
  choice('buu_chinh', 'Qua bưu chính', 'By post'),
  choice('truc_tuyen', 'Trực tuyến (Cổng dịch vụ công)', 'Online (public service portal)'),
];

const sat = (name: string, vi: string, en: string, papi?: string): Question => ({
  kind: 'question',
  name,
  type: 'select_one',
  choices: 'satisfaction5',
  label: t(vi, en),
  required: true,
  ...(papi ? { papi: { indicator: papi } } : {}),
});

export const SIPAS_SERVICES: SurveyForm = {
  formId: 'sipas_services',
  version: '2024.1',
  title: t('Khảo sát sự hài lòng về dịch vụ hành chính công', 'Satisfaction with administrative services'),
  defaultLanguage: 'vi',
  choiceLists: {
    yn: YES_NO,
    satisfaction5: SATISFACTION5,
    quality5: QUALITY5,
    service: SERVICE,
    channel: CHANNEL,
    gender: GENDER,
    age_group: AGE_GROUP,
  },
  children: [
    ABOUT_YOU,
    group('g_service', t('Thủ tục đã thực hiện', 'The procedure you used'), [
      select('dich_vu', 'service', t('Ông/bà đã làm thủ tục gì?', 'Which procedure did you use?')),
      {
        kind: 'question',
        name: 'kenh',
        type: 'select_multiple',
        choices: 'channel',
        label: t('Ông/bà nộp hồ sơ qua kênh nào?', 'How did you submit your application?'),
        required: true,
      },
      {
        kind: 'question',
        name: 'so_lan_di_lai',
        type: 'integer',
        label: t('Ông/bà phải đi lại bao nhiêu lần?', 'How many trips did you have to make?'),
        required: true,
        constraint: '. >= 0 and . <= 20',
        constraintMessage: t('Từ 0 đến 20 lần', 'Between 0 and 20 trips'),
      },
    ]),
    group('g_access', t('Tiếp cận dịch vụ', 'Access to the service'), [
      sat(
        'tiep_can_noi',
        'Nơi ngồi chờ, trang thiết bị tại Bộ phận một cửa',
        'Waiting area and equipment at the one-stop desk',
      ),
      sat(
        'tiep_can_thong_tin',
        'Thông tin hướng dẫn về thủ tục được niêm yết đầy đủ, dễ hiểu',
        'Guidance on the procedure is posted in full and easy to understand',
      ),
    ]),
    group('g_procedure', t('Thủ tục hành chính', 'The procedure'), [
      sat(
        'thu_tuc_ho_so',
        'Thành phần hồ sơ phải nộp đúng quy định',
        'The documents required were those the rules require',
      ),
      sat('thu_tuc_phi', 'Phí, lệ phí phải nộp đúng quy định', 'The fees charged were those the rules set'),
      {
        kind: 'question',
        name: 'dung_han',
        type: 'select_one',
        choices: 'yn',
        label: t('Hồ sơ được trả kết quả đúng hẹn?', 'Was the result delivered on time?'),
        required: true,
        papi: { indicator: '5.3.1' },
      },
    ]),
    group('g_staff', t('Công chức giải quyết', 'Civil servants'), [
      {
        kind: 'question',
        name: 'thai_do',
        type: 'select_one',
        choices: 'quality5',
        label: t(
          'Thái độ của công chức khi tiếp nhận và giải quyết hồ sơ',
          'Attitude of the civil servants who received and handled your case',
        ),
        required: true,
        papi: { indicator: '5.3.2' },
      },
      sat(
        'cong_chuc_huong_dan',
        'Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo, dễ hiểu',
        'Civil servants guided you thoroughly and clearly',
      ),
      select(
        'nhung_nhieu',
        'yn',
        t(
          'Công chức có gây phiền hà, nhũng nhiễu hoặc gợi ý nộp thêm tiền không?',
          'Did any civil servant cause trouble or hint at extra payment?',
        ),
      ),
    ]),
    group('g_result', t('Kết quả', 'Result'), [
      sat(
        'ket_qua_dung',
        'Kết quả nhận được đúng quy định, thông tin chính xác',
        'The result was as the rules provide, with correct information',
      ),
      sat(
        'hai_long_chung',
        'Nhìn chung, ông/bà hài lòng với việc giải quyết thủ tục',
        'Overall, you were satisfied with how the procedure was handled',
      ),
    ]),
    group('g_feedback', t('Tiếp nhận, xử lý góp ý', 'Handling of feedback'), [
      select(
        'da_gop_y',
        'yn',
        t(
          'Ông/bà có góp ý, phản ánh, kiến nghị về thủ tục này không?',
          'Did you give feedback or complain about this procedure?',
        ),
        { required: false },
      ),
      {
        ...sat(
          'xu_ly_gop_y',
          'Góp ý, phản ánh được tiếp nhận và trả lời kịp thời, thỏa đáng',
          'Your feedback was received and answered promptly and properly',
        ),
        relevant: "${da_gop_y} = '1'",
      },
    ]),
  ],
};

export interface TemplateInfo {
  key: 'papi-pulse' | 'sipas-services';
  form: SurveyForm;
}

export const TEMPLATES: readonly TemplateInfo[] = [
  { key: 'papi-pulse', form: PAPI_PULSE },
  { key: 'sipas-services', form: SIPAS_SERVICES },
];

export type TemplateKey = TemplateInfo['key'];

/** A fresh deep copy of a template's form (callers may edit it). */
export function templateForm(key: string): SurveyForm | undefined {
  const tpl = TEMPLATES.find((x) => x.key === key);
  return tpl ? (JSON.parse(JSON.stringify(tpl.form)) as SurveyForm) : undefined;
}
