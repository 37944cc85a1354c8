<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-xhtml.xsl - a letter document (xsd/letter.xsd) as an XHTML page for
  print (A4, the CSS of letter-css.xsl).

  Given a letter document, it renders it. Given anything else (a dossier),
  it first builds the letter with the templates of mode "letter" that a
  builder (xslt/letter-KIND.xsl) imported beside it provides: that is how
  xslt/notice-KIND.xsl, which imports both, renders a dossier in one
  transform (exsl:node-set). No wording of a letter is here: every word
  comes from the letter document.

  The page: letterhead, title (h1) and reference, the particulars as a
  table, the salutation, the body (sections as h2, paragraphs, lists as ol
  or ul, particulars and tables as tables, l:strong, l:deadline and l:code
  as strong and spans), the closing, the signature and date, and a footer.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:l="urn:ecap:letter:1"
		xmlns:exsl="http://exslt.org/common"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="l exsl">

  <xsl:import href="letter-css.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="l:letter">
	<xsl:apply-templates select="l:letter" mode="xhtml"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:variable name="built">
	  <xsl:apply-templates select="." mode="letter"/>
	</xsl:variable>
	<xsl:variable name="letter" select="exsl:node-set($built)/l:letter"/>
	<xsl:if test="not($letter)">
	  <xsl:message terminate="yes">letter-xhtml: the document is not a letter (urn:ecap:letter:1)</xsl:message>
	</xsl:if>
	<xsl:apply-templates select="$letter" mode="xhtml"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="letter"/>

  <xsl:template match="l:letter" mode="xhtml">
    <xsl:variable name="society" select="l:letterhead/l:society"/>
    <html lang="zh-CN" xml:lang="zh-CN">
      <head>
	<meta charset="UTF-8"/>
	<meta name="viewport" content="width=device-width, initial-scale=1"/>
	<title>
	  <xsl:value-of select="l:title"/>
	  <xsl:if test="@application != ''">
	    <xsl:value-of select="concat(' - ', @application)"/>
	  </xsl:if>
	  <xsl:value-of select="concat(' - ', $society)"/>
	</title>
	<style type="text/css">
	  <xsl:call-template name="html-css"/>
	</style>
      </head>
      <body>
	<div class="sheet">
	  <div class="letter">
	    <xsl:apply-templates select="l:letterhead | l:title | l:reference | l:fields
					 | l:salutation | l:body/*"
				 mode="xhtml"/>
	    <!-- printed, the closing's last words and the signature stay on one
		 page: the signature never stands alone -->
	    <div class="closing">
	      <xsl:apply-templates select="l:closing/l:paragraph[position() &lt; last()]" mode="xhtml"/>
	    </div>
	    <div class="sign-off">
	      <div class="closing">
		<xsl:apply-templates select="l:closing/l:paragraph[last()] | l:closing/l:regards
					     | l:closing/l:salute" mode="xhtml"/>
	      </div>
	      <xsl:apply-templates select="l:signature" mode="xhtml"/>
	    </div>
	    <xsl:apply-templates select="l:appendix" mode="xhtml"/>
	  </div>
	  <div class="footer">
	    <span>
	      <xsl:value-of select="$society"/>
	      <xsl:if test="l:letterhead/l:society-en">
		<xsl:text>　</xsl:text>
		<span lang="en"><xsl:value-of select="l:letterhead/l:society-en"/></span>
	      </xsl:if>
	    </span>
	    <span><xsl:value-of select="l:signature/l:date"/></span>
	  </div>
	</div>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="l:letterhead" mode="xhtml">
    <div class="letterhead">
      <div class="society"><xsl:value-of select="l:society"/></div>
      <xsl:if test="l:society-en">
	<div class="society-en" lang="en"><xsl:value-of select="l:society-en"/></div>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template match="l:title" mode="xhtml">
    <h1><xsl:value-of select="."/></h1>
  </xsl:template>

  <xsl:template match="l:reference" mode="xhtml">
    <div class="reference"><xsl:value-of select="concat(@label, '：', .)"/></div>
  </xsl:template>

  <xsl:template match="l:salutation" mode="xhtml">
    <div class="salutation"><xsl:value-of select="."/></div>
  </xsl:template>

  <xsl:template match="l:section" mode="xhtml">
    <xsl:apply-templates mode="xhtml"/>
  </xsl:template>

  <xsl:template match="l:section/l:heading" mode="xhtml">
    <h2><xsl:value-of select="."/></h2>
  </xsl:template>

  <xsl:template match="l:paragraph | l:regards | l:salute" mode="xhtml">
    <p>
      <xsl:choose>
	<xsl:when test="self::l:regards"><xsl:attribute name="class">regards</xsl:attribute></xsl:when>
	<xsl:when test="self::l:salute"><xsl:attribute name="class">salute</xsl:attribute></xsl:when>
	<xsl:when test="@class"><xsl:attribute name="class"><xsl:value-of select="@class"/></xsl:attribute></xsl:when>
      </xsl:choose>
      <xsl:apply-templates mode="xhtml"/>
    </p>
  </xsl:template>

  <xsl:template match="l:list" mode="xhtml">
    <xsl:choose>
      <xsl:when test="@numbered = 'yes'">
	<ol class="{@class}"><xsl:apply-templates mode="xhtml"/></ol>
      </xsl:when>
      <xsl:otherwise>
	<ul class="{@class}"><xsl:apply-templates mode="xhtml"/></ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="l:item" mode="xhtml">
    <li><xsl:apply-templates mode="xhtml"/></li>
  </xsl:template>

  <xsl:template match="l:item/l:heading" mode="xhtml">
    <span class="heading"><xsl:value-of select="."/></span>
  </xsl:template>

  <xsl:template match="l:detail" mode="xhtml">
    <span class="detail"><xsl:value-of select="."/></span>
  </xsl:template>

  <xsl:template match="l:fields" mode="xhtml">
    <table class="{@class} fields">
      <tbody><xsl:apply-templates mode="xhtml"/></tbody>
    </table>
  </xsl:template>

  <xsl:template match="l:field" mode="xhtml">
    <tr>
      <th scope="row"><xsl:value-of select="@label"/></th>
      <td><xsl:apply-templates mode="xhtml"/></td>
    </tr>
  </xsl:template>

  <xsl:template match="l:table" mode="xhtml">
    <table class="{@class}">
      <xsl:if test="l:columns">
	<thead>
	  <tr>
	    <xsl:for-each select="l:columns/l:column">
	      <th scope="col"><xsl:value-of select="."/></th>
	    </xsl:for-each>
	  </tr>
	</thead>
      </xsl:if>
      <tbody><xsl:apply-templates select="l:row" mode="xhtml"/></tbody>
    </table>
  </xsl:template>

  <xsl:template match="l:row" mode="xhtml">
    <tr>
      <xsl:if test="@class"><xsl:attribute name="class"><xsl:value-of select="@class"/></xsl:attribute></xsl:if>
      <xsl:for-each select="l:cell">
	<td>
	  <xsl:if test="@class"><xsl:attribute name="class"><xsl:value-of select="@class"/></xsl:attribute></xsl:if>
	  <xsl:apply-templates mode="xhtml"/>
	</td>
      </xsl:for-each>
    </tr>
  </xsl:template>

  <xsl:template match="l:appendix" mode="xhtml">
    <div class="appendix"><xsl:apply-templates mode="xhtml"/></div>
  </xsl:template>

  <xsl:template match="l:signature" mode="xhtml">
    <div class="signature">
      <xsl:if test="starts-with(@seal, 'data:image/svg+xml;base64,')">
	<img class="seal" src="{@seal}" alt="{concat(l:name, '印章')}"/>
      </xsl:if>
      <p class="who"><xsl:value-of select="l:name"/></p>
      <xsl:if test="l:signatory">
	<p class="signatory"><xsl:value-of select="l:signatory"/></p>
      </xsl:if>
      <p class="when"><xsl:value-of select="l:date"/></p>
    </div>
  </xsl:template>

  <xsl:template match="l:strong" mode="xhtml">
    <strong><xsl:apply-templates mode="xhtml"/></strong>
  </xsl:template>

  <xsl:template match="l:deadline" mode="xhtml">
    <span class="deadline"><xsl:apply-templates mode="xhtml"/></span>
  </xsl:template>

  <xsl:template match="l:code" mode="xhtml">
    <span class="code"><xsl:apply-templates mode="xhtml"/></span>
  </xsl:template>

</xsl:stylesheet>
