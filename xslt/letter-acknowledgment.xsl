<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-acknowledgment.xsl - the acknowledgment (受理通知, process.md R9) as a
  letter document (xsd/letter.xsd), its words once; letter-xhtml.xsl and
  letter-text.xsl render it (notice-acknowledgment.xsl,
  notice-acknowledgment-text.xsl).

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Written when a validation accepts a package into review: tells the
  applicant when the form was submitted and the package received, that the
  application is accepted (受理) and enters material review, what comes next
  and what to do meanwhile. A package accepted after a return or a
  supplement request says that the corrected or supplemented material was
  accepted. Shared parts: letter-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-common.xsl"/>

  <!-- The result before this acceptance that asked for new material, if any. -->
  <xsl:variable name="earlier-request"
		select="$validation/preceding-sibling::*[self::e:validation or self::e:review][1]
			[@outcome = 'returned' or @outcome = 'supplement']"/>

  <xsl:template match="/" mode="letter">
    <xsl:call-template name="require-acknowledgment"/>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'acknowledgment'"/>
      <xsl:with-param name="title" select="'受理通知'"/>
      <xsl:with-param name="body">
	<xsl:call-template name="acknowledgment-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Stops unless the notice is an acknowledgment after an accepted validation. -->
  <xsl:template name="require-acknowledgment">
    <xsl:if test="not($dossier) or not($notice)">
      <xsl:message terminate="yes">notice: the document is not an ecap dossier with notice '<xsl:value-of select="$seq"/>'</xsl:message>
    </xsl:if>
    <xsl:if test="string($notice/@kind) != 'acknowledgment'">
      <xsl:message terminate="yes">notice: notice <xsl:value-of select="$seq"/> is of kind '<xsl:value-of select="$notice/@kind"/>', this stylesheet writes 'acknowledgment'</xsl:message>
    </xsl:if>
    <xsl:if test="string($validation/@outcome) != 'accepted'">
      <xsl:message terminate="yes">notice: notice <xsl:value-of select="$seq"/> follows no accepted validation</xsl:message>
    </xsl:if>
  </xsl:template>

  <xsl:template name="acknowledgment-body">
    <l:paragraph>
      <xsl:call-template name="submitted-phrase"/>
      <xsl:call-template name="application-phrase"/>
      <xsl:call-template name="received-phrase"/>
      <xsl:text>。感谢您对本学会工作的支持。</xsl:text>
      <xsl:choose>
	<xsl:when test="$earlier-request[self::e:review]">
	  <xsl:text>经形式审查，您补充后的申请材料符合要求，申请重新进入材料审查阶段。</xsl:text>
	</xsl:when>
	<xsl:when test="$earlier-request">
	  <xsl:text>经形式审查，您补正后的申请材料符合要求，本学会决定予以受理，申请进入材料审查阶段。</xsl:text>
	</xsl:when>
	<xsl:otherwise>
	  <xsl:text>经形式审查，您的申请材料齐全、符合要求，本学会决定予以受理，申请进入材料审查阶段。</xsl:text>
	</xsl:otherwise>
      </xsl:choose>
    </l:paragraph>

    <l:section>
      <l:heading>一、后续办理</l:heading>
      <l:list numbered="yes" class="steps">
	<l:item>审查考官将对照工程会员素质能力五个方面的要求审阅您的申请材料。</l:item>
	<l:item>审查中如需您补充材料，本学会将书面通知您需要补充的内容和期限。</l:item>
	<l:item>材料审查后，根据审查结论和申请级别，本学会将书面通知您面试安排或评价结果。</l:item>
      </l:list>
    </l:section>

    <l:section>
      <l:heading>二、请您注意</l:heading>
      <l:list class="notes">
	<l:item>
	  <xsl:text>受理不等于评价通过。评价期间请勿另行提交新的申请</xsl:text>
	  <xsl:if test="$application-id != ''">
	    <xsl:value-of select="concat('；与本学会联系时请注明申请编号 ', $application-id)"/>
	  </xsl:if>
	  <xsl:text>。</xsl:text>
	</l:item>
	<l:item>请保持申请表中所留电子邮箱和电话畅通，及时查收本学会的通知。</l:item>
	<l:item>如需撤回申请，请以书面形式向本学会提出。</l:item>
      </l:list>
    </l:section>

    <xsl:call-template name="letter-notes">
      <xsl:with-param name="heading" select="'三、其他说明'"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
