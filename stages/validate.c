/* validate.c - the validation stage: R1 eligibility, R2 completeness and form,
 * R3 advisory checks, and the resubmission deadline of process.md.
 *
 * Every finding is recorded, not only the first, so that an applicant can fix
 * them all at once. A finding of R1 rejects (terminal); a finding of R2
 * returns (fixable within the deadline); R3 only advises the examiners.
 */
#include "stage.h"
#include "mask.h"
#include "result.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpd.h"
#include "experience.h"
#include "identity.h"
#include "outcomes.h"
#include "statement.h"
#include "xml.h"

/* The validation being written, and what it has found so far. */
struct findings {
	xmlNodePtr validation;
	int rejections;
	int returns;
};

static xmlNodePtr add_finding(struct findings *findings, const char *element,
			      const char *code, const char *format, va_list args)
{
	char text[2048];
	xmlNodePtr node;

	vsnprintf(text, sizeof(text), format, args);
	node = xml_add_child(findings->validation, element, text);
	xml_set(node, "code", code);
	return node;
}

__attribute__((format(printf, 3, 4)))
static xmlNodePtr add_reason(struct findings *findings, const char *code, const char *format, ...)
{
	va_list args;
	xmlNodePtr node;

	va_start(args, format);
	node = add_finding(findings, "reason", code, format, args);
	va_end(args);
	if (reason_is(code, REASON_CLASS_REJECTION))
		findings->rejections++;
	else
		findings->returns++;
	return node;
}

__attribute__((format(printf, 3, 4)))
static xmlNodePtr add_advisory(struct findings *findings, const char *code, const char *format, ...)
{
	va_list args;
	xmlNodePtr node;

	va_start(args, format);
	node = add_finding(findings, "advisory", code, format, args);
	va_end(args);
	return node;
}

__attribute__((format(printf, 3, 4)))
static void add_note(struct findings *findings, const char *code, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	add_finding(findings, "note", code, format, args);
	va_end(args);
}

static day_t submitted_day(xmlNodePtr application, day_t fallback)
{
	char submitted[64];
	day_t day;

	xml_attribute_copy(application, "submitted", submitted, sizeof(submitted));
	if (date_parse_datetime(submitted, &day) < 0 && date_parse(submitted, &day) < 0)
		return fallback;
	return day;
}

/* ---- R2.9 identity document ---- */

static void check_identity(struct findings *findings, xmlNodePtr applicant)
{
	xmlNodePtr document = xml_child(applicant, "idDocument");
	char type[32], number[128], birth[32], message[512];

	if (!document)
		return;
	xml_attribute_copy(document, "type", type, sizeof(type));
	child_text(applicant, "idDocument", number, sizeof(number));
	child_text(applicant, "birthDate", birth, sizeof(birth));
	if (identity_check(type, number, birth[0] ? birth : NULL, message, sizeof(message)) != 0)
		add_reason(findings, REASON_IDENTITY_INVALID, "%s", message[0] ? message :
			   "身份证件类型无法识别。");
}

/* ---- R2.3, R2.4, R2.5 evidence ---- */

