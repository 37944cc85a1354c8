<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-withdrawn-text.xsl - the confirmation of a withdrawal (撤回申请确认通知) as plain text (the e-mail twin):
  the letter document of letter-withdrawn.xsl rendered by letter-text.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-withdrawn.xsl"/>
  <xsl:import href="letter-text.xsl"/>
</xsl:stylesheet>
