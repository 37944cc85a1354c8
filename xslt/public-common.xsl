<?xml version="1.0" encoding="UTF-8"?>
<!--
  public-common.xsl - the parts the public notices (public-publicity.xsl,
  public-register-changes.xsl) share: the lookups (notice-lookups.xsl),
  the print CSS (letter-css.xsl), the letterhead and footer of a page and
  the line that says which part of a run's list a page is. The notices
  redefine $society-name, $society-name-en and $notice-date from the
  document they render.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="notice-lookups.xsl"/>
  <xsl:import href="letter-css.xsl"/>

  <xsl:template name="html-letterhead">
    <div class="letterhead">
      <div class="society"><xsl:value-of select="$signatory"/></div>
      <xsl:if test="$society-name-en != ''">
	<div class="society-en" lang="en"><xsl:value-of select="$society-name-en"/></div>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="html-footer">
    <div class="footer">
      <span>
	<xsl:value-of select="$signatory"/>
	<xsl:if test="$society-name-en != ''">
	  <xsl:text>　</xsl:text>
	  <span lang="en"><xsl:value-of select="$society-name-en"/></span>
	</xsl:if>
      </span>
      <span><xsl:value-of select="$notice-date"/></span>
    </div>
  </xsl:template>

  <!-- Under a public notice's title: which part of its run's list it is,
       when the list came in parts (publicity/@noticeEntries of the policy). -->
  <xsl:template name="public-part">
    <xsl:param name="list"/>
    <xsl:if test="$list/@parts">
      <p class="part">
	<xsl:value-of select="concat('（第', $list/@part, '部分，共', $list/@parts, '部分，序号连续）')"/>
      </p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
