<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-certified.xsl - the pass and certificate notice (评价通过及发证通知;
  for a re-registration 再注册及换发证书通知) as XHTML for print.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  The result before the notice is the certification (R7): the letter gives
  the certificate's registration number, serial, level, issue and expiry
  dates, verification code and file name, the CPD record that a
  re-registration was decided on (R8), and the yearly CPD obligation
  (50 credit hours, Q22). Shared parts: notice-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>

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
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="certified-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="certified-body">
    <p><xsl:call-template name="certified-opening"/></p>
    <xsl:if test="$certification-kind != 'reregistration'">
      <p>祝贺您！感谢您对工程能力评价工作的支持。</p>
    </xsl:if>

    <h2>一、证书信息</h2>
    <table class="data certificate">
      <tbody>
	<xsl:call-template name="certificate-row">
	  <xsl:with-param name="label" select="'持证人'"/>
	  <xsl:with-param name="value" select="$addressee"/>
	</xsl:call-template>
	<xsl:call-template name="certificate-row">
	  <xsl:with-param name="label" select="'会员级别'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="certificate-level-phrase"/>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="certificate-row">
	  <xsl:with-param name="label" select="'工程技术领域'"/>
	  <xsl:with-param name="value" select="$field-name"/>
	</xsl:call-template>
	<xsl:call-template name="certificate-row">
	  <xsl:with-param name="label" select="'注册编号'"/>
	  <xsl:with-param name="value" select="normalize-space($result/@registration)"/>
	  <xsl:with-param name="class" select="'code'"/>
	</xsl:call-template>
	<xsl:call-template name="certificate-row">
	  <xsl:with-param name="label" select="'证书编号'"/>
	  <xsl:with-param name="value" select="normalize-space($result/@serial)"/>
	  <xsl:with-param name="class" select="'code'"/>
	</xsl:call-template>
	<xsl:call-template name="certificate-row">
	  <xsl:with-param name="label" select="'发证日期'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="chinese-date">
	      <xsl:with-param name="iso" select="$result/@issued"/>
	    </xsl:call-template>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="certificate-row">
	  <xsl:with-param name="label" select="'有效期至'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="chinese-date">
	      <xsl:with-param name="iso" select="$result/@expires"/>
	    </xsl:call-template>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="certificate-row">
	  <xsl:with-param name="label" select="'证书验证码'"/>
	  <xsl:with-param name="value" select="normalize-space($result/@verification)"/>
	  <xsl:with-param name="class" select="'code'"/>
	</xsl:call-template>
	<xsl:call-template name="certificate-row">
	  <xsl:with-param name="label" select="'电子证书文件'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="certificate-file-name"/>
	  </xsl:with-param>
	</xsl:call-template>
      </tbody>
    </table>

    <xsl:if test="$cpd-years">
      <h2>二、持续职业发展审查情况</h2>
      <p>再注册审查了您原证书有效期内每一年度的持续职业发展活动学时，结果如下：</p>
      <table class="data cpd">
	<thead>
	  <tr>
	    <th scope="col">年度</th>
	    <th scope="col">期间</th>
	    <th scope="col">认定学时</th>
	    <th scope="col">要求学时</th>
	    <th scope="col">结论</th>
	  </tr>
	</thead>
	<tbody>
	  <xsl:for-each select="$cpd-years">
	    <tr>
	      <td><xsl:value-of select="concat('第 ', @year, ' 年')"/></td>
	      <td><xsl:call-template name="cpd-period"/></td>
	      <td class="number"><xsl:value-of select="@hours"/></td>
	      <td class="number"><xsl:value-of select="@required"/></td>
	      <td><xsl:call-template name="cpd-verdict"/></td>
	    </tr>
	  </xsl:for-each>
	</tbody>
      </table>
    </xsl:if>

    <h2>
      <xsl:call-template name="section-number">
	<xsl:with-param name="n" select="2"/>
      </xsl:call-template>
      <xsl:text>证书的使用与查验</xsl:text>
    </h2>
    <ul class="notes">
      <li><xsl:call-template name="certificate-use-issued"/></li>
      <li><xsl:value-of select="$certificate-use-check"/></li>
      <xsl:if test="$certification-kind = 'upgrade' or $certification-kind = 'reregistration'">
	<li><xsl:value-of select="$certificate-use-replaced"/></li>
      </xsl:if>
      <li><xsl:value-of select="$certificate-use-public"/></li>
    </ul>

    <h2>
      <xsl:call-template name="section-number">
	<xsl:with-param name="n" select="3"/>
      </xsl:call-template>
      <xsl:text>持续职业发展要求</xsl:text>
    </h2>
    <p><xsl:value-of select="$cpd-reminder"/></p>
    <p><xsl:call-template name="cpd-reminder-renewal"/></p>
  </xsl:template>

  <xsl:template name="certificate-row">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="class" select="''"/>
    <xsl:if test="normalize-space($value) != ''">
      <tr>
	<th scope="row"><xsl:value-of select="$label"/></th>
	<td>
	  <xsl:choose>
	    <xsl:when test="$class != ''">
	      <span class="{$class}"><xsl:value-of select="$value"/></span>
	    </xsl:when>
	    <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
	  </xsl:choose>
	</td>
      </tr>
    </xsl:if>
  </xsl:template>

  <!-- 二、 / 三、 ... shifted by one when the CPD section is shown. -->
  <xsl:template name="section-number">
    <xsl:param name="n"/>
    <xsl:variable name="shown" select="$n + count($cpd-years[1])"/>
    <xsl:value-of select="substring('一二三四五六', $shown, 1)"/>
    <xsl:text>、</xsl:text>
  </xsl:template>

</xsl:stylesheet>
