<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-returned.xsl - the return notice (退回补正通知) as XHTML for print.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Tells the applicant every reason of the validation before the notice, the
  resubmission deadline (that validation's @deadline), how to resubmit (a
  complete corrected package under the same application number) and that
  the application lapses after that day. Shared parts: notice-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="'退回补正通知'"/>

  <xsl:template match="/">
    <xsl:call-template name="require-notice">
      <xsl:with-param name="kind" select="'returned'"/>
    </xsl:call-template>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="returned-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "2026年12月8日（含当日）" emphasized, or a neutral phrase when unknown. -->
  <xsl:template name="deadline-phrase">
    <xsl:choose>
      <xsl:when test="$deadline != ''">
	<span class="deadline"><xsl:value-of select="$deadline"/>（含当日）</span>
      </xsl:when>
      <xsl:otherwise>规定的补正期限</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="returned-body">
    <p>
      <xsl:call-template name="submitted-phrase"/>
      <xsl:call-template name="application-phrase"/>
      <xsl:text>已收悉，感谢您对本学会工作的支持。经审查，您的申请材料存在以下需要补正的问题。为便于您一次改正，现将全部问题列出，并将申请退回，请您修改完善后重新提交。</xsl:text>
    </p>

    <h2>一、需要补正的事项</h2>
    <xsl:call-template name="html-reasons"/>

    <h2>二、补正期限</h2>
    <p>
      <xsl:text>请您在</xsl:text>
      <xsl:call-template name="deadline-phrase"/>
      <xsl:text>之前重新提交补正后的申请材料。本学会在该日（含当日）之前收到的材料，将按重新提交的申请继续办理。</xsl:text>
    </p>

    <h2>三、重新提交的方式</h2>
    <ol class="steps">
      <li>请对照上述各项逐一修改，一次改正全部问题，以免申请再次被退回。</li>
      <li>请重新提交一份<strong>完整的</strong>材料包，包括申请表和全部佐证材料，而不是只提交修改过的部分。</li>
      <li>
	<xsl:text>申请编号保持不变</xsl:text>
	<xsl:if test="$application-id != ''">
	  <xsl:text>，仍为 </xsl:text>
	  <strong><xsl:value-of select="$application-id"/></strong>
	</xsl:if>
	<xsl:text>，请勿另行编号。</xsl:text>
      </li>
      <li>请通过原来的提交途径提交。</li>
    </ol>

    <h2>四、逾期的后果</h2>
    <p>
      <xsl:text>如本学会在</xsl:text>
      <xsl:call-template name="deadline-phrase"/>
      <xsl:text>之前未收到补正后的材料，或材料在该日之后才送达，本次申请将自动失效，不再办理。届时如仍希望参加工程能力评价，需要另行提出新的申请。</xsl:text>
    </p>

    <xsl:call-template name="html-notes">
      <xsl:with-param name="heading" select="'五、其他说明'"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
