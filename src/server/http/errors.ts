import { STATUS_NAMES, type BurdenStatus } from "../../contracts/burdens.js";
import { LEVEL_NAMES, ROLE_NAMES, type Role, type UnitLevel } from "../../contracts/roles.js";
import type { Lang } from "./i18n.js";

const roleName = (role: string | number | undefined, lang: "zh" | "en") => ROLE_NAMES[role as Role]?.[lang] ?? String(role);
const levelName = (level: string | number | undefined, lang: "zh" | "en") => LEVEL_NAMES[level as UnitLevel]?.[lang] ?? String(level);

const statusName = (status: string | number | undefined, lang: "zh" | "en") => STATUS_NAMES[status as BurdenStatus]?.[lang] ?? String(status);

type Params = Record<string, string | number>;
type Message = { status: number; zh: (p: Params) => string; en: (p: Params) => string };

const m = (status: number, zh: string | ((p: Params) => string), en: string | ((p: Params) => string)): Message => ({
  status,
  zh: typeof zh === "string" ? () => zh : zh,
  en: typeof en === "string" ? () => en : en,
});

/** Every user-facing error code, its HTTP status and its message in both languages. */
export const ERROR_CATALOG = {
  VALIDATION_FAILED: m(400, "请求内容不符合要求", "The request is not valid"),
  MALFORMED_JSON: m(400, "请求体不是合法的 JSON", "The request body is not valid JSON"),
  UNAUTHENTICATED: m(401, "请先登录", "Please log in"),
  SESSION_EXPIRED: m(401, "登录已过期，请重新登录", "Your session has expired; please log in again"),
  INVALID_CREDENTIALS: m(401, "用户名或密码错误", "Wrong username or password"),
  ACCOUNT_DISABLED: m(403, "该账号已停用，请联系管理员", "This account is disabled; contact your administrator"),
  ACCOUNT_LOCKED: m(
    423,
    (p) => `连续登录失败次数过多，账号已锁定，请 ${p.minutes} 分钟后再试`,
    (p) => `Too many failed logins; the account is locked for ${p.minutes} more minute(s)`,
  ),
  CSRF_FAILED: m(403, "请求缺少有效的防伪令牌（CSRF），请刷新页面后重试", "Missing or wrong CSRF token; reload the page and retry"),
  PASSWORD_CHANGE_REQUIRED: m(403, "请先修改初始密码", "Change the password you were given before doing anything else"),
  FORBIDDEN: m(403, "无权执行此操作", "You are not allowed to do this"),
  OUT_OF_SCOPE: m(
    403,
    (p) => `单位 ${p.code} 不在您的管辖范围内`,
    (p) => `Unit ${p.code} is outside your scope`,
  ),
  NOT_FOUND: m(404, "未找到", "Not found"),
  UNIT_NOT_FOUND: m(404, (p) => `未找到单位 ${p.code}`, (p) => `No unit with code ${p.code}`),
  USER_NOT_FOUND: m(404, "未找到该用户", "No such user"),
  USERNAME_TAKEN: m(409, (p) => `用户名 ${p.username} 已被使用`, (p) => `The username ${p.username} is taken`),
  ROLE_SCOPE_MISMATCH: m(
    400,
    (p) => `角色“${roleName(p.role, "zh")}”不能以${levelName(p.level, "zh")}单位为管辖范围`,
    (p) => `The role "${roleName(p.role, "en")}" cannot have a ${levelName(p.level, "en")}-level unit as its scope`,
  ),
  CANNOT_CHANGE_SELF: m(400, "不能停用自己或更改自己的角色", "You cannot disable yourself or change your own role"),
  NO_TARGETS: m(400, "没有符合条件的下达对象", "No unit matches the targets"),
  TOO_MANY_TARGETS: m(400, (p) => `下达对象超过 ${p.max} 个，请分批下达`, (p) => `More than ${p.max} targets; split the burden`),
  TARGET_OUT_OF_REACH: m(
    400,
    (p) => `下达对象不在${p.issuer}的管辖范围内，或不是乡镇、村级单位：${p.units}`,
    (p) => `Targets outside the reach of ${p.issuer}, or not townships or villages: ${p.units}`,
  ),
  NOT_ISSUER: m(403, (p) => `您不能以“${p.issuer}”的名义下达事项`, (p) => `You may not issue burdens in the name of ${p.issuer}`),
  BURDEN_NOT_FOUND: m(404, "未找到该负担事项", "No such burden"),
  WRONG_STATUS: m(
    409,
    (p) => `该事项当前状态为“${statusName(p.status, "zh")}”，不能${p.action === "submitted" ? "提交" : p.action === "decided" ? "审核" : p.action === "withdrawn" ? "撤回" : "修改"}`,
    (p) => `The burden is ${statusName(p.status, "en")}; it cannot be ${p.action}`,
  ),
  DEADLINE_IN_PAST: m(400, (p) => `截止日期 ${p.deadline} 已过`, (p) => `The deadline ${p.deadline} has passed`),
  PARENT_NOT_ADMITTED: m(400, "只能转发已准入的上级事项", "Only an admitted burden can be relayed down"),
  NOT_A_PARENT_TARGET: m(403, "只有上级事项的下达对象才能向下转发", "Only a target of the parent burden may relay it down"),
  ADMISSION_NUMBER_INVALID: m(
    400,
    "准入编号格式或校验位不正确（示例：230524-2026-000123-7）",
    "The admission number is malformed or its check character is wrong (example: 230524-2026-000123-7)",
  ),
  ADMISSION_NUMBER_UNKNOWN: m(
    404,
    "未查到该准入编号：该事项未经准入，您可以向减负办或纪委监委反映",
    "No burden has this admission number: it was not admitted, and you may report it",
  ),
  CALENDAR_DAY_NOT_FOUND: m(
    404,
    (p) => `${p.date} 没有减负办录入的节假日或调休上班日（节假日数据包中的法定安排不能删除）`,
    (p) => `No holiday or make-up workday was entered by an office for ${p.date} (the statutory arrangements of the holiday package cannot be deleted)`,
  ),
  DUTY_WRONG_LEVEL: m(
    400,
    (p) =>
      `${p.expected === "template" ? "履职事项清单模板由县（市、区）制定" : p.expected === "township" ? "差异只能为乡镇（街道）设置" : "只有县（市、区）和乡镇（街道）有履职事项清单"}，${p.code} 是${levelName(p.level, "zh")}单位`,
    (p) =>
      `${p.expected === "template" ? "A duty-list template belongs to a county" : p.expected === "township" ? "Differences belong to a township" : "Only counties and townships have duty lists"}; ${p.code} is a ${levelName(p.level, "en")}-level unit`,
  ),
  DUTY_LIST_NOT_FOUND: m(404, (p) => `${p.unit} 在 ${p.on} 没有生效的履职事项清单`, (p) => `${p.unit} has no duty list in force on ${p.on}`),
  DUTY_LIST_INVALID: m(400, (p) => `履职事项清单有 ${p.count} 处错误，未作任何修改`, (p) => `The duty list has ${p.count} error(s); nothing was changed`),
  EXCEL_NOT_XLSX: m(
    415,
    "请上传 .xlsx 格式的 Excel 文件（旧版 .xls 请先在 Excel 中另存为 .xlsx）",
    "Upload an .xlsx Excel file (save an old .xls as .xlsx in Excel first)",
  ),
  EXCEL_UNREADABLE: m(400, "无法读取该 Excel 文件：文件已损坏，或解压后过大", "The Excel file cannot be read: it is damaged, or too large once unpacked"),
  EXCEL_EMPTY: m(400, "Excel 文件中没有履职事项", "The Excel file holds no duty items"),
  EXCEL_NO_HEADER: m(
    400,
    "未找到表头：表格前 10 行中须有一行包含“事项名称”和“类别”两列",
    "No header row: one of the first 10 rows must have the columns 事项名称 (item) and 类别 (category)",
  ),
  EXCEL_TOO_MANY_ROWS: m(400, (p) => `Excel 文件超过 ${p.max} 行，请拆分后导入`, (p) => `The Excel file has more than ${p.max} rows; split it`),
  EXCEL_INVALID: m(400, (p) => `Excel 文件有 ${p.count} 处错误，未导入任何内容`, (p) => `The Excel file has ${p.count} error(s); nothing was imported`),
  // cases 问题线索 (issue 5)
  CASE_NOT_FOUND: m(404, "未找到该问题线索", "No such case"),
  CASE_UNIT_NOT_REPORTABLE: m(400, "不能反映该单位的问题，请选择具体的县、乡镇、村或部门", "This unit cannot be reported; choose a county, township, village or department"),
  CASE_ADMISSION_CONFLICT: m(400, "填写了准入编号就不能同时勾选“没有准入编号”", "Give an admission number or say there was none, not both"),
  RECEIPT_INVALID: m(400, "回执码应为16位数字", "A receipt code is 16 digits"),
  RECEIPT_NOT_FOUND: m(404, "回执码不正确", "Wrong receipt code"),
  PROOF_OF_WORK_FAILED: m(400, "页面验证已过期或未通过，请刷新页面后重新提交", "The page check expired or failed; reload the page and submit again"),
  CASE_WRONG_TRANSITION: m(409, (p) => `线索当前状态为“${p.from}”，不能转为“${p.to}”`, (p) => `The case is ${p.from}; it cannot become ${p.to}`),
  CASE_ASSIGNEE_INVALID: m(400, "只能交办给本级同一机关的在岗人员", "A case can only be assigned to an active colleague of the handling body"),
  CASE_NO_IDENTITY: m(409, "该线索为匿名反映，没有举报人身份信息", "This report is anonymous; there is no identity to reveal"),
  IDENTITY_UNREADABLE: m(409, "举报人身份信息校验失败（可能被篡改），已拒绝解密并记录", "The reporter's identity failed its integrity check (it may have been altered); it was not decrypted"),
  POSTER_FONT_MISSING: m(503, "服务器未安装中文字体（fonts-noto-cjk），暂不能生成二维码海报", "The server has no CJK font (fonts-noto-cjk); posters cannot be made"),
  CASE_TASK_UNIT_INVALID: m(400, "整改任务只能交给被反映单位或其下属单位", "A rectification task goes to the reported unit or a unit under it"),
  CASE_TASK_NOT_NOW: m(409, "只有属实或整改中的线索可以下达整改任务", "Rectification tasks are given only to a substantiated case or one under rectification"),
  CASE_TASKS_OPEN: m(409, (p) => `还有 ${p.count} 项整改任务未完成，不能验收`, (p) => `${p.count} rectification task(s) are still open; the rectification cannot be verified`),
  TASK_NOT_FOUND: m(404, "未找到该整改任务", "No such rectification task"),
  TASK_DUE_IN_PAST: m(400, "整改期限不能早于今天", "The due date cannot be before today"),
  EVIDENCE_TYPE: m(415, "只能上传 JPG、PNG 图片或 PDF、Word（.docx）、Excel（.xlsx）文件，且文件须完好", "Upload a JPG or PNG picture, or a PDF, Word (.docx) or Excel (.xlsx) file, undamaged"),
  EVIDENCE_TOO_MANY: m(409, (p) => `每条线索最多上传 ${p.max} 个文件`, (p) => `At most ${p.max} files per case`),
  EVIDENCE_NOT_FOUND: m(404, "未找到该文件", "No such file"),
  NOTICE_NOT_FOUND: m(404, "未找到该通报", "No such notice"),
  NOTICE_CASE_NOT_SUBSTANTIATED: m(400, "只有经核实属实的线索可以列入通报", "Only substantiated cases can be published in a notice"),
  NOTICE_PUBLISHED: m(409, "该通报已发布", "This notice is already published"),
  REPORT_POINT_USER_INVALID: m(400, "只有本辖区村、乡镇干部的账号可以设为直报点信息员", "Only an account of a village cadre or township official of your region can be a report point"),
  // 一表通 forms
  INDICATOR_NOT_FOUND: m(404, "未找到该数据指标", "No such indicator"),
  INDICATOR_CODE_TAKEN: m(409, (p) => `指标编码 ${p.code} 已在目录中`, (p) => `The indicator code ${p.code} is already in the catalog`),
  CATALOG_WRONG_LEVEL: m(400, (p) => `数据指标目录由县（市、区）减负办维护，${p.code} 不是县级单位`, (p) => `An indicator catalog belongs to a county; ${p.code} is not one`),
  CATALOG_NO_HEADER: m(400, "未找到表头：前 10 行中须有一行包含“指标编码”和“指标名称”", "No header row: one of the first 10 rows must have 指标编码 (code) and 指标名称 (name)"),
  FORM_NOT_FOUND: m(404, "未找到该报表", "No such form"),
  FORM_NOT_A_FORM_BURDEN: m(400, "报表须关联一项“报表”类负担事项", "A form is linked to a burden of kind form"),
  FORM_FILE_TOO_LARGE: m(413, (p) => `文件超过 ${p.max} MB，请删去无关工作表或图片后再上传`, (p) => `The file is larger than ${p.max} MB; remove unrelated sheets or pictures`),
  FORM_FILE_INVALID: m(400, (p) => `报表文件有 ${p.count} 处问题，未保存任何内容`, (p) => `The form file has ${p.count} problem(s); nothing was saved`),
  FORM_NO_FIELDS: m(400, "未在报表中找到表头：须有一行至少两列文字表头", "No header found: a row with at least two text headers is needed"),
  FORM_MAPPING_INVALID: m(400, (p) => `字段对应有 ${p.count} 处问题，未作任何修改`, (p) => `The mapping has ${p.count} problem(s); nothing was changed`),
  FORM_NOT_A_VILLAGE: m(400, (p) => `一表只为村（社区）填报，${p.code} 不是村级单位`, (p) => `The one form is filled by villages; ${p.code} is not one`),
  FORM_VALUES_INVALID: m(400, (p) => `填报内容有 ${p.count} 处错误，未保存任何内容`, (p) => `The answers have ${p.count} error(s); nothing was saved`),
  IDEMPOTENCY_KEY_REUSED: m(409, "该提交编号已用于另一份不同的内容，请刷新后重新提交", "This idempotency key was used for different content; reload and submit again"),
  PAYLOAD_TOO_LARGE: m(413, "请求内容过大", "The request is too large"),
  UNSUPPORTED_MEDIA_TYPE: m(415, "不支持的内容类型", "Unsupported content type"),
  RATE_LIMITED: m(429, "请求过于频繁，请稍后再试", "Too many requests; try again later"),
  // Burden index 负担指数 (modules/burden-index)
  INDEX_UNIT_NOT_FOUND: m(404, (p) => `未找到单位 ${p.code}，或不在您的辖区内`, (p) => `No unit ${p.code} in your region`),
  INDEX_PERIOD_INVALID: m(
    400,
    (p) => `统计期间无效：起始月份须不晚于截止月份，且不超过 ${p.max} 个月`,
    (p) => `Invalid period: the first month must not follow the last, and at most ${p.max} months`,
  ),
  LEDGER_NOT_PAST: m(
    400,
    (p) => `台账导入只收已结束的事项：截止日期 ${p.deadline} 尚未过去，请通过准入登记`,
    (p) => `The ledger import takes finished burdens only: the deadline ${p.deadline} has not passed; register it through the gate`,
  ),
  HELD_NOT_PAST: m(400, (p) => `${p.date} 尚未到来：未召开的会议请作为计划登记，经准入审查`, (p) => `${p.date} has not come yet: register a meeting still to be held as planned, through the gate`),
  // meetings 会议台账, inspection plans 督检考计划, ranking notices 排名通报 (issue 6)
  MEETING_NOT_FOUND: m(404, "未找到该会议", "No such meeting"),
  YEAR_OUT_OF_RANGE: m(400, (p) => `年度 ${p.year} 不在可登记的范围内（${p.min}–${p.max} 年）`, (p) => `The year ${p.year} is outside the years that can be registered (${p.min}–${p.max})`),
  TARGETS_NOT_GRASSROOTS: m(400, (p) => `对象须为本区域的乡镇或村（社区）：${p.units}`, (p) => `Targets must be townships or villages of the region: ${p.units}`),
  EXCEL_HEADER_MISSING: m(400, (p) => `未找到表头：表格前 10 行中须有一行包含这些列：${p.columns}`, (p) => `No header row: one of the first 10 rows must hold the columns ${p.columns}`),
  EXCEL_NO_ROWS: m(400, "Excel 文件中表头下没有数据行（模板填写后再导入）", "The Excel file has no rows under its header (fill in the template first)"),
  PLAN_ITEM_NOT_FOUND: m(404, "未找到该计划项目", "No such plan item"),
  PLAN_ITEM_DECIDED: m(409, (p) => `该计划项目已${p.status === "approved" ? "批准" : p.status === "withdrawn" ? "撤回" : "退回"}，不能再审批`, (p) => `The plan item is already ${p.status}; it cannot be decided again`),
  VISIT_INSPECTIONS_INVALID: m(400, (p) => `联合检查须合并至少两项已准入、到该乡镇的督查检查；不符合：${p.ids || "（不足两项）"}`, (p) => `A joint visit merges at least two admitted inspections of that township; not so: ${p.ids || "(fewer than two)"}`),
  VISIT_LEAD_INVALID: m(400, (p) => `牵头单位 ${p.code} 不是被合并检查的发起单位`, (p) => `The lead ${p.code} issues none of the inspections merged`),
  VISIT_ALREADY_MERGED: m(409, (p) => `以下检查已并入联合检查：${p.ids}`, (p) => `Already merged into a joint visit: ${p.ids}`),
  PLAN_ITEM_NOT_APPROVED: m(409, "只有已批准的计划项目才能撤回", (p) => `Only an approved plan item can be withdrawn; this one is ${p.status}`),
  RANKING_NOT_FOUND: m(404, "未找到该排名通报或考核", "No such ranking notice or assessment"),
  RANKING_ALREADY_CANCELLED: m(409, "该排名通报或考核已取消", "It is already cancelled"),
  // documents 文件登记
  DOCUMENT_NOT_FOUND: m(404, "未找到该文件", "No such document"),
  NOT_DOCUMENT_ISSUER: m(403, (p) => `您不能以“${p.issuer}”的名义登记文件`, (p) => `You may not register documents in the name of ${p.issuer}`),
  DOCUMENT_TEXT_EMPTY: m(400, "文件正文为空（没有可计数的文字）", "The document has no text (no characters that count)"),
  DOCUMENT_FILE_UNREADABLE: m(
    400,
    (p) => `无法读取该文件：内容不是有效的 ${p.kind} 文件，请另存为 .docx 或 .txt 后重试`,
    (p) => `The file cannot be read: its content is not a valid ${p.kind} file; save it as .docx or .txt and retry`,
  ),
  DOCUMENT_INCREASE_REASON_REQUIRED: m(
    400,
    (p) => `${p.issuer} ${p.year} 年发文将达 ${p.count} 件，超过上年的 ${p.lastYear} 件：请填写增发理由`,
    (p) => `${p.issuer} would issue document ${p.count} of ${p.year}, more than last year's ${p.lastYear}: give the reason for the increase`,
  ),
  // proofs 证明事项
  PROOF_REQUEST_NOT_FOUND: m(404, "未找到该证明事项记录", "No such proof request"),
  PROOF_NOT_A_VILLAGE: m(400, (p) => `${p.code} 不是村（社区）：证明事项只登记村（社区）被要求出具的证明`, (p) => `${p.code} is not a village: proofs are recorded for villages and communities`),
  PROOF_DATE_IN_FUTURE: m(400, (p) => `日期 ${p.on} 尚未到来`, (p) => `The date ${p.on} is in the future`),
  PROOF_LIST_NOT_FOUND: m(404, (p) => `本地区 ${p.year} 年村级可出具证明事项清单中没有编号“${p.code}”`, (p) => `The code “${p.code}” is not on your region's ${p.year} list of proofs villages may issue`),
  PROOF_LIST_SET_ABOVE: m(
    403,
    (p) => `“${p.title}”（${p.code}）由${p.region}列入清单，只有${p.region}减负办可以撤出；如认为不应保留，请向其提出`,
    (p) => `“${p.title}” (${p.code}) was put on the list by ${p.region}; only the office of ${p.region} can take it off — ask it if it should go`,
  ),
  PROOF_LIST_REGION: m(400, (p) => `${p.code} 不是地区（县、乡镇等）：村级可出具证明事项清单由地区设定`, (p) => `${p.code} is not a region (a county, a township…): the list of proofs villages may issue is set by a region`),
  PROOF_LIST_CODE_TAKEN: m(409, (p) => `编号“${p.code}”在 ${p.year} 年清单中已用于“${p.title}”`, (p) => `The code “${p.code}” is already used on the ${p.year} list for “${p.title}”`),
  PROOF_LIST_BANNED: m(
    400,
    (p) => `“${p.name}”属于不应由村（居）民委员会出具的证明事项（“${p.banned}”），不能列入村级可出具证明事项清单`,
    (p) => `“${p.name}” is a proof village committees may no longer issue (“${p.banned}”); it cannot be on the list of proofs they may issue`,
  ),
  // secondments 借调
  SECONDMENT_NOT_FOUND: m(404, "未找到该借调记录", "No such secondment"),
  SECONDMENT_FROM_NOT_GRASSROOTS: m(400, (p) => `${p.code} 不是本区域的乡镇或村（社区）：借调登记的是从基层借调的人员`, (p) => `${p.code} is not a township or village of the region: the register is of cadres borrowed from the grassroots`),
  SECONDMENT_ALREADY_RETURNED: m(409, (p) => `该人员已于 ${p.on} 返回原单位`, (p) => `Already returned on ${p.on}`),
  SECONDMENT_RETURN_DATE: m(400, (p) => `返回日期 ${p.on} 须在借调开始（${p.start}）之后且不晚于今天`, (p) => `The return date ${p.on} must fall between the start (${p.start}) and today`),
  // 指尖减负 apps, accounts and work groups (modules/fingertips)
  CHANNEL_NOT_FOUND: m(404, "未找到该应用、公众号或工作群", "No such app, account or work group"),
  CHANNEL_NAME_TAKEN: m(409, (p) => `${p.owner}已登记名为“${p.name}”的应用或工作群`, (p) => `${p.owner} already has one named “${p.name}”`),
  CHANNEL_AUDIENCE_INVALID: m(
    400,
    (p) => `面向单位须是主办单位所在地区的县、乡镇或村：${p.units}`,
    (p) => `The audience must be the county, townships or villages of the owner's region: ${p.units}`,
  ),
  CHANNEL_NOT_ACTIVE: m(409, (p) => `该应用或工作群已${p.status === "closed" ? "关停" : "整合"}`, (p) => `It is already ${p.status}`),
  CHANNEL_NOT_DECIDED: m(409, "该应用或工作群在用，没有可撤销的关停或整合决定", "It is active: there is no closing or merging to undo"),
  CHANNEL_UNDO_BLOCKED: m(409, (p) => `整合到的“${p.name}”已被关停或整合，请先撤销对它的决定`, (p) => `“${p.name}”, which it was merged into, has since been closed or merged; undo that decision first`),
  CHANNEL_MEMBER_UNKNOWN: m(400, (p) => `没有这些账号：${p.users}`, (p) => `No such accounts: ${p.users}`),
  CHANNEL_MEMBER_INVALID: m(400, (p) => `只能登记本地区的村干部、乡镇干部：${p.users} 不符合`, (p) => `Only village cadres and township officials of the region can be members; not: ${p.users}`),
  CHANNEL_MEMBER_NOT_FOUND: m(404, "该干部不是这个应用或工作群的成员", "That cadre is not a member of it"),
  CHANNEL_NAMED_NOT_FOUND: m(404, (p) => `主办单位 ${p.owner} 没有名为“${p.name}”的应用、公众号或工作群`, (p) => `The unit ${p.owner} runs no app, account or group named “${p.name}”`),
  CHANNEL_MERGE_TARGET_INVALID: m(400, "只能整合到本地区另一个在用的应用或工作群", "It can only be merged into another active app or group of the region"),
  // 评比表彰、创建示范、节庆展会论坛 and 挂牌 (modules/evaluations)
  EVALUATION_REQUEST_NOT_FOUND: m(404, "未找到该评比创建申请", "No such evaluation request"),
  EVALUATION_ALREADY_DECIDED: m(409, (p) => `该申请已${p.status === "approved" ? "批准" : p.status === "withdrawn" ? "撤回" : "驳回"}`, (p) => `The request is already ${p.status}`),
  EVALUATION_NOT_ON_LIST: m(404, (p) => `审批编号“${p.code}”不在本地区 ${p.year} 年经批准的清单中`, (p) => `The approval code “${p.code}” is not on your region's approved list for ${p.year}`),
  EVALUATION_CODE_TAKEN: m(409, (p) => `审批编号“${p.code}”已在 ${p.year} 年清单中`, (p) => `The approval code “${p.code}” is already on the ${p.year} list`),
  PLAQUE_NOT_FOUND: m(404, "未找到该牌子", "No such plaque"),
  PLAQUE_NOT_A_VILLAGE: m(400, (p) => `${p.code} 不是村（社区）：挂牌摸排以村（社区）为单位`, (p) => `${p.code} is not a village: plaques are surveyed per village`),
  PLAQUE_ALREADY_REMOVED: m(409, (p) => `该牌子已于 ${p.on} 摘除`, (p) => `The plaque was taken down on ${p.on}`),
  PLAQUE_ALLOWED_NOT_FOUND: m(404, "未找到该准挂牌子", "No such allowed plaque"),
  PLAQUE_ALLOWED_BASIS: m(
    409,
    (p) => `“${p.name}”已在 ${p.region} 的准挂清单中，${p.basis ? `依据为“${p.basis}”` : "未写依据"}；要改依据请先移出清单`,
    (p) => `“${p.name}” is already on the allowed list of ${p.region}, ${p.basis ? `on the basis “${p.basis}”` : "with no basis"}; remove it first to change the basis`,
  ),
  PLAQUE_DATE: m(400, (p) => `日期 ${p.on} 须不晚于今天${p.start ? `，且不早于摸排日期 ${p.start}` : ""}`, (p) => `The date ${p.on} must not be after today${p.start ? ` nor before the survey (${p.start})` : ""}`),
  PHOTO_TYPE: m(415, "只能上传 JPG 或 PNG 照片，且文件须完好", "Upload an undamaged JPG or PNG photo"),
  PHOTO_TOO_LARGE: m(413, (p) => `照片超过 ${p.max} MB，请压缩后再上传`, (p) => `The photo is larger than ${p.max} MB; shrink it and retry`),
  PHOTO_NOT_FOUND: m(404, "该牌子没有照片", "The plaque has no photo"),
  // facilities 公共服务设施, projects 项目, delegated powers 赋权事项 (issue 8)
  FACILITY_NOT_FOUND: m(404, "未找到该设施", "No such facility"),
  FACILITY_UNIT_LEVEL: m(400, (p) => `${p.code} 不是乡镇或村（社区）：设施登记在其所在并负责值守的乡镇或村`, (p) => `${p.code} is not a township or village: a facility is registered at the township or village that staffs it`),
  PERIOD_IN_FUTURE: m(400, (p) => `期间 ${p.period} 尚未结束或尚未到来`, (p) => `The period ${p.period} has not ended yet`),
  RULE_REGION_INVALID: m(400, (p) => `${p.code} 不是县级及以上地区：规则由县级及以上减负办设置`, (p) => `${p.code} is not a county or higher region: rules are set by the office of a county or higher`),
  PROJECT_NOT_FOUND: m(404, "未找到该项目", "No such project"),
  PROJECT_NO_INVESTMENT: m(400, "项目总投资为零：请填写财政资金、举债资金或其他资金", "The project has no investment: give its fiscal, debt or other funds"),
  PROJECT_NOT_COMPLETED: m(400, (p) => `项目尚未竣工（或 ${p.year} 年早于竣工年份），不能登记实际使用`, (p) => `The project was not completed by ${p.year}; no actual use can be recorded`),
  PROJECT_FLAG_NOT_RAISED: m(409, "该项目当前没有这项问题标记，不能据此立案", "The project does not carry this flag now; no case can be opened from it"),
  PROJECT_CASE_EXISTS: m(409, "已根据该标记转为问题线索，不能重复转办", "A case was already opened from this flag"),
  POWER_WRONG_LEVEL: m(400, (p) => (p.expected === "county" ? `赋权事项清单由县（市、区）制定，${p.code} 不是县级单位` : `赋权事项由乡镇（街道）行使，${p.code} 不是乡镇`), (p) => (p.expected === "county" ? `A power list belongs to a county; ${p.code} is not one` : `Powers are exercised by townships; ${p.code} is not one`)),
  POWER_LIST_NOT_FOUND: m(404, (p) => `${p.unit} 在 ${p.on} 没有生效的赋权事项清单`, (p) => `${p.unit} has no power list in force on ${p.on}`),
  POWER_LIST_INVALID: m(400, (p) => `赋权事项清单有 ${p.count} 处错误，未作任何修改`, (p) => `The power list has ${p.count} error(s); nothing was changed`),
  POWER_NOT_HELD: m(400, (p) => `${p.township} 在 ${p.period} 未被赋予事项 ${p.key}`, (p) => `${p.township} did not hold the power ${p.key} in ${p.period}`),
  POWER_EXERCISE_FUTURE: m(400, (p) => `行使日期 ${p.date} 晚于今天`, (p) => `The date ${p.date} is in the future`),
  POWER_EXERCISE_DUPLICATE: m(409, (p) => `案卷/文书编号 ${p.number} 已登记过该事项的行使记录，未重复登记`, (p) => `An exercise with document number ${p.number} is already recorded; nothing was added`),
  FLAG_NOT_RAISED: m(409, "该记录当前没有这项问题标记，不能据此立案", "This record does not carry the flag now; no case can be opened from it"),
  FLAG_CASE_EXISTS: m(409, "已根据该标记转为问题线索，不能重复转办", "A case was already opened from this flag"),
  // monitoring points 监测点
  MONITORING_POINT_NOT_FOUND: m(404, (p) => `${p.code} 不是您辖区内的监测点`, (p) => `${p.code} is not a monitoring point of your region`),
  MONITORING_NOT_A_VILLAGE: m(400, (p) => `${p.code} 不是本辖区的村（社区）：监测点只能是村（社区）`, (p) => `${p.code} is not a village of your region: monitoring points are villages`),
  MONITORING_POINT_EXISTS: m(409, (p) => `${p.code} 已是监测点`, (p) => `${p.code} is already a monitoring point`),
  MONITORING_WEEK_INVALID: m(
    400,
    (p) => `周次 ${p.week} 无效：须为周一，且在监测开始（${p.since}）之后、不晚于本周`,
    (p) => `Week ${p.week} is not valid: it must be a Monday, not before the start (${p.since}) and not after this week`,
  ),
  MONITORING_WEEK_ANSWERED: m(409, (p) => `${p.week} 这一周已经填报过了`, (p) => `The week of ${p.week} has already been answered`),
  MONITORING_BURDEN_NOT_LISTED: m(400, "所填事项不在本周到达本村的已准入事项中，请刷新后重填", "A burden answered is not one of this week's admitted burdens of the village; reload and answer again"),
  MONITORING_BURDEN_TWICE: m(400, "同一事项填了两次", "The same burden is answered twice"),
  MONITORING_ANSWER_NOT_FOUND: m(404, "未找到您可以更正的这份监测填报", "No monitoring answer you may correct was found"),
  MONITORING_CORRECTION_CLOSED: m(
    409,
    (p) => `${p.week} 这一周的填报只能在 ${p.until} 前由本村更正；之后请联系乡镇更正`,
    (p) => `The village could correct its answer for the week of ${p.week} until ${p.until}; ask the township to correct it now`,
  ),
  MONITORING_REASON_REQUIRED: m(400, "乡镇更正村的填报须写明理由", "A township correcting a village's answer must give a reason"),
  MONITORING_ANSWER_CHANGED: m(409, (p) => `这份填报已被更正过（现为第 ${p.revision} 版），请刷新后再改`, (p) => `This answer was corrected meanwhile (now revision ${p.revision}); reload and correct again`),
  // public satisfaction 群众满意度
  SATISFACTION_UNIT_NOT_FOUND: m(404, "未找到该单位的满意度调查", "No satisfaction survey for this unit"),
  INTERNAL: m(500, "服务器内部错误，请稍后重试", "Internal server error; please retry later"),
} satisfies Record<string, Message>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** The only error type thrown for a user-facing failure; the error handler turns it into the JSON shape. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Params = {},
    readonly details?: { path: string; message: string }[],
  ) {
    super(code);
  }
  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }
}

export function messageFor(code: ErrorCode, lang: Lang, params: Params = {}): string {
  const entry = ERROR_CATALOG[code];
  return lang === "en" ? entry.en(params) : entry.zh(params);
}
