<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-failed.xsl - the result notice of a failed evaluation
  (评价结果通知（未通过）) as XHTML for print.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  The result before the notice is a failed material review (every dimension
  not met, R4), a failed interview (every threshold missed, R5, with the
  table of the five dimensions' points, maxima and minima and the total
  against the pass mark) or the end of a publicity whose objection was
  upheld (R6b). The letter gives every reason, advice to improve, and says
  that the applicant may apply again in a later batch (Q19, Q20). Shared
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

  <xsl:variable name="title" select="'评价结果通知（未通过）'"/>

  <xsl:variable name="scores" select="$result[self::e:interview]/e:score"/>

  <xsl:template match="/">
    <xsl:call-template name="require-later-notice">
      <xsl:with-param name="kind" select="'failed'"/>
      <xsl:with-param name="results" select="' review:failed interview:failed publicityEnd:failed '"/>
    </xsl:call-template>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="failed-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="failed-body">
    <p><xsl:call-template name="failed-opening"/></p>

    <h2>一、未通过的原因</h2>
    <xsl:choose>
      <xsl:when test="$result/e:reason">
	<xsl:call-template name="html-reasons">
	  <xsl:with-param name="reasons" select="$result/e:reason"/>
	</xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
	<p>评价结论未附具体原因。如需了解详细情况，请与本学会联系。</p>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:if test="$scores">
      <h2>二、面试成绩</h2>
      <xsl:call-template name="score-table"/>
    </xsl:if>

    <h2>
      <xsl:choose>
	<xsl:when test="$scores">三、</xsl:when>
	<xsl:otherwise>二、</xsl:otherwise>
      </xsl:choose>
      <xsl:text>改进建议</xsl:text>
    </h2>
    <ul class="notes advice">
      <xsl:call-template name="advice-items"/>
    </ul>

    <h2>
      <xsl:choose>
	<xsl:when test="$scores">四、</xsl:when>
	<xsl:otherwise>三、</xsl:otherwise>
      </xsl:choose>
      <xsl:text>今后的申请</xsl:text>
    </h2>
    <p><xsl:call-template name="failed-future"/></p>
  </xsl:template>

  <!-- What was assessed and that the evaluation did not pass. -->
  <xsl:template name="failed-opening">
    <xsl:text>您的</xsl:text>
    <xsl:call-template name="application-phrase"/>
    <xsl:choose>
      <xsl:when test="$result[self::e:review]">
	<xsl:text>已完成材料审查。审查考官对照工程会员素质能力五个方面的要求审阅了您的申请材料，认为材料未能证明您在下列方面达到所申请级别的要求。经审查，您本次工程能力评价未能通过。</xsl:text>
      </xsl:when>
      <xsl:when test="$result[self::e:interview]">
	<xsl:text>已于</xsl:text>
	<xsl:value-of select="$result-date"/>
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

  <!-- The interview's five dimensions and the total, as the stage scored them. -->
  <xsl:template name="score-table">
    <table class="data scores">
      <thead>
	<tr>
	  <th scope="col">评价内容</th>
	  <th scope="col">得分</th>
	  <th scope="col">满分</th>
	  <th scope="col">最低要求</th>
	  <th scope="col">说明</th>
	</tr>
      </thead>
      <tbody>
	<xsl:for-each select="$scores">
	  <xsl:variable name="short"
			select="normalize-space(@min) != '' and number(@points) &lt; number(@min)"/>
	  <tr>
	    <xsl:if test="$short"><xsl:attribute name="class">short</xsl:attribute></xsl:if>
	    <td>
	      <xsl:call-template name="dimension-name">
		<xsl:with-param name="code" select="normalize-space(@dimension)"/>
	      </xsl:call-template>
	    </td>
	    <td class="number"><xsl:value-of select="@points"/></td>
	    <td class="number"><xsl:value-of select="@max"/></td>
	    <td class="number">
	      <xsl:choose>
		<xsl:when test="normalize-space(@min) != ''"><xsl:value-of select="@min"/></xsl:when>
		<xsl:otherwise>—</xsl:otherwise>
	      </xsl:choose>
	    </td>
	    <td>
	      <xsl:if test="$short">低于最低要求</xsl:if>
	    </td>
	  </tr>
	</xsl:for-each>
	<xsl:variable name="short-total"
		      select="number($result/@total) &lt; number($result/@passTotal)"/>
	<tr>
	  <xsl:attribute name="class">
	    <xsl:text>total</xsl:text>
	    <xsl:if test="$short-total"> short</xsl:if>
	  </xsl:attribute>
	  <td>总分</td>
	  <td class="number"><xsl:value-of select="$result/@total"/></td>
	  <td class="number"><xsl:value-of select="sum($scores/@max)"/></td>
	  <td class="number"><xsl:value-of select="$result/@passTotal"/></td>
	  <td>
	    <xsl:if test="$short-total">低于合格标准</xsl:if>
	  </td>
	</tr>
      </tbody>
    </table>
    <p>
      <xsl:text>面试通过须同时满足：总分不低于 </xsl:text>
      <xsl:value-of select="$result/@passTotal"/>
      <xsl:text> 分，且表中列有最低要求的各项得分均不低于该要求。</xsl:text>
    </p>
  </xsl:template>

  <xsl:template name="advice-items">
    <xsl:call-template name="advice-dimensions">
      <xsl:with-param name="codes" select="$dimension-codes"/>
    </xsl:call-template>
    <xsl:if test="$result/e:reason[@code = 'score-total' or @code = 'score-knowledge' or @code = 'score-ethics']">
      <li>面试准备：建议围绕 2 至 3 个本人承担的具体工程项目准备陈述，突出本人在项目中的作用和贡献，并针对五个方面的能力要求准备实例，回答考官提问时做到具体、准确。</li>
    </xsl:if>
    <xsl:if test="$result/e:reason[@code = 'objection-upheld']">
      <li>如您对异议的核查结论有不同意见，或有需要说明的情况，请与本学会联系。</li>
    </xsl:if>
    <li>建议您对照工程能力评价通用规范和本领域专业规范的要求，在工作中有针对性地提升能力，并完整保存能证明本人工作和贡献的材料。</li>
  </xsl:template>

  <!-- One advice item per advised dimension, in the order of CODES. -->
  <xsl:template name="advice-dimensions">
    <xsl:param name="codes"/>
    <xsl:variable name="code" select="substring-before(concat(normalize-space($codes), ' '), ' ')"/>
    <xsl:if test="$code != ''">
      <xsl:if test="contains($advised-dimensions, concat(' ', $code, ' '))">
	<li>
	  <xsl:call-template name="dimension-advice">
	    <xsl:with-param name="code" select="$code"/>
	  </xsl:call-template>
	</li>
      </xsl:if>
      <xsl:call-template name="advice-dimensions">
	<xsl:with-param name="codes" select="substring-after(normalize-space($codes), ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="failed-future">
    <xsl:if test="$result/e:reason[@code = 'objection-upheld']">
      <xsl:text>除因提供虚假材料等情形被取消申请资格外，</xsl:text>
    </xsl:if>
    <xsl:text>您可以在进一步提升能力、完善材料后，参加今后批次的工程能力评价。届时请重新提出申请，并提交一份完整的申请材料。</xsl:text>
  </xsl:template>

</xsl:stylesheet>