static const char *strip_dot_slash(const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

static xmlNodePtr find_entry(xmlNodePtr submission, const char *path)
{
	path = strip_dot_slash(path);
	for (xmlNodePtr entry = xml_child(submission, "entry"); entry;
	     entry = xml_next(entry, "entry")) {
		char entry_path[1024];

		xml_attribute_copy(entry, "path", entry_path, sizeof(entry_path));
		if (strcmp(strip_dot_slash(entry_path), path) == 0)
			return entry;
	}
	return NULL;
}

static int evidence_has_type(xmlNodePtr evidence, const char *type)
{
	char file_type[32];

	for (xmlNodePtr file = xml_child(evidence, "file"); file; file = xml_next(file, "file"))
		if (strcmp(xml_attribute_copy(file, "type", file_type, sizeof(file_type)),
			   type) == 0)
			return 1;
	return 0;
}

static void check_evidence_file(struct findings *findings, xmlNodePtr file,
				xmlNodePtr submission)
{
	char id[64], path[1024], expected[80], actual[80];
	xmlNodePtr entry;

	xml_attribute_copy(file, "id", id, sizeof(id));
	xml_attribute_copy(file, "path", path, sizeof(path));
	xml_attribute_copy(file, "sha256", expected, sizeof(expected));
	entry = submission ? find_entry(submission, path) : NULL;
	if (!entry) {
		add_reason(findings, REASON_EVIDENCE_MISSING,
			   "申请表列出的佐证材料 %s（编号 %s）不在提交的材料包中。", path, id);
	} else if (strcasecmp(xml_attribute_copy(entry, "sha256", actual, sizeof(actual)),
			      expected) != 0) {
		add_reason(findings, REASON_EVIDENCE_CHECKSUM,
			   "佐证材料 %s（编号 %s）的 SHA-256 校验值与申请表填写的不一致"
			   "（申请表：%.16s…，文件实际：%.16s…），文件可能已损坏或被替换。",
			   path, id, expected, actual);
	}
	if (xml_attribute_true(file, "classified") && !xml_attribute_true(file, "desensitized"))
		add_reason(findings, REASON_EVIDENCE_CLASSIFIED,
			   "佐证材料 %s（编号 %s）标注含有涉密内容，但未声明已作脱密处理。", path, id);
}

static void check_evidence(struct findings *findings, xmlNodePtr application,
			   xmlNodePtr submission)
{
	xmlNodePtr evidence = xml_child(application, "evidence");
	xmlNodePtr document = xml_child(xml_child(application, "applicant"), "idDocument");
	char id_type[32];

	xml_attribute_copy(document, "type", id_type, sizeof(id_type));
	if (strcmp(id_type, "passport") == 0) {
		if (!evidence_has_type(evidence, "passport"))
			add_reason(findings, REASON_EVIDENCE_IDENTITY,
				   "佐证材料中缺少护照个人信息页复印件。");
	} else {
		int front = evidence_has_type(evidence, "id-front");
		int back = evidence_has_type(evidence, "id-back");

		if (!front || !back)
			add_reason(findings, REASON_EVIDENCE_IDENTITY,
				   "佐证材料中缺少身份证复印件的%s。",
				   !front && !back ? "正反两面" : !front ? "正面" : "反面");
	}
	if (!evidence_has_type(evidence, "education"))
		add_reason(findings, REASON_EVIDENCE_EDUCATION, "佐证材料中缺少学历教育证明。");
	for (xmlNodePtr file = xml_child(evidence, "file"); file; file = xml_next(file, "file"))
		check_evidence_file(findings, file, submission);
}

/* Package entries the form does not reference: reported, never read. */
static void note_extra_files(struct findings *findings, xmlNodePtr application,
			     xmlNodePtr submission)
{
	xmlNodePtr evidence = xml_child(application, "evidence");

	for (xmlNodePtr entry = xml_child(submission, "entry"); entry;
	     entry = xml_next(entry, "entry")) {
		char path[1024], listed[1024];
		int referenced = 0;

		xml_attribute_copy(entry, "path", path, sizeof(path));
		if (strcmp(strip_dot_slash(path), "application.xml") == 0)
			continue;
		for (xmlNodePtr file = xml_child(evidence, "file"); file && !referenced;
		     file = xml_next(file, "file"))
			referenced = strcmp(strip_dot_slash(xml_attribute_copy(
				file, "path", listed, sizeof(listed))), strip_dot_slash(path)) == 0;
		if (!referenced)
			add_note(findings, "extra-file",
				 "材料包中的文件 %s 未在申请表中列出，未予审阅。", path);
	}
}

/* ---- R2.1, R2.2 and R3 on the self-statement ---- */

static void check_statement(struct findings *findings, xmlNodePtr application,
			    const struct policy *policy)
{
	xmlNodePtr statement = xml_child(application, "statement");
	struct statement_metrics metrics = { 0 };
	char tagged[128] = "", missing[128] = "", acronyms[512];
	int tags[DIMENSION_COUNT] = { 0 };
	size_t acronym_count = 0;
	double share;

	if (!statement)
		return;
	for (xmlNodePtr section = xml_child(statement, "section"); section;
	     section = xml_next(section, "section")) {
		char *text = xml_text(section);
		char dimension[32];
		int index;

		statement_measure(text ? text : "", &metrics);
		xmlFree(text);
		index = dimension_parse(xml_attribute_copy(section, "dimension", dimension,
							   sizeof(dimension)));
		if (index >= 0)
			tags[index] = 1;
	}
	if (metrics.characters < policy->statement_min_chars ||
	    metrics.characters > policy->statement_max_chars)
		add_reason(findings, REASON_STATEMENT_LENGTH,
			   "工作情况自述共 %zu 字（不计空白字符），应为 %zu 至 %zu 字。",
			   metrics.characters, policy->statement_min_chars,
			   policy->statement_max_chars);
	share = statement_cjk_share(&metrics);
	if (share < policy->statement_min_cjk_share)
		add_reason(findings, REASON_STATEMENT_LANGUAGE,
			   "申请表须以中文填写：工作情况自述的文字中汉字仅占 %.0f%%，应不低于 %.0f%%。",
			   share * 100.0, policy->statement_min_cjk_share * 100.0);

	/* R3: advisories for the examiners */
	for (xmlNodePtr section = xml_child(statement, "section"); section;
	     section = xml_next(section, "section")) {
		char *text = xml_text(section);
		char found[512];
		size_t count = statement_unexplained_acronyms(text ? text : "", found,
							      sizeof(found));

		if (count > 0 && acronym_count == 0)
			snprintf(acronyms, sizeof(acronyms), "%s", found);
		else if (count > 0 && strlen(acronyms) + strlen(found) + 2 < sizeof(acronyms))
			strcat(strcat(acronyms, " "), found);
		acronym_count += count;
		xmlFree(text);
	}
	add_advisory(findings, "team-phrasing",
		     "自述中团队表述（我们、团队、课题组等）出现 %zu 次，个人表述（本人、我）出现 %zu 次%s。",
		     metrics.team_phrases, metrics.self_phrases,
		     metrics.team_phrases > metrics.self_phrases ?
		     "，团队表述多于个人表述，请考官关注申请人本人的贡献" : "");
	for (int i = 0; i < DIMENSION_COUNT; i++) {
		char *list = tags[i] ? tagged : missing;

		if (list[0])
			strcat(list, " ");
		strcat(list, dimension_codes[i]);
	}
	{
		xmlNodePtr node = add_advisory(findings, "dimensions",
			"自述各部分标注的能力方面：%s；未标注的方面：%s。",
			tagged[0] ? tagged : "无", missing[0] ? missing : "无");

		xml_set(node, "tagged", tagged);
		xml_set(node, "missing", missing);
	}
	if (acronym_count > 0) {
		xmlNodePtr node = add_advisory(findings, "acronyms",
			"自述中以下缩写未加解释：%s。", acronyms);

		xml_set(node, "terms", acronyms);
	}
}

/* ---- R2.6 commitment, R2.7 projects ---- */

static void check_commitment(struct findings *findings, xmlNodePtr application)
{
	xmlNodePtr commitment = xml_child(application, "commitment");
	char signer[256], name[256], date_text[32];
	day_t date;

	if (!commitment) {
		add_reason(findings, REASON_COMMITMENT_UNSIGNED, "申请材料中缺少《工程会员承诺书》。");
		return;
	}
	child_text(application, "commitment", signer, sizeof(signer));
	child_text(xml_child(application, "applicant"), "name", name, sizeof(name));
	xml_attribute_copy(commitment, "date", date_text, sizeof(date_text));
	if (!xml_attribute_true(commitment, "signed"))
		add_reason(findings, REASON_COMMITMENT_UNSIGNED, "《工程会员承诺书》未签署。");
	else if (date_parse(date_text, &date) < 0)
		add_reason(findings, REASON_COMMITMENT_UNSIGNED, "《工程会员承诺书》未注明签署日期。");
	else if (strcmp(signer, name) != 0)
		add_reason(findings, REASON_COMMITMENT_UNSIGNED,
			   "《工程会员承诺书》的签署人“%s”与申请人“%s”不一致，须由申请人本人签署。",
			   signer, name);
}

static void check_projects(struct findings *findings, xmlNodePtr application, int level,
			   const struct policy *policy)
{
	xmlNodePtr projects = xml_child(application, "projects");
	int count = 0;

	if (level != LEVEL_PROFESSIONAL && level != LEVEL_SENIOR)
		return;
	for (xmlNodePtr project = xml_child(projects, "project"); project;
	     project = xml_next(project, "project")) {
		char role[512], id[64];

		count++;
		child_text(project, "role", role, sizeof(role));
		if (!role[0])
			add_reason(findings, REASON_PROJECTS_COUNT,
				   "工程项目 %s 未说明申请人本人在项目中承担的角色。",
				   xml_attribute_copy(project, "id", id, sizeof(id)));
	}
	if (count < policy->interview_min_projects || count > policy->interview_max_projects)
		add_reason(findings, REASON_PROJECTS_COUNT,
			   "%s申请须描述 %d 至 %d 个本人参与的工程项目，申请表中为 %d 个。",
			   level_name(level), policy->interview_min_projects,
			   policy->interview_max_projects, count);
}

/* ---- R1.1 membership, R1.2 field ---- */

static void check_membership(struct findings *findings, xmlNodePtr application,
			     const struct policy *policy)
{
	xmlNodePtr membership = xml_child(application, "membership");
	char society[64], number[64], name[256];
	const struct policy_member *member;

	xml_attribute_copy(membership, "society", society, sizeof(society));
	xml_attribute_copy(membership, "number", number, sizeof(number));
	child_text(xml_child(application, "applicant"), "name", name, sizeof(name));
	if (strcmp(society, policy->society_code) != 0) {
		add_reason(findings, REASON_NOT_MEMBER,
			   "申请人所填会员身份属于 %s，不是本学会（%s，%s）的会员；申请人须为本学会注册会员。",
			   society, policy->society_name, policy->society_code);
		return;
	}
	if (!policy->has_member_roster)
		return;
	member = policy_find_member(policy, number);
	if (!member)
		add_reason(findings, REASON_NOT_MEMBER, "会员号 %s 不在本学会（%s）的会员名册中。",
			   number, policy->society_name);
	else if (strcmp(member->name, name) != 0)
		add_reason(findings, REASON_NOT_MEMBER,
			   "会员号 %s 在本学会会员名册中登记的姓名与申请人姓名“%s”不一致。",
			   number, name);
}

static const struct policy_field *check_field(struct findings *findings,
					      xmlNodePtr application,
					      const struct policy *policy)
{
	char code[64];
	const struct policy_field *field;

	xml_attribute_copy(xml_child(application, "field"), "code", code, sizeof(code));
	field = policy_find_field(policy, code);
	if (!field)
		add_reason(findings, REASON_FIELD_NOT_AUTHORIZED,
			   "工程技术领域“%s”不在本学会获授权开展工程能力评价的领域之内。", code);
	return field;
}

/* ---- R1.3 experience ---- */

static const char *const degree_names[DEGREE_COUNT] = { "专科", "本科", "硕士", "博士" };

/* The highest degree conferred by `submitted`: its level, and whether it is an
 * engineering degree (one engineering degree of that level is enough, in
 * whatever order the form lists them); -1 if none was conferred. */
static int highest_degree(xmlNodePtr application, day_t submitted, int *engineering)
{
	int highest = -1;
	xmlNodePtr education = xml_child(application, "education");

	*engineering = 0;
	for (xmlNodePtr degree = xml_child(education, "degree"); degree;
	     degree = xml_next(degree, "degree")) {
		char level_text[32], conferred_text[32];
		int level = degree_parse(xml_attribute_copy(degree, "level", level_text,
							    sizeof(level_text)));
		day_t conferred;

		xml_attribute_copy(degree, "conferred", conferred_text, sizeof(conferred_text));
		if (level < 0 || date_parse(conferred_text, &conferred) < 0 || conferred > submitted)
			continue;
		if (level > highest) {
			highest = level;
			*engineering = 0;
		}
		if (level == highest && xml_attribute_true(degree, "engineering"))
			*engineering = 1;
	}
	return highest;
}

/* Which graduate practice counts (R1.3): when the policy allows it, master's
 * practice with a conferred master's degree or higher, doctoral practice with
 * the doctorate. */
static int graduate_practice(int allowed, int degree)
{
	int practice = 0;

	if (allowed && degree >= DEGREE_MASTER)
		practice |= PRACTICE_MASTER;
	if (allowed && degree >= DEGREE_DOCTORATE)
		practice |= PRACTICE_DOCTORATE;
	return practice;
}

static size_t read_periods(xmlNodePtr application, struct experience_period **out)
{
	xmlNodePtr experience = xml_child(application, "experience");
	size_t count = 0, capacity = 0;
	struct experience_period *periods = NULL;

	for (xmlNodePtr node = xml_child(experience, "period"); node;
	     node = xml_next(node, "period")) {
		char from[32], to[32], during[32];
		struct experience_period period = { 0 };

		xml_attribute_copy(node, "from", from, sizeof(from));
		xml_attribute_copy(node, "to", to, sizeof(to));
		xml_attribute_copy(node, "during", during, sizeof(during));
		if (date_parse(from, &period.from) < 0 ||
		    period_during_parse(during, &period.during) < 0)
			continue;
		if (!to[0])
			period.to = -1;
		else if (date_parse(to, &period.to) < 0)
			continue;
		period.engineering = xml_attribute_true(node, "engineering");
		if (count == capacity) {
			struct experience_period *grown;

			capacity = capacity ? capacity * 2 : 8;
			grown = realloc(periods, capacity * sizeof(*grown));
			if (!grown)
				break;
			periods = grown;
		}
		periods[count++] = period;
	}
	*out = periods;
	return count;
}

static int check_experience(struct findings *findings, xmlNodePtr application, int level,
			    const struct policy_field *field, const struct policy *policy,
			    day_t submitted, struct error *err)
{
	struct experience_period *periods = NULL;
	size_t count = read_periods(application, &periods);	/* owned */
	int engineering = 0, required;
	int degree = highest_degree(application, submitted, &engineering);
	int allowed = field && field->graduate_practice_counts >= 0 ?
		      field->graduate_practice_counts : policy->graduate_practice_counts;
	int practice = graduate_practice(allowed, degree);
	long months = experience_counted_months(periods, count, practice, submitted);
	char counted[64];
	xmlNodePtr reason;

	free(periods);
	if (months < 0)
		return error_set(err, "out of memory counting experience");
	if (degree < 0) {
		add_reason(findings, REASON_INSUFFICIENT_EXPERIENCE,
			   "申请表中没有在申请日期前已取得的学历学位，无法确定%s申请所需的工作年限。",
			   level_name(level));
		return 0;
	}
	required = policy->minimum_years[level][degree] +
		   (engineering ? 0 : policy->non_engineering_extra_years);
	if (experience_meets(months, required))
		return 0;
	experience_format(months, counted, sizeof(counted));
	reason = add_reason(findings, REASON_INSUFFICIENT_EXPERIENCE,
			    "可计入的工程相关工作经历共 %s（按整月计算；本科及以下在读期间的经历不计入%s，"
			    "重叠期间只计一次）；最高学历为%s（%s），申请%s须至少 %d 年。",
			    counted,
			    !allowed ? "，硕士、博士在读期间的实践亦不计入" :
			    !(practice & PRACTICE_MASTER) ?
			    "，未取得硕士及以上学位者硕士、博士在读期间的实践亦不计入" :
			    !(practice & PRACTICE_DOCTORATE) ?
			    "，未取得博士学位者博士在读期间的实践亦不计入" : "",
			    degree_names[degree], engineering ? "工程类" : "非工程类",
			    level_name(level), required);
	xml_set_format(reason, "months", "%ld", months);
	xml_set_format(reason, "requiredMonths", "%ld", (long)required * 12);
	return 0;
}

/* ---- R1.4 ban, R1.5 upgrade, R1.6 re-registration ---- */

/* 1 (a reason added) if the person is banned for life, 0 if not, -1 on error. */
static int check_ban(const struct stage_context *context, struct findings *findings,
		     const char *identity, struct error *err)
{
	int banned = context->register_view->is_banned(context->register_view->context,
						       identity, err);

	if (banned < 0)
		return -1;
	if (banned)
		add_reason(findings, REASON_BANNED,
			   "申请人曾因提供虚假材料或违反工程会员行为规范被终身取消申请工程会员资格。");
	return banned;
}

/* Looks up the certificate the form names; 1 found and belonging to the
 * applicant, 0 not (a reason added with `unknown_code`), -1 on error. */
static int find_own_holding(const struct stage_context *context, struct findings *findings,
			    xmlNodePtr application, const char *identity,
			    const char *unknown_code, struct holding *holding,
			    struct error *err)
{
	char registration[64];
	int found;

	xml_attribute_copy(xml_child(application, "holding"), "registration", registration,
			   sizeof(registration));
	if (!registration[0]) {
		add_reason(findings, unknown_code, "申请表未填写所持工程会员证书的注册编号。");
		return 0;
	}
	found = context->register_view->find_holding(context->register_view->context,
						     registration, holding, err);
	if (found < 0)
		return -1;
	if (!found || strcmp(holding->identity, identity) != 0) {
		add_reason(findings, unknown_code,
			   "注册编号 %s 在本学会的注册记录中不存在，或不属于申请人本人。", registration);
		return 0;
	}
	return 1;
}

/* A certificate status in the words of a letter. */
static const char *certificate_status_name(const char *status)
{
	static const char *const names[][2] = {
		{ "valid", "有效" }, { "suspended", "暂停" }, { "cancelled", "注销" },
		{ "revoked", "撤销" }, { "expired", "过期" }, { "superseded", "已换发" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], status) == 0)
			return names[i][1];
	return status;
}

