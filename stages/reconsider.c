/* reconsider.c - the society's reconsideration (复核, process.md R12) of a
 * rejected or failed application: `confirm` lets the decision stand;
 * `reopen` sends a rejected application back to validation (the validate
 * stage, which runs next, validates its last package again with the policy
 * and roster of the run's date) and a failed one back to in-review, where a
 * fresh round of review records is needed (the round starts after the
 * reconsideration: review.c). Either way the driver writes a letter. A
 * reconsideration of an application in any other state is refused
 * (record-wrong-state). */
#include "stage.h"

#include <string.h>

#include "outcomes.h"
#include "result.h"
#include "xml.h"

static void reconsider(const struct stage_context *context, struct dossier *dossier,
		       xmlNodePtr content, const char *state)
{
	char reference[128], outcome[16];
	char *finding = xml_text(content);
	xmlNodePtr result = result_begin(dossier, RESULT_RECONSIDERATION, context->date);

	xml_attribute_copy(content, "outcome", outcome, sizeof(outcome));
	xml_set(result, "reference", xml_attribute_copy(content, "reference", reference,
							sizeof(reference)));
	xml_set(result, "outcome", outcome);
	xml_set(result, "decision", state);
	xmlNodeAddContent(result, (const xmlChar *)(finding ? finding : ""));
	xmlFree(finding);
	/* a rejected application stays rejected until validation, next,
	 * decides again */
	if (strcmp(outcome, OUTCOME_REOPEN) == 0 && strcmp(state, STATE_FAILED) == 0)
		dossier_set_state(dossier, STATE_IN_REVIEW, context->date);
}

int stage_reconsider(const struct stage_context *context, struct dossier *dossier,
		     struct error *err)
{
	xmlNodePtr record = NULL, content;
	int changed = 0;

	(void)err;
	while ((record = record_next_new(dossier, RESULT_RECONSIDERATION, record, &content))) {
		char state[32];

		changed = 1;
		dossier_get(dossier, "state", state, sizeof(state));
		if (strcmp(state, STATE_REJECTED) != 0 && strcmp(state, STATE_FAILED) != 0) {
			record_refuse(record, REASON_RECORD_WRONG_STATE,
				      "申请当前处于“%s”状态；只有被驳回或未通过的申请可以复核",
				      state);
			continue;
		}
		record_apply(record);
		reconsider(context, dossier, content, state);
	}
	return changed;
}

/* 1 if the dossier's last reconsideration reopened a rejected application
 * and no validation came after it: validation is due again (validate.c). */
int reconsideration_awaits_validation(const struct dossier *dossier)
{
	xmlNodePtr last = dossier_last(dossier, RESULT_RECONSIDERATION);
	char outcome[16], decision[32];

	if (!last ||
	    strcmp(xml_attribute_copy(last, "outcome", outcome, sizeof(outcome)), OUTCOME_REOPEN) != 0 ||
	    strcmp(xml_attribute_copy(last, "decision", decision, sizeof(decision)),
		   STATE_REJECTED) != 0)
		return 0;
	for (xmlNodePtr node = last->next; node; node = node->next)
		if (node->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)node->name, RESULT_VALIDATION) == 0)
			return 0;
	return 1;
}
