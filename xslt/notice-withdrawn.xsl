<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-withdrawn.xsl - the confirmation of a withdrawal (撤回申请确认通知,
  process.md R12) as XHTML for print.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Tells the applicant that the application is withdrawn as asked, with the
  request as the society recorded it. Wording: notice-staff.xsl.
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
      <xsl:with-param name="kind" select="'withdrawn'"/>
      <xsl:with-param name="element" select="'withdrawal'"/>
    </xsl:call-template>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$withdrawal-title"/>
      <xsl:with-param name="body">
	<p><xsl:call-template name="withdrawal-sentence"/></p>
	<xsl:if test="$withdrawal-request != ''">
	  <h2>您的请求</h2>
	  <p><xsl:value-of select="$withdrawal-request"/></p>
	</xsl:if>
	<h2>今后的申请</h2>
	<p><xsl:value-of select="$withdrawal-advice"/></p>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
