<?xml version="1.0" encoding="UTF-8"?>
<!--
  quarantine-reason.xsl - the reason file beside a quarantined input
  (quarantine/NAME.reason.xml): the document the run builds (input, code,
  date, path, sha256, and the message as its text), with the message headed
  by the reason code's heading, the same heading the letters give it
  (reason-heading in notice-lookups.xsl). The run carries no Chinese of its
  own: `status` and the operator read the heading written here.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-lookups.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:apply-templates select="e:quarantined"/>
  </xsl:template>

  <xsl:template match="e:quarantined">
    <xsl:copy>
      <xsl:copy-of select="@*"/>
      <xsl:call-template name="reason-heading">
	<xsl:with-param name="code" select="string(@code)"/>
      </xsl:call-template>
      <xsl:text>：</xsl:text>
      <xsl:value-of select="."/>
    </xsl:copy>
  </xsl:template>

</xsl:stylesheet>
