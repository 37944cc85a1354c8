/* withdraw.c - the applicant's withdrawal (撤回, process.md R12): admitted in
 * any state before the application is certified, failed or rejected (and
 * not once it expired or was withdrawn: those are final too); the
 * application becomes withdrawn, a final state, and the driver writes the
 * letter. A withdrawal of a closed application is refused
 * (record-wrong-state) with the state named. */
#include "stage.h"

#include <string.h>

#include "outcomes.h"
#include "result.h"
#include "xml.h"

/* The withdrawal's result: the state it left, the staff's reference, and the
 * applicant's request as the reason (kept whole: it is the applicant's own
 * words, and a byte limit could cut a character in two). */
static void withdraw(const struct stage_context *context, struct dossier *dossier,
		     xmlNodePtr content, const char *state)
{
	xmlNodePtr result = result_begin(dossier, RESULT_WITHDRAWAL, context->date);
	char reference[128];
	char *request = xml_text(content);
	xmlNodePtr reason;

	xml_set(result, "reference", xml_attribute_copy(content, "reference", reference,
							sizeof(reference)));
	xml_set(result, "from", state);
	reason = xml_add_child(result, "reason", request ? request : "");
	xml_set(reason, "code", REASON_WITHDRAWN);
	xmlFree(request);
	dossier_set_state(dossier, STATE_WITHDRAWN, context->date);
}

int stage_withdraw(const struct stage_context *context, struct dossier *dossier,
		   struct error *err)
{
	xmlNodePtr record = NULL, content;
	int changed = 0;

	(void)err;
	while ((record = record_next_new(dossier, RESULT_WITHDRAWAL, record, &content))) {
		char state[32];

		changed = 1;
		dossier_get(dossier, "state", state, sizeof(state));
		if (!application_is_open(dossier)) {
			record_refuse(record, REASON_RECORD_WRONG_STATE,
				      "申请当前处于“%s”状态，办理已经结束，不能撤回", state);
			continue;
		}
		record_apply(record);
		withdraw(context, dossier, content, state);
	}
	return changed;
}
