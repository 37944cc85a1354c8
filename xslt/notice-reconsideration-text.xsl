<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-reconsideration-text.xsl - the outcome of a reconsideration (复核结果通知) as plain text (the e-mail twin):
  the letter document of letter-reconsideration.xsl rendered by letter-text.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-reconsideration.xsl"/>
  <xsl:import href="letter-text.xsl"/>
</xsl:stylesheet>
