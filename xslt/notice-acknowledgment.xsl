<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-acknowledgment.xsl - the acknowledgment (受理通知) as XHTML for print:
  the letter document of letter-acknowledgment.xsl rendered by letter-xhtml.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-acknowledgment.xsl"/>
  <xsl:import href="letter-xhtml.xsl"/>
</xsl:stylesheet>
