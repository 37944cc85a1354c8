<?xml version="1.0" encoding="UTF-8"?>
<!--
  baseline-letter.xsl - for bench/baseline.sh: the letter an operator
  without ecap would render from application.xml alone: XHTML naming the
  applicant, the masked ID number, the society, the date, the outcome and
  the problems the script found (parameters outcome, problems, date).
  Much less than ecap's notices (no dossier, no deadline on a calendar, no
  reason texts per rule), which makes the baseline faster, not slower.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">
  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>
  <xsl:param name="outcome" select="'accepted'"/>
  <xsl:param name="problems" select="''"/>
  <xsl:param name="date" select="''"/>

  <xsl:variable name="application" select="/e:application"/>
  <xsl:variable name="id-number" select="normalize-space($application/e:applicant/e:idDocument)"/>

  <xsl:template match="/">
    <html lang="zh-CN">
      <head>
	<meta charset="UTF-8"/>
	<title>工程能力评价申请受理结果通知</title>
	<style>@page { size: A4; margin: 25mm 20mm; } body { font-family: serif; }</style>
      </head>
      <body>
	<h1>工程能力评价申请受理结果通知</h1>
	<p><xsl:value-of select="$application/e:applicant/e:name"/>：</p>
	<p>
	  <xsl:text>您（证件号码 </xsl:text>
	  <xsl:value-of select="concat(substring($id-number, 1, 3), '***********',
				substring($id-number, string-length($id-number) - 3))"/>
	  <xsl:text>）提交的申请（编号 </xsl:text>
	  <xsl:value-of select="$application/@id"/>
	  <xsl:text>）经形式审查，结果为：</xsl:text>
	  <strong>
	    <xsl:choose>
	      <xsl:when test="$outcome = 'accepted'">受理，进入材料审查</xsl:when>
	      <xsl:otherwise>退回补正</xsl:otherwise>
	    </xsl:choose>
	  </strong>
	  <xsl:text>。</xsl:text>
	</p>
	<xsl:if test="$problems != ''">
	  <p>需要补正的问题：<xsl:value-of select="$problems"/></p>
	</xsl:if>
	<p class="signature">
	  <xsl:text>中国电机工程学会</xsl:text><br/>
	  <xsl:value-of select="$date"/>
	</p>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
