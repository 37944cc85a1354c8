<?xml version="1.0" encoding="UTF-8"?>
<!--
  public-register-certificate.xsl - one certificate's page of the public
  register site, out/public/register/<serial>.html (R11), rendered from a
  publicRegister document holding that one certificate (pipeline/
  public_register.c). R11's fields only: holder's name, level, field,
  society, status, issue and expiry dates, the date the data is as of (from
  as-of.js, so that the page changes only with its certificate), and the
  society's keys. Takes no parameter.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="public-register-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:variable name="certificate" select="$register/e:certificate[1]"/>

  <xsl:template match="/">
    <xsl:if test="not($certificate)">
      <xsl:message terminate="yes">public-register-certificate: no certificate in the document</xsl:message>
    </xsl:if>
    <html lang="zh-CN" xml:lang="zh-CN">
      <head>
	<meta charset="UTF-8"/>
	<meta name="viewport" content="width=device-width, initial-scale=1"/>
	<title><xsl:value-of select="concat($certificate/@serial, ' - ', $society-name)"/></title>
	<style type="text/css"><xsl:call-template name="site-css"/></style>
      </head>
      <body>
	<main>
	  <h1>工程会员证书 <span class="en">Certificate</span>
	    <xsl:text> </xsl:text><xsl:value-of select="$certificate/@serial"/></h1>
	  <p id="status" class="status status-{$certificate/@status}">
	    <xsl:call-template name="status-name">
	      <xsl:with-param name="status" select="$certificate/@status"/>
	    </xsl:call-template>
	  </p>
	  <table class="certificate">
	    <tr><th>持证人 Holder</th><td class="name"><xsl:value-of select="$certificate/@name"/></td></tr>
	    <tr><th>注册编号 Registration No.</th><td class="registration"><xsl:value-of select="$certificate/@registration"/></td></tr>
	    <tr><th>证书编号 Serial</th><td class="serial"><xsl:value-of select="$certificate/@serial"/></td></tr>
	    <tr><th>级别 Level</th><td><xsl:value-of select="concat($certificate/@levelName, ' ', $certificate/@levelNameEn)"/></td></tr>
	    <tr><th>领域 Field</th><td><xsl:value-of select="concat($certificate/@fieldName, ' ', $certificate/@fieldNameEn)"/></td></tr>
	    <tr><th>发证学会 Society</th><td><xsl:value-of select="concat($society-name, ' ', $society-name-en)"/></td></tr>
	    <tr><th>发证日期 Issued</th><td><xsl:value-of select="$certificate/@issued"/></td></tr>
	    <tr><th>有效期至 Expires</th><td><xsl:value-of select="$certificate/@expires"/></td></tr>
	  </table>
	  <!-- the date comes from as-of.js, written with every run's register:
	       this page is rewritten only when its certificate changes -->
	  <p class="as-of">数据截至 <span class="en">Data as of</span>
	    <xsl:text> </xsl:text><time id="as-of">（见查询页 see the search page）</time></p>
	  <script src="as-of.js"><xsl:text> </xsl:text></script>
	  <script>if (window.ECAP_AS_OF) document.getElementById('as-of').textContent = window.ECAP_AS_OF;</script>
	  <p><a href="index.html">查询其他证书 Search the register</a> ·
	    <a href="../register.xml">签名登记册 Signed register (XML)</a></p>
	  <xsl:call-template name="keys">
	    <xsl:with-param name="with-dates" select="false()"/>
	  </xsl:call-template>
	</main>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
