<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-returned-text.xsl - the return notice (退回补正通知) as plain text
  (UTF-8, lines of at most about 72 columns), the e-mail twin of
  notice-returned.xsl, with the same content.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="title" select="'退回补正通知'"/>

  <xsl:variable name="deadline-phrase">
    <xsl:choose>
      <xsl:when test="$deadline != ''">
	<xsl:value-of select="concat($deadline, '（含当日）')"/>
      </xsl:when>
      <xsl:otherwise>规定的补正期限</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:call-template name="require-notice">
      <xsl:with-param name="kind" select="'returned'"/>
    </xsl:call-template>
    <xsl:call-template name="text-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="returned-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="returned-body">
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:call-template name="submitted-phrase"/>
	<xsl:call-template name="application-phrase"/>
	<xsl:text>已收悉，感谢您对本学会工作的支持。经审查，您的申请材料存在以下需要补正的问题。为便于您一次改正，现将全部问题列出，并将申请退回，请您修改完善后重新提交。</xsl:text>
      </xsl:with-param>
    </xsl:call-template>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'一、需要补正的事项'"/>
    </xsl:call-template>
    <xsl:call-template name="text-reasons"/>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'二、补正期限'"/>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text"
		      select="concat('请您在', $deadline-phrase, '之前重新提交补正后的申请材料。本学会在该日（含当日）之前收到的材料，将按重新提交的申请继续办理。')"/>
    </xsl:call-template>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'三、重新提交的方式'"/>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'1.'"/>
      <xsl:with-param name="text">请对照上述各项逐一修改，一次改正全部问题，以免申请再次被退回。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'2.'"/>
      <xsl:with-param name="text">请重新提交一份完整的材料包，包括申请表和全部佐证材料，而不是只提交修改过的部分。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'3.'"/>
      <xsl:with-param name="text">
	<xsl:text>申请编号保持不变</xsl:text>
	<xsl:if test="$application-id != ''">
	  <xsl:value-of select="concat('，仍为 ', $application-id)"/>
	</xsl:if>
	<xsl:text>，请勿另行编号。</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'4.'"/>
      <xsl:with-param name="text">请通过原来的提交途径提交。</xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'四、逾期的后果'"/>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text"
		      select="concat('如本学会在', $deadline-phrase, '之前未收到补正后的材料，或材料在该日之后才送达，本次申请将自动失效，不再办理。届时如仍希望参加工程能力评价，需要另行提出新的申请。')"/>
    </xsl:call-template>

    <xsl:call-template name="text-notes">
      <xsl:with-param name="heading" select="'五、其他说明'"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
