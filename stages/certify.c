/* certify.c - the certification stage: the secretariat's confirmation of a
 * simplified assessment (R6), publicity with its objections and resolutions
 * (R6b), and the certificate itself (R7), for applications that passed and
 * for re-registrations that validated (R8).
 */
#include "stage.h"

#include <stdio.h>
#include <string.h>

#include "hash.h"
#include "identity.h"
#include "outcomes.h"
#include "result.h"
#include "xml.h"

/* ---- the certificate ---- */

/* A code that proves the certificate's data to whoever holds the register:
 * derived from the serial, the holder's ID number (never printed), the issue
 * date and the society, grouped for reading aloud: 7F3A-91C2-5D08. */
static void verification_code(const char *serial, const char *identity, const char *issued,
			      const char *society, char out[16])
{
	char input[512], digest[65];

	snprintf(input, sizeof(input), "%s|%s|%s|%s", serial, identity, issued, society);
	sha256_hex(input, strlen(input), digest);
	snprintf(out, 16, "%.4s-%.4s-%.4s", digest, digest + 4, digest + 8);
	for (char *c = out; *c; c++)
		if (*c >= 'a' && *c <= 'f')
			*c = (char)(*c - 'a' + 'A');
}

static int certify(const struct stage_context *context, struct dossier *dossier,
		   struct error *err)
{
	xmlNodePtr application = dossier_application(dossier), certification;
	char identity[128], kind[32], holding[64] = "", level[32], issued[11], expires[11];
	char verification[16], path[160], person[128];
	struct certificate_slot slot;

	/* the verification code keeps the number as written; the register
	 * knows the person by the normalised identity */
	child_text(xml_child(application, "applicant"), "idDocument", identity, sizeof(identity));
	application_identity(application, person, sizeof(person));
	child_text(application, "level", level, sizeof(level));
	xml_attribute_copy(application, "kind", kind, sizeof(kind));
	if (strcmp(kind, "initial") != 0)
		xml_attribute_copy(xml_child(application, "holding"), "registration", holding,
				   sizeof(holding));
	if (context->register_view->allocate_certificate(context->register_view->context,
							 person, holding, &slot, err) < 0)
		return -1;
	date_format(context->date, issued);
	date_format(date_add_years(context->date, context->policy->validity_years) - 1, expires);
	verification_code(slot.serial, identity, issued, context->policy->society_code,
			  verification);
	certification = result_begin(dossier, RESULT_CERTIFICATION, context->date);
	xml_set(certification, "kind", kind);
	xml_set(certification, "registration", slot.registration);
	xml_set(certification, "serial", slot.serial);
	xml_set(certification, "level", level);
	xml_set(certification, "issued", issued);
	xml_set(certification, "expires", expires);
	xml_set(certification, "verification", verification);
	snprintf(path, sizeof(path), "out/certificates/%s.xml", slot.serial);
	xml_set(certification, "certificate", path);
	snprintf(path, sizeof(path), "out/certificates/%s.svg", slot.serial);
	xml_set(certification, "svg", path);
	dossier_set_state(dossier, STATE_CERTIFIED, context->date);
	return 1;
}

/* ---- publicity (R6b) ---- */

int publicity_begin(const struct stage_context *context, struct dossier *dossier,
		    struct error *err)
{
	int days = context->policy->publicity_working_days;
	char begins[11], ends[11];
	xmlNodePtr publicity;

	if (days <= 0)
		return certify(context, dossier, err);
	date_format(context->date, begins);
	date_format(calendar_add_working_days(&context->policy->calendar, context->date, days),
		    ends);
	publicity = result_begin(dossier, RESULT_PUBLICITY, context->date);
	xml_set(publicity, "begins", begins);
	xml_set(publicity, "ends", ends);
	dossier_set_state(dossier, STATE_PUBLICITY, context->date);
	return 1;
}

