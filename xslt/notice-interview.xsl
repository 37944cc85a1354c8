<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-interview.xsl - the interview invitation (面试通知) as XHTML for print:
  the letter document of letter-interview.xsl rendered by letter-xhtml.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-interview.xsl"/>
  <xsl:import href="letter-xhtml.xsl"/>
</xsl:stylesheet>