static int check_upgrade(const struct stage_context *context, struct findings *findings,
			 xmlNodePtr application, const char *identity, int level,
			 struct error *err)
{
	struct holding holding;
	int found = find_own_holding(context, findings, application, identity, REASON_NOT_HOLDER,
				     &holding, err);
	char expires[11];

	if (found <= 0)
		return found;
	date_format(holding.expires, expires);
	if (strcmp(holding.status, "valid") != 0 || holding.expires < context->date) {
		add_reason(findings, REASON_NOT_HOLDER,
			   "晋级申请须持有有效的工程会员证书；注册编号 %s 的证书当前状态为“%s”（有效期至 %s）。",
			   holding.registration, strcmp(holding.status, "valid") == 0 ? "已过期" :
			   certificate_status_name(holding.status), expires);
		return 0;
	}
	if (level != holding.level + 1)
		add_reason(findings, REASON_LEVEL_SKIP,
			   "申请人现持%s证书，晋级只能申请高一级别，不能越级或平级申请%s。",
			   level_name(holding.level), level_name(level));
	return 0;
}

/* ---- R8 continuing professional development ---- */

#define MAX_ACTIVITIES 4096

/* A duration in minutes, held within 0 .. INT_MAX whatever the text says. */
static int read_minutes(const char *text)
{
	long value = strtol(text, NULL, 10);

	return value < 0 ? 0 : value > INT_MAX ? INT_MAX : (int)value;
}

