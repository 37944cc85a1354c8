<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-withdrawn-text.xsl - the confirmation of a withdrawal
  (撤回申请确认通知) as plain text, the e-mail twin of notice-withdrawn.xsl,
  with the same content.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-staff.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:call-template name="require-staff-notice">
      <xsl:with-param name="kind" select="'withdrawn'"/>
      <xsl:with-param name="element" select="'withdrawal'"/>
    </xsl:call-template>
    <xsl:call-template name="text-page">
      <xsl:with-param name="title" select="$withdrawal-title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="text-paragraph">
	  <xsl:with-param name="text">
	    <xsl:call-template name="withdrawal-sentence"/>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:if test="$withdrawal-request != ''">
	  <xsl:call-template name="text-heading">
	    <xsl:with-param name="text" select="'您的请求'"/>
	  </xsl:call-template>
	  <xsl:call-template name="text-paragraph">
	    <xsl:with-param name="text" select="$withdrawal-request"/>
	  </xsl:call-template>
	</xsl:if>
	<xsl:call-template name="text-heading">
	  <xsl:with-param name="text" select="'今后的申请'"/>
	</xsl:call-template>
	<xsl:call-template name="text-paragraph">
	  <xsl:with-param name="text" select="$withdrawal-advice"/>
	</xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
