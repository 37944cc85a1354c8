<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-reconsideration.xsl - the outcome of a reconsideration (复核结果通知,
  process.md R12) as a letter document
  (xsd/letter.xsd), its words once (letter-staff.xsl); letter-xhtml.xsl and
  letter-text.xsl render it (notice-reconsideration.xsl, notice-reconsideration-text.xsl).

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Tells the applicant what the reconsideration decided: the decision
  confirmed, or reopened (validated again, or back to material review).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-staff.xsl"/>

  <xsl:template match="/" mode="letter">
    <xsl:call-template name="require-staff-notice">
      <xsl:with-param name="kind" select="'reconsideration'"/>
      <xsl:with-param name="element" select="'reconsideration'"/>
    </xsl:call-template>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'reconsideration'"/>
      <xsl:with-param name="title" select="$reconsideration-title"/>
      <xsl:with-param name="body">
	<l:paragraph><xsl:call-template name="reconsideration-sentence"/></l:paragraph>
	<l:paragraph><xsl:call-template name="reconsideration-outcome"/></l:paragraph>
	<xsl:if test="$reconsideration-finding != ''">
	  <l:section>
	    <l:heading>复核意见</l:heading>
	    <l:paragraph><xsl:value-of select="$reconsideration-finding"/></l:paragraph>
	  </l:section>
	</xsl:if>
	<xsl:if test="$staff-result/@outcome = 'confirm' and normalize-space($feedback-name) != ''">
	  <l:section>
	    <l:heading>意见反馈</l:heading>
	    <xsl:call-template name="final-decision-routes">
	      <xsl:with-param name="confirmed" select="true()"/>
	    </xsl:call-template>
	  </l:section>
	</xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
