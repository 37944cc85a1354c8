/* stages.c - all the stages in their order, as the batch and the filters
 * run them over a dossier; see stage.h. */
#include "stage.h"

#include <string.h>

#include "outcomes.h"
#include "result.h"
#include "xml.h"

typedef int (*stage_function)(const struct stage_context *, struct dossier *, struct error *);

static const stage_function stages[] = {
	/* the staff's decisions first: a reopened application is validated
	 * or reviewed in the same run */
	stage_withdraw, stage_reconsider,
	stage_validate, stage_review, stage_interview, stage_certify
};

/* A record that no stage took: the application is not in a state for it. */
static int refuse_leftover_records(struct dossier *dossier)
{
	char state[32];
	int refused = 0;

	dossier_get(dossier, "state", state, sizeof(state));
	for (xmlNodePtr record = xml_child(dossier->root, "record"); record;
	     record = xml_next(record, "record")) {
		char status[16];

		if (strcmp(xml_attribute_copy(record, "status", status, sizeof(status)), "new") != 0)
			continue;
		record_refuse(record, REASON_RECORD_WRONG_STATE, "申请当前处于“%s”状态，不能接受该记录",
			      state);
		refused = 1;
	}
	return refused;
}

int stages_run(const struct stage_context *context, struct dossier *dossier, struct error *err)
{
	int changed = 0;

	for (size_t i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
		int result = stages[i](context, dossier, err);

		if (result < 0)
			return -1;
		changed |= result;
	}
	return changed | refuse_leftover_records(dossier);
}
