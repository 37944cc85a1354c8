<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-supplement-text.xsl - the supplement request (补充材料通知) as plain text (the e-mail twin):
  the letter document of letter-supplement.xsl rendered by letter-text.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-supplement.xsl"/>
  <xsl:import href="letter-text.xsl"/>
</xsl:stylesheet>