static size_t read_activities(xmlNodePtr cpd, struct cpd_activity *activities)
{
	size_t count = 0;

	for (xmlNodePtr node = xml_child(cpd, "activity"); node && count < MAX_ACTIVITIES;
	     node = xml_next(node, "activity")) {
		char date[32], minutes[32];
		struct cpd_activity *activity = &activities[count];

		if (date_parse(xml_attribute_copy(node, "date", date, sizeof(date)),
			       &activity->date) < 0)
			continue;
		xml_attribute_copy(node, "minutes", minutes, sizeof(minutes));
		activity->minutes = minutes[0] ? read_minutes(minutes) : -1;
		xml_attribute_copy(node, "category", activity->category, sizeof(activity->category));
		count++;
	}
	return count;
}

static size_t read_exemptions(xmlNodePtr cpd, int *years, size_t max)
{
	size_t count = 0;
	char year[16];

	for (xmlNodePtr node = xml_child(cpd, "exemption"); node && count < max;
	     node = xml_next(node, "exemption"))
		years[count++] = atoi(xml_attribute_copy(node, "year", year, sizeof(year)));
	return count;
}

/* R8: each year of the certificate's validity needs its hours (Q22, Q23). */
static int check_cpd(const struct stage_context *context, struct findings *findings,
		     xmlNodePtr application, const struct holding *holding, struct error *err)
{
	const struct policy *policy = context->policy;
	xmlNodePtr cpd = xml_child(application, "cpd");
	struct cpd_activity *activities = calloc(MAX_ACTIVITIES, sizeof(*activities));
	struct cpd_year years[100];
	int exempted[100], validity = policy->validity_years < 100 ? policy->validity_years : 100;
	size_t activity_count, exempted_count;

	if (!activities)
		return error_set(err, "out of memory");
	activity_count = read_activities(cpd, activities);
	exempted_count = read_exemptions(cpd, exempted, 100);
	cpd_evaluate(activities, activity_count, exempted, exempted_count, holding->issued,
		     submitted_day(application, context->date), policy, years, validity);
	free(activities);
	for (int k = 0; k < validity; k++) {
		xmlNodePtr node = xml_add_child(findings->validation, "cpd", NULL);
		char from[11], to[11];

		date_format(years[k].from, from);
		date_format(years[k].to, to);
		xml_set_format(node, "year", "%d", years[k].year);
		xml_set(node, "from", from);
		xml_set(node, "to", to);
		xml_set_format(node, "hours", "%d", years[k].hours);
		xml_set_format(node, "required", "%d", policy->cpd_hours_per_year);
		xml_set(node, "exempted", years[k].exempted ? "true" : "false");
		if (!years[k].met)
			add_reason(findings, REASON_CPD_INSUFFICIENT,
				   "证书有效期第 %d 年（%s 至 %s）的持续职业发展活动为 %d 学时，"
				   "不足每年 %d 学时的要求。", years[k].year, from, to,
				   years[k].hours, policy->cpd_hours_per_year);
	}
	return 0;
}

