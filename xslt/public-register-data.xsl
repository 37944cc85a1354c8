<?xml version="1.0" encoding="UTF-8"?>
<!--
  public-register-data.xsl - the data the search page of the public register
  site searches, out/public/register/data.js (and, with the parameter
  part="as-of", out/public/register/as-of.js): a script, not a JSON file, so
  that it loads from file:// as well as from any static server. R11's fields
  only.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="part" select="'data'"/>

  <xsl:variable name="register" select="/e:publicRegister"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$part = 'as-of'">
	<xsl:text>window.ECAP_AS_OF = </xsl:text>
	<xsl:call-template name="string"><xsl:with-param name="text" select="$register/@asOf"/></xsl:call-template>
	<xsl:text>;&#10;</xsl:text>
      </xsl:when>
      <xsl:when test="$part = 'head'"><xsl:call-template name="head"/></xsl:when>
      <xsl:when test="$part = 'certificates'">
	<xsl:for-each select="$register/e:certificate">
	  <xsl:call-template name="certificate"/>
	  <xsl:if test="position() != last()">,&#10;</xsl:if>
	</xsl:for-each>
      </xsl:when>
      <xsl:when test="$part = 'tail'"><xsl:call-template name="tail"/></xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="head"/>
	<xsl:for-each select="$register/e:certificate">
	  <xsl:call-template name="certificate"/>
	  <xsl:if test="position() != last()">,</xsl:if>
	  <xsl:text>&#10;</xsl:text>
	</xsl:for-each>
	<xsl:call-template name="tail"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="head">
    <xsl:text>window.ECAP_REGISTER = {"asOf": </xsl:text>
    <xsl:call-template name="string"><xsl:with-param name="text" select="$register/@asOf"/></xsl:call-template>
    <xsl:text>, "society": </xsl:text>
    <xsl:call-template name="string"><xsl:with-param name="text" select="$register/@societyName"/></xsl:call-template>
    <xsl:text>, "certificates": [&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="tail">
    <xsl:text>]};&#10;</xsl:text>
  </xsl:template>

  <!-- The current certificate as an object. -->
  <xsl:template name="certificate">
    <xsl:text>{"serial": </xsl:text>
    <xsl:call-template name="string"><xsl:with-param name="text" select="@serial"/></xsl:call-template>
    <xsl:text>, "registration": </xsl:text>
    <xsl:call-template name="string"><xsl:with-param name="text" select="@registration"/></xsl:call-template>
    <xsl:text>, "name": </xsl:text>
    <xsl:call-template name="string"><xsl:with-param name="text" select="@name"/></xsl:call-template>
    <xsl:text>, "level": </xsl:text>
    <xsl:call-template name="string"><xsl:with-param name="text" select="concat(@levelName, ' ', @levelNameEn)"/></xsl:call-template>
    <xsl:text>, "field": </xsl:text>
    <xsl:call-template name="string"><xsl:with-param name="text" select="@fieldName"/></xsl:call-template>
    <xsl:text>, "status": </xsl:text>
    <xsl:call-template name="string"><xsl:with-param name="text" select="@status"/></xsl:call-template>
    <xsl:text>, "issued": </xsl:text>
    <xsl:call-template name="string"><xsl:with-param name="text" select="@issued"/></xsl:call-template>
    <xsl:text>, "expires": </xsl:text>
    <xsl:call-template name="string"><xsl:with-param name="text" select="@expires"/></xsl:call-template>
    <xsl:text>}</xsl:text>
  </xsl:template>

  <!-- A JavaScript string: quotes, backslashes and '<' (never a closing
       script tag) escaped; the register's values hold no control characters. -->
  <xsl:template name="string">
    <xsl:param name="text"/>
    <xsl:text>"</xsl:text>
    <xsl:call-template name="escape">
      <xsl:with-param name="text" select="translate(string($text), '&#9;&#10;&#13;', '   ')"/>
    </xsl:call-template>
    <xsl:text>"</xsl:text>
  </xsl:template>

  <xsl:template name="escape">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '\') or contains($text, '&quot;') or contains($text, '&lt;')">
	<xsl:variable name="c" select="substring(translate($text, translate($text, '\&quot;&lt;', ''), ''), 1, 1)"/>
	<xsl:value-of select="substring-before($text, $c)"/>
	<xsl:choose>
	  <xsl:when test="$c = '&lt;'">\u003c</xsl:when>
	  <xsl:otherwise><xsl:value-of select="concat('\', $c)"/></xsl:otherwise>
	</xsl:choose>
	<xsl:call-template name="escape">
	  <xsl:with-param name="text" select="substring-after($text, $c)"/>
	</xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
