<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-reconsideration-text.xsl - the outcome of a reconsideration
  (复核结果通知) as plain text, the e-mail twin of
  notice-reconsideration.xsl, with the same content.

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
      <xsl:with-param name="kind" select="'reconsideration'"/>
      <xsl:with-param name="element" select="'reconsideration'"/>
    </xsl:call-template>
    <xsl:call-template name="text-page">
      <xsl:with-param name="title" select="$reconsideration-title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="text-paragraph">
	  <xsl:with-param name="text">
	    <xsl:call-template name="reconsideration-sentence"/>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="text-paragraph">
	  <xsl:with-param name="text">
	    <xsl:call-template name="reconsideration-outcome"/>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:if test="$reconsideration-finding != ''">
	  <xsl:call-template name="text-heading">
	    <xsl:with-param name="text" select="'复核意见'"/>
	  </xsl:call-template>
	  <xsl:call-template name="text-paragraph">
	    <xsl:with-param name="text" select="$reconsideration-finding"/>
	  </xsl:call-template>
	</xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