/* R1.6: only a valid or expired certificate is renewed, and at its level. */
static int check_reregistration(const struct stage_context *context, struct findings *findings,
				xmlNodePtr application, const char *identity, int level,
				struct error *err)
{
	const struct policy *policy = context->policy;
	struct holding holding;
	int found = find_own_holding(context, findings, application, identity,
				     REASON_RENEWAL_UNKNOWN, &holding, err);
	day_t opens, closes;
	char expires[11], opens_text[11], closes_text[11];

	if (found <= 0)
		return found;
	if (strcmp(holding.status, "valid") != 0 && strcmp(holding.status, "expired") != 0) {
		add_reason(findings, REASON_RENEWAL_STATUS,
			   "注册编号 %s 的证书当前状态为“%s”，只有有效或已过期的证书可以再注册%s。",
			   holding.registration, certificate_status_name(holding.status),
			   strcmp(holding.status, "suspended") == 0 ?
			   "；暂停的证书须先恢复" : "");
		return 0;
	}
	/* a higher level is reached only by upgrade (Q34, Q35) */
	if (level != holding.level)
		add_reason(findings, REASON_RENEWAL_LEVEL,
			   "注册编号 %s 的证书级别为%s，再注册只能延续所持级别，不能申请%s；"
			   "晋级须另行提出晋级申请。", holding.registration,
			   level_name(holding.level), level_name(level));
	opens = date_add_months(holding.expires, -policy->renew_from_months);
	closes = date_add_months(holding.expires, policy->renew_until_months);
	if (context->date < opens || context->date > closes) {
		date_format(holding.expires, expires);
		date_format(opens, opens_text);
		date_format(closes, closes_text);
		add_reason(findings, REASON_RENEWAL_WINDOW,
			   "注册编号 %s 的证书有效期至 %s，再注册应在 %s 至 %s 之间办理。",
			   holding.registration, expires, opens_text, closes_text);
		return 0;	/* CPD is judged only within the window */
	}
	return check_cpd(context, findings, application, &holding, err);
}

