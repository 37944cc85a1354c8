<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-reconsideration.xsl - the outcome of a reconsideration (复核结果通知) as XHTML for print:
  the letter document of letter-reconsideration.xsl rendered by letter-xhtml.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-reconsideration.xsl"/>
  <xsl:import href="letter-xhtml.xsl"/>
</xsl:stylesheet>
