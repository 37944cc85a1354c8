<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-certified-text.xsl - the pass and certificate notice (评价通过及发证通知) as plain text (the e-mail twin):
  the letter document of letter-certified.xsl rendered by letter-text.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-certified.xsl"/>
  <xsl:import href="letter-text.xsl"/>
</xsl:stylesheet>
