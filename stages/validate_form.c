/* validate_form.c - the validation's checks of completeness and form
 * (R2: the identity document, the evidence, the self-statement, the
 * commitment, the projects, the schema) and its advice to the examiners
 * (R3); see validation.h. A finding here returns the application. */
#include "validation.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identity.h"
#include "mask.h"
#include "outcomes.h"
#include "result.h"
#include "statement.h"
#include "xml.h"

/* ---- R2.9 identity document ---- */

void check_identity(struct findings *findings, xmlNodePtr applicant)
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

void check_evidence(struct findings *findings, xmlNodePtr application,
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
void note_extra_files(struct findings *findings, xmlNodePtr application,
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

void check_statement(struct findings *findings, xmlNodePtr application,
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

void check_commitment(struct findings *findings, xmlNodePtr application)
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

void check_projects(struct findings *findings, xmlNodePtr application, int level,
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

/* ---- R2.8 schema ---- */

int check_schema(const struct stage_context *context, struct findings *findings,
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

