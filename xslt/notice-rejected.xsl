<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-rejected.xsl - the rejection notice (不予受理通知) as XHTML for print.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Tells the applicant every reason of the validation before the notice, that
  the decision is final for this application, and what the applicant may do
  next where something can be done (nothing, after a lifetime ban). Shared
  parts: notice-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="'不予受理通知'"/>

  <xsl:template match="/">
    <xsl:call-template name="require-notice">
      <xsl:with-param name="kind" select="'rejected'"/>
    </xsl:call-template>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="rejected-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="rejected-body">
    <p>
      <xsl:call-template name="submitted-phrase"/>
      <xsl:call-template name="application-phrase"/>
      <xsl:text>已收悉，感谢您对本学会工作的支持。经审查，您的申请不符合工程能力评价的申请条件，本学会决定对本次申请不予受理。具体原因如下：</xsl:text>
    </p>

    <h2>一、不予受理的原因</h2>
    <xsl:call-template name="html-reasons"/>

    <h2>二、关于本决定</h2>
    <p>
      <xsl:text>本决定是对本次申请</xsl:text>
      <xsl:if test="$application-id != ''">
	<xsl:value-of select="concat('（申请编号 ', $application-id, '）')"/>
      </xsl:if>
      <xsl:text>的最终决定。本次申请不再进入材料审查、面试等后续评价环节，也不能通过补正材料、以同一申请编号重新提交的方式继续办理。</xsl:text>
    </p>

    <xsl:if test="$advised-reasons or ($correctable-reasons and not($validation/e:reason[@code = 'banned']))">
      <h2>三、今后的申请</h2>
      <ul class="notes">
	<xsl:for-each select="$advised-reasons">
	  <li>
	    <xsl:call-template name="rejection-advice">
	      <xsl:with-param name="code" select="string(@code)"/>
	    </xsl:call-template>
	  </li>
	</xsl:for-each>
	<xsl:if test="$correctable-reasons and not($validation/e:reason[@code = 'banned'])">
	  <li><xsl:value-of select="$correctable-advice"/></li>
	</xsl:if>
      </ul>
    </xsl:if>

    <xsl:call-template name="html-notes"/>
  </xsl:template>

</xsl:stylesheet>
