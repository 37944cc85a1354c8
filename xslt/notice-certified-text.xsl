<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-certified-text.xsl - the pass and certificate notice (评价通过及发证
  通知; for a re-registration 再注册及换发证书通知) as plain text (UTF-8,
  lines of at most about 72 columns), the e-mail twin of
  notice-certified.xsl, with the same content.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="title">
    <xsl:choose>
      <xsl:when test="$certification-kind = 'reregistration'">再注册及换发证书通知</xsl:when>
      <xsl:otherwise>评价通过及发证通知</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:call-template name="require-later-notice">
      <xsl:with-param name="kind" select="'certified'"/>
      <xsl:with-param name="results" select="' certification '"/>
    </xsl:call-template>
    <xsl:call-template name="text-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="certified-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="certified-body">
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:call-template name="certified-opening"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$certification-kind != 'reregistration'">
      <xsl:call-template name="text-paragraph">
	<xsl:with-param name="text">祝贺您！感谢您对工程能力评价工作的支持。</xsl:with-param>
      </xsl:call-template>
    </xsl:if>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'一、证书信息'"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">持 证 人</xsl:with-param>
      <xsl:with-param name="value" select="$addressee"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">会员级别</xsl:with-param>
      <xsl:with-param name="value">
	<xsl:call-template name="certificate-level-phrase"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">技术领域</xsl:with-param>
      <xsl:with-param name="value" select="$field-name"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">注册编号</xsl:with-param>
      <xsl:with-param name="value" select="normalize-space($result/@registration)"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">证书编号</xsl:with-param>
      <xsl:with-param name="value" select="normalize-space($result/@serial)"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">发证日期</xsl:with-param>
      <xsl:with-param name="value">
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$result/@issued"/>
	</xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">有效期至</xsl:with-param>
      <xsl:with-param name="value">
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$result/@expires"/>
	</xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">验 证 码</xsl:with-param>
      <xsl:with-param name="value" select="normalize-space($result/@verification)"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">电子证书</xsl:with-param>
      <xsl:with-param name="value">
	<xsl:call-template name="certificate-file-name"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>

    <xsl:if test="$cpd-years">
      <xsl:call-template name="text-heading">
	<xsl:with-param name="text" select="'二、持续职业发展审查情况'"/>
      </xsl:call-template>
      <xsl:call-template name="text-paragraph">
	<xsl:with-param name="text">再注册审查了您原证书有效期内每一年度的持续职业发展活动学时，结果如下：</xsl:with-param>
      </xsl:call-template>
      <xsl:for-each select="$cpd-years">
	<xsl:call-template name="text-item">
	  <xsl:with-param name="marker" select="'-'"/>
	  <xsl:with-param name="text">
	    <xsl:value-of select="concat('第 ', @year, ' 年（')"/>
	    <xsl:call-template name="cpd-period"/>
	    <xsl:value-of select="concat('）：认定 ', @hours, ' 学时，要求 ', @required, ' 学时，')"/>
	    <xsl:call-template name="cpd-verdict"/>
	    <xsl:text>。</xsl:text>
	  </xsl:with-param>
	</xsl:call-template>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text">
	<xsl:call-template name="section-number">
	  <xsl:with-param name="n" select="2"/>
	</xsl:call-template>
	<xsl:text>证书的使用与查验</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'-'"/>
      <xsl:with-param name="text">
	<xsl:call-template name="certificate-use-issued"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'-'"/>
      <xsl:with-param name="text" select="$certificate-use-check"/>
    </xsl:call-template>
    <xsl:if test="$certification-kind = 'upgrade' or $certification-kind = 'reregistration'">
      <xsl:call-template name="text-item">
	<xsl:with-param name="marker" select="'-'"/>
	<xsl:with-param name="text" select="$certificate-use-replaced"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'-'"/>
      <xsl:with-param name="text" select="$certificate-use-public"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text">
	<xsl:call-template name="section-number">
	  <xsl:with-param name="n" select="3"/>
	</xsl:call-template>
	<xsl:text>持续职业发展要求</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text" select="$cpd-reminder"/>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:call-template name="cpd-reminder-renewal"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- 二、 / 三、 ... shifted by one when the CPD section is shown. -->
  <xsl:template name="section-number">
    <xsl:param name="n"/>
    <xsl:value-of select="substring('一二三四五六', $n + count($cpd-years[1]), 1)"/>
    <xsl:text>、</xsl:text>
  </xsl:template>

</xsl:stylesheet>
