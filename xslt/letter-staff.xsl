<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-staff.xsl - what the letters of the staff's decisions (process.md
  R12) say, shared by their builders letter-withdrawn.xsl (撤回申请确认通知)
  and letter-reconsideration.xsl (复核结果通知). Everything else
  (letterhead, particulars, closing) comes from letter-common.xsl.

  Each letter tells the staff result just before its notice: a
  <withdrawal> or a <reconsideration> of the dossier (doc/dossier.md).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-common.xsl"/>

  <!-- The staff result the notice tells: the nearest element before it. -->
  <xsl:variable name="staff-result" select="$notice/preceding-sibling::*[1]"/>

  <xsl:variable name="staff-date">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$staff-result/@date"/>
    </xsl:call-template>
  </xsl:variable>

  <!-- Stops unless the notice exists, is of KIND and follows ELEMENT. -->
  <xsl:template name="require-staff-notice">
    <xsl:param name="kind"/>
    <xsl:param name="element"/>
    <xsl:if test="not($dossier)">
      <xsl:message terminate="yes">notice: the document is not an ecap dossier</xsl:message>
    </xsl:if>
    <xsl:if test="not($notice)">
      <xsl:message terminate="yes">notice: the dossier has no notice with seq '<xsl:value-of select="$seq"/>'</xsl:message>
    </xsl:if>
    <xsl:if test="string($notice/@kind) != $kind">
      <xsl:message terminate="yes">notice: notice <xsl:value-of select="$seq"/> is of kind '<xsl:value-of select="$notice/@kind"/>', this stylesheet writes '<xsl:value-of select="$kind"/>'</xsl:message>
    </xsl:if>
    <xsl:if test="local-name($staff-result) != $element">
      <xsl:message terminate="yes">notice: notice <xsl:value-of select="$seq"/> follows no <xsl:value-of select="$element"/></xsl:message>
    </xsl:if>
  </xsl:template>

  <!-- ================================================= withdrawal == -->

  <xsl:variable name="withdrawal-title" select="'撤回申请确认通知'"/>

  <xsl:template name="withdrawal-sentence">
    <xsl:text>本学会已收到您撤回申请的请求</xsl:text>
    <xsl:if test="normalize-space($staff-result/@reference) != ''">
      <xsl:value-of select="concat('（文号 ', normalize-space($staff-result/@reference), '）')"/>
    </xsl:if>
    <xsl:value-of select="concat('。您的', $level-name, '申请已于 ', $staff-date,
			  ' 撤回，本次申请的办理随之终止，已提交的材料不再审查。')"/>
  </xsl:template>

  <xsl:variable name="withdrawal-request"
		select="normalize-space($staff-result/e:reason[@code = 'withdrawn'])"/>

  <xsl:variable name="withdrawal-advice"
		select="'撤回不影响您今后的申请资格。符合条件时，您可以随时以新的申请编号重新提出申请。'"/>

  <!-- ============================================ reconsideration == -->

  <xsl:variable name="reconsideration-title" select="'复核结果通知'"/>

  <xsl:variable name="reconsidered-decision">
    <xsl:choose>
      <xsl:when test="$staff-result/@decision = 'rejected'">不予受理（驳回）的决定</xsl:when>
      <xsl:otherwise>评价未通过的决定</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The validation that followed a rejected application's reopening. -->
  <xsl:variable name="revalidation"
		select="$staff-result/following-sibling::e:validation[1]"/>

  <xsl:template name="reconsideration-sentence">
    <xsl:value-of select="concat('本学会对您的', $level-name, '申请所作的', $reconsidered-decision,
			  '进行了复核')"/>
    <xsl:if test="normalize-space($staff-result/@reference) != ''">
      <xsl:value-of select="concat('（复核编号 ', normalize-space($staff-result/@reference), '）')"/>
    </xsl:if>
    <xsl:value-of select="concat('，复核结论于 ', $staff-date, ' 作出。')"/>
  </xsl:template>

  <xsl:template name="reconsideration-outcome">
    <xsl:choose>
      <xsl:when test="$staff-result/@outcome = 'confirm'">
	<xsl:text>经复核，维持原决定。本次复核为最终结论。</xsl:text>
      </xsl:when>
      <xsl:when test="$staff-result/@decision = 'failed'">
	<xsl:text>经复核，撤销原决定，您的申请恢复至材料审查阶段，将由考官重新进行材料审查；此前的审查意见不再计入。审查结果将另行通知。</xsl:text>
      </xsl:when>
      <xsl:when test="$revalidation/@outcome = 'accepted'">
	<xsl:text>经复核，撤销原决定。您最近一次提交的材料已按现行政策和会员名单重新进行形式审查并获通过，申请进入材料审查阶段。</xsl:text>
      </xsl:when>
      <xsl:otherwise>
	<xsl:text>经复核，撤销原决定。您最近一次提交的材料已按现行政策和会员名单重新进行形式审查，审查结果见随后的通知。</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:variable name="reconsideration-finding" select="normalize-space($staff-result)"/>

</xsl:stylesheet>
