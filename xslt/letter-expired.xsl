<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-expired.xsl - the expiry notice (逾期未补正通知, or 逾期未补充材料通知 after
  a supplement request) as a letter
  document (xsd/letter.xsd), its words once; letter-xhtml.xsl and
  letter-text.xsl render it (notice-expired.xsl, notice-expired-text.xsl).

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Tells the applicant that the application lapsed because no corrected
  package arrived by the resubmission deadline (or one arrived after it),
  with the return notice, the deadline, the reasons of the expiry and what
  the applicant may do now. Shared parts: letter-common.xsl.
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
      <xsl:with-param name="kind" select="'expired'"/>
    </xsl:call-template>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'expired'"/>
      <xsl:with-param name="title" select="$expiry-title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="expired-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="expired-body">
    <l:paragraph><xsl:call-template name="expiry-return-sentence"/></l:paragraph>
    <l:paragraph><xsl:call-template name="expiry-outcome-sentence"/></l:paragraph>
    <xsl:if test="$validation/e:reason">
      <l:section>
	<l:heading>一、具体情况</l:heading>
	<xsl:call-template name="letter-reasons"/>
      </l:section>
    </xsl:if>
    <l:section>
      <l:heading>
	<xsl:if test="$validation/e:reason">二、</xsl:if>
	<xsl:text>今后的申请</xsl:text>
      </l:heading>
      <l:paragraph><xsl:value-of select="$expiry-advice"/></l:paragraph>
    </l:section>
    <xsl:call-template name="letter-notes"/>
  </xsl:template>

  <!-- An expiry of a supplement request (R4) rather than of a return. -->
  <xsl:variable name="supplement-expiry"
		select="boolean($validation/e:reason[@code = 'supplement-expired'])"/>

  <!-- The notice an expiry follows (the return, or the supplement request),
       and the late package if one came. -->
  <xsl:variable name="return-notice"
		select="$notice/preceding-sibling::e:notice[($supplement-expiry and @kind = 'supplement') or (not($supplement-expiry) and @kind = 'returned')][1]"/>

  <xsl:variable name="expiry-title">
    <xsl:choose>
      <xsl:when test="$supplement-expiry">逾期未补充材料通知</xsl:when>
      <xsl:otherwise>逾期未补正通知</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="late-package-date">
    <xsl:if test="normalize-space($submission/@received) != ''">
      <xsl:call-template name="chinese-date">
	<xsl:with-param name="iso" select="$submission/@received"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:variable>

  <!-- The first paragraph of an expiry notice: the return (or the
       supplement request) and its deadline. -->
  <xsl:template name="expiry-return-sentence">
    <xsl:if test="$supplement-expiry">
      <xsl:call-template name="expiry-supplement-sentence"/>
    </xsl:if>
    <xsl:if test="not($supplement-expiry)">
      <xsl:call-template name="expiry-returned-sentence"/>
    </xsl:if>
  </xsl:template>

  <!-- The same for a supplement request and its deadline (R4). -->
  <xsl:template name="expiry-supplement-sentence">
    <xsl:choose>
      <xsl:when test="$return-notice">
	<xsl:text>本学会于</xsl:text>
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$return-notice/@date"/>
	</xsl:call-template>
	<xsl:text>向您发出了补充材料通知</xsl:text>
	<xsl:if test="$application-id != '' and string(number($return-notice/@seq)) != 'NaN'">
	  <xsl:value-of select="concat('（通知编号 ', $application-id, '-', format-number($return-notice/@seq, '00'), '）')"/>
	</xsl:if>
	<xsl:text>，请您就</xsl:text>
      </xsl:when>
      <xsl:otherwise>本学会此前已请您就</xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="application-phrase"/>
    <xsl:text>补充材料，并在</xsl:text>
    <xsl:choose>
      <xsl:when test="$deadline != ''">
	<xsl:value-of select="concat($deadline, '（含当日）')"/>
      </xsl:when>
      <xsl:otherwise>规定的期限</xsl:otherwise>
    </xsl:choose>
    <xsl:text>之前提交补充后的完整申请材料。</xsl:text>
  </xsl:template>

  <xsl:template name="expiry-returned-sentence">
    <xsl:choose>
      <xsl:when test="$return-notice">
	<xsl:text>本学会于</xsl:text>
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$return-notice/@date"/>
	</xsl:call-template>
	<xsl:text>向您发出了退回补正通知</xsl:text>
	<xsl:if test="$application-id != '' and string(number($return-notice/@seq)) != 'NaN'">
	  <xsl:value-of select="concat('（通知编号 ', $application-id, '-', format-number($return-notice/@seq, '00'), '）')"/>
	</xsl:if>
	<xsl:text>，将您的</xsl:text>
      </xsl:when>
      <xsl:otherwise>本学会此前已将您的</xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="application-phrase"/>
    <xsl:text>退回补正，请您在</xsl:text>
    <xsl:choose>
      <xsl:when test="$deadline != ''">
	<xsl:value-of select="concat($deadline, '（含当日）')"/>
      </xsl:when>
      <xsl:otherwise>规定的补正期限</xsl:otherwise>
    </xsl:choose>
    <xsl:text>之前重新提交补正后的完整申请材料。</xsl:text>
  </xsl:template>

  <!-- What happened by the deadline: a package too late, or nothing. -->
  <xsl:template name="expiry-outcome-sentence">
    <xsl:if test="$supplement-expiry">
      <xsl:call-template name="expiry-supplement-outcome"/>
    </xsl:if>
    <xsl:if test="not($supplement-expiry)">
      <xsl:call-template name="expiry-returned-outcome"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="expiry-supplement-outcome">
    <xsl:choose>
      <xsl:when test="$late-package-date != ''">
	<xsl:value-of select="concat('本学会于', $late-package-date, '收到您补充后的材料，此时补充材料期限已过，因此未能受理，也未对其进行审查。')"/>
      </xsl:when>
      <xsl:when test="$submission">
	<xsl:text>您补充后的材料送达时补充材料期限已过，因此未能受理，也未对其进行审查。</xsl:text>
      </xsl:when>
      <xsl:otherwise>
	<xsl:text>截至补充材料期限届满，本学会未收到您补充后的申请材料。</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>根据工程能力评价的有关规定，您的本次申请</xsl:text>
    <xsl:if test="$application-id != ''">
      <xsl:value-of select="concat('（申请编号 ', $application-id, '）')"/>
    </xsl:if>
    <xsl:text>已因逾期未补充材料而失效，不再继续办理。</xsl:text>
  </xsl:template>

  <xsl:template name="expiry-returned-outcome">
    <xsl:choose>
      <xsl:when test="$late-package-date != ''">
	<xsl:value-of select="concat('本学会于', $late-package-date, '收到您重新提交的材料，此时补正期限已过，因此未能受理，也未对其进行审查。')"/>
      </xsl:when>
      <xsl:when test="$submission">
	<xsl:text>您重新提交的材料送达时补正期限已过，因此未能受理，也未对其进行审查。</xsl:text>
      </xsl:when>
      <xsl:otherwise>
	<xsl:text>截至补正期限届满，本学会未收到您补正后的申请材料。</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>根据工程能力评价的有关规定，您的本次申请</xsl:text>
    <xsl:if test="$application-id != ''">
      <xsl:value-of select="concat('（申请编号 ', $application-id, '）')"/>
    </xsl:if>
    <xsl:text>已因逾期未补正而失效，不再继续办理。</xsl:text>
  </xsl:template>

  <xsl:variable name="expiry-advice">
    <xsl:choose>
      <xsl:when test="$supplement-expiry">如您仍希望参加工程能力评价，欢迎另行提出新的申请。新的申请须提交一份完整的申请材料包，请一并补充此前补充材料通知中所列的材料。</xsl:when>
      <xsl:otherwise>如您仍希望参加工程能力评价，欢迎另行提出新的申请。新的申请须提交一份完整的申请材料包，请一并改正此前退回补正通知中所列的问题。</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

</xsl:stylesheet>