/* R1.5: a holder of a valid or suspended certificate upgrades or
 * re-registers; an `initial` application would give a second certificate
 * beside the first (or, suspended, one that ends the suspension). */
static int check_not_registered(const struct stage_context *context, struct findings *findings,
				const char *identity, struct error *err)
{
	const struct register_view *view = context->register_view;
	char registration[64];
	struct holding holding;
	int found = view->find_registration(view->context, identity, registration,
					    sizeof(registration), err);

	if (found <= 0)
		return found;
	found = view->find_holding(view->context, registration, &holding, err);
	if (found <= 0)
		return found;
	if ((strcmp(holding.status, "valid") != 0 && strcmp(holding.status, "suspended") != 0) ||
	    holding.expires < context->date)
		return 0;	/* expired, cancelled or revoked: evaluated in full again */
	add_reason(findings, REASON_ALREADY_REGISTERED,
		   "申请人已持有本学会注册编号为 %s 的%s证书（当前状态为“%s”），不能再提出首次申请；"
		   "%s", registration, level_name(holding.level),
		   certificate_status_name(holding.status),
		   strcmp(holding.status, "suspended") == 0 ?
		   "证书恢复后，可以申请晋级或办理再注册。" : "如需更高级别，请提出晋级申请；"
		   "证书有效期届满前后可以办理再注册。");
	return 0;
}

static int check_eligibility(const struct stage_context *context, struct dossier *dossier,
			     struct findings *findings, xmlNodePtr application, struct error *err)
{
	const struct policy *policy = context->policy;
	char level_text[32], kind[32], identity[128];
	int level, banned;
	const struct policy_field *field;
	day_t submitted = submitted_day(application, context->date);

	application_identity(application, identity, sizeof(identity));
	child_text(application, "level", level_text, sizeof(level_text));
	xml_attribute_copy(application, "kind", kind, sizeof(kind));
	level = level_parse(level_text);
	if (level < 0)
		return 0;	/* the schema has already said so */
	check_membership(findings, application, policy);
	field = check_field(findings, application, policy);
	if (field)
		dossier_set(dossier, "fieldName", field->name);
	banned = check_ban(context, findings, identity, err);
	if (banned < 0)
		return -1;
	/* an upgrade goes through the full process of its level, nothing waived (Q34) */
	if (strcmp(kind, "upgrade") == 0 &&
	    check_upgrade(context, findings, application, identity, level, err) < 0)
		return -1;
	/* the ban says all: a banned holder is not told to upgrade instead */
	if (strcmp(kind, "initial") == 0 && !banned &&
	    check_not_registered(context, findings, identity, err) < 0)
		return -1;
	if (strcmp(kind, "reregistration") == 0)
		return check_reregistration(context, findings, application, identity, level, err);
	return check_experience(findings, application, level, field, policy, submitted, err);
}

/* ---- R2.8 schema ---- */

static int check_schema(const struct stage_context *context, struct findings *findings,
			xmlNodePtr application, struct error *err)
{
	xmlDocPtr standalone = xmlNewDoc((const xmlChar *)"1.0");
	struct xml_messages messages = { 0 };
	int result = -1;

	if (!standalone)
		return error_set(err, "out of memory");
	xmlDocSetRootElement(standalone, xmlDocCopyNode(application, standalone, 1));
	result = schema_validate(context->application_schema, standalone, &messages, err);
	for (size_t i = 0; result > 0 && i < messages.count; i++)
		add_reason(findings, REASON_SCHEMA, "申请表不符合规定格式：%s", messages.lines[i]);
	xml_messages_release(&messages);
	xmlFreeDoc(standalone);
	return result;
}

/* ---- putting it together ---- */

/* Replaces every occurrence of the applicant's full ID number in the texts
 * of the validation by its masked form (schema messages quote values). */