static int publicity_period(const struct dossier *dossier, day_t *begins, day_t *ends)
{
	xmlNodePtr publicity = dossier_last(dossier, "publicity");
	char text[16];

	if (!publicity ||
	    date_parse(xml_attribute_copy(publicity, "begins", text, sizeof(text)), begins) < 0 ||
	    date_parse(xml_attribute_copy(publicity, "ends", text, sizeof(text)), ends) < 0)
		return -1;
	return 0;
}

/* An objection dated within the publicity period holds the application. */
static int apply_objection(const struct stage_context *context, struct dossier *dossier,
			   xmlNodePtr record, xmlNodePtr objection)
{
	char date_text[16], reference[128], *grounds;
	day_t date, begins, ends;
	xmlNodePtr applied;

	xml_attribute_copy(objection, "date", date_text, sizeof(date_text));
	if (publicity_period(dossier, &begins, &ends) < 0 || date_parse(date_text, &date) < 0 ||
	    date < begins || date > ends) {
		record_refuse(record, REASON_RECORD_WRONG_STATE, "异议日期 %s 不在公示期内", date_text);
		return 1;
	}
	record_apply(record);
	applied = result_begin(dossier, "objection", date);
	xml_set(applied, "reference", xml_attribute_copy(objection, "reference", reference,
							 sizeof(reference)));
	grounds = xml_text(objection);
	if (grounds)
		xmlNodeAddContent(applied, (const xmlChar *)grounds);
	xmlFree(grounds);
	dossier_set_state(dossier, STATE_ON_HOLD, context->date);
	return 1;
}

/* 1 if an objection with this reference is held and not yet resolved. */
static int objection_open(const struct dossier *dossier, const char *reference)
{
	char other[128];
	int open = 0;

	for (xmlNodePtr node = xml_child(dossier->root, NULL); node; node = xml_next(node, NULL)) {
		int is_objection = strcmp((const char *)node->name, "objection") == 0;
		int is_resolution = strcmp((const char *)node->name, "resolution") == 0;

		if ((is_objection || is_resolution) &&
		    strcmp(xml_attribute_copy(node, "reference", other, sizeof(other)),
			   reference) == 0)
			open = is_objection;
	}
	return open;
}

static int any_objection_open(const struct dossier *dossier)
{
	char reference[128];

	for (xmlNodePtr node = xml_child(dossier->root, "objection"); node;
	     node = xml_next(node, "objection"))
		if (objection_open(dossier, xml_attribute_copy(node, "reference", reference,
							       sizeof(reference))))
			return 1;
	return 0;
}

static int apply_resolution(const struct stage_context *context, struct dossier *dossier,
			    xmlNodePtr record, xmlNodePtr resolution)
{
	char reference[128], *finding;
	int upheld = xml_attribute_true(resolution, "upheld");
	xmlNodePtr applied, end;

	xml_attribute_copy(resolution, "reference", reference, sizeof(reference));
	if (!objection_open(dossier, reference)) {
		record_refuse(record, REASON_RECORD_WRONG_STATE, "没有编号为 %s 的待处理异议", reference);
		return 1;
	}
	record_apply(record);
	applied = result_begin(dossier, "resolution", context->date);
	xml_set(applied, "reference", reference);
	xml_set(applied, "upheld", upheld ? "true" : "false");
	finding = xml_text(resolution);
	if (finding)
		xmlNodeAddContent(applied, (const xmlChar *)finding);
	if (upheld) {
		end = result_begin(dossier, RESULT_PUBLICITY_END, context->date);
		result_conclude(dossier, end, OUTCOME_FAILED, context->date);
		result_add_reason(end, REASON_OBJECTION_UPHELD, "公示期间收到的异议（编号 %s）经核实成立：%s",
				  reference, finding ? finding : "");
	} else if (!any_objection_open(dossier)) {
		dossier_set_state(dossier, STATE_PUBLICITY, context->date);
	}
	xmlFree(finding);
	return 1;
}

/* A run dated after the last day of publicity certifies. */
static int end_publicity_if_over(const struct stage_context *context, struct dossier *dossier,
				 struct error *err)
{
	day_t begins, ends;
	char state[32];

