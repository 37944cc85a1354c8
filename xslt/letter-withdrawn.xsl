<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-withdrawn.xsl - the confirmation of a withdrawal (撤回申请确认通知,
  process.md R12) as a letter document
  (xsd/letter.xsd), its words once (letter-staff.xsl); letter-xhtml.xsl and
  letter-text.xsl render it (notice-withdrawn.xsl, notice-withdrawn-text.xsl).

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Tells the applicant that the application is withdrawn as asked, with the
  request as the society recorded it.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-staff.xsl"/>

  <xsl:template match="/" mode="letter">
    <xsl:call-template name="require-staff-notice">
      <xsl:with-param name="kind" select="'withdrawn'"/>
      <xsl:with-param name="element" select="'withdrawal'"/>
    </xsl:call-template>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'withdrawn'"/>
      <xsl:with-param name="title" select="$withdrawal-title"/>
      <xsl:with-param name="body">
	<l:paragraph><xsl:call-template name="withdrawal-sentence"/></l:paragraph>
	<xsl:if test="$withdrawal-request != ''">
	  <l:section>
	    <l:heading>您的请求</l:heading>
	    <l:paragraph><xsl:value-of select="$withdrawal-request"/></l:paragraph>
	  </l:section>
	</xsl:if>
	<l:section>
	  <l:heading>今后的申请</l:heading>
	  <l:paragraph><xsl:value-of select="$withdrawal-advice"/></l:paragraph>
	</l:section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