static void redact_identity(xmlNodePtr node, const char *identity, const char *masked)
{
	size_t length = strlen(identity);

	if (length < 4)
		return;
	for (xmlNodePtr child = node->children; child; child = child->next) {
		if (child->type == XML_ELEMENT_NODE) {
			redact_identity(child, identity, masked);
		} else if (child->type == XML_TEXT_NODE && child->content &&
			   strstr((const char *)child->content, identity)) {
			char *text = (char *)child->content, *found;
			size_t size = strlen(text) + 1 + strlen(masked) * 8;
			char *result = calloc(1, size), *write = result;

			if (!result)
				continue;
			while ((found = strstr(text, identity)) && (size_t)(write - result) +
			       (size_t)(found - text) + strlen(masked) + 1 < size) {
				memcpy(write, text, (size_t)(found - text));
				write += found - text;
				write = stpcpy(write, masked);
				text = found + length;
			}
			strcat(write, text);
			xmlNodeSetContent(child, (const xmlChar *)result);
			free(result);
		}
	}
}

static int validate_application(const struct stage_context *context, struct dossier *dossier,
				struct findings *findings, xmlNodePtr application,
				xmlNodePtr submission, struct error *err)
{
	char level_text[32];
	int schema_result = check_schema(context, findings, application, err);

	if (schema_result < 0)
		return -1;
	child_text(application, "level", level_text, sizeof(level_text));
	check_identity(findings, xml_child(application, "applicant"));
	check_evidence(findings, application, submission);
	check_statement(findings, application, context->policy);
	check_commitment(findings, application);
	check_projects(findings, application, level_parse(level_text), context->policy);
	/* Eligibility is judged only on a form that conforms: a broken form would
	 * make spurious, final rejections. */
	if (schema_result == 0 &&
	    check_eligibility(context, dossier, findings, application, err) < 0)
		return -1;
	if (submission)
		note_extra_files(findings, application, submission);
	return 0;
}

static void conclude(const struct stage_context *context, struct dossier *dossier,
		     struct findings *findings)
{
	char date[11], deadline_text[11];
	day_t deadline;

	if (findings->rejections > 0) {
		result_conclude(dossier, findings->validation, OUTCOME_REJECTED, context->date);
		return;
	}
	if (findings->returns == 0) {
		result_conclude(dossier, findings->validation, OUTCOME_ACCEPTED, context->date);
		return;
	}
	deadline = calendar_add_working_days(&context->policy->calendar, context->date,
					     context->policy->resubmission_working_days);
	date_format(deadline, deadline_text);
	result_conclude(dossier, findings->validation, OUTCOME_RETURNED, context->date);
	xml_set(findings->validation, "deadline", deadline_text);
	dossier_set(dossier, "deadline", deadline_text);
	if (!calendar_covers(&context->policy->calendar, deadline)) {
		date_format(context->date, date);
		add_note(findings, "calendar-not-covered",
			 "政策文件未收录 %d 年的法定节假日安排，补正期限仅按周末计算。",
			 date_year(deadline));
	}
}

static xmlNodePtr begin_validation(const struct stage_context *context, struct dossier *dossier,
				   xmlNodePtr submission)
{
	xmlNodePtr validation = dossier_append(dossier, "validation");
	char date[11], seq[16];

	date_format(context->date, date);
	xml_set(validation, "date", date);
	if (submission)
		xml_set(validation, "submission",
			xml_attribute_copy(submission, "seq", seq, sizeof(seq)));
	return validation;
}

/* R4 for a state written before supplement requests had a deadline: an
 * application left in supplement-requested without one gets it counted from
 * the first run that sees it (the upgrade's, woken by the marker the
 * upgrade wrote), since its letter named none. 1 if it set one. */
static int give_supplement_deadline(const struct stage_context *context,
				    struct dossier *dossier)
{
	char state[32], deadline_text[16];
	xmlNodePtr review = dossier_last(dossier, "review");

	dossier_get(dossier, "state", state, sizeof(state));
	dossier_get(dossier, "deadline", deadline_text, sizeof(deadline_text));
	if (strcmp(state, STATE_SUPPLEMENT_REQUESTED) != 0 || deadline_text[0])
		return 0;
	date_format(calendar_add_working_days(&context->policy->calendar, context->date,
					      context->policy->supplement_working_days),
		    deadline_text);
	dossier_set(dossier, "deadline", deadline_text);
	if (review)
		xml_set(review, "deadline", deadline_text);
	return 1;
}

/* R2, R4: a returned application, or one asked for a supplement, whose
 * deadline has passed expires. */
static int expire_if_overdue(const struct stage_context *context, struct dossier *dossier,
			     xmlNodePtr submission, int unvalidated)
{
	char state[32], deadline_text[16], date[11];
	day_t deadline;
	struct findings findings = { 0 };
	int supplement;

	dossier_get(dossier, "state", state, sizeof(state));
	dossier_get(dossier, "deadline", deadline_text, sizeof(deadline_text));
	supplement = strcmp(state, STATE_SUPPLEMENT_REQUESTED) == 0;
	if ((!supplement && strcmp(state, STATE_RETURNED) != 0) ||
	    date_parse(deadline_text, &deadline) < 0 || context->date <= deadline)
		return 0;
	date_format(context->date, date);
	findings.validation = begin_validation(context, dossier, unvalidated ? submission : NULL);
	if (supplement) {
		/* the expiry letter names the deadline it missed */
		xml_set(findings.validation, "deadline", deadline_text);
		if (unvalidated)
			add_reason(&findings, REASON_SUPPLEMENT_EXPIRED,
				   "补充材料的提交期限为 %s，本次收到的补充材料于 %s 处理，已超过期限。",
				   deadline_text, date);
		else
			add_reason(&findings, REASON_SUPPLEMENT_EXPIRED,
				   "补充材料的期限 %s 已过，未收到补充后的申请材料。", deadline_text);
	} else if (unvalidated)
		add_reason(&findings, REASON_RESUBMISSION_EXPIRED,
			   "补正材料的提交期限为 %s，本次收到的补正材料于 %s 处理，已超过期限。",
			   deadline_text, date);
	else
		add_reason(&findings, REASON_RESUBMISSION_EXPIRED,
			   "退回补正的期限 %s 已过，未收到补正后的申请材料。", deadline_text);
	result_conclude(dossier, findings.validation, OUTCOME_EXPIRED, context->date);
	return 1;
}

