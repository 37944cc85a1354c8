<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-acknowledgment-text.xsl - the acknowledgment (受理通知) as plain text (72 columns):
  the letter document of letter-acknowledgment.xsl rendered by letter-text.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-acknowledgment.xsl"/>
  <xsl:import href="letter-text.xsl"/>
</xsl:stylesheet>
