/* package_form.c - from a package's bytes to its dossier; see
 * package_form.h. */
#include "package_form.h"

#include <stdio.h>
#include <string.h>

#include "outcomes.h"
#include "xml.h"

void package_form_read(const struct policy *policy, const void *bytes, size_t size,
		       struct package_form *form)
{
	const struct package_limits *limits = &policy->package_limits;
	struct xml_limits xml_limits = { limits->max_xml_bytes, policy->max_xml_depth };

	memset(form, 0, sizeof(*form));
	package_init(&form->package);
	form->outcome = package_read(bytes, size, limits, &form->package, &form->problem);
	if (form->outcome == PACKAGE_OK)
		form->form = xml_parse_untrusted(form->package.application_xml,
						 form->package.application_xml_size,
						 "application.xml", &xml_limits, form->form_id,
						 sizeof(form->form_id), &form->form_problem);
}

void package_form_release(struct package_form *form)
{
	package_release(&form->package);
	if (form->form)
		xmlFreeDoc(form->form);
	form->form = NULL;
}

static int is_application_root(xmlNodePtr root)
{
	return root->ns && strcmp((const char *)root->ns->href, ECAP_NAMESPACE) == 0 &&
	       strcmp((const char *)root->name, "application") == 0;
}

void package_form_judge(const struct package_form *form, struct package_verdict *verdict)
{
	xmlNodePtr root;

	memset(verdict, 0, sizeof(*verdict));
	snprintf(verdict->id, sizeof(verdict->id), "%s", form->form_id);
	if (form->outcome != PACKAGE_OK) {
		verdict->code = package_result_code(form->outcome);
		snprintf(verdict->message, sizeof(verdict->message), "%s", form->problem.message);
		return;
	}
	if (!form->form) {
		/* unreadable: returned when its id can be read, else quarantined */
		if (!id_is_safe(verdict->id))
			verdict->code = REASON_XML_MALFORMED;
		verdict->problem_code = REASON_XML_MALFORMED;
		snprintf(verdict->message, sizeof(verdict->message), "%s",
			 form->form_problem.message);
		return;
	}
	root = xmlDocGetRootElement(form->form);
	xml_attribute_copy(root, "id", verdict->id, sizeof(verdict->id));
	if (!id_is_safe(verdict->id)) {
		verdict->code = REASON_SCHEMA;
		snprintf(verdict->message, sizeof(verdict->message),
			 "application.xml 的根元素没有可用的申请编号（id 属性）：'%.64s'",
			 verdict->id);
		return;
	}
	if (!is_application_root(root)) {
		/* a readable id on another document: returned, the form being wrong */
		verdict->problem_code = REASON_SCHEMA;
		snprintf(verdict->message, sizeof(verdict->message),
			 "application.xml 的根元素应为 {%s}application，实为 {%s}%.64s",
			 ECAP_NAMESPACE, root->ns ? (const char *)root->ns->href : "",
			 (const char *)root->name);
		return;
	}
	verdict->form = form->form;
}

int package_form_file(struct dossier *dossier, const struct package_form *form,
		      const struct package_verdict *verdict, const char *name,
		      const char *digest, day_t received, const char *input,
		      struct error *err)
{
	if (verdict->form &&
	    dossier_replace_application(dossier, xmlDocGetRootElement(verdict->form), err) < 0)
		return -1;
	dossier_add_submission(dossier, name, digest, received, input, &form->package,
			       verdict->form ? NULL : verdict->message,
			       verdict->form ? NULL : verdict->problem_code);
	return 0;
}
