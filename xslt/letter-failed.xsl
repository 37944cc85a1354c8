<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-failed.xsl - the result notice of a failed evaluation
  (评价结果通知（未通过）) as a letter document (xsd/letter.xsd), its words
  once; letter-xhtml.xsl and letter-text.xsl render it (notice-failed.xsl,
  notice-failed-text.xsl).

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  The result before the notice is a failed material review (every dimension
  not met, R4), a failed interview (every threshold missed, R5, with the
  table of the five dimensions' points, maxima and minima and the total
  against the pass mark) or the end of a publicity whose objection was
  upheld (R6b). The letter gives every reason, advice to improve, and says
  that the applicant may apply again in a later batch (Q19, Q20). Shared
  parts: letter-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-common.xsl"/>

  <!-- The lookups only a failure letter needs are here rather than in
       notice-lookups.xsl, where every letter (and certificate) would
       evaluate them: libxslt evaluates every global variable. -->

  <!--
    The day a result was decided on, as its letter tells it (R9): an
    interview's, the date of the interview sheet it applied; a review's, the
    date of the last examiner's record that completed it; else the run's.
  -->
  <xsl:variable name="decided-date-iso">
    <xsl:variable name="sheet"
		  select="$result[self::e:interview]/preceding-sibling::e:record[@kind = 'interviewSheet'][@status = 'applied'][1]/*/@date"/>
    <xsl:variable name="record"
		  select="$result[self::e:review]/preceding-sibling::e:record[@kind = 'reviewRecord'][@status = 'applied'][1]/*/@date"/>
    <xsl:choose>
      <xsl:when test="normalize-space($sheet) != ''"><xsl:value-of select="$sheet"/></xsl:when>
      <xsl:when test="normalize-space($record) != ''"><xsl:value-of select="$record"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$result/@date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="decided-date">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$decided-date-iso"/>
    </xsl:call-template>
  </xsl:variable>

  <!--
    Failure notices: the publicity an objection interrupted and the
    resolution that upheld it (R6b), when the failure is objection-upheld.
  -->
  <xsl:variable name="upheld-resolution"
		select="$result/preceding-sibling::e:resolution[@upheld = 'true'][1]"/>
  <xsl:variable name="last-publicity"
		select="$result/preceding-sibling::e:publicity[1]"/>

  <!--
    The reasons of a failure that call for advice, one per distinct
    dimension: dimension-not-met names it, score-knowledge and score-ethics
    imply it.
  -->
  <xsl:variable name="advised-dimensions">
    <xsl:for-each select="$result/e:reason">
      <xsl:choose>
	<xsl:when test="@code = 'dimension-not-met' and normalize-space(@dimension) != ''">
	  <xsl:value-of select="concat(' ', normalize-space(@dimension), ' ')"/>
	</xsl:when>
	<xsl:when test="@code = 'score-knowledge'"> knowledge </xsl:when>
	<xsl:when test="@code = 'score-ethics'"> ethics </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:variable>

  <xsl:variable name="scores" select="$result[self::e:interview]/e:score"/>

  <xsl:template match="/" mode="letter">
    <xsl:call-template name="require-later-notice">
      <xsl:with-param name="kind" select="'failed'"/>
      <xsl:with-param name="results" select="' review:failed interview:failed publicityEnd:failed '"/>
    </xsl:call-template>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'failed'"/>
      <xsl:with-param name="title" select="'评价结果通知（未通过）'"/>
      <xsl:with-param name="body">
	<xsl:call-template name="failed-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="failed-body">
    <l:paragraph><xsl:call-template name="failed-opening"/></l:paragraph>

    <l:section>
      <l:heading>一、未通过的原因</l:heading>
      <xsl:choose>
	<xsl:when test="$result/e:reason">
	  <xsl:call-template name="letter-reasons">
	    <xsl:with-param name="reasons" select="$result/e:reason"/>
	  </xsl:call-template>
	</xsl:when>
	<xsl:otherwise>
	  <l:paragraph>评价结论未附具体原因。如需了解详细情况，请与本学会联系。</l:paragraph>
	</xsl:otherwise>
      </xsl:choose>
    </l:section>

    <xsl:if test="$scores">
      <l:section>
	<l:heading>二、面试成绩</l:heading>
	<xsl:call-template name="score-table"/>
      </l:section>
    </xsl:if>

    <l:section>
      <l:heading>
	<xsl:choose>
	  <xsl:when test="$scores">三、</xsl:when>
	  <xsl:otherwise>二、</xsl:otherwise>
	</xsl:choose>
	<xsl:text>改进建议与今后的申请</xsl:text>
      </l:heading>
      <l:list class="notes advice">
	<xsl:call-template name="advice-items"/>
      </l:list>
      <l:paragraph>
	<xsl:if test="$result/e:reason[@code = 'objection-upheld']">
	  <xsl:text>除因提供虚假材料等情形被取消申请资格外，</xsl:text>
	</xsl:if>
	<xsl:text>您可以在进一步提升能力、完善材料后，参加今后批次的工程能力评价。届时请重新提出申请，并提交一份完整的申请材料。</xsl:text>
      </l:paragraph>
    </l:section>

    <l:section>
      <l:heading>
	<xsl:choose>
	  <xsl:when test="$scores">四、</xsl:when>
	  <xsl:otherwise>三、</xsl:otherwise>
	</xsl:choose>
	<xsl:text>复核与意见反馈</xsl:text>
      </l:heading>
      <xsl:call-template name="final-decision-routes"/>
    </l:section>
  </xsl:template>

  <!-- What was assessed and that the evaluation did not pass. -->
  <xsl:template name="failed-opening">
    <xsl:text>您的</xsl:text>
    <xsl:call-template name="application-phrase"/>
    <xsl:choose>
      <xsl:when test="$result[self::e:review]">
	<xsl:value-of select="concat('已于', $decided-date, '完成材料审查。')"/>
	<xsl:text>审查考官对照工程会员素质能力五个方面的要求审阅了您的申请材料，认为材料未能证明您在下列方面达到所申请级别的要求。经审查，您本次工程能力评价未能通过。</xsl:text>
      </xsl:when>
      <xsl:when test="$result[self::e:interview]">
	<xsl:text>已于</xsl:text>
	<xsl:value-of select="$decided-date"/>
	<xsl:text>完成面试考核。面试考官根据您的陈述和回答情况，对工程会员素质能力的五个方面进行了评分。经评定，您的面试成绩未达到通过标准，本次工程能力评价未能通过。</xsl:text>
      </xsl:when>
      <xsl:otherwise>
	<xsl:text>经评价合格后</xsl:text>
	<xsl:if test="$last-publicity">
	  <xsl:text>，于</xsl:text>
	  <xsl:call-template name="chinese-date">
	    <xsl:with-param name="iso" select="$last-publicity/@begins"/>
	  </xsl:call-template>
	  <xsl:text>至</xsl:text>
	  <xsl:call-template name="chinese-date">
	    <xsl:with-param name="iso" select="$last-publicity/@ends"/>
	  </xsl:call-template>
	</xsl:if>
	<xsl:text>进行了公示。公示期间本学会收到异议，经调查核实，异议成立</xsl:text>
	<xsl:if test="normalize-space($upheld-resolution/@reference) != ''">
	  <xsl:value-of select="concat('（异议编号：', normalize-space($upheld-resolution/@reference), '）')"/>
	</xsl:if>
	<xsl:text>。根据工程能力评价的有关规定，您本次工程能力评价未能通过，不予颁发工程会员证书。</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    The interview's five dimensions and the total, as the stage scored
    them: name, points, maximum, minimum (— when the dimension has none;
    "-" in the text letter) and a remark; the total under a rule.
  -->
  <xsl:template name="score-table">
    <l:table class="data scores">
      <l:columns>
	<l:column width="24">评价内容</l:column>
	<l:column width="6" align="right">得分</l:column>
	<l:column width="6" align="right">满分</l:column>
	<l:column width="10" align="right">最低要求</l:column>
	<l:column>说明</l:column>
      </l:columns>
      <xsl:for-each select="$scores">
	<xsl:variable name="short"
		      select="normalize-space(@min) != '' and number(@points) &lt; number(@min)"/>
	<l:row>
	  <xsl:if test="$short"><xsl:attribute name="class">short</xsl:attribute></xsl:if>
	  <l:cell>
	    <xsl:call-template name="dimension-name">
	      <xsl:with-param name="code" select="normalize-space(@dimension)"/>
	    </xsl:call-template>
	  </l:cell>
	  <l:cell class="number"><xsl:value-of select="@points"/></l:cell>
	  <l:cell class="number"><xsl:value-of select="@max"/></l:cell>
	  <xsl:choose>
	    <xsl:when test="normalize-space(@min) != ''">
	      <l:cell class="number"><xsl:value-of select="@min"/></l:cell>
	    </xsl:when>
	    <xsl:otherwise><l:cell class="number" plain="-">—</l:cell></xsl:otherwise>
	  </xsl:choose>
	  <l:cell>
	    <xsl:if test="$short">低于最低要求</xsl:if>
	  </l:cell>
	</l:row>
      </xsl:for-each>
      <xsl:variable name="short-total"
		    select="number($result/@total) &lt; number($result/@passTotal)"/>
      <l:row rule="above">
	<xsl:attribute name="class">
	  <xsl:text>total</xsl:text>
	  <xsl:if test="$short-total"> short</xsl:if>
	</xsl:attribute>
	<l:cell>总分</l:cell>
	<l:cell class="number"><xsl:value-of select="$result/@total"/></l:cell>
	<l:cell class="number"><xsl:value-of select="sum($scores/@max)"/></l:cell>
	<l:cell class="number"><xsl:value-of select="$result/@passTotal"/></l:cell>
	<l:cell>
	  <xsl:if test="$short-total">低于合格标准</xsl:if>
	</l:cell>
      </l:row>
    </l:table>
  </xsl:template>

  <xsl:template name="advice-items">
    <xsl:call-template name="advice-dimensions">
      <xsl:with-param name="codes" select="$dimension-codes"/>
    </xsl:call-template>
    <xsl:if test="$result/e:reason[@code = 'score-total' or @code = 'score-knowledge' or @code = 'score-ethics']">
      <l:item>面试准备：建议围绕 2 至 3 个本人承担的具体工程项目准备陈述，突出本人在项目中的作用和贡献，并针对五个方面的能力要求准备实例，回答考官提问时做到具体、准确。</l:item>
    </xsl:if>
    <xsl:if test="$result/e:reason[@code = 'objection-upheld']">
      <l:item>如您对异议的核查结论有不同意见，或有需要说明的情况，请与本学会联系。</l:item>
    </xsl:if>
    <l:item>建议您对照工程能力评价通用规范和本领域专业规范的要求，在工作中有针对性地提升能力，并完整保存能证明本人工作和贡献的材料。</l:item>
  </xsl:template>

  <!-- One advice item per advised dimension, in the order of CODES. -->
  <xsl:template name="advice-dimensions">
    <xsl:param name="codes"/>
    <xsl:variable name="code" select="substring-before(concat(normalize-space($codes), ' '), ' ')"/>
    <xsl:if test="$code != ''">
      <xsl:if test="contains($advised-dimensions, concat(' ', $code, ' '))">
	<l:item>
	  <xsl:call-template name="dimension-advice">
	    <xsl:with-param name="code" select="$code"/>
	  </xsl:call-template>
	</l:item>
      </xsl:if>
      <xsl:call-template name="advice-dimensions">
	<xsl:with-param name="codes" select="substring-after(normalize-space($codes), ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
