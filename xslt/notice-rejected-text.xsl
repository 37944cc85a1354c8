<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-rejected-text.xsl - the rejection notice (不予受理通知) as plain text (the e-mail twin):
  the letter document of letter-rejected.xsl rendered by letter-text.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-rejected.xsl"/>
  <xsl:import href="letter-text.xsl"/>
</xsl:stylesheet>