/* 1 if the last submission (or, with none, the bare application) awaits validation. */
static int awaits_validation(const struct dossier *dossier, xmlNodePtr submission)
{
	xmlNodePtr validation = dossier_last(dossier, "validation");
	char validated[16], seq[16];

	if (!submission)
		return !validation && dossier_application(dossier);
	if (!validation)
		return 1;
	xml_attribute_copy(validation, "submission", validated, sizeof(validated));
	xml_attribute_copy(submission, "seq", seq, sizeof(seq));
	return strcmp(validated, seq) != 0;
}

/* The states from which an application can still go on (formats.md §4). */
static int is_open_state(const char *state)
{
	static const char *const terminal[] = {
		"rejected", "expired", "failed", "certified", "withdrawn", NULL
	};

	for (size_t i = 0; terminal[i]; i++)
		if (strcmp(state, terminal[i]) == 0)
			return 0;
	return state[0] != '\0';
}

int application_is_open(const struct dossier *dossier)
{
	char state[32];

	return is_open_state(dossier_get(dossier, "state", state, sizeof(state)));
}

/* R1.4: a revocation for fraud ends every open application of the person,
 * whatever its stage; the batch settles them in the run that applied it. */
static int reject_if_banned(const struct stage_context *context, struct dossier *dossier,
			    xmlNodePtr submission, struct error *err)
{
	xmlNodePtr application = dossier_application(dossier);
	struct findings findings = { 0 };
	char identity[128];
	int banned;

	if (!application || !application_is_open(dossier))
		return 0;
	application_identity(application, identity, sizeof(identity));
	if (!identity[0])
		return 0;
	banned = context->register_view->is_banned(context->register_view->context, identity,
						   err);
	if (banned <= 0)
		return banned;
	findings.validation = begin_validation(context, dossier, submission);
	add_reason(&findings, REASON_BANNED,
		   "申请人的工程会员证书已因提供虚假材料或欺诈被撤销，按规定终身不得申请；"
		   "本申请因此终止办理。");
	conclude(context, dossier, &findings);
	return 1;
}

/* What an application that waits for no validation may still need: a ban
 * ends it; a supplement request an earlier ecap left without a deadline
 * gets one. */
static int reject_if_banned_or_give_deadline(const struct stage_context *context,
					     struct dossier *dossier, xmlNodePtr submission,
					     struct error *err)
{
	int rejected = reject_if_banned(context, dossier, submission, err);

	return rejected != 0 ? rejected : give_supplement_deadline(context, dossier);
}

int stage_validate(const struct stage_context *context, struct dossier *dossier,
		   struct error *err)
{
	xmlNodePtr submission = dossier_last(dossier, "submission");
	int unvalidated = awaits_validation(dossier, submission);
	xmlNodePtr application = dossier_application(dossier);
	struct findings findings = { 0 };
	char identity[128] = "", masked[128];

	if (expire_if_overdue(context, dossier, submission, unvalidated))
		return 1;
	if (!unvalidated)
		return reject_if_banned_or_give_deadline(context, dossier, submission, err);
	findings.validation = begin_validation(context, dossier, submission);
	if (submission && xml_child(submission, "problem")) {
		char problem[1024], code[32];

		child_text(submission, "problem", problem, sizeof(problem));
		xml_attribute_copy(xml_child(submission, "problem"), "code", code, sizeof(code));
		if (strcmp(code, REASON_SCHEMA) == 0)
			add_reason(&findings, REASON_SCHEMA, "申请表不符合规定格式：%s", problem);
		else
			add_reason(&findings, REASON_XML_MALFORMED,
				   "申请表 application.xml 无法读取（%s），请检查文件是否完整、是否为规范的 XML。",
				   problem);
	} else if (!application) {
		add_reason(&findings, REASON_NO_APPLICATION, "材料包中没有申请表 application.xml。");
	} else if (validate_application(context, dossier, &findings, application, submission,
					err) < 0) {
		return -1;
	}
	child_text(xml_child(application, "applicant"), "idDocument", identity, sizeof(identity));
	identity_mask(identity, masked, sizeof(masked));
	redact_identity(findings.validation, identity, masked);
	conclude(context, dossier, &findings);
	return 1;
}

static int no_ban(void *context, const char *identity, struct error *err)
{
	return 0;
}

static int no_registration(void *context, const char *identity, char *registration,
			   size_t size, struct error *err)
{
	return 0;
}

static int no_holding(void *context, const char *registration, struct holding *holding,
		      struct error *err)
{
	return 0;
}

static int no_certificates(void *context, const char *identity, const char *registration,
			   struct certificate_slot *slot, struct error *err)
{
	return error_set(err, "no register to number a certificate from (give --state DIR)");
}

const struct register_view empty_register = {
	NULL, no_ban, no_registration, no_holding, no_certificates
};
