<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-status.xsl - the letter about a change of a certificate's status as XHTML for print:
  the letter document of letter-status.xsl rendered by letter-xhtml.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter-status.xsl"/>
  <xsl:import href="letter-xhtml.xsl"/>
</xsl:stylesheet>
