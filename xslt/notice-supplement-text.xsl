<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-supplement-text.xsl - the supplement request (补充材料通知) as plain
  text (UTF-8, lines of at most about 72 columns), the e-mail twin of
  notice-supplement.xsl, with the same content.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="title" select="'补充材料通知'"/>

  <xsl:variable name="requests" select="$result/e:reason[@code = 'review-supplement']"/>

  <xsl:template match="/">
    <xsl:call-template name="require-later-notice">
      <xsl:with-param name="kind" select="'supplement'"/>
      <xsl:with-param name="results" select="' review:supplement '"/>
    </xsl:call-template>
    <xsl:call-template name="text-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="supplement-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="supplement-body">
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:text>您的</xsl:text>
	<xsl:call-template name="application-phrase"/>
	<xsl:text>已进入材料审查阶段</xsl:text>
	<xsl:if test="number($result/@round) &gt; 1">
	  <xsl:value-of select="concat('（第 ', $result/@round, ' 轮材料审查）')"/>
	</xsl:if>
	<xsl:text>。审查考官对照工程会员素质能力五个方面的要求审阅了您的申请材料，认为部分方面的材料尚不足以充分证明您的能力已达到要求。根据工程能力评价的有关规定，现请您补充相关材料，补充后的申请将再次进行材料审查。</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">请注意：本通知不是评价不通过的决定，而是给您补充证明材料的机会。</xsl:with-param>
    </xsl:call-template>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'一、需要补充的材料'"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="$requests">
	<xsl:for-each select="$requests">
	  <xsl:variable name="number" select="concat('  ', position(), '. ')"/>
	  <xsl:variable name="indent" select="substring($spaces, 1, string-length($number))"/>
	  <xsl:call-template name="text-wrap">
	    <xsl:with-param name="text">
	      <xsl:value-of select="concat('第 ', position(), ' 项')"/>
	      <xsl:if test="normalize-space(@dimension) != ''">
		<xsl:text>（涉及：</xsl:text>
		<xsl:call-template name="dimension-name">
		  <xsl:with-param name="code" select="normalize-space(@dimension)"/>
		</xsl:call-template>
		<xsl:text>）</xsl:text>
	      </xsl:if>
	    </xsl:with-param>
	    <xsl:with-param name="first" select="$number"/>
	    <xsl:with-param name="indent" select="$indent"/>
	  </xsl:call-template>
	  <xsl:if test="normalize-space(.) != ''">
	    <xsl:call-template name="text-wrap">
	      <xsl:with-param name="text" select="."/>
	      <xsl:with-param name="first" select="$indent"/>
	      <xsl:with-param name="indent" select="$indent"/>
	    </xsl:call-template>
	  </xsl:if>
	  <xsl:text>&#10;</xsl:text>
	</xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="text-paragraph">
	  <xsl:with-param name="text">审查考官未列出具体要求。请您对照工程会员素质能力五个方面的要求，补充能够证明本人能力的材料。</xsl:with-param>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'二、补充的方式'"/>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'1.'"/>
      <xsl:with-param name="text">请按照上述各项准备补充材料；如有需要，也可同时修改完善工作情况自述和申请表中的相关内容。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'2.'"/>
      <xsl:with-param name="text">请提交一份完整的新材料包，包括申请表和全部佐证材料（此前已提交的材料也请一并放入），而不是只提交新增的部分。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'3.'"/>
      <xsl:with-param name="text">新增的佐证材料请在申请表的佐证材料清单中逐一登记，以便考官查阅。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'4.'"/>
      <xsl:with-param name="text">
	<xsl:text>申请编号保持不变</xsl:text>
	<xsl:if test="$application-id != ''">
	  <xsl:value-of select="concat('，仍为 ', $application-id)"/>
	</xsl:if>
	<xsl:text>，请勿另行编号。</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'5.'"/>
      <xsl:with-param name="text">请通过原来的提交途径提交。</xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
    <xsl:if test="normalize-space($result/@deadline) != ''">
      <xsl:call-template name="text-paragraph">
	<xsl:with-param name="text">
	  <xsl:text>请您在</xsl:text>
	  <xsl:call-template name="chinese-date">
	    <xsl:with-param name="iso" select="$result/@deadline"/>
	  </xsl:call-template>
	  <xsl:text>（含当日）之前提交补充后的材料。</xsl:text>
	</xsl:with-param>
      </xsl:call-template>
    </xsl:if>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'三、后续办理'"/>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">本学会收到您补充后的材料包后，将先进行形式审查；符合要求的，申请将重新进入材料审查，由审查考官审阅您的全部材料后提出审查意见。审查结果本学会将另行书面通知您。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">补充的材料须真实、准确，并符合您签署的《工程会员承诺书》的要求；涉及保密内容的，请在脱密处理后提交。</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
