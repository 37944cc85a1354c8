<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-supplement.xsl - the supplement request (补充材料通知) as a letter
  document (xsd/letter.xsd), its words once; letter-xhtml.xsl and
  letter-text.xsl render it (notice-supplement.xsl,
  notice-supplement-text.xsl).

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  The material review before the notice (review, outcome supplement) found
  the evidence insufficient: the letter lists each request (the review's
  reasons of code review-supplement, printed as the stage wrote them; the
  examiners are never named from the review's attributes or records), says
  how to supply the material (a complete new package under the same
  application number) and that the application then goes back to review.
  Shared parts: letter-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-common.xsl"/>

  <xsl:variable name="requests" select="$result/e:reason[@code = 'review-supplement']"/>

  <!--
    The round's review records the review decided on (R9: the letter tells,
    per examiner, what to add and each dimension found not met with the
    examiner's comment; never the examiner's id): the applied records after
    the round's start, the last validation, review or reconsideration
    before the review.
  -->
  <xsl:variable name="round-start"
		select="$result/preceding-sibling::*[self::e:validation or self::e:review
			or self::e:reconsideration][1]"/>
  <xsl:variable name="round-records"
		select="$result/preceding-sibling::e:record[@kind = 'reviewRecord'][@status = 'applied']
			[generate-id(preceding-sibling::*[self::e:validation or self::e:review
			 or self::e:reconsideration][1]) = generate-id($round-start)]/e:reviewRecord
			[e:recommendation = 'supplement' or e:dimension[@met = 'false'] or normalize-space(e:supplement) != '']"/>

  <!-- The supplement's deadline: the review's, else the dossier's. -->
  <xsl:variable name="supplement-deadline">
    <xsl:choose>
      <xsl:when test="normalize-space($result/@deadline) != ''">
	<xsl:value-of select="normalize-space($result/@deadline)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($dossier/@deadline)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/" mode="letter">
    <xsl:call-template name="require-later-notice">
      <xsl:with-param name="kind" select="'supplement'"/>
      <xsl:with-param name="results" select="' review:supplement '"/>
    </xsl:call-template>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'supplement'"/>
      <xsl:with-param name="title" select="'补充材料通知'"/>
      <xsl:with-param name="body">
	<xsl:call-template name="supplement-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="supplement-body">
    <l:paragraph>
      <xsl:text>您的</xsl:text>
      <xsl:call-template name="application-phrase"/>
      <xsl:text>已进入材料审查阶段</xsl:text>
      <xsl:call-template name="supplement-round-phrase"/>
      <xsl:text>。审查考官对照工程会员素质能力五个方面的要求审阅了您的申请材料，认为部分方面的材料尚不足以充分证明您的能力已达到要求。根据工程能力评价的有关规定，现请您补充相关材料，补充后的申请将再次进行材料审查。</xsl:text>
    </l:paragraph>
    <l:paragraph>请注意：本通知不是评价不通过的决定，而是给您补充证明材料的机会。</l:paragraph>

    <l:section>
      <l:heading>一、需要补充的材料</l:heading>
      <xsl:choose>
	<xsl:when test="$round-records">
	  <l:list numbered="yes" class="reasons">
	    <xsl:for-each select="$round-records">
	      <l:item>
		<l:heading><xsl:value-of select="concat('审查考官', position(), '的意见')"/></l:heading>
		<l:detail><xsl:call-template name="examiner-points"/></l:detail>
	      </l:item>
	    </xsl:for-each>
	  </l:list>
	</xsl:when>
	<xsl:when test="$requests">
	  <l:list numbered="yes" class="reasons">
	    <xsl:for-each select="$requests">
	      <l:item>
		<l:heading><xsl:call-template name="supplement-item-heading"/></l:heading>
		<xsl:if test="normalize-space(.) != ''">
		  <l:detail><xsl:value-of select="normalize-space(.)"/></l:detail>
		</xsl:if>
	      </l:item>
	    </xsl:for-each>
	  </l:list>
	</xsl:when>
	<xsl:otherwise>
	  <l:paragraph>审查考官未列出具体要求。请您对照工程会员素质能力五个方面的要求，补充能够证明本人能力的材料。</l:paragraph>
	</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$supplement-deadline != ''">
	<l:paragraph>
	  <xsl:text>请您在</xsl:text>
	  <l:deadline>
	    <xsl:call-template name="chinese-date">
	      <xsl:with-param name="iso" select="$supplement-deadline"/>
	    </xsl:call-template>
	    <xsl:text>（含当日）</xsl:text>
	  </l:deadline>
	  <xsl:text>之前提交补充后的材料；逾期未提交的，本次申请将终止办理。</xsl:text>
	</l:paragraph>
      </xsl:if>
    </l:section>

    <l:section>
      <l:heading>二、补充的方式</l:heading>
      <l:list numbered="yes" class="steps">
	<l:item>请按照上述各项准备补充材料；如有需要，也可同时修改完善工作情况自述和申请表中的相关内容。</l:item>
	<l:item>请提交一份<l:strong>完整的</l:strong>新材料包，包括申请表和全部佐证材料（此前已提交的材料也请一并放入），而不是只提交新增的部分。</l:item>
	<l:item>新增的佐证材料请在申请表的佐证材料清单中逐一登记，以便考官查阅。</l:item>
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
      <l:heading>三、后续办理</l:heading>
      <l:paragraph>本学会收到您补充后的材料包后，将先进行形式审查；符合要求的，申请将重新进入材料审查，由审查考官审阅您的全部材料后提出审查意见。审查结果本学会将另行书面通知您。</l:paragraph>
      <l:paragraph>补充的材料须真实、准确，并符合您签署的《工程会员承诺书》的要求；涉及保密内容的，请在脱密处理后提交。</l:paragraph>
    </l:section>
  </xsl:template>

  <!--
    One examiner's points, from the current reviewRecord: "请补充：….
    尚未充分证明的方面：组织领导与项目管理能力（证明不充分）。" Each
    comment once and each sentence with one closing mark.
  -->
  <xsl:template name="examiner-points">
    <xsl:variable name="request">
      <xsl:call-template name="without-end-mark">
	<xsl:with-param name="text" select="normalize-space(e:supplement)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="$request != ''">
      <xsl:value-of select="concat('需要补充：', $request, '。')"/>
    </xsl:if>
    <xsl:if test="e:dimension[@met = 'false']">
      <xsl:text>认为尚未充分证明的方面：</xsl:text>
      <xsl:for-each select="e:dimension[@met = 'false']">
	<xsl:variable name="comment">
	  <xsl:call-template name="without-end-mark">
	    <xsl:with-param name="text" select="normalize-space(.)"/>
	  </xsl:call-template>
	</xsl:variable>
	<xsl:if test="position() &gt; 1">；</xsl:if>
	<xsl:call-template name="dimension-name">
	  <xsl:with-param name="code" select="normalize-space(@code)"/>
	</xsl:call-template>
	<xsl:if test="$comment != ''">
	  <xsl:value-of select="concat('（', $comment, '）')"/>
	</xsl:if>
      </xsl:for-each>
      <xsl:text>。</xsl:text>
    </xsl:if>
    <xsl:if test="$request = '' and not(e:dimension[@met = 'false'])">请补充能够证明各方面能力要求达成情况的佐证材料。</xsl:if>
  </xsl:template>

  <!-- TEXT without the sentence marks it ends with. -->
  <xsl:template name="without-end-mark">
    <xsl:param name="text"/>
    <xsl:variable name="last" select="substring($text, string-length($text))"/>
    <xsl:choose>
      <xsl:when test="$text != '' and contains('。．.；;！!，,', $last)">
	<xsl:call-template name="without-end-mark">
	  <xsl:with-param name="text" select="substring($text, 1, string-length($text) - 1)"/>
	</xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "（第 2 轮材料审查）" after a first round; nothing for round 1. -->
  <xsl:template name="supplement-round-phrase">
    <xsl:if test="number($result/@round) &gt; 1">
      <xsl:value-of select="concat('（第 ', $result/@round, ' 轮材料审查）')"/>
    </xsl:if>
  </xsl:template>

  <!-- "第 1 项（涉及：组织领导与项目管理能力）" for the current reason. -->
  <xsl:template name="supplement-item-heading">
    <xsl:value-of select="concat('第 ', position(), ' 项')"/>
    <xsl:if test="normalize-space(@dimension) != ''">
      <xsl:text>（涉及：</xsl:text>
      <xsl:call-template name="dimension-name">
	<xsl:with-param name="code" select="normalize-space(@dimension)"/>
      </xsl:call-template>
      <xsl:text>）</xsl:text>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
