<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-status-text.xsl - the letter to a certificate holder about a change
  of the certificate's status as plain text (UTF-8, lines of at most about
  72 columns), the e-mail twin of notice-status.xsl, with the same content.

  Rendered from a registerChange document; it takes no parameter. The
  lookups of notice-common.xsl that the letter parts read are redefined
  here from the change.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- ======================================== lookups, redefined == -->

  <xsl:variable name="society-name" select="normalize-space($register-change/@societyName)"/>
  <xsl:variable name="society-name-en" select="normalize-space($register-change/@societyNameEn)"/>
  <xsl:variable name="applicant-name" select="normalize-space($register-change/@name)"/>
  <xsl:variable name="application-id" select="''"/>

  <xsl:variable name="notice-date">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$register-change/@date"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:variable name="reference">
    <xsl:value-of select="normalize-space($register-change/@registration)"/>
    <xsl:if test="normalize-space($register-change/@seq) != ''">
      <xsl:text>-</xsl:text>
      <xsl:choose>
	<xsl:when test="string(number($register-change/@seq)) != 'NaN'">
	  <xsl:value-of select="format-number($register-change/@seq, '00')"/>
	</xsl:when>
	<xsl:otherwise><xsl:value-of select="$register-change/@seq"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:variable>

  <xsl:variable name="level-name">
    <xsl:call-template name="level-name">
      <xsl:with-param name="code" select="normalize-space($register-change/@level)"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:variable name="field-name">
    <xsl:choose>
      <xsl:when test="normalize-space($register-change/@fieldName) != ''">
	<xsl:value-of select="normalize-space($register-change/@fieldName)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:value-of select="normalize-space($register-change/@field)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- ================================================== the letter == -->

  <xsl:template match="/">
    <xsl:if test="not($register-change)">
      <xsl:message terminate="yes">notice-status: the document is not an ecap registerChange</xsl:message>
    </xsl:if>
    <xsl:call-template name="text-page">
      <xsl:with-param name="title" select="$change-title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="status-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="text-particulars">
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">持 证 人</xsl:with-param>
      <xsl:with-param name="value">
	<xsl:choose>
	  <xsl:when test="$applicant-name != ''"><xsl:value-of select="$applicant-name"/></xsl:when>
	  <xsl:otherwise>（姓名不详）</xsl:otherwise>
	</xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">证件号码</xsl:with-param>
      <xsl:with-param name="value" select="$register-change/@idMasked"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">注册编号</xsl:with-param>
      <xsl:with-param name="value" select="$register-change/@registration"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">证书编号</xsl:with-param>
      <xsl:with-param name="value" select="$register-change/@serial"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">会员级别</xsl:with-param>
      <xsl:with-param name="value" select="$level-name"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">技术领域</xsl:with-param>
      <xsl:with-param name="value" select="$field-name"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">通知日期</xsl:with-param>
      <xsl:with-param name="value" select="$notice-date"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="status-body">
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:call-template name="change-opening"/>
      </xsl:with-param>
    </xsl:call-template>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'一、变更情况'"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">变更事项</xsl:with-param>
      <xsl:with-param name="value" select="$change-action-name"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">原 状 态</xsl:with-param>
      <xsl:with-param name="value">
	<xsl:call-template name="certificate-status-name">
	  <xsl:with-param name="code" select="normalize-space($register-change/@from)"/>
	</xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">现 状 态</xsl:with-param>
      <xsl:with-param name="value">
	<xsl:call-template name="certificate-status-name">
	  <xsl:with-param name="code" select="normalize-space($register-change/@to)"/>
	</xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">生效日期</xsl:with-param>
      <xsl:with-param name="value" select="$notice-date"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">决定文号</xsl:with-param>
      <xsl:with-param name="value" select="normalize-space($register-change/@reference)"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>

    <xsl:if test="normalize-space($register-change) != ''">
      <xsl:call-template name="text-heading">
	<xsl:with-param name="text" select="'二、原因'"/>
      </xsl:call-template>
      <xsl:call-template name="text-paragraph">
	<xsl:with-param name="text" select="$register-change"/>
      </xsl:call-template>
    </xsl:if>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text">
	<xsl:choose>
	  <xsl:when test="normalize-space($register-change) != ''">三、</xsl:when>
	  <xsl:otherwise>二、</xsl:otherwise>
	</xsl:choose>
	<xsl:text>有关事项</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:call-template name="change-effect"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$change-banned">
      <xsl:call-template name="text-paragraph">
	<xsl:with-param name="text" select="$change-ban-text"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text" select="$change-public-text"/>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:call-template name="change-contact"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
