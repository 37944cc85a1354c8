<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-reconsideration.xsl - the outcome of a reconsideration (复核结果通知,
  process.md R12) as XHTML for print.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Tells the applicant which decision was reconsidered, whether it stands
  (confirm) or the application goes on (reopen) and where, and the
  society's finding. Wording: notice-staff.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="notice-staff.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:call-template name="require-staff-notice">
      <xsl:with-param name="kind" select="'reconsideration'"/>
      <xsl:with-param name="element" select="'reconsideration'"/>
    </xsl:call-template>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$reconsideration-title"/>
      <xsl:with-param name="body">
	<p><xsl:call-template name="reconsideration-sentence"/></p>
	<p><xsl:call-template name="reconsideration-outcome"/></p>
	<xsl:if test="$reconsideration-finding != ''">
	  <h2>复核意见</h2>
	  <p><xsl:value-of select="$reconsideration-finding"/></p>
	</xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
