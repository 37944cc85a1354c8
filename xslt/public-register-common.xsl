<?xml version="1.0" encoding="UTF-8"?>
<!--
  public-register-common.xsl - what the pages of the public register site
  (public-register-index.xsl, public-register-certificate.xsl) share: the
  style, the names of certificate statuses, the table of the society's
  public keys. Self-contained: it imports nothing.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:variable name="register" select="/e:publicRegister"/>
  <xsl:variable name="society-name" select="normalize-space($register/@societyName)"/>
  <xsl:variable name="society-name-en" select="normalize-space($register/@societyNameEn)"/>

  <xsl:template name="site-css">
    body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif; margin: 0; color: #222; background: #fffdf6; }
    main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
    h1 { color: #8b1a1a; font-size: 1.6rem; margin-bottom: 0.2rem; }
    .en { color: #555; font-size: 0.9em; }
    table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
    th, td { border-bottom: 1px solid #ddd; padding: 0.4rem; text-align: left; vertical-align: top; }
    th { background: #f6ecd2; }
    .status { font-weight: bold; }
    .status-valid { color: #1a6b1a; }
    .status-suspended, .status-expired, .status-superseded { color: #a86a00; }
    .status-cancelled, .status-revoked { color: #b00000; }
    .fingerprint { font-family: monospace; word-break: break-all; }
    form input[type=search] { font-size: 1.1rem; width: 24rem; max-width: 80%; }
    footer { color: #555; font-size: 0.85rem; margin-top: 2rem; }
  </xsl:template>

  <xsl:template name="status-name">
    <xsl:param name="status"/>
    <xsl:choose>
      <xsl:when test="$status = 'valid'">有效 Valid</xsl:when>
      <xsl:when test="$status = 'suspended'">暂停 Suspended</xsl:when>
      <xsl:when test="$status = 'cancelled'">注销 Cancelled</xsl:when>
      <xsl:when test="$status = 'revoked'">撤销 Revoked</xsl:when>
      <xsl:when test="$status = 'expired'">过期 Expired</xsl:when>
      <xsl:when test="$status = 'superseded'">已换发 Superseded</xsl:when>
      <xsl:otherwise><xsl:value-of select="$status"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="as-of">
    <p class="as-of">数据截至 <span class="en">Data as of</span>
      <xsl:text> </xsl:text><time id="as-of"><xsl:value-of select="$register/@asOf"/></time></p>
  </xsl:template>

  <!-- The society's public keys (formats.md §6), paths relative to register/;
       with-dates: also the run dates each signed (not on a certificate's
       page, which would then change with every run). -->
  <xsl:template name="keys">
    <xsl:param name="with-dates" select="true()"/>
    <h2>签名公钥 <span class="en">Public signing keys</span></h2>
    <p>本登记册、证书和变更报告均带有学会的 XML 数字签名，可用下列公钥离线核验（ecap verify 或 xmlsec1）。
      <span class="en">The register, the certificates and the reports of changes carry the society's
      XML signature; verify them offline with these keys.</span></p>
    <table class="keys">
      <tr><th>名称 Name</th><th>SHA-256 指纹 Fingerprint</th>
	<xsl:if test="$with-dates"><th>签名期间 Signed</th></xsl:if></tr>
      <xsl:for-each select="$register/e:key">
	<tr>
	  <td><a href="../keys/{@file}"><xsl:value-of select="@name"/></a></td>
	  <td class="fingerprint"><xsl:value-of select="@fingerprint"/></td>
	  <xsl:if test="$with-dates">
	    <td><xsl:value-of select="concat(@signedFrom, ' – ', @signedTo)"/></td>
	  </xsl:if>
	</tr>
      </xsl:for-each>
    </table>
  </xsl:template>

</xsl:stylesheet>
