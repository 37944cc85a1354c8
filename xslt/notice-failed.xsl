<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-failed.xsl - the result notice of a failed evaluation (评价结果通知（未通过）) as XHTML for print:
  the letter document of letter-failed.xsl rendered by letter-xhtml.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-failed.xsl"/>
  <xsl:import href="letter-xhtml.xsl"/>
</xsl:stylesheet>
