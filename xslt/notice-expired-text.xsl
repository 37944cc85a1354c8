<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-expired-text.xsl - the expiry notice (逾期未补正通知) as plain text (the e-mail twin):
  the letter document of letter-expired.xsl rendered by letter-text.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-expired.xsl"/>
  <xsl:import href="letter-text.xsl"/>
</xsl:stylesheet>