	dossier_get(dossier, "state", state, sizeof(state));
	if (strcmp(state, STATE_PUBLICITY) != 0 || publicity_period(dossier, &begins, &ends) < 0 ||
	    context->date <= ends)
		return 0;
	result_conclude(dossier, result_begin(dossier, RESULT_PUBLICITY_END, context->date),
			OUTCOME_CERTIFIED, context->date);
	return certify(context, dossier, err);
}

/* ---- R6 confirmation, R8 re-registration ---- */

static int apply_confirmation(const struct stage_context *context, struct dossier *dossier,
			      xmlNodePtr record, xmlNodePtr confirmation, struct error *err)
{
	char reference[128], date[16];
	int confirmed = xml_attribute_true(confirmation, "confirmed");
	xmlNodePtr applied;

	record_apply(record);
	applied = result_begin(dossier, RESULT_CONFIRMATION, context->date);
	xml_set(applied, "reference", xml_attribute_copy(confirmation, "reference", reference,
							 sizeof(reference)));
	xml_set(applied, "confirmed", confirmed ? "true" : "false");
	xml_set(applied, "recorded", xml_attribute_copy(confirmation, "date", date, sizeof(date)));
	if (confirmed)
		return publicity_begin(context, dossier, err);
	/* not confirmed: the full process, an interview (doc/dossier.md) */
	dossier_set_state(dossier, STATE_AWAITING_INTERVIEW, context->date);
	return 1;
}

static int reregistration_validated(const struct dossier *dossier)
{
	xmlNodePtr validation = dossier_last(dossier, "validation");
	char kind[32], state[32], outcome[32];

	xml_attribute_copy(dossier_application(dossier), "kind", kind, sizeof(kind));
	dossier_get(dossier, "state", state, sizeof(state));
	xml_attribute_copy(validation, "outcome", outcome, sizeof(outcome));
	return strcmp(kind, "reregistration") == 0 && strcmp(state, STATE_IN_REVIEW) == 0 &&
	       strcmp(outcome, OUTCOME_ACCEPTED) == 0;
}

/* ---- the stage ---- */

/* 1 if state is one of the space-separated names in list. */
static int state_in(const char *state, const char *list)
{
	size_t length = strlen(state);

	for (const char *word = list; *word; word += strcspn(word, " "), word += *word == ' ')
		if (length && strncmp(word, state, length) == 0 &&
		    (word[length] == ' ' || word[length] == '\0'))
			return 1;
	return 0;
}

static int apply_records(const struct stage_context *context, struct dossier *dossier,
			 struct error *err)
{
	static const char *const kinds[] = { "confirmation", "objection", "resolution" };
	static const char *const states[] = { "awaiting-confirmation", "publicity on-hold",
					      "on-hold" };
	xmlNodePtr record, content;
	char state[32];
	int changed = 0, result;

	for (size_t k = 0; k < 3; k++)
		for (record = NULL; (record = record_next_new(dossier, kinds[k], record, &content));) {
			dossier_get(dossier, "state", state, sizeof(state));
			if (!state_in(state, states[k]))
				continue;	/* refused as record-wrong-state by stages_run */
			if (k == 0)
				result = apply_confirmation(context, dossier, record, content, err);
			else if (k == 1)
				result = apply_objection(context, dossier, record, content);
			else
				result = apply_resolution(context, dossier, record, content);
			if (result < 0)
				return -1;
			changed = 1;
		}
	return changed;
}

int stage_certify(const struct stage_context *context, struct dossier *dossier,
		  struct error *err)
{
	int changed = apply_records(context, dossier, err), ended;

	if (changed < 0)
		return -1;
	if (reregistration_validated(dossier)) {
		if (certify(context, dossier, err) < 0)
			return -1;
		return 1;
	}
	ended = end_publicity_if_over(context, dossier, err);
	return ended < 0 ? -1 : changed | ended;
}
