<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-expired.xsl - the expiry notice (逾期未补正通知) as XHTML for print.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Tells the applicant that the application lapsed because no corrected
  package arrived by the resubmission deadline (or one arrived after it),
  with the return notice, the deadline, the reasons of the expiry and what
  the applicant may do now. Shared parts: notice-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="$expiry-title"/>

  <xsl:template match="/">
    <xsl:call-template name="require-notice">
      <xsl:with-param name="kind" select="'expired'"/>
    </xsl:call-template>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="expired-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="expired-body">
    <p><xsl:call-template name="expiry-return-sentence"/></p>
    <p><xsl:call-template name="expiry-outcome-sentence"/></p>

    <xsl:if test="$validation/e:reason">
      <h2>一、具体情况</h2>
      <xsl:call-template name="html-reasons"/>
    </xsl:if>

    <h2>
      <xsl:if test="$validation/e:reason">二、</xsl:if>
      <xsl:text>今后的申请</xsl:text>
    </h2>
    <p><xsl:value-of select="$expiry-advice"/></p>

    <xsl:call-template name="html-notes"/>
  </xsl:template>

</xsl:stylesheet>
