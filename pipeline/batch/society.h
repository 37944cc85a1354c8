/* society.h - the state of the whole society, for the run report (issue 18):
 * not what the run did but where every application stands after it. Read
 * from the store once per run, each dossier only as far as its form (the
 * root's state and dates, the field and level), so that the cost grows with
 * the number of dossiers by a few kilobytes each.
 *
 *   <society applications="N" year="YYYY">
 *     <state name="in-review" count="N"/>...          every state held now
 *     <deadlines from="D" until="D" count="N">        periods ending within the
 *       <deadline date="D" application="ID" state="returned"/>...   next 10
 *     </deadlines>                                    working days (at most 200 listed)
 *     <passRate field="electrical" fieldName="电气工程" level="professional"
 *               certified="N" failed="N" rejected="N"/>...   decided in `year`
 *   </society>
 */
#ifndef ECAP_SOCIETY_H
#define ECAP_SOCIETY_H

#include <libxml/tree.h>
#include "calendar.h"
#include "error.h"
#include "policy.h"
#include "society_heads.h"
#include "store.h"

#define SOCIETY_DEADLINE_DAYS 10	/* working days ahead */
#define SOCIETY_DEADLINES_LISTED 200

/* Appends <society> to the report's root, from the committed store as of
 * the run's date, with the heads of the dossiers the run wrote as it noted
 * them (society_heads.h). 0, or -1 with err. */
int society_report(xmlNodePtr report, const struct store *store, struct noted_heads *noted,
		   const struct policy *policy, day_t date, struct error *err);

#endif
