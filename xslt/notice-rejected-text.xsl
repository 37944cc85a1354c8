<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-rejected-text.xsl - the rejection notice (不予受理通知) as plain text
  (UTF-8, lines of at most about 72 columns), the e-mail twin of
  notice-rejected.xsl, with the same content.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="title" select="'不予受理通知'"/>

  <xsl:template match="/">
    <xsl:call-template name="require-notice">
      <xsl:with-param name="kind" select="'rejected'"/>
    </xsl:call-template>
    <xsl:call-template name="text-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="rejected-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="rejected-body">
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:call-template name="submitted-phrase"/>
	<xsl:call-template name="application-phrase"/>
	<xsl:text>已收悉，感谢您对本学会工作的支持。经审查，您的申请不符合工程能力评价的申请条件，本学会决定对本次申请不予受理。具体原因如下：</xsl:text>
      </xsl:with-param>
    </xsl:call-template>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'一、不予受理的原因'"/>
    </xsl:call-template>
    <xsl:call-template name="text-reasons"/>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'二、关于本决定'"/>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:text>本决定是对本次申请</xsl:text>
	<xsl:if test="$application-id != ''">
	  <xsl:value-of select="concat('（申请编号 ', $application-id, '）')"/>
	</xsl:if>
	<xsl:text>的最终决定。本次申请不再进入材料审查、面试等后续评价环节，也不能通过补正材料、以同一申请编号重新提交的方式继续办理。</xsl:text>
      </xsl:with-param>
    </xsl:call-template>

    <xsl:if test="$advised-reasons or ($correctable-reasons and not($validation/e:reason[@code = 'banned']))">
      <xsl:call-template name="text-heading">
	<xsl:with-param name="text" select="'三、今后的申请'"/>
      </xsl:call-template>
      <xsl:for-each select="$advised-reasons">
	<xsl:call-template name="text-item">
	  <xsl:with-param name="marker" select="'-'"/>
	  <xsl:with-param name="text">
	    <xsl:call-template name="rejection-advice">
	      <xsl:with-param name="code" select="string(@code)"/>
	    </xsl:call-template>
	  </xsl:with-param>
	</xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$correctable-reasons and not($validation/e:reason[@code = 'banned'])">
	<xsl:call-template name="text-item">
	  <xsl:with-param name="marker" select="'-'"/>
	  <xsl:with-param name="text" select="$correctable-advice"/>
	</xsl:call-template>
      </xsl:if>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>

    <xsl:call-template name="text-notes"/>
  </xsl:template>

</xsl:stylesheet>
