<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-expired-text.xsl - the expiry notice (逾期未补正通知) as plain text
  (UTF-8, lines of at most about 72 columns), the e-mail twin of
  notice-expired.xsl, with the same content.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="title" select="$expiry-title"/>

  <xsl:template match="/">
    <xsl:call-template name="require-notice">
      <xsl:with-param name="kind" select="'expired'"/>
    </xsl:call-template>
    <xsl:call-template name="text-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="expired-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="expired-body">
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:call-template name="expiry-return-sentence"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:call-template name="expiry-outcome-sentence"/>
      </xsl:with-param>
    </xsl:call-template>

    <xsl:if test="$validation/e:reason">
      <xsl:call-template name="text-heading">
	<xsl:with-param name="text" select="'一、具体情况'"/>
      </xsl:call-template>
      <xsl:call-template name="text-reasons"/>
    </xsl:if>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text">
	<xsl:if test="$validation/e:reason">二、</xsl:if>
	<xsl:text>今后的申请</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text" select="$expiry-advice"/>
    </xsl:call-template>

    <xsl:call-template name="text-notes"/>
  </xsl:template>

</xsl:stylesheet>
