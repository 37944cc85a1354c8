<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-failed-text.xsl - the result notice of a failed evaluation (评价结果通知（未通过）) as plain text (the e-mail twin):
  the letter document of letter-failed.xsl rendered by letter-text.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-failed.xsl"/>
  <xsl:import href="letter-text.xsl"/>
</xsl:stylesheet>
