<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-failed-text.xsl - the result notice of a failed evaluation
  (评价结果通知（未通过）) as plain text (UTF-8, lines of at most about 72
  columns), the e-mail twin of notice-failed.xsl, with the same content; the
  interview's scores as a table aligned in columns.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="title" select="'评价结果通知（未通过）'"/>

  <xsl:variable name="scores" select="$result[self::e:interview]/e:score"/>

  <xsl:template match="/">
    <xsl:call-template name="require-later-notice">
      <xsl:with-param name="kind" select="'failed'"/>
      <xsl:with-param name="results" select="' review:failed interview:failed publicityEnd:failed '"/>
    </xsl:call-template>
    <xsl:call-template name="text-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="failed-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="failed-body">
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:call-template name="failed-opening"/>
      </xsl:with-param>
    </xsl:call-template>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'一、未通过的原因'"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="$result/e:reason">
	<xsl:call-template name="text-reasons">
	  <xsl:with-param name="reasons" select="$result/e:reason"/>
	</xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="text-paragraph">
	  <xsl:with-param name="text">评价结论未附具体原因。如需了解详细情况，请与本学会联系。</xsl:with-param>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:if test="$scores">
      <xsl:call-template name="text-heading">
	<xsl:with-param name="text" select="'二、面试成绩'"/>
      </xsl:call-template>
      <xsl:call-template name="score-table"/>
    </xsl:if>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text">
	<xsl:choose>
	  <xsl:when test="$scores">三、</xsl:when>
	  <xsl:otherwise>二、</xsl:otherwise>
	</xsl:choose>
	<xsl:text>改进建议</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="advice-items"/>
    <xsl:text>&#10;</xsl:text>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text">
	<xsl:choose>
	  <xsl:when test="$scores">四、</xsl:when>
	  <xsl:otherwise>三、</xsl:otherwise>
	</xsl:choose>
	<xsl:text>今后的申请</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:if test="$result/e:reason[@code = 'objection-upheld']">
	  <xsl:text>除因提供虚假材料等情形被取消申请资格外，</xsl:text>
	</xsl:if>
	<xsl:text>您可以在进一步提升能力、完善材料后，参加今后批次的工程能力评价。届时请重新提出申请，并提交一份完整的申请材料。</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

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

  <!-- TEXT padded with spaces to COLUMNS (CJK counting two), left or right. -->
  <xsl:template name="text-cell">
    <xsl:param name="text"/>
    <xsl:param name="columns"/>
    <xsl:param name="align" select="'left'"/>
    <xsl:variable name="used"
		  select="string-length($text)
			  + string-length(translate($text, $narrow-characters, ''))"/>
    <xsl:variable name="padding">
      <xsl:if test="$used &lt; $columns">
	<xsl:value-of select="substring($spaces, 1, $columns - $used)"/>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$align = 'right'"><xsl:value-of select="concat($padding, $text)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($text, $padding)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One row: name (24 columns), three numbers (6, 6, 10), a remark. -->
  <xsl:template name="score-row">
    <xsl:param name="name"/>
    <xsl:param name="points"/>
    <xsl:param name="max"/>
    <xsl:param name="min"/>
    <xsl:param name="remark"/>
    <xsl:variable name="row">
      <xsl:text>  </xsl:text>
      <xsl:call-template name="text-cell">
	<xsl:with-param name="text" select="$name"/>
	<xsl:with-param name="columns" select="24"/>
      </xsl:call-template>
      <xsl:call-template name="text-cell">
	<xsl:with-param name="text" select="$points"/>
	<xsl:with-param name="columns" select="6"/>
	<xsl:with-param name="align" select="'right'"/>
      </xsl:call-template>
      <xsl:call-template name="text-cell">
	<xsl:with-param name="text" select="$max"/>
	<xsl:with-param name="columns" select="6"/>
	<xsl:with-param name="align" select="'right'"/>
      </xsl:call-template>
      <xsl:call-template name="text-cell">
	<xsl:with-param name="text" select="$min"/>
	<xsl:with-param name="columns" select="10"/>
	<xsl:with-param name="align" select="'right'"/>
      </xsl:call-template>
      <xsl:if test="$remark != ''">
	<xsl:value-of select="concat('  ', $remark)"/>
      </xsl:if>
    </xsl:variable>
    <xsl:call-template name="text-trim-end">
      <xsl:with-param name="text" select="$row"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="score-table">
    <xsl:call-template name="score-row">
      <xsl:with-param name="name" select="'评价内容'"/>
      <xsl:with-param name="points" select="'得分'"/>
      <xsl:with-param name="max" select="'满分'"/>
      <xsl:with-param name="min" select="'最低要求'"/>
      <xsl:with-param name="remark" select="'说明'"/>
    </xsl:call-template>
    <xsl:value-of select="concat('  ', substring($text-rule-light, 1, 60), '&#10;')"/>
    <xsl:for-each select="$scores">
      <xsl:variable name="short"
		    select="normalize-space(@min) != '' and number(@points) &lt; number(@min)"/>
      <xsl:call-template name="score-row">
	<xsl:with-param name="name">
	  <xsl:call-template name="dimension-name">
	    <xsl:with-param name="code" select="normalize-space(@dimension)"/>
	  </xsl:call-template>
	</xsl:with-param>
	<xsl:with-param name="points" select="string(@points)"/>
	<xsl:with-param name="max" select="string(@max)"/>
	<xsl:with-param name="min">
	  <xsl:choose>
	    <xsl:when test="normalize-space(@min) != ''"><xsl:value-of select="@min"/></xsl:when>
	    <xsl:otherwise>-</xsl:otherwise>
	  </xsl:choose>
	</xsl:with-param>
	<xsl:with-param name="remark">
	  <xsl:if test="$short">低于最低要求</xsl:if>
	</xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:value-of select="concat('  ', substring($text-rule-light, 1, 60), '&#10;')"/>
    <xsl:call-template name="score-row">
      <xsl:with-param name="name" select="'总分'"/>
      <xsl:with-param name="points" select="string($result/@total)"/>
      <xsl:with-param name="max" select="string(sum($scores/@max))"/>
      <xsl:with-param name="min" select="string($result/@passTotal)"/>
      <xsl:with-param name="remark">
	<xsl:if test="number($result/@total) &lt; number($result/@passTotal)">低于合格标准</xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text"
		      select="concat('面试通过须同时满足：总分不低于 ', $result/@passTotal, ' 分，且表中列有最低要求的各项得分均不低于该要求。')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="advice-items">
    <xsl:call-template name="advice-dimensions">
      <xsl:with-param name="codes" select="$dimension-codes"/>
    </xsl:call-template>
    <xsl:if test="$result/e:reason[@code = 'score-total' or @code = 'score-knowledge' or @code = 'score-ethics']">
      <xsl:call-template name="text-item">
	<xsl:with-param name="marker" select="'-'"/>
	<xsl:with-param name="text">面试准备：建议围绕 2 至 3 个本人承担的具体工程项目准备陈述，突出本人在项目中的作用和贡献，并针对五个方面的能力要求准备实例，回答考官提问时做到具体、准确。</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$result/e:reason[@code = 'objection-upheld']">
      <xsl:call-template name="text-item">
	<xsl:with-param name="marker" select="'-'"/>
	<xsl:with-param name="text">如您对异议的核查结论有不同意见，或有需要说明的情况，请与本学会联系。</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'-'"/>
      <xsl:with-param name="text">建议您对照工程能力评价通用规范和本领域专业规范的要求，在工作中有针对性地提升能力，并完整保存能证明本人工作和贡献的材料。</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="advice-dimensions">
    <xsl:param name="codes"/>
    <xsl:variable name="code" select="substring-before(concat(normalize-space($codes), ' '), ' ')"/>
    <xsl:if test="$code != ''">
      <xsl:if test="contains($advised-dimensions, concat(' ', $code, ' '))">
	<xsl:call-template name="text-item">
	  <xsl:with-param name="marker" select="'-'"/>
	  <xsl:with-param name="text">
	    <xsl:call-template name="dimension-advice">
	      <xsl:with-param name="code" select="$code"/>
	    </xsl:call-template>
	  </xsl:with-param>
	</xsl:call-template>
      </xsl:if>
      <xsl:call-template name="advice-dimensions">
	<xsl:with-param name="codes" select="substring-after(normalize-space($codes), ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
