<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-rejected.xsl - the rejection notice (不予受理通知) as XHTML for print:
  the letter document of letter-rejected.xsl rendered by letter-xhtml.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-rejected.xsl"/>
  <xsl:import href="letter-xhtml.xsl"/>
</xsl:stylesheet>
