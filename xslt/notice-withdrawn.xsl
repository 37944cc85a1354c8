<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-withdrawn.xsl - the confirmation of a withdrawal (撤回申请确认通知) as XHTML for print:
  the letter document of letter-withdrawn.xsl rendered by letter-xhtml.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-withdrawn.xsl"/>
  <xsl:import href="letter-xhtml.xsl"/>
</xsl:stylesheet>
