<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-status.xsl - the letter to a certificate holder about a change of
  the certificate's status (暂停, 恢复, 注销, 撤销, 到期失效) as XHTML for
  print, written to out/notices/<registration>/NN-status.html.

  Rendered from a registerChange document (doc/dossier.md, "Documents
  outside the dossier"), not from a dossier; it takes no parameter. It
  gives the change, its date, the decision's reference and reason, what it
  means for the holder and, for a revocation for fraud, that the holder may
  never apply again (Q14). The holder's ID number is shown only as the
  change's @idMasked.

  The letter parts of notice-common.xsl are reused: the lookups they read
  (society, name, date, reference) are redefined here from the change, which
  takes precedence over the imported definitions.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>

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

  <!-- The letter's reference: registration number and change number. -->
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
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$change-title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="status-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The holder and the certificate, in place of the applicant's particulars. -->
  <xsl:template name="html-particulars">
    <table class="particulars">
      <tbody>
	<tr>
	  <th scope="row">持证人</th>
	  <td>
	    <xsl:choose>
	      <xsl:when test="$applicant-name != ''"><xsl:value-of select="$applicant-name"/></xsl:when>
	      <xsl:otherwise>（姓名不详）</xsl:otherwise>
	    </xsl:choose>
	  </td>
	</tr>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">证件号码</xsl:with-param>
	  <xsl:with-param name="value" select="$register-change/@idMasked"/>
	</xsl:call-template>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">注册编号</xsl:with-param>
	  <xsl:with-param name="value" select="$register-change/@registration"/>
	</xsl:call-template>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">证书编号</xsl:with-param>
	  <xsl:with-param name="value" select="$register-change/@serial"/>
	</xsl:call-template>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">会员级别</xsl:with-param>
	  <xsl:with-param name="value" select="$level-name"/>
	</xsl:call-template>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">工程技术领域</xsl:with-param>
	  <xsl:with-param name="value" select="$field-name"/>
	</xsl:call-template>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">通知日期</xsl:with-param>
	  <xsl:with-param name="value" select="$notice-date"/>
	</xsl:call-template>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="status-body">
    <p><xsl:call-template name="change-opening"/></p>

    <h2>一、变更情况</h2>
    <table class="data change">
      <tbody>
	<xsl:call-template name="change-row">
	  <xsl:with-param name="label" select="'变更事项'"/>
	  <xsl:with-param name="value" select="$change-action-name"/>
	</xsl:call-template>
	<xsl:call-template name="change-row">
	  <xsl:with-param name="label" select="'变更前状态'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="certificate-status-name">
	      <xsl:with-param name="code" select="normalize-space($register-change/@from)"/>
	    </xsl:call-template>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="change-row">
	  <xsl:with-param name="label" select="'变更后状态'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="certificate-status-name">
	      <xsl:with-param name="code" select="normalize-space($register-change/@to)"/>
	    </xsl:call-template>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="change-row">
	  <xsl:with-param name="label" select="'生效日期'"/>
	  <xsl:with-param name="value" select="$notice-date"/>
	</xsl:call-template>
	<xsl:call-template name="change-row">
	  <xsl:with-param name="label" select="'决定文号'"/>
	  <xsl:with-param name="value" select="normalize-space($register-change/@reference)"/>
	</xsl:call-template>
      </tbody>
    </table>

    <xsl:if test="normalize-space($register-change) != ''">
      <h2>二、原因</h2>
      <p><xsl:value-of select="normalize-space($register-change)"/></p>
    </xsl:if>

    <h2>
      <xsl:choose>
	<xsl:when test="normalize-space($register-change) != ''">三、</xsl:when>
	<xsl:otherwise>二、</xsl:otherwise>
      </xsl:choose>
      <xsl:text>有关事项</xsl:text>
    </h2>
    <p><xsl:call-template name="change-effect"/></p>
    <xsl:if test="$change-banned">
      <p class="ban"><strong><xsl:value-of select="$change-ban-text"/></strong></p>
    </xsl:if>
    <p><xsl:value-of select="$change-public-text"/></p>
    <p><xsl:call-template name="change-contact"/></p>
  </xsl:template>

  <xsl:template name="change-row">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:if test="normalize-space($value) != ''">
      <tr>
	<th scope="row"><xsl:value-of select="$label"/></th>
	<td><xsl:value-of select="$value"/></td>
      </tr>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
