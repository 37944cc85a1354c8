<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-returned-text.xsl - the return notice (退回补正通知) as plain text (the e-mail twin):
  the letter document of letter-returned.xsl rendered by letter-text.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-returned.xsl"/>
  <xsl:import href="letter-text.xsl"/>
</xsl:stylesheet>
