<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-returned.xsl - the return notice (退回补正通知) as a letter document
  (xsd/letter.xsd), its words once; letter-xhtml.xsl and letter-text.xsl
  render it (notice-returned.xsl, notice-returned-text.xsl).

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Tells the applicant every reason of the validation before the notice, the
  resubmission deadline (that validation's @deadline), how to resubmit (a
  complete corrected package under the same application number) and that
  the application lapses after that day. Shared parts: letter-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-common.xsl"/>

  <!-- The resubmission deadline (notice-lookups.xsl), '' when unknown. -->
  <xsl:variable name="deadline">
    <xsl:call-template name="resubmission-deadline"/>
  </xsl:variable>

  <xsl:template match="/" mode="letter">
    <xsl:call-template name="require-notice">
      <xsl:with-param name="kind" select="'returned'"/>
    </xsl:call-template>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'returned'"/>
      <xsl:with-param name="title" select="'退回补正通知'"/>
      <xsl:with-param name="body">
	<xsl:call-template name="returned-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "2026年12月8日（含当日）" emphasized, or a neutral phrase when unknown. -->
  <xsl:template name="deadline-phrase">
    <xsl:choose>
      <xsl:when test="$deadline != ''">
	<l:deadline><xsl:value-of select="$deadline"/>（含当日）</l:deadline>
      </xsl:when>
      <xsl:otherwise>规定的补正期限</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="returned-body">
    <l:paragraph>
      <xsl:call-template name="submitted-phrase"/>
      <xsl:call-template name="application-phrase"/>
      <xsl:call-template name="received-phrase"/>
      <xsl:text>。感谢您对本学会工作的支持。经审查，您的申请材料存在以下需要补正的问题。为便于您一次改正，现将全部问题列出，并将申请退回，请您修改完善后重新提交。</xsl:text>
    </l:paragraph>

    <l:section>
      <l:heading>一、需要补正的事项</l:heading>
      <xsl:call-template name="letter-reasons"/>
    </l:section>

    <l:section>
      <l:heading>二、补正期限</l:heading>
      <l:paragraph>
	<xsl:text>请您在</xsl:text>
	<xsl:call-template name="deadline-phrase"/>
	<xsl:text>之前重新提交补正后的申请材料。本学会在该日（含当日）之前收到的材料，将按重新提交的申请继续办理。</xsl:text>
      </l:paragraph>
    </l:section>

    <l:section>
      <l:heading>三、重新提交的方式</l:heading>
      <l:list numbered="yes" class="steps">
	<l:item>请对照上述各项逐一修改，一次改正全部问题，以免申请再次被退回。</l:item>
	<l:item>请重新提交一份<l:strong>完整的</l:strong>材料包，包括申请表和全部佐证材料，而不是只提交修改过的部分。</l:item>
	<l:item>
	  <xsl:text>申请编号保持不变</xsl:text>
	  <xsl:if test="$application-id != ''">
	    <xsl:text>，仍为 </xsl:text>
	    <l:strong><xsl:value-of select="$application-id"/></l:strong>
	  </xsl:if>
	  <xsl:text>，请勿另行编号。</xsl:text>
	</l:item>
	<l:item>请通过原来的提交途径提交。</l:item>
      </l:list>
    </l:section>

    <l:section>
      <l:heading>四、逾期的后果</l:heading>
      <l:paragraph>
	<xsl:text>如本学会在</xsl:text>
	<xsl:call-template name="deadline-phrase"/>
	<xsl:text>之前未收到补正后的材料，或材料在该日之后才送达，本次申请将自动失效，不再办理。届时如仍希望参加工程能力评价，需要另行提出新的申请。</xsl:text>
      </l:paragraph>
    </l:section>

    <xsl:call-template name="letter-notes">
      <xsl:with-param name="heading" select="'五、其他说明'"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
